/**
 * Fixed vectors of the blind-box commitment, text normalisation and winners, computed by an independent
 * implementation (Python's hashlib/hmac/json/unicodedata: `python3 packages/protocol/test/blindbox-vectors.py`, see
 * docs/blindbox.md) and checked by the vitest spec (Node's WebCrypto).
 *
 * `entries[k]` is the ticket of the k-th viewer (`SHA-256("box-1:" + secret)`, the secret the byte k 32 times);
 * each box's `guesses` are in acceptance order.
 */
export const BLINDBOX_VECTORS = {
  salt: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  seed: '202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f',
  seedCommitment: '72dbb7336c76780023f83da4c355f2eeea85733b13d3477697917790c1229084',
  entries: [
    '1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3',
    '9e94d6394f65870e182dd1c8addcfaa23b84936c7d2ac2545a9a35e0b229048e',
    'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c',
    '3e6ebe941e26fbb66f618c66c682c65f3ca3332b77a9ad74c1c2c7b4abb43322',
    '3dc56d3d5149e8569f07a5678a056ecc2d4032a4fcaa6b878f6c6784ea7ec3de',
    '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951',
    '6744a82cd7c928eb24e09f421f33fef2bf97fa9d387afc268d0eddbe0c00fa99',
    'e3669082f48f48c5e1936c8f01986cbbf418f30e059b762a83f7a45d0d81225e',
  ],
  boxes: {
    choice: {
      box: {
        type: 'choice',
        answer: 1,
      },
      json: '{"type":"choice","answer":1}',
      commitment: '9439d8d02088d21f60a6c0c61ac79638f243382bcbcf52cfb7417cc2dbcd67aa',
      guesses: [
        {
          entry: '1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3',
          value: 1,
        },
        {
          entry: '9e94d6394f65870e182dd1c8addcfaa23b84936c7d2ac2545a9a35e0b229048e',
          value: 0,
        },
        {
          entry: 'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c',
          value: 1,
        },
        {
          entry: '3e6ebe941e26fbb66f618c66c682c65f3ca3332b77a9ad74c1c2c7b4abb43322',
          value: 2,
        },
        {
          entry: '3dc56d3d5149e8569f07a5678a056ecc2d4032a4fcaa6b878f6c6784ea7ec3de',
          value: 1,
        },
        {
          entry: '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951',
          value: 1,
        },
        {
          entry: '6744a82cd7c928eb24e09f421f33fef2bf97fa9d387afc268d0eddbe0c00fa99',
          value: 0,
        },
        {
          entry: 'e3669082f48f48c5e1936c8f01986cbbf418f30e059b762a83f7a45d0d81225e',
          value: 1,
        },
      ],
      all: [
        '1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3',
        'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c',
        '3dc56d3d5149e8569f07a5678a056ecc2d4032a4fcaa6b878f6c6784ea7ec3de',
        '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951',
        'e3669082f48f48c5e1936c8f01986cbbf418f30e059b762a83f7a45d0d81225e',
      ],
      first2: ['1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3', 'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c'],
      draw2: ['1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3', 'e3669082f48f48c5e1936c8f01986cbbf418f30e059b762a83f7a45d0d81225e'],
    },
    number: {
      box: {
        type: 'number',
        answer: 42,
      },
      json: '{"type":"number","answer":42}',
      commitment: '81aaffa4234187567d32a8574a10b0a5ccd09acce65ebe7fa98d193c7180bdec',
      guesses: [
        {
          entry: '1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3',
          value: 40,
        },
        {
          entry: '9e94d6394f65870e182dd1c8addcfaa23b84936c7d2ac2545a9a35e0b229048e',
          value: 45,
        },
        {
          entry: 'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c',
          value: 42,
        },
        {
          entry: '3e6ebe941e26fbb66f618c66c682c65f3ca3332b77a9ad74c1c2c7b4abb43322',
          value: 44,
        },
        {
          entry: '3dc56d3d5149e8569f07a5678a056ecc2d4032a4fcaa6b878f6c6784ea7ec3de',
          value: 39,
        },
        {
          entry: '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951',
          value: 42,
        },
        {
          entry: '6744a82cd7c928eb24e09f421f33fef2bf97fa9d387afc268d0eddbe0c00fa99',
          value: 100,
        },
        {
          entry: 'e3669082f48f48c5e1936c8f01986cbbf418f30e059b762a83f7a45d0d81225e',
          value: 40,
        },
      ],
      all: ['ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c', '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951'],
      closest3: [
        'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c',
        '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951',
        '1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3',
      ],
    },
    text: {
      box: {
        type: 'text',
        answer: ['Lipstick', '口红'],
      },
      json: '{"type":"text","answer":["Lipstick","口红"]}',
      commitment: '913ff6c89d46b2565ff6495d1f0507b4628ab63dae85df40cde108d2f7cdb8dd',
      guesses: [
        {
          entry: '1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3',
          value: '  Ｌｉｐ-Stick！',
        },
        {
          entry: '9e94d6394f65870e182dd1c8addcfaa23b84936c7d2ac2545a9a35e0b229048e',
          value: 'perfume',
        },
        {
          entry: 'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c',
          value: '口红。',
        },
        {
          entry: '3e6ebe941e26fbb66f618c66c682c65f3ca3332b77a9ad74c1c2c7b4abb43322',
          value: 'LIPSTICK',
        },
        {
          entry: '3dc56d3d5149e8569f07a5678a056ecc2d4032a4fcaa6b878f6c6784ea7ec3de',
          value: 'lip stick?',
        },
        {
          entry: '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951',
          value: '口 红',
        },
        {
          entry: '6744a82cd7c928eb24e09f421f33fef2bf97fa9d387afc268d0eddbe0c00fa99',
          value: 'scarf',
        },
        {
          entry: 'e3669082f48f48c5e1936c8f01986cbbf418f30e059b762a83f7a45d0d81225e',
          value: 'lipsticks',
        },
      ],
      all: [
        '1810037dec1773379a5dc2bf21ab3328d30899f46aebeb27b4f5cf0266fbd0e3',
        'ee8e6d8dd247ba23f4c3b90e7baa8af879f7f5a0689df0564202059f56f9f63c',
        '3e6ebe941e26fbb66f618c66c682c65f3ca3332b77a9ad74c1c2c7b4abb43322',
        '3dc56d3d5149e8569f07a5678a056ecc2d4032a4fcaa6b878f6c6784ea7ec3de',
        '94fca887b174abd7c34cd06f1f8275ee6c6cf9c4695ec444f9efd7497a5f3951',
      ],
    },
  },
  normalised: [
    ['  Ｌｉｐ-Stick！', 'lipstick'],
    ['口红。', '口红'],
    ['「口红」', '口红'],
    ['ＡＢＣ１２３', 'abc123'],
    ['Crème Brûlée', 'crèmebrûlée'],
    ['Ⅻ', 'xii'],
    ['a　b', 'ab'],
    ['¿Qué?', 'qué'],
  ],
} as const;
