import { afterEach, describe, expect, it, vi } from 'vitest';
import { idempotencyKey } from './idempotency-key.js';

const PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

describe('idempotencyKey', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes distinct keys the server accepts', () => {
    const keys = new Set(Array.from({ length: 100 }, idempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(PATTERN);
  });

  it('falls back to getRandomValues outside secure contexts', () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(171) });
    expect(idempotencyKey()).toBe('ab'.repeat(16));
  });

  it('falls back to Math.random without Web Crypto', () => {
    vi.stubGlobal('crypto', undefined);
    expect(idempotencyKey()).toMatch(PATTERN);
  });
});
