import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BlindboxPersonal, BlindboxView } from '@oncue/protocol';
import { freshRoom, type TestServer, until, useTestServer } from '../../../test/fixtures.js';
import { memoryStorage } from '../../key-value-storage.js';
import type { RoomConnection } from '../../room-connection.js';
import { guess } from './guess.js';

async function launch(host: RoomConnection, extra: Record<string, unknown> = {}): Promise<BlindboxView> {
  await until(host.$connection, (state) => state === 'open');
  const result = await host.createInteraction({
    kind: 'blindbox',
    title: 'Box #1',
    guess: { type: 'choice', options: [{ label: 'Lipstick' }, { label: 'Perfume' }] },
    answer: 1,
    ...extra,
  });
  if (!result.ok) throw new Error(`createInteraction failed: ${result.error.code}`);
  return result.value as BlindboxView;
}

describe('blind-box guesses', () => {
  let server: TestServer;
  const conns = useTestServer(
    (started) => (server = started),
    (running) => running.restart(),
  );

  it('guesses under the viewer’s entry ticket, with the guess in personal state, and refuses a second one as a typed error', async () => {
    const room = freshRoom();
    const box = await launch(conns.host(server, room));
    const storage = memoryStorage();
    const viewer = conns.viewer(server, room, storage);
    const viewerId = await until(viewer.$viewer, (id) => id !== undefined);
    const guessed = await guess(viewer, box.id, 1);
    const secret = storage.getItem(`oncue:entry-secret:${server.url}:${viewerId}`)!;
    const ticket = createHash('sha256').update(`${box.id}:${secret}`, 'utf8').digest('hex');
    expect(guessed).toMatchObject({ ok: true, value: { interaction: box.id, personal: { kind: 'blindbox', entry: ticket, guess: 1 } } });
    expect(viewer.$room.get().personal[box.id] as BlindboxPersonal).toMatchObject({ entry: ticket, guess: 1 });
    expect(await guess(viewer, box.id, 0)).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(await guess(conns.viewer(server, room), box.id, 2)).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
  });
});
