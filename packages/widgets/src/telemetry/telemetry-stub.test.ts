// The script-tag SDK's telemetry stub (`OnCue.telemetry`): nothing loaded or kept while telemetry is off; once it is
// going to start, the page's calls and the widgets' reports are kept and delivered by the real reporter when it arrives.
import { expect } from '@open-wc/testing';
import { interactionReporter, isRecordingInteractions, reportInteraction } from '@oncue/core';
import { report, scriptedEndpoint } from '../../../telemetry/test/telemetry-test-helpers.js';
import { PENDING_REPORTS_MAX, PendingTelemetry } from './pending-telemetry.js';
import { startTelemetryFromScript, telemetry } from './telemetry-stub.js';

/** Whether this page fetched the reporter's module (the source form of the telemetry chunk). */
const reporterFetched = () => performance.getEntriesByType('resource').some((e) => /\/telemetry\/src\/reporter\.ts/.test(e.name));

describe('the telemetry stub', () => {
  it('loads nothing and keeps nothing while telemetry is off', async () => {
    startTelemetryFromScript(document.createElement('script')); // no data-telemetry
    expect(interactionReporter()).to.equal(undefined);
    telemetry.grantConsent();
    telemetry.configure({ heartbeatMs: 1000 });
    reportInteraction(report());
    expect(telemetry.reporter).to.equal(undefined);
    await telemetry.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reporterFetched(), 'the reporter is never fetched').to.equal(false);
  });

  it('keeps at most PENDING_REPORTS_MAX reports, and none without consent', () => {
    const pending = new PendingTelemetry('pending', 1000);
    pending.report(report());
    const delivered: unknown[] = [];
    const page = { reporter: { report: (r: unknown) => delivered.push(r) } } as unknown as Parameters<PendingTelemetry['replay']>[0];
    pending.replay(page);
    expect(delivered, 'consent pending: nothing kept').to.deep.equal([]);
    pending.call(() => undefined, 'granted');
    for (let i = 0; i < PENDING_REPORTS_MAX + 5; i++) pending.report(report());
    pending.replay(page);
    expect(delivered.length).to.equal(PENDING_REPORTS_MAX);
  });

  it('with data-telemetry, keeps the page’s calls and the widgets’ reports until the reporter arrives, then delivers them', async () => {
    const endpoint = await scriptedEndpoint();
    const script = document.createElement('script');
    script.dataset.telemetry = endpoint.url; // consent pending, as without data-consent
    startTelemetryFromScript(script);
    expect(interactionReporter(), 'a stand-in reporter at once').to.be.instanceOf(PendingTelemetry);
    expect(isRecordingInteractions(), 'not recording before consent').to.equal(false);
    reportInteraction(report({ ms: 1 })); // before consent: dropped, as the reporter would
    telemetry.grantConsent(); // the next inline script's call, before the chunk ran
    expect(isRecordingInteractions(), 'recording once consent is granted').to.equal(true);
    telemetry.configure({ flushIntervalMs: 50 });
    reportInteraction(report({ ms: 2 }));
    reportInteraction(report({ ms: 3 }));
    expect(telemetry.reporter, 'still loading').to.equal(undefined);
    await telemetry.flush();
    expect(telemetry.reporter?.consent).to.equal('granted');
    expect(interactionReporter()).to.equal(telemetry.reporter);
    expect(reporterFetched()).to.equal(true);
    const [request] = await endpoint.waitForRequests(1);
    expect((request!.body as { events: Array<{ ms: number }> }).events.map((e) => e.ms)).to.deep.equal([2, 3]);
    telemetry.stop();
    expect(interactionReporter()).to.equal(undefined);
  });
});
