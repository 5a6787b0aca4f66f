// The script-tag bundles as a page loads them (built by `npm run build` into packages/widgets/dist).
import { expect, waitUntil } from '@open-wc/testing';
import { scriptedEndpoint } from '../../telemetry/test/telemetry-test-helpers.js';
import { createPoll, freshRoom, testServer, until } from '../test/oncue-test-server.js';

interface Globals {
  OnCue: Record<string, unknown>;
  OnCueHost: Record<string, unknown>;
}
const globals = window as unknown as Globals;

function load(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** Loads a script and returns the uncaught errors it caused. */
async function loadCatching(src: string): Promise<string[]> {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);
  window.addEventListener('error', onError);
  try {
    await load(src);
  } finally {
    window.removeEventListener('error', onError);
  }
  return errors;
}

describe('script-tag bundles', () => {
  let firstPoll: CustomElementConstructor | undefined;

  it('oncue.min.js defines the stage, exposes OnCue, and loads each kind on demand', async () => {
    expect(await loadCatching('/packages/widgets/dist/oncue.min.js')).to.deep.equal([]);
    const { OnCue } = globals;
    for (const name of ['connect', 'interactionStore', 'setLocale', 'registerInteractionWidget', 'load', 'forgetViewer']) {
      expect(OnCue[name], name).to.be.a('function');
    }
    expect(customElements.get('oncue-stage')).to.equal(OnCue.OnCueStage);
    // The kinds' elements are chunks of their own, no longer globals of the loader: OnCue.load(kind) gives the class.
    expect(OnCue.OnCuePoll).to.equal(undefined);
    const load = OnCue.load as (kind: string) => Promise<CustomElementConstructor>;
    firstPoll = await load('poll');
    expect(customElements.get('oncue-poll')).to.equal(firstPoll);
    expect(await load('lottery')).to.equal(customElements.get('oncue-lottery'));
    expect(customElements.get('oncue-host-console')).to.equal(undefined);
    const telemetry = OnCue.telemetry as Record<string, unknown>;
    for (const name of ['start', 'grantConsent', 'revokeConsent', 'purge', 'flush', 'configure', 'stop']) {
      expect(telemetry[name], `telemetry.${name}`).to.be.a('function');
    }
    expect(telemetry.reporter, 'no reporter without data-telemetry').to.equal(undefined);
    const fetched = () => performance.getEntriesByType('resource').filter((e) => /\/chunks\/telemetry-[\w-]+\.js$/.test(e.name));
    expect(fetched(), 'a page without telemetry never fetches the telemetry chunk').to.deep.equal([]);
    // What returns values comes with the reporter's chunk: OnCue.loadTelemetry() resolves to @oncue/telemetry.
    const module = await (OnCue.loadTelemetry as () => Promise<Record<string, unknown>>)();
    for (const name of ['createReporter', 'httpSink', 'callbackSink', 'collectorSink']) expect(module[name], name).to.be.a('function');
    expect(fetched().length, 'fetched when asked for').to.equal(1);
  });

  it('with data-telemetry, fetches the telemetry chunk and delivers what the widgets report, calls made before it arrived included', async () => {
    const server = await testServer();
    const room = freshRoom('bundle-telemetry');
    const view = await createPoll(server, room, { question: 'Counted?', options: ['Yes', 'No'] });
    const endpoint = await scriptedEndpoint();
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 400px; height: 400px';
    // configure() runs before the chunk does: without it being kept and replayed, the first flush would wait 5 s.
    frame.srcdoc =
      `<script src="/packages/widgets/dist/oncue.min.js" data-telemetry="${endpoint.url}" data-consent="granted"></script>` +
      `<script>OnCue.telemetry.configure({ flushIntervalMs: 100 })</script>` +
      `<oncue-poll lang="en" server="${server.url}" room="${room}" interaction="${view.id}"></oncue-poll>`;
    document.body.append(frame);
    try {
      await waitUntil(
        async () =>
          (await endpoint.requests()).some(
            (r) => typeof r.body !== 'string' && r.body.events.some((e) => e.type === 'impression' && e.interaction === view.id),
          ),
        'the poll’s impression reaches the collector',
        { timeout: 3000, interval: 50 },
      );
      const entries = frame.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name);
      expect(entries.filter((name) => /\/chunks\/telemetry-[\w-]+\.js$/.test(name)).length).to.equal(1);
    } finally {
      frame.remove();
    }
  });

  it('oncue.min.js carries no charting library, no validator and no kind', async () => {
    const source = await (await fetch('/packages/widgets/dist/oncue.min.js')).text();
    expect(source).not.to.match(/uplot|u-legend/i);
    expect(source).not.to.contain('unknown schema version');
    expect(source).to.match(/chunks\/poll-[\w-]+\.js/);
  });

  it('oncue-dashboard.min.js registers the dashboard', async () => {
    expect(await loadCatching('/packages/widgets/dist/oncue-dashboard.min.js')).to.deep.equal([]);
    expect(customElements.get('oncue-dashboard')).to.be.a('function');
  });

  it('survives being loaded twice', async () => {
    expect(await loadCatching('/packages/widgets/dist/oncue.min.js?twice')).to.deep.equal([]);
    expect(customElements.get('oncue-poll') === firstPoll, 'the first definition stays').to.equal(true);
  });

  it('shows a live poll from plain HTML', async () => {
    const server = await testServer();
    const room = freshRoom('bundle');
    const view = await createPoll(server, room, { question: 'From a script tag?', options: ['Yes', 'No'] });
    const host = document.createElement('div');
    host.innerHTML = `<oncue-poll lang="en" server="${server.url}" room="${room}" interaction="${view.id}"></oncue-poll>`;
    document.body.append(host);
    try {
      const poll = host.firstElementChild!;
      await until(() => poll.shadowRoot?.querySelectorAll('button').length === 2, 'the poll renders');
    } finally {
      host.remove();
    }
  });

  it('oncue-host.min.js adds the host console next to the viewer widgets', async () => {
    expect(await loadCatching('/packages/widgets/dist/oncue-host.min.js')).to.deep.equal([]);
    const { OnCueHost } = globals;
    expect(OnCueHost.connect).to.be.a('function');
    expect(customElements.get('oncue-host-console')).to.equal(OnCueHost.OnCueHostConsole);
    expect(customElements.get('oncue-poll') === firstPoll, 'the first definition stays').to.equal(true);
  });
});
