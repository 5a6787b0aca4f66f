import { describe, expect, it } from 'vitest';
import { ActRequestSchema } from './act.js';
import { HandshakeSchema } from './messages.js';
import { VotePayloadSchema } from './kinds/poll/poll-actions.js';
import { parse } from './parse.js';
import { PollSpecSchema } from './kinds/poll/poll.js';
import { isImageUrl } from './image-url.js';
import { labelTextProblem } from './label-text.js';
import { InteractionSpecSchema } from './interaction.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';
import { canTransition } from './interaction-status.js';

const poll = (extra: Record<string, unknown> = {}) => ({
  kind: 'poll',
  question: 'Which outfit?',
  options: [{ label: 'Red' }, { label: 'Blue' }],
  ...extra,
});

describe('parse', () => {
  it('accepts a valid act and returns the parsed value', () => {
    const result = parse(ActRequestSchema, { interaction: 'p1', action: 'vote', payload: { choices: [0] }, key: 'abcdefgh-1' });
    expect(result).toEqual({ ok: true, value: { interaction: 'p1', action: 'vote', payload: { choices: [0] }, key: 'abcdefgh-1' } });
  });

  it('refuses an act whose action is not a short identifier', () => {
    for (const action of ['', 'Vote', 'a'.repeat(33), 'vote now', 42]) {
      const result = parse(ActRequestSchema, { interaction: 'p1', action, payload: {}, key: 'abcdefgh-1' });
      expect(result.ok ? 'ok' : result.error.message).toMatch(/^action: /);
    }
  });

  it('answers bad_request with the path of the first issue', () => {
    const result = parse(VotePayloadSchema, { choices: ['x'] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_request');
      expect(result.error.message).toMatch(/^choices\.0: /);
    }
  });

  it('answers bad_request for non-objects, null and undefined', () => {
    for (const input of [null, undefined, 42, 'vote', [1, 2]]) {
      const result = parse(ActRequestSchema, input);
      expect(result.ok ? 'ok' : result.error.code).toBe('bad_request');
    }
  });

  it('answers payload_too_large before validating an oversized payload', () => {
    const result = parse(ActRequestSchema, { interaction: 'p1', action: 'vote', payload: { choices: [0] }, key: 'k'.repeat(MAX_PAYLOAD_BYTES) });
    expect(result.ok ? 'ok' : result.error.code).toBe('payload_too_large');
  });

  it('counts multi-byte characters in UTF-8 bytes', () => {
    const nearLimit = '投'.repeat(Math.floor(MAX_PAYLOAD_BYTES / 2)); // 3 bytes each in UTF-8
    const result = parse(HandshakeSchema, { room: 'r', viewerToken: nearLimit });
    expect(result.ok ? 'ok' : result.error.code).toBe('payload_too_large');
  });

  it('answers bad_request for a payload it cannot serialise', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = parse(ActRequestSchema, cyclic);
    expect(result.ok ? 'ok' : result.error.code).toBe('bad_request');
  });
});

