// `npm run bench:phone`: time to interactive of the demo stream page on a
// mid-range phone. The built CLI (as `npm start` runs it, loopback port, fresh
// data file) serves the page; a poll is opened in a room over the REST API; then
// Debian's Chromium, emulating a phone (150 ms latency, 1.6 Mbps down, 750 kbps
// up, CPU 4× slower, 390×844, touch, mobile user agent), loads the page and we
// time navigation start → the poll's first option button is visible and enabled
// inside the widgets' shadow roots. Each run uses a fresh browser context (cold
// cache), then reloads the page once in that context (warm cache). Prints every
// run, the medians and the bytes transferred (scripts vs. the rest); asserts
// nothing. Knobs: PHONE_RUNS (5), PHONE_CPU (4), PHONE_LATENCY_MS (150),
// PHONE_DOWN_KBPS (1600), PHONE_UP_KBPS (750); PHONE_TIMELINE=1 prints when each resource was fetched.
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/chromium-launch-options.js';
import { startDemoServer } from '../e2e/start-demo-server.js';

const RUNS = Number(process.env.PHONE_RUNS ?? 5);
const CPU = Number(process.env.PHONE_CPU ?? 4);
const LATENCY_MS = Number(process.env.PHONE_LATENCY_MS ?? 150);
const DOWN_KBPS = Number(process.env.PHONE_DOWN_KBPS ?? 1600);
const UP_KBPS = Number(process.env.PHONE_UP_KBPS ?? 750);
const TIMEOUT_MS = 60_000;
const MOBILE_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/**
 * In the page: the time (ms since navigation start) once the first poll option button,
 * searched through every open shadow root, is laid out and not disabled; `false` until then.
 * Independent of how the SDK is split into scripts: it waits for what the viewer sees.
 */
function pollButtonReady() {
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('button[part~="option"]')) return el;
      if (el.shadowRoot) {
        const found = find(el.shadowRoot);
        if (found) return found;
      }
    }
    return null;
  };
  const button = find(document);
  if (!button || button.disabled || button.getAttribute('aria-disabled') === 'true') return false;
  const box = button.getBoundingClientRect();
  if (box.width === 0 || box.height === 0 || getComputedStyle(button).visibility === 'hidden') return false;
  return performance.now();
}

/** Sums `encodedDataLength` (bytes on the wire, headers included) of the responses, scripts apart. */
function countBytes(cdp) {
  const types = new Map();
  const bytes = { scripts: 0, other: 0, requests: 0, fromCache: 0 };
  const encodings = new Map();
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const name = new URL(e.response.url).pathname;
    encodings.set(name, `${e.response.status} ${headers['content-encoding'] ?? 'identity'}`);
  });
  cdp.on('Network.requestServedFromCache', () => bytes.fromCache++);
  cdp.on('Network.loadingFinished', (e) => {
    bytes.requests++;
    if (types.get(e.requestId) === 'Script') bytes.scripts += e.encodedDataLength;
    else bytes.other += e.encodedDataLength;
  });
  return {
    /** Path → "status content-encoding" of the last response of each path. */
    encodings,
    take() {
      const taken = { ...bytes };
      Object.assign(bytes, { scripts: 0, other: 0, requests: 0, fromCache: 0 });
      return taken;
    },
  };
}

async function emulatePhone(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: (DOWN_KBPS * 1000) / 8,
    uploadThroughput: (UP_KBPS * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  return cdp;
}

async function measure(page, counter, load) {
  await load();
  const ms = await page.waitForFunction(pollButtonReady, undefined, { timeout: TIMEOUT_MS, polling: 'raf' }).then((h) => h.jsonValue());
  // Where the time went: when the page and the last script (a loader's chunks included) had arrived.
  const { pageMs, scriptsMs } = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    const scripts = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' || /\.m?js(\?|$)/.test(e.name));
    return { pageMs: nav ? nav.responseEnd : 0, scriptsMs: Math.max(0, ...scripts.map((e) => e.responseEnd)) };
  });
  if (process.env.PHONE_TIMELINE) {
    // Each resource's request start and response end, ms after navigation start (the WebSocket is not a resource).
    const rows = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => `${e.startTime.toFixed(0).padStart(5)} → ${e.responseEnd.toFixed(0).padStart(5)}  ${e.name.replace(location.origin, '')}`),
    );
    console.log(`  timeline (interactive at ${ms.toFixed(0)} ms):\n    ${rows.join('\n    ')}`);
  }
  // Let requests already started by then finish (a lazily loaded chunk, the telemetry beacon's
  // first batch is not a load) so their bytes are counted with this load.
  await page.waitForLoadState('networkidle').catch(() => {});
  return { ms, pageMs, scriptsMs, ...counter.take() };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const line = (label, r) =>
  `${label}: ${r.ms.toFixed(0).padStart(5)} ms (page in at ${r.pageMs.toFixed(0)}, scripts at ${r.scriptsMs.toFixed(0)})  bytes ${kb(r.scripts + r.other).padStart(9)} (scripts ${kb(r.scripts)}, other ${kb(r.other)}; ${r.requests} responses)`;

const server = await startDemoServer();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const room = `phone-${Date.now().toString(36)}`;
  const res = await fetch(`${server.url}/api/rooms/${room}/interactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.hostToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'poll', question: 'Which outfit?', options: [{ label: 'Red dress' }, { label: 'Blue suit' }, { label: 'Green coat' }] }),
  });
  if (res.status !== 201) throw new Error(`creating the poll answered ${res.status} ${await res.text()}`);
  const pageUrl = `${server.url}/?room=${room}`;
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}; phone load: ${pageUrl.replace(server.url, '')}, ${LATENCY_MS} ms latency, ${DOWN_KBPS} kbps down, ${UP_KBPS} kbps up, CPU ${CPU}× slower, 390×844, ${RUNS} runs`,
  );

  const cold = [];
  const warm = [];
  for (let i = 1; i <= RUNS; i++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      userAgent: MOBILE_UA,
    });
    const page = await context.newPage();
    const cdp = await emulatePhone(page);
    const counter = countBytes(cdp);
    const c = await measure(page, counter, () => page.goto(pageUrl, { waitUntil: 'commit', timeout: TIMEOUT_MS }));
    const w = await measure(page, counter, () => page.reload({ waitUntil: 'commit', timeout: TIMEOUT_MS }));
    if (i === 1) console.log(`responses (status, encoding) after the reload: ${[...counter.encodings].map(([p, e]) => `${p} ${e}`).join(', ')}`);
    console.log(line(`run ${i} cold  `, c));
    console.log(line(`run ${i} reload`, w));
    cold.push(c);
    warm.push(w);
    await context.close();
  }
  const summary = (runs) => ({
    ms: median(runs.map((r) => r.ms)),
    pageMs: median(runs.map((r) => r.pageMs)),
    scriptsMs: median(runs.map((r) => r.scriptsMs)),
    scripts: median(runs.map((r) => r.scripts)),
    other: median(runs.map((r) => r.other)),
    requests: median(runs.map((r) => r.requests)),
  });
  console.log(line('median cold  ', summary(cold)));
  console.log(line('median reload', summary(warm)));
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores: times measured on a busy machine are slower; bytes are not affected`,
  );
} finally {
  await browser.close();
  await server.stop();
}
