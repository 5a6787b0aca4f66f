import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '@oncue/protocol';
import type { AlertWebhookPayload } from './alert-webhook.js';
import { fakeClock } from '../../test/fake-clock.js';
import { MemoryStore } from '../store/memory-store.js';
import { silentLogger } from '../logger.js';
import { evaluateBucket, participationLevel } from './telemetry-alerts.js';
import { telemetryEvent } from '../../test/telemetry-event.js';
import type { BucketMetrics } from '@oncue/protocol';
import { SqliteStore } from '../store/sqlite-store.js';
import { TelemetryService } from './telemetry-service.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = 1_000 * MIN;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A real HTTP receiver on a loopback port that records the JSON bodies POSTed to it. */
async function webhookReceiver(): Promise<{ url: string; received: AlertWebhookPayload[]; next(): Promise<AlertWebhookPayload> }> {
  const received: AlertWebhookPayload[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
      for (const w of waiting.splice(0)) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  let taken = 0;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    async next() {
      while (received.length <= taken) await new Promise<void>((r) => waiting.push(r));
      return received[taken++]!;
    },
  };
}

const bucket = (start: number, fields: Partial<BucketMetrics>): BucketMetrics => ({
  start,
  viewers: 10,
  shown: 10,
  participants: 5,
  participation: 0.5,
  submitted: { poll: 5 },
  accepted: 5,
  rejected: 0,
  acceptance: 1,
  rejections: {},
  connectionProblems: 0,
  ...fields,
});

describe('alert rules', () => {
  it('grades participation: warning below 40 %, critical below 25 %', () => {
    expect(participationLevel(0.4)).toBe('ok');
    expect(participationLevel(0.39)).toBe('warning');
    expect(participationLevel(0.25)).toBe('warning');
    expect(participationLevel(0.24)).toBe('critical');
    expect(participationLevel(null)).toBe('ok');
  });

  it('raises a participation alert when the level gets worse, not again while it stays', () => {
    const first = evaluateBucket('r', bucket(0, { participation: 0.3, participants: 3 }), [], 'ok', 1, 1);
    expect(first.alerts.map((a) => [a.rule, a.severity, a.threshold])).toEqual([['participation', 'warning', 0.4]]);
    expect(evaluateBucket('r', bucket(MIN, { participation: 0.35 }), [], first.level, 2, 1).alerts).toEqual([]);
    const worse = evaluateBucket('r', bucket(2 * MIN, { participation: 0.2 }), [], first.level, 3, 1);
    expect(worse.alerts.map((a) => [a.rule, a.severity])).toEqual([['participation', 'critical']]);
  });

  it('raises a deviation warning past 20 % from the rolling mean of the previous buckets, not at 20 %', () => {
    const history = [bucket(0, { viewers: 10 }), bucket(MIN, { viewers: 10 }), bucket(2 * MIN, { viewers: 10 })];
    expect(evaluateBucket('r', bucket(3 * MIN, { viewers: 12 }), history, 'ok', 0, 1).alerts).toEqual([]);
    const { alerts } = evaluateBucket('r', bucket(3 * MIN, { viewers: 13 }), history, 'ok', 0, 1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'deviation', metric: 'viewers', severity: 'warning', value: 13, mean: 10 });
    expect(alerts[0]!.deviation).toBeCloseTo(0.3);
  });

  it('needs three previous buckets with viewers before judging a deviation', () => {
    const history = [bucket(0, { viewers: 0 }), bucket(MIN, { viewers: 10 }), bucket(2 * MIN, { viewers: 10 })];
    expect(evaluateBucket('r', bucket(3 * MIN, { viewers: 30 }), history, 'ok', 0, 1).alerts).toEqual([]);
  });
});

