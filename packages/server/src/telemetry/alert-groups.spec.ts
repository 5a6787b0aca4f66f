import { describe, expect, it } from 'vitest';
import { TELEMETRY_SCHEMA_VERSION, type AlertGroup, type RoomDashboard, type TelemetryEvent } from '@oncue/protocol';
import { fakeClock } from '../../test/fake-clock.js';
import { telemetryEvent } from '../../test/telemetry-event.js';
import { startTestServer } from '../../test/test-server.js';
import { ALERT_QUIET_BUCKETS } from './alert-groups.js';

const MIN = 60_000;
const T0 = 1_000 * MIN;

/**
 * A real server (SQLite, HTTP) on a fake clock with one-minute buckets: telemetry is POSTed to the
 * collector and the alerts read from `GET /api/rooms/:room/metrics`, as the dashboard reads them.
 */
async function telemetryServer(options: { alertMinViewers?: number } = {}) {
  const clock = fakeClock(T0);
  const t = await startTestServer({ now: clock.now, timers: clock.timers, metricsBucketMs: MIN, ...options });
  /** Lets the evaluation the clock started finish (it reads and writes the store). */
  const settle = () => new Promise((r) => setTimeout(r, 30));
  let minutes = 0;
  return {
    t,
    /** One minute of the room: `shown` new viewers see the poll, the first `voters` of them vote; then the clock moves a minute on. */
    async minute(shown: number, voters: number): Promise<void> {
      const at = clock.now();
      const m = ++minutes;
      const events: TelemetryEvent[] = Array.from({ length: shown }, (_, i) => [
        telemetryEvent({ room: t.room, type: 'impression', viewer: `m${m}-v${i}`, at }),
        ...(i < voters ? [telemetryEvent({ room: t.room, type: 'accepted', viewer: `m${m}-v${i}`, at: at + 1 })] : []),
      ]).flat();
      const response = await t.rest('POST', '/api/telemetry', { body: { v: TELEMETRY_SCHEMA_VERSION, events }, token: null });
      expect(response.status).toBe(200);
      clock.advance(MIN);
      await settle();
    },
    /** Moves past the grace after the last minute, so that it is judged. */
    async judgeLast(): Promise<void> {
      clock.advance(MIN / 5);
      await settle();
    },
    async idle(minutes: number): Promise<void> {
      for (let m = 0; m < minutes; m++) {
        clock.advance(MIN);
        await settle();
      }
    },
    async alerts(): Promise<AlertGroup[]> {
      const response = await t.rest<RoomDashboard>('GET', `/api/rooms/${t.room}/metrics`);
      expect(response.status).toBe(200);
      return response.body.alerts;
    },
  };
}

const keysOf = (groups: AlertGroup[]) => groups.map((g) => g.key);
const hasDuplicates = (keys: string[]) => new Set(keys).size !== keys.length;

