import { describe, expect, it } from 'vitest';
import { startupBanner } from './startup-banner.js';

describe('startup banner', () => {
  it('never prints a host token the operator set', () => {
    const text = startupBanner('http://127.0.0.1:8787', 'operator-secret-token-123', false).join('\n');
    expect(text).not.toContain('operator-secret-token-123');
    expect(text).toContain('/host?room=demo&token=<ONCUE_HOST_TOKEN>');
  });

  it('prints a generated token once in each URL that needs it, so the operator can sign in', () => {
    const lines = startupBanner('http://127.0.0.1:8787', 'gen/token+1', true);
    expect(lines.find((l) => l.includes('host console'))).toContain('/host?room=demo&token=gen%2Ftoken%2B1');
    expect(lines.find((l) => l.includes('dashboard'))).toContain('token=gen%2Ftoken%2B1');
    expect(lines.at(-1)).toContain('gen/token+1');
  });
});
