import { describe, expect, it } from 'vitest';
import { budgetOptionsFromEnv } from './budget-env.js';

describe('budgetOptionsFromEnv', () => {
  it('leaves the defaults when nothing is set', () => {
    expect(budgetOptionsFromEnv({})).toEqual({});
  });

  it('reads every limit, with 0 meaning no cap', () => {
    expect(
      budgetOptionsFromEnv({
        ONCUE_TRUST_PROXY: '1',
        ONCUE_MAX_SOCKETS_PER_ADDRESS: '0',
        ONCUE_MAX_UNREAD_BYTES: '65536',
        ONCUE_ANONYMOUS_VIEWERS: '5',
        ONCUE_SIGNED_ONLY_ROOMS: 'launch, vip ,',
      }),
    ).toEqual({
      trustProxy: 1,
      maxSocketsPerAddress: false,
      maxUnreadBytes: 65536,
      anonymousViewers: { max: 5, windowMs: 600_000 },
      signedOnlyRooms: ['launch', 'vip'],
    });
    expect(budgetOptionsFromEnv({ ONCUE_TRUST_PROXY: 'true', ONCUE_ANONYMOUS_VIEWERS: '0' })).toEqual({ trustProxy: true, anonymousViewers: false });
  });

  it('names a malformed variable', () => {
    expect(() => budgetOptionsFromEnv({ ONCUE_TRUST_PROXY: 'yes' })).toThrow(/ONCUE_TRUST_PROXY/);
    expect(() => budgetOptionsFromEnv({ ONCUE_MAX_SOCKETS_PER_ADDRESS: '-1' })).toThrow(/ONCUE_MAX_SOCKETS_PER_ADDRESS/);
    expect(() => budgetOptionsFromEnv({ ONCUE_MAX_UNREAD_BYTES: '10' })).toThrow(/at least 1024/);
  });
});
