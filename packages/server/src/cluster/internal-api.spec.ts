import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { InternalClient, startInternalApi, type RoomCall } from './internal-api.js';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function api(received: { channel: string; calls: readonly RoomCall[] }[]) {
  const started = await startInternalApi({
    host: '127.0.0.1',
    secret: 'the-cluster-secret',
    logger: silentLogger,
    handlers: {
      rooms: async (channel, calls) => {
        received.push({ channel, calls });
        return channel === 'elsewhere' ? calls.map(() => ({ moved: true as const })) : calls.map((call) => ({ result: { ok: true, value: call.args[0] } }));
      },
      http: async () => ({ statusCode: 204, headers: { 'x-test': 'yes' }, body: '' }),
    },
  });
  closers.push(() => started.close());
  return started;
}

describe('internal API (forwarded calls between processes)', () => {
  it('answers the calls of one turn to one owner in one request, each with its own answer', async () => {
    const received: { channel: string; calls: readonly RoomCall[] }[] = [];
    const { url } = await api(received);
    const client = new InternalClient('the-cluster-secret');
    closers.push(() => client.close());
    const answers = await Promise.all([1, 2, 3].map((n) => client.room(url, 'acme', { method: 'act', args: [n] })));
    expect(answers).toEqual([1, 2, 3].map((n) => ({ result: { ok: true, value: n } })));
    expect(received).toHaveLength(1);
    expect(received[0]!.calls).toHaveLength(3);
    // Another turn, another request; a channel the process does not own is answered `moved`.
    expect(await client.room(url, 'elsewhere', { method: 'snapshot', args: [] })).toEqual({ moved: true });
    expect(received).toHaveLength(2);
    expect(await client.http(url, 'acme', { method: 'GET', url: '/api/rooms/acme/interactions', headers: {}, remoteAddress: '10.0.0.1' })).toEqual({
      statusCode: 204,
      headers: { 'x-test': 'yes' },
      body: '',
    });
  });

  it('refuses a caller without the cluster secret, and the caller sees the refusal', async () => {
    const received: { channel: string; calls: readonly RoomCall[] }[] = [];
    const { url } = await api(received);
    const stranger = new InternalClient('not-the-secret');
    closers.push(() => stranger.close());
    await expect(stranger.room(url, 'acme', { method: 'act', args: [1] })).rejects.toThrow(/401/);
    const plain = await fetch(`${url}/rooms`, { method: 'POST', body: JSON.stringify({ channel: 'acme', calls: [] }) });
    expect(plain.status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it('rejects the calls in flight when the owner is gone', async () => {
    const { url, close } = await api([]);
    await close();
    const client = new InternalClient('the-cluster-secret');
    closers.push(() => client.close());
    await expect(client.room(url, 'acme', { method: 'act', args: [1] })).rejects.toThrow();
  });
});
