/**
 * Fixed vectors of the lottery draw, computed by an independent implementation
 * (Python's hashlib/hmac, see docs/lottery.md) and checked by the vitest spec
 * (Node's WebCrypto) and the browser test (Chromium's WebCrypto) alike.
 */
export const DRAW_VECTORS = {
  "seed": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
  "commitment": "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd",
  "entryId": {
    "interaction": "lot-1",
    "viewer": "viewer-0",
    "id": "d7e2840b2b344ce7cb6490957535131862b62bb51b3983735d3cd034fec0bdea"
  },
  "entryList": [
    "0b05f833f5378f220ca67622e35573c51c0907874134982f36f3ca693bbbd106",
    "1643ade8ef2bf5d8f966716adb47bd5a1dbb1929663f9602e7956c6668455899",
    "3a36aaba86ee7f902b799651b69fc4d70d2c0c08c2b45ad5a44bbebbcd3e0dec",
    "44c9cc7110b3668fde27ea6377ccdc427168f91702ce48675ae95efd6a7f7d91",
    "4b5ca725ec96f9150df3167beb1a34e5dfee520c41eb3a64e7afe177d403de77",
    "6c594f2b9c7a0abd55f1bce578dd505ecaae34c0fc72f5bf64c4b4a54caad20e",
    "ade2e7d1dc998e1f102a0995c88aec055afcb464d34a5dc8fc4b25f220b3f4d1",
    "aff90995e8a0fedda7ca276afa59138e184fc0ef370a050d823116b76083d6cb",
    "d7e2840b2b344ce7cb6490957535131862b62bb51b3983735d3cd034fec0bdea",
    "d8302ee08898db22c6d4de6c518b1097df9178885dd19fbf5644a3213eb978d9"
  ],
  "winners3": [
    "aff90995e8a0fedda7ca276afa59138e184fc0ef370a050d823116b76083d6cb",
    "0b05f833f5378f220ca67622e35573c51c0907874134982f36f3ca693bbbd106",
    "3a36aaba86ee7f902b799651b69fc4d70d2c0c08c2b45ad5a44bbebbcd3e0dec"
  ],
  "winners10": [
    "aff90995e8a0fedda7ca276afa59138e184fc0ef370a050d823116b76083d6cb",
    "0b05f833f5378f220ca67622e35573c51c0907874134982f36f3ca693bbbd106",
    "3a36aaba86ee7f902b799651b69fc4d70d2c0c08c2b45ad5a44bbebbcd3e0dec",
    "d7e2840b2b344ce7cb6490957535131862b62bb51b3983735d3cd034fec0bdea",
    "ade2e7d1dc998e1f102a0995c88aec055afcb464d34a5dc8fc4b25f220b3f4d1",
    "d8302ee08898db22c6d4de6c518b1097df9178885dd19fbf5644a3213eb978d9",
    "1643ade8ef2bf5d8f966716adb47bd5a1dbb1929663f9602e7956c6668455899",
    "44c9cc7110b3668fde27ea6377ccdc427168f91702ce48675ae95efd6a7f7d91",
    "6c594f2b9c7a0abd55f1bce578dd505ecaae34c0fc72f5bf64c4b4a54caad20e",
    "4b5ca725ec96f9150df3167beb1a34e5dfee520c41eb3a64e7afe177d403de77"
  ]
} as const;
