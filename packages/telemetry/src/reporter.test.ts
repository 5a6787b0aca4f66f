import { expect, waitUntil } from '@open-wc/testing';
import { TELEMETRY_SCHEMA_VERSION, type TelemetryEvent } from '@oncue/protocol';
import { callbackSink } from './callback-sink.js';
import { collectorSink, httpSink } from './http-sink.js';
import { KEEPALIVE_MAX_BYTES, KEEPALIVE_MAX_REQUESTS, reserveKeepalive } from './keepalive-budget.js';
import { createReporter, SDK_VERSION, type Reporter, type ReporterOptions } from './reporter.js';
import { freshStorage, report, scriptedEndpoint, sleep } from '../test/telemetry-test-helpers.js';

describe('telemetry reporter', () => {
  const reporters: Reporter[] = [];
  const start = (options: ReporterOptions) => {
    const reporter = createReporter({ sessionStorage: null, ...options });
    reporters.push(reporter);
    return reporter;
  };
  afterEach(() => {
    for (const reporter of reporters.splice(0)) reporter.close();
  });

  describe('batching', () => {
    it('sends a batch as soon as batchSize events wait, stamped with id, session, sequence, time and SDK version', async () => {
      const endpoint = await scriptedEndpoint();
      const reporter = start({ sinks: [httpSink({ url: endpoint.url })], consent: 'granted', batchSize: 3, flushIntervalMs: 60_000, storage: freshStorage() });
      for (let i = 0; i < 3; i++) reporter.report(report());
      const [request] = await endpoint.waitForRequests(1);
      expect(request!.contentType).to.equal('application/json');
      const batch = request!.body as { v: number; events: TelemetryEvent[] };
      expect(batch.v).to.equal(TELEMETRY_SCHEMA_VERSION);
      expect(batch.events).to.have.length(3);
      const [first, second, third] = batch.events;
      expect(first).to.include({ v: TELEMETRY_SCHEMA_VERSION, type: 'impression', room: 'telemetry-test', kind: 'poll', viewer: 'viewer-1', sdk: SDK_VERSION });
      expect([first!.seq, second!.seq, third!.seq]).to.deep.equal([1, 2, 3]);
      expect(new Set(batch.events.map((e) => e.id)).size).to.equal(3);
      expect(new Set(batch.events.map((e) => e.session)).size).to.equal(1);
      expect(Math.abs(first!.at - Date.now())).to.be.below(10_000);
    });

    it('sends fewer events once the flush interval has passed, not before', async () => {
      const endpoint = await scriptedEndpoint();
      const reporter = start({ sinks: [httpSink({ url: endpoint.url })], consent: 'granted', batchSize: 10, flushIntervalMs: 300, storage: freshStorage() });
      reporter.report(report());
      reporter.report(report());
      await sleep(100);
      expect(await endpoint.requests(), 'nothing sent before the interval').to.have.length(0);
      const [request] = await endpoint.waitForRequests(1);
      expect((request!.body as { events: unknown[] }).events).to.have.length(2);
    });

    it('sends custom headers and the transformed body to any endpoint', async () => {
      const endpoint = await scriptedEndpoint();
      const sink = httpSink({ url: endpoint.url, headers: { 'x-api-key': 'k-123' }, transform: (batch) => ({ records: batch.events.map((e) => e.type) }) });
      const reporter = start({ sinks: [sink], consent: 'granted', batchSize: 2, storage: freshStorage() });
      reporter.report(report({ type: 'submit' }));
      reporter.report(report({ type: 'accepted' }));
      const [request] = await endpoint.waitForRequests(1);
      expect(request!.auth).to.equal('k-123');
      expect(request!.body).to.deep.equal({ records: ['submit', 'accepted'] });
    });
  });

  describe('retries', () => {
    it('retries a 503 with backoff and delivers each event once', async () => {
      const endpoint = await scriptedEndpoint([{ status: 503 }, { status: 503 }]);
      const storage = freshStorage();
      const reporter = start({ sinks: [httpSink({ url: endpoint.url })], consent: 'granted', batchSize: 2, retryMinMs: 100, retryMaxMs: 400, storage });
      reporter.report(report());
      reporter.report(report());
      const requests = await endpoint.waitForRequests(3);
      const ids = requests.map((r) => (r.body as { events: Array<{ id: string }> }).events.map((e) => e.id).join());
      expect(ids[0]).to.equal(ids[1]);
      expect(ids[1]).to.equal(ids[2]);
      await waitUntil(() => ![...storage.raw.keys()].some((k) => k.startsWith('oncue:telemetry:queue:')), 'the queue empties once delivered');
      await sleep(300);
      expect(await endpoint.requests(), 'no send after the acknowledgement').to.have.length(3);
    });

    it('waits as long as Retry-After asks on a 429', async () => {
      const endpoint = await scriptedEndpoint([{ status: 429, retryAfter: '1' }]);
      const reporter = start({
        sinks: [httpSink({ url: endpoint.url })],
        consent: 'granted',
        batchSize: 1,
        retryMinMs: 10,
        retryMaxMs: 20,
        storage: freshStorage(),
      });
      reporter.report(report());
      const [refused, accepted] = await endpoint.waitForRequests(2);
      expect(accepted!.at - refused!.at).to.be.at.least(950);
    });

    it('drops a batch refused with 400 instead of retrying it', async () => {
      const endpoint = await scriptedEndpoint([{ status: 400 }]);
      const storage = freshStorage();
      const reporter = start({ sinks: [httpSink({ url: endpoint.url })], consent: 'granted', batchSize: 1, retryMinMs: 10, retryMaxMs: 20, storage });
      reporter.report(report());
      await endpoint.waitForRequests(1);
      await sleep(300);
      expect(await endpoint.requests()).to.have.length(1);
      expect([...storage.raw.keys()].filter((k) => k.startsWith('oncue:telemetry:queue:'))).to.deep.equal([]);
    });
  });

  describe('the page going away', () => {
    it('writes and sends a report made in the same task as pagehide', async () => {
      const endpoint = await scriptedEndpoint();
      const storage = freshStorage();
      const reporter = start({ sinks: [httpSink({ url: endpoint.url })], consent: 'granted', batchSize: 50, flushIntervalMs: 60_000, storage });
      reporter.report(report({ type: 'dwell', ms: 42 }));
      dispatchEvent(new PageTransitionEvent('pagehide'));
      expect(
        [...storage.raw.keys()].some((k) => k.startsWith('oncue:telemetry:queue:')),
        'queued before the page goes',
      ).to.equal(true);
      const [request] = await endpoint.waitForRequests(1);
      expect((request!.body as { events: Array<{ ms: number }> }).events[0]!.ms).to.equal(42);
    });

    it('flushes at once on pagehide, long before the flush interval', async () => {
      const endpoint = await scriptedEndpoint();
      const reporter = start({ sinks: [httpSink({ url: endpoint.url })], consent: 'granted', batchSize: 50, flushIntervalMs: 60_000, storage: freshStorage() });
      reporter.report(report({ type: 'dwell', ms: 1234 }));
      dispatchEvent(new PageTransitionEvent('pagehide'));
      const [request] = await endpoint.waitForRequests(1);
      expect((request!.body as { events: Array<{ ms: number }> }).events[0]!.ms).to.equal(1234);
    });

    // Whether `keepalive` was set is not observable from here (a request already on the wire reaches the
    // server either way); this checks the page-leaving path end to end, the budget is checked below.
    it('delivers the events of a page that is being removed (an iframe with the script tag)', async () => {
      const endpoint = await scriptedEndpoint();
      const frame = document.createElement('iframe');
      frame.srcdoc = `<script src="/packages/widgets/dist/oncue.min.js" data-telemetry="${endpoint.url}" data-consent="granted"></script>`;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await loaded;
      const OnCue = (frame.contentWindow as unknown as { OnCue: { telemetry: { reporter: Reporter }; loadTelemetry(): Promise<unknown> } }).OnCue;
      await OnCue.loadTelemetry(); // the reporter is a chunk of its own, fetched at once for data-telemetry
      OnCue.telemetry.reporter.report(report({ type: 'dwell', ms: 777 }));
      frame.remove(); // the frame's document unloads: pagehide, then its page is gone
      const [request] = await endpoint.waitForRequests(1);
      expect(request!.contentType).to.equal('text/plain;charset=UTF-8');
      expect((request!.body as { events: Array<{ ms: number }> }).events.map((e) => e.ms)).to.deep.equal([777]);
    });
  });

  describe('the keepalive budget', () => {
    it('reserves keepalive room up to 60 KiB and 8 requests, and frees it on release', () => {
      const held = [reserveKeepalive(KEEPALIVE_MAX_BYTES - 10)];
      expect(held[0]).to.be.a('function');
      expect(reserveKeepalive(11), 'over the bytes').to.equal(undefined);
      held.push(reserveKeepalive(10));
      held[0]!();
      for (let i = 0; i < KEEPALIVE_MAX_REQUESTS - 1; i++) held.push(reserveKeepalive(1));
      expect(reserveKeepalive(1), 'over the request count').to.equal(undefined);
      for (const release of held) release?.();
      expect(reserveKeepalive(KEEPALIVE_MAX_BYTES)).to.be.a('function');
    });

    it('splits a large unload flush into batches that fit one keepalive request, and delivers them all', async () => {
      const endpoint = await scriptedEndpoint();
      const reporter = start({
        sinks: [httpSink({ url: endpoint.url })],
        consent: 'granted',
        batchSize: 1000,
        flushIntervalMs: 60_000,
        storage: freshStorage(),
      });
      const big = 'x'.repeat(100);
      for (let i = 0; i < 600; i++) reporter.report(report({ viewer: `${big}-${i}` }));
      dispatchEvent(new PageTransitionEvent('pagehide'));
      await waitUntil(async () => (await endpoint.eventIds()).length === 500, 'every queued event (500, the default cap) arrives', { timeout: 5000 });
      const requests = await endpoint.requests();
      expect(requests.length, 'more than one request: 500 events are over 64 KiB').to.be.at.least(3);
      for (const request of requests) expect(JSON.stringify(request.body).length).to.be.below(KEEPALIVE_MAX_BYTES);
    });
  });

  describe('the outbox', () => {
    it('keeps undelivered events across a reload and a new session, and sends them then', async () => {
      const down = await scriptedEndpoint([{ status: 503 }, { status: 503 }, { status: 503 }]);
      const storage = freshStorage();
      const first = start({ sinks: [httpSink({ url: down.url })], consent: 'granted', batchSize: 2, retryMinMs: 60_000, storage });
      first.report(report());
      first.report(report());
      const [failed] = await down.waitForRequests(1);
      const ids = (failed!.body as { events: Array<{ id: string }> }).events.map((e) => e.id);
      first.close(); // the page reloads

      const second = start({ sinks: [httpSink({ url: down.url })], consent: 'granted', batchSize: 2, retryMinMs: 10, retryMaxMs: 20, storage });
      const requests = await down.waitForRequests(4);
      expect((requests[3]!.body as { events: Array<{ id: string }> }).events.map((e) => e.id)).to.deep.equal(ids);
      await waitUntil(() => ![...storage.raw.keys()].some((k) => k.startsWith('oncue:telemetry:queue:')), 'the queue empties');
      second.report(report());
      await second.flush();
      // Two events in each of the four requests (three refused, one acknowledged), and in none after.
      expect(
        (await down.eventIds()).filter((id) => ids.includes(id)),
        'the delivered ones are not sent again',
      ).to.have.length(8);
      expect(await down.requests()).to.have.length(5);
    });

    it('keeps at most maxQueue events, dropping the oldest', async () => {
      const storage = freshStorage();
      const reporter = start({
        sinks: [callbackSink(() => Promise.reject(new Error('down')))],
        consent: 'granted',
        maxQueue: 3,
        batchSize: 100,
        flushIntervalMs: 60_000,
        storage,
      });
      for (let i = 1; i <= 5; i++) reporter.report(report({ ms: i, type: 'dwell' }));
      await sleep(10); // reports are written to the queue once per task
      const queued = JSON.parse(storage.raw.get('oncue:telemetry:queue:callback:callback')!) as Array<{ ms: number }>;
      expect(queued.map((e) => e.ms)).to.deep.equal([3, 4, 5]);
    });

    it('sends events two tabs share once to the real collector, which stores each once', async () => {
      const { url, hostToken } = await (await import('@web/test-runner-commands')).executeServerCommand<{ url: string; hostToken: string }, undefined>(
        'oncue:server',
      );
      const room = `tel-${Date.now().toString(36)}`;
      const storage = freshStorage();
      const options = { sinks: [collectorSink(`${url}/api/telemetry`)], consent: 'granted' as const, batchSize: 100, flushIntervalMs: 60_000, storage };
      const tabA = start(options);
      const tabB = start(options);
      tabA.report(report({ room }));
      tabA.report(report({ room }));
      await Promise.all([tabA.flush(), tabB.flush()]); // both tabs read the same stored queue and send it
      const response = await fetch(`${url}/api/rooms/${room}/telemetry.ndjson`, { headers: { authorization: `Bearer ${hostToken}` } });
      const lines = (await response.text()).trim().split('\n');
      expect(lines).to.have.length(2);
    });
  });

  describe('consent', () => {
    it('stores and sends nothing while consent is pending, then reports once granted', async () => {
      const endpoint = await scriptedEndpoint();
      const storage = freshStorage();
      const sessions = freshStorage();
      const reporter = start({ sinks: [httpSink({ url: endpoint.url })], batchSize: 1, storage, sessionStorage: sessions });
      expect(reporter.consent).to.equal('pending');
      reporter.report(report());
      await reporter.flush();
      await sleep(100);
      expect(storage.raw.size + sessions.raw.size, 'nothing stored').to.equal(0);
      expect(await endpoint.requests(), 'nothing sent').to.have.length(0);
      reporter.grantConsent();
      reporter.report(report({ type: 'open' }));
      const [request] = await endpoint.waitForRequests(1);
      expect((request!.body as { events: Array<{ type: string }> }).events.map((e) => e.type)).to.deep.equal(['open']);
    });

    it('purges the queue and the session on revokeConsent and on purge()', async () => {
      const storage = freshStorage();
      const sessions = freshStorage();
      const reporter = start({
        sinks: [callbackSink(() => Promise.reject(new Error('down')))],
        consent: 'granted',
        batchSize: 100,
        flushIntervalMs: 60_000,
        storage,
        sessionStorage: sessions,
      });
      reporter.report(report());
      await sleep(10);
      expect(storage.raw.size).to.equal(1);
      expect(sessions.raw.size).to.equal(1);
      reporter.purge();
      expect(storage.raw.size + sessions.raw.size).to.equal(0);
      expect(reporter.consent).to.equal('granted');
      reporter.report(report());
      await sleep(10);
      expect(storage.raw.size).to.equal(1);
      reporter.revokeConsent();
      expect(storage.raw.size + sessions.raw.size).to.equal(0);
      reporter.report(report());
      await sleep(10);
      expect(storage.raw.size, 'nothing stored after revoking').to.equal(0);
    });
  });

  describe('sampling', () => {
    it('keeps or drops whole sessions', async () => {
      const kept: string[] = [];
      const sampledOut = start({
        sinks: [callbackSink((events) => void kept.push(...events.map((e) => e.id)))],
        consent: 'granted',
        batchSize: 1,
        sampleRate: 0.5,
        random: () => 0.7,
        storage: null,
      });
      sampledOut.report(report());
      await sampledOut.flush();
      expect(kept).to.have.length(0);
      const sampledIn = start({
        sinks: [callbackSink((events) => void kept.push(...events.map((e) => e.id)))],
        consent: 'granted',
        batchSize: 1,
        sampleRate: 0.5,
        random: () => 0.2,
        storage: null,
      });
      sampledIn.report(report());
      await waitUntil(() => kept.length === 1, 'the sampled-in session reports');
    });
  });

  describe('never troubling the page', () => {
    it('keeps sink failures, throwing callbacks and transforms, and broken storage away from the page', async () => {
      const pageErrors: unknown[] = [];
      const onError = (event: ErrorEvent) => pageErrors.push(event.message);
      const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(event.reason);
      addEventListener('error', onError);
      addEventListener('unhandledrejection', onRejection);
      try {
        const broken = {
          getItem: () => {
            throw new Error('storage');
          },
          setItem: () => {
            throw new Error('quota');
          },
          removeItem: () => {
            throw new Error('storage');
          },
        };
        const reporter = start({
          sinks: [
            httpSink({ url: 'http://127.0.0.1:9/unreachable' }),
            httpSink({
              url: 'http://127.0.0.1:9/x',
              transform: () => {
                throw new Error('transform');
              },
            }),
            callbackSink(() => {
              throw new Error('callback');
            }),
            {
              id: 'rude',
              send: () => {
                throw new Error('sink');
              },
            },
          ],
          consent: 'granted',
          batchSize: 1,
          retryMinMs: 10,
          retryMaxMs: 20,
          storage: broken,
          sessionStorage: broken,
        });
        expect(() => reporter.report(report())).not.to.throw();
        expect(() => reporter.report({} as never)).not.to.throw();
        await reporter.flush();
        dispatchEvent(new PageTransitionEvent('pagehide'));
        await sleep(300);
        expect(pageErrors).to.deep.equal([]);
      } finally {
        removeEventListener('error', onError);
        removeEventListener('unhandledrejection', onRejection);
      }
    });
  });
});