describe('alerts grouped per rule (real server, fake clock)', () => {
  it('groups N repeated participation drops into one active alert with count N, since the first one', async () => {
    const s = await telemetryServer({ alertMinViewers: 1 });
    const drops = 4;
    // Healthy minute, bad minute, …: participation drops below 25 % again and again.
    for (let i = 0; i < drops; i++) {
      await s.minute(10, 6);
      await s.minute(10, 1);
    }
    await s.judgeLast();
    const groups = await s.alerts();
    expect(hasDuplicates(keysOf(groups)), 'one group per rule and metric').toBe(false);
    const participation = groups.filter((g) => g.rule === 'participation');
    expect(participation).toHaveLength(1);
    expect(participation[0]).toMatchObject({
      key: 'participation:participation',
      count: drops,
      since: T0 + MIN,
      lastSeen: T0 + (2 * drops - 1) * MIN,
      status: 'active',
      severity: 'critical',
      value: 0.1,
    });
    // The deviations of participation from its mean are one group too.
    const deviation = groups.filter((g) => g.key === 'deviation:participation');
    expect(deviation).toHaveLength(1);
    expect(deviation[0]!.count).toBeGreaterThan(1);
  });

  it('keeps a group active while participation stays low, resolves it after quiet buckets, and starts a new one after', async () => {
    const s = await telemetryServer({ alertMinViewers: 1 });
    await s.minute(10, 1); // raised once…
    for (let m = 0; m < ALERT_QUIET_BUCKETS + 2; m++) await s.minute(10, 1); // …and still low: nothing new, still active
    await s.judgeLast();
    let participation = (await s.alerts()).filter((g) => g.rule === 'participation');
    expect(participation.map((g) => [g.count, g.status, g.since])).toEqual([[1, 'active', T0]]);

    for (let m = 0; m < ALERT_QUIET_BUCKETS; m++) await s.minute(10, 8); // healthy again
    await s.judgeLast();
    participation = (await s.alerts()).filter((g) => g.rule === 'participation');
    expect(participation.map((g) => g.status)).toEqual(['resolved']);

    await s.minute(10, 1);
    await s.judgeLast();
    participation = (await s.alerts()).filter((g) => g.rule === 'participation');
    expect(participation.map((g) => [g.status, g.count])).toEqual([
      ['active', 1],
      ['resolved', 1],
    ]);

    // A resolved group is listed for the metrics window (31 buckets) after it was last seen, then cleared: the first one
    // was last seen in minute 7 (still low), the second in minute 13; it is now 14:36 and the stream has ended.
    const participationSince = async () => (await s.alerts()).filter((g) => g.rule === 'participation').map((g) => [g.status, (g.since - T0) / MIN]);
    await s.idle(20); // 34:36
    expect(await participationSince()).toEqual([
      ['resolved', 13],
      ['resolved', 0],
    ]);
    await s.idle(6); // 40:36: minute 7 is more than 31 minutes ago
    expect(await participationSince()).toEqual([['resolved', 13]]);
    await s.idle(5); // 45:36
    expect(await s.alerts()).toEqual([]);
  });

  it('rebuilds the same groups from the stored alerts after a restart', async () => {
    const s = await telemetryServer({ alertMinViewers: 1 });
    for (let i = 0; i < 3; i++) {
      await s.minute(10, 6);
      await s.minute(10, 1);
    }
    await s.judgeLast();
    const before = await s.alerts();
    expect(before.find((g) => g.rule === 'participation')?.count).toBe(3);
    await s.t.restart();
    expect((await s.alerts()).map((g) => [g.key, g.count, g.since, g.status])).toEqual(before.map((g) => [g.key, g.count, g.since, g.status]));
  });
});

describe('minimum audience (real server, fake clock, default of 20 viewers)', () => {
  it('raises no participation alert below 20 viewers, and raises it at 20', async () => {
    const below = await telemetryServer();
    for (let m = 0; m < 5; m++) await below.minute(19, 1);
    await below.judgeLast();
    expect(await below.alerts()).toEqual([]);

    const at = await telemetryServer();
    await at.minute(20, 2);
    await at.judgeLast();
    expect((await at.alerts()).map((g) => [g.rule, g.severity, g.count])).toEqual([['participation', 'critical', 1]]);
  });

  it('raises no deviation alert below 20 viewers, and raises it at 20 or more', async () => {
    // Steady participation (60 %), then the audience jumps by half.
    const below = await telemetryServer();
    for (let m = 0; m < 3; m++) await below.minute(10, 6);
    await below.minute(15, 9);
    await below.judgeLast();
    expect(await below.alerts()).toEqual([]);

    const above = await telemetryServer();
    for (let m = 0; m < 3; m++) await above.minute(20, 12);
    await above.minute(30, 18);
    await above.judgeLast();
    expect(keysOf(await above.alerts())).toEqual(['deviation:viewers']);
  });
});
