/** Helpers of the progress and reward specs: a clock stepping by uneven amounts, progress events, room actions. */
import type { ChannelMilestonesInput, ViewerProgress } from '@oncue/protocol';
import { newKey, type TestClient, type TestServer } from './test-server.js';

export const T0 = 1_800_000_000_000;

/** A clock the test moves: `step()` by a few seconds, never the same gap twice in a row (people are not metronomes). */
export interface SteppingClock {
  now: () => number;
  step(): void;
  advance(ms: number): void;
}

export function steppingClock(start = T0): SteppingClock {
  let t = start;
  let steps = 0;
  return {
    now: () => t,
    step() {
      steps += 1;
      t += 4_000 + ((steps * 7919) % 3000);
    },
    advance(ms) {
      t += ms;
    },
  };
}

/** The last `progress` event the client received, if any. */
export function lastProgress(client: TestClient): ViewerProgress | undefined {
  for (let i = client.received.length - 1; i >= 0; i--) if (client.received[i]!.event === 'progress') return client.received[i]!.payload as ViewerProgress;
  return undefined;
}

/** Resolves with the latest `progress` event once `predicate` holds for it (polls the received events). */
export async function progressWhere(client: TestClient, predicate: (p: ViewerProgress) => boolean, what = 'the expected progress'): Promise<ViewerProgress> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const progress = lastProgress(client);
    if (progress && predicate(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(progress)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Votes in a poll (the clock steps first) and waits for the progress that counts it. */
export async function voteIn(client: TestClient, clock: SteppingClock, poll: string): Promise<ViewerProgress> {
  const before = lastProgress(client)?.valid ?? client.snapshots.at(-1)?.progress?.valid ?? 0;
  clock.step();
  const result = await client.act('vote', { interaction: poll, choices: [0], key: newKey() });
  if (!result.ok) throw new Error(`vote refused: ${JSON.stringify(result.error)}`);
  return progressWhere(client, (p) => p.valid === before + 1, `valid ${before + 1}`);
}

export async function closePoll(t: TestServer, room: string, id: string): Promise<void> {
  const response = await t.rest('POST', `/api/rooms/${room}/interactions/${id}/close`);
  if (response.status !== 200) throw new Error(`close failed: ${response.status}`);
}

export async function setMilestones(t: TestServer, channel: string, settings: ChannelMilestonesInput): Promise<void> {
  const response = await t.rest('POST', `/api/channels/${channel}/milestones`, { body: settings });
  if (response.status !== 200) throw new Error(`settings refused: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Small tiers so that badge tests stay short. */
export const SMALL_TIERS = [
  { at: 2, name: 'Bronze' },
  { at: 4, name: 'Silver' },
];