describe('poll spec', () => {
  it('fills defaults: single choice, no changes, live results, open at once', () => {
    const result = parse(PollSpecSchema, poll());
    expect(result.ok && result.value).toMatchObject({ multi: false, allowChange: false, results: 'live', draft: false });
  });

  it('requires 2 to 10 options with non-empty labels', () => {
    expect(parse(PollSpecSchema, poll({ options: [{ label: 'only' }] })).ok).toBe(false);
    expect(parse(PollSpecSchema, poll({ options: Array.from({ length: 11 }, (_, i) => ({ label: `o${i}` })) })).ok).toBe(false);
    expect(parse(PollSpecSchema, poll({ options: [{ label: '  ' }, { label: 'b' }] })).ok).toBe(false);
    expect(parse(PollSpecSchema, poll({ options: Array.from({ length: 10 }, (_, i) => ({ label: `o${i}` })) })).ok).toBe(true);
  });

  it('accepts image options by https:// URL with a host or a path on the page’s own site only', () => {
    expect(
      parse(
        PollSpecSchema,
        poll({
          options: [
            { label: 'a', image: 'https://cdn.example/a.jpg' },
            { label: 'b', image: '/img/b.png' },
          ],
        }),
      ).ok,
    ).toBe(true);
    for (const image of ['https://cdn.example', 'https://cdn.example:8443/a.png?x=1#y', 'HTTPS://CDN.EXAMPLE/A.PNG', '/a.png']) {
      expect(isImageUrl(image), image).toBe(true);
    }
    const refused = [
      'javascript:alert(1)',
      'http://cdn.example/a.png',
      '//other.host/x.png',
      '/\\evil.example/x.png',
      '/\\/evil.example/x.png',
      'https://',
      'https:///x.png',
      'https://user:pw@cdn.example/a.png',
      'https://cdn.example/a b.png',
      'https://cdn.example\\@evil.example/',
      'data:image/png;base64,AAAA',
      '',
      '/',
      'img/a.png',
    ];
    for (const image of refused) {
      expect(isImageUrl(image), image).toBe(false);
      expect(parse(PollSpecSchema, poll({ options: [{ label: 'a', image }, { label: 'b' }] })).ok, image).toBe(false);
    }
  });

  it('refuses labels with bidirectional controls, control characters or nothing visible', () => {
    const refused = [
      'Red\u202Egnp.exe', // right-to-left override
      '\u2067Blue\u2069', // isolates
      'Green\u200F', // right-to-left mark
      '\u200B\u200B', // zero-width spaces only
      '\u200D\uFEFF\u2060', // joiner, BOM, word joiner
      '\u3164', // Hangul filler
      'Two\nlines',
    ];
    for (const label of refused) {
      const result = parse(PollSpecSchema, poll({ options: [{ label }, { label: 'b' }] }));
      expect(result.ok, JSON.stringify(label)).toBe(false);
      expect(!result.ok && result.error.message, JSON.stringify(label)).toContain('option label');
    }
    expect(parse(PollSpecSchema, poll({ question: '\u202EWhich?' })).ok).toBe(false);
    expect(parse(InteractionSpecSchema, { kind: 'lottery', prize: '\u200B' }).ok).toBe(false);
    expect(parse(InteractionSpecSchema, { kind: 'lottery', prize: 'Mug', claim: { fields: [{ id: 'contact', label: '\u202Eenohp' }] } }).ok).toBe(false);
    expect(parse(InteractionSpecSchema, { kind: 'quiz', questions: [{ prompt: '\u2066?', options: [{ label: 'a' }, { label: 'b' }], correct: 0 }] }).ok).toBe(
      false,
    );
    // Real text in any script, emoji sequences with joiners, and Arabic or Hebrew without control characters pass.
    for (const label of ['口红', '👩‍👩‍👧 Family pack', 'مرحبا', 'שלום', 'Größe M', '½ price']) {
      expect(parse(PollSpecSchema, poll({ options: [{ label }, { label: 'b' }] })).ok, label).toBe(true);
    }
    expect(labelTextProblem('a\u202Eb')).toContain('bidirectional');
  });

  it('rejects maxChoices larger than the option count', () => {
    expect(parse(PollSpecSchema, poll({ multi: true, maxChoices: 3 })).ok).toBe(false);
    expect(parse(PollSpecSchema, poll({ multi: true, maxChoices: 2 })).ok).toBe(true);
  });

  it('discriminates interaction specs by kind', () => {
    expect(parse(InteractionSpecSchema, poll()).ok).toBe(true);
    expect(parse(InteractionSpecSchema, { ...poll(), kind: 'raffle' }).ok).toBe(false);
  });
});

describe('interaction status', () => {
  it('moves only forward: draft → open → closed, or a draft straight to closed', () => {
    expect(canTransition('draft', 'open')).toBe(true);
    expect(canTransition('open', 'closed')).toBe(true);
    expect(canTransition('draft', 'closed')).toBe(true);
    expect(canTransition('closed', 'open')).toBe(false);
    expect(canTransition('open', 'draft')).toBe(false);
    expect(canTransition('open', 'open')).toBe(false);
  });
});

describe('quiz spec', () => {
  const quiz = (question: Record<string, unknown> = {}) => ({
    kind: 'quiz',
    questions: [{ prompt: 'Two plus two?', options: [{ label: '3' }, { label: '4' }], correct: 1, ...question }],
  });

  it('fills defaults: 15 seconds per question, speed scoring on, open at once', () => {
    const result = parse(InteractionSpecSchema, quiz());
    expect(result.ok && result.value).toMatchObject({ kind: 'quiz', speedScoring: true, draft: false, questions: [{ seconds: 15 }] });
  });

  it('requires a correct index inside the options, 2-6 options and 5-300 seconds', () => {
    expect(parse(InteractionSpecSchema, quiz({ correct: 2 })).ok).toBe(false);
    expect(parse(InteractionSpecSchema, quiz({ correct: -1 })).ok).toBe(false);
    expect(parse(InteractionSpecSchema, quiz({ options: [{ label: 'a' }], correct: 0 })).ok).toBe(false);
    expect(parse(InteractionSpecSchema, quiz({ options: Array.from({ length: 7 }, (_, i) => ({ label: `o${i}` })) })).ok).toBe(false);
    expect(parse(InteractionSpecSchema, quiz({ seconds: 4 })).ok).toBe(false);
    expect(parse(InteractionSpecSchema, quiz({ seconds: 300 })).ok).toBe(true);
    expect(parse(InteractionSpecSchema, { kind: 'quiz', questions: [] }).ok).toBe(false);
  });
});