describe('TelemetryService alerts with fake time', () => {
  // Ten viewers: below the default minimum audience, so these tests lower it.
  function service(webhook?: string) {
    const clock = fakeClock(T0);
    const store = new MemoryStore();
    const telemetry = new TelemetryService({
      store,
      now: clock.now,
      timers: clock.timers,
      logger: silentLogger,
      bucketMs: MIN,
      alertWebhook: webhook,
      alertMinViewers: 1,
    });
    telemetry.start();
    closers.push(() => telemetry.stop());
    return { clock, telemetry };
  }
  /** `shown` viewers see poll-1 at `at`; the first `voters` of them vote. */
  const minute = (at: number, shown: number, voters: number, prefix = 'v'): TelemetryEvent[] =>
    Array.from({ length: shown }, (_, i) => [
      telemetryEvent({ type: 'impression', viewer: `${prefix}${i}`, at }),
      ...(i < voters ? [telemetryEvent({ type: 'accepted', viewer: `${prefix}${i}`, at: at + 1 })] : []),
    ]).flat();
  /** Lets the promise chain the timer started run (the fake clock runs timers synchronously). */
  const settle = () => new Promise((r) => setTimeout(r, 10));

  it('raises nothing while participation is healthy and steady', async () => {
    const { clock, telemetry } = service();
    for (let m = 0; m < 4; m++) {
      await telemetry.ingest(minute(T0 + m * MIN, 10, 6, `m${m}-`));
      clock.advance(MIN);
      await settle();
    }
    expect((await telemetry.dashboard('test-room')).alerts).toEqual([]);
  });

  it('raises a critical alert on the dashboard and to the webhook once the minute with 20 % participation is over', async () => {
    const hook = await webhookReceiver();
    const { clock, telemetry } = service(hook.url);
    await telemetry.ingest(minute(T0 + 1000, 10, 2));
    clock.advance(MIN - 2000);
    await settle();
    expect((await telemetry.dashboard('test-room')).alerts, 'not before the minute is over').toEqual([]);
    clock.advance(MIN / 5 + 2000); // the minute is over and its grace too
    await settle();
    const { alerts } = await telemetry.dashboard('test-room');
    expect(alerts.map((a) => [a.rule, a.severity, a.value, a.bucket])).toEqual([['participation', 'critical', 0.2, T0]]);
    const payload = await hook.next();
    // The webhook gets the occurrence; the dashboard its group.
    const { key, count, since, lastSeen, status, ...occurrence } = alerts[0]!;
    expect([key, count, since, lastSeen, status]).toEqual(['participation:participation', 1, T0, T0, 'active']);
    expect(payload).toEqual({ type: 'oncue.telemetry.alert', alert: occurrence });
  });

  it('raises a warning for a 33 % minute after healthy ones, plus the deviation of participation from its mean', async () => {
    const { clock, telemetry } = service();
    for (let m = 0; m < 3; m++) {
      await telemetry.ingest(minute(T0 + m * MIN, 10, 6, `m${m}-`));
      clock.advance(MIN);
      await settle();
    }
    await telemetry.ingest(minute(T0 + 3 * MIN, 9, 3, 'm3-'));
    clock.advance(MIN + MIN / 5);
    await settle();
    const { alerts } = await telemetry.dashboard('test-room');
    expect(alerts.map((a) => [a.rule, a.metric, a.severity])).toEqual([
      ['participation', 'participation', 'warning'],
      // 9 viewers against a mean of 10 is within 20 %: no deviation of `viewers`.
      ['deviation', 'participation', 'warning'],
    ]);
  });
});

describe('stored alerts', () => {
  it('keeps raised alerts across a restart, and neither shows nor sends one twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncue-alerts-'));
    const file = join(dir, 'oncue.db');
    const hook = await webhookReceiver();
    try {
      const clock = fakeClock(T0);
      const minute = Array.from({ length: 10 }, (_, i) => [
        telemetryEvent({ type: 'impression', viewer: `v${i}`, at: T0 + 1000 }),
        ...(i < 2 ? [telemetryEvent({ type: 'accepted', viewer: `v${i}`, at: T0 + 1001 })] : []),
      ]).flat();
      const firstStore = new SqliteStore(file);
      const first = new TelemetryService({
        store: firstStore,
        now: clock.now,
        timers: clock.timers,
        logger: silentLogger,
        bucketMs: MIN,
        alertWebhook: hook.url,
        alertMinViewers: 10,
      });
      await first.ingest(minute);
      clock.advance(MIN + MIN / 5);
      const raised = await first.evaluate();
      expect(raised.map((a) => [a.rule, a.severity])).toEqual([['participation', 'critical']]);
      await hook.next();
      await first.stop();
      await firstStore.close();

      // The same minute judged again after a restart: the stored alert is shown, nothing new is raised or sent.
      const secondStore = new SqliteStore(file);
      const second = new TelemetryService({
        store: secondStore,
        now: clock.now,
        timers: clock.timers,
        logger: silentLogger,
        bucketMs: MIN,
        alertWebhook: hook.url,
        alertMinViewers: 10,
      });
      expect((await second.dashboard('test-room')).alerts.map((a) => a.id)).toEqual(raised.map((a) => a.id));
      expect(await second.evaluate()).toEqual([]);
      expect((await second.dashboard('test-room')).alerts).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(hook.received, 'the webhook got the alert once').toHaveLength(1);
      await second.stop();
      await secondStore.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('telemetry retention', () => {
  it('deletes stored events older than the retention at start and about hourly, in both stores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncue-retention-'));
    try {
      for (const store of [new MemoryStore(), new SqliteStore(join(dir, 'oncue.db'))]) {
        const clock = fakeClock(T0);
        const telemetry = new TelemetryService({ store, now: clock.now, timers: clock.timers, logger: silentLogger, retentionMs: 2 * HOUR });
        const old = telemetryEvent({ at: T0 });
        await telemetry.ingest([old]); // received at T0
        clock.advance(90 * MIN);
        const recent = telemetryEvent({ at: T0 + 90 * MIN });
        await telemetry.ingest([recent]); // received at T0 + 90 min
        telemetry.start(); // the first pass: nothing is 2 h old yet
        await new Promise((r) => setTimeout(r, 10));
        expect(
          (await store.readTelemetry('test-room')).map((r) => r.event.id),
          'nothing has expired yet',
        ).toEqual([old.id, recent.id]);
        clock.advance(HOUR); // the hourly pass at T0 + 150 min: `old` is 150 min old, `recent` 60 min
        await new Promise((r) => setTimeout(r, 10));
        expect((await store.readTelemetry('test-room')).map((r) => r.event.id)).toEqual([recent.id]);
        expect(await store.forgetTelemetryBefore(T0 + 10 * HOUR)).toBe(1);
        await telemetry.stop();
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
