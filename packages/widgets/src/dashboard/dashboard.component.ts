import type { AlertGroup, FlaggedViewer, RoomDashboard } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import uPlot from 'uplot';
import { hostConsoleStyles } from '../host-console/host-console.styles.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { hostTokenForm } from '../shared/host-token-form.js';
import { OnCueElement } from '../shared/oncue-element.js';
import { dashboardMessages } from './dashboard-messages.js';
import { dashboardStyles } from './dashboard.styles.js';
import { interactionTitle } from './interaction-title.js';

type Status = 'needs-token' | 'refused' | 'loading' | 'live' | 'unreachable';
type ChartName = 'viewers' | 'rates' | 'actions';

const SERIES_COLOURS = ['#e0003c', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00'];
/** Height of a chart's plot, px (its legend below it adds a line). */
const CHART_HEIGHT = 200;

/**
 * @customElement oncue-dashboard
 * @summary The operator dashboard: a room's live telemetry metrics, alerts, and event export.
 *
 * Reads `GET /api/rooms/:room/metrics` with the host token every `interval` seconds (polling: the
 * endpoint is plain REST with a bearer token, which `EventSource` cannot send, and a few seconds of
 * latency is fine for people watching a stream). Without a token, or when the server refuses it,
 * a form asks for one; the token is kept in memory only. Charts are drawn with uPlot.
 * Charts keep a fixed height and follow their panel's width. Alerts come grouped per rule from the
 * server (one row per rule and metric, with its count and since when; resolved ones muted) in a list of
 * capped height that scrolls, so they never push the charts down. Widgets are named by their question or
 * prize, read once per new interaction from `GET /api/rooms/:room/interactions` (the id when it has none).
 * Exports download the room's events as CSV or NDJSON (fetched with the token, saved as a file).
 *
 * @csspart base - The wrapper.
 * @csspart sign-in - The host token form.
 * @csspart tiles - The current values.
 * @csspart chart - Each chart panel.
 * @csspart widgets - The per-widget table.
 * @csspart alerts - The alert list (one `<li part="alert">` per rule; `data-status` is `active` or `resolved`).
 * @csspart alert - One grouped alert.
 * @csspart flagged - The list of flagged viewers (`GET /api/rooms/:room/flagged`): no rewards while flagged, with the reasons.
 * @csspart downloads - The export buttons.
 * @csspart error - Error messages.
 *
 * @cssproperty --accent-color - Buttons. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --surface-color - Panels. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --border-color - Panel borders. Default `var(--oncue-border, rgb(22 24 35 / 0.16))`.
 * @cssproperty --danger-color - Critical alerts and errors. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --warning-color - Warnings. Default `#8f5500`.
 * @cssproperty --alerts-max-height - Height the alert list scrolls beyond. Default `10.5rem` (about four rows).
 */
export class OnCueDashboard extends OnCueElement {
  static override styles = [baseStyles, hostConsoleStyles, ...dashboardStyles];

  /** Server URL. */
  @property() server = '';
  @property() room = '';
  /** Host token; set by the sign-in form when absent (as a property: it stays out of the DOM). */
  @property() token = '';
  /** Seconds between two metric reads. */
  @property({ type: Number }) interval = 2;

  @state() private status: Status = 'needs-token';
  @state() private metrics: RoomDashboard | undefined;
  /** The room's flagged viewers, read with the metrics (undefined until read, or on a server without milestones). */
  @state() private flagged: FlaggedViewer[] | undefined;
  @state() private tokenDraft = '';
  @state() private exportFailed = false;
  @state() private tokenMissing = false;
  /** Interaction id → its question or prize. */
  @state() private names = new Map<string, string>();

  private readonly l10n = new Localize(this, dashboardMessages);
  private readonly charts = new Map<ChartName, uPlot>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reading = 0;
  /** Ids already looked up in the room's interactions (found or not: an id is looked up once). */
  private readonly named = new Set<string>();
  private naming = false;
  /** Resizes a chart to its panel's width, in the next frame (resizing it moves the legend, which the observer would see within the same frame). */
  private readonly resizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const width = Math.floor(entry.contentRect.width);
      requestAnimationFrame(() => {
        const chart = [...this.charts.values()].find((c) => c.root.parentElement === entry.target);
        if (chart && width > 0 && width !== chart.width) chart.setSize({ width, height: CHART_HEIGHT });
      });
    }
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.resizes.disconnect();
    for (const chart of this.charts.values()) chart.destroy();
    this.charts.clear();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.token) void this.read();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('token') || changed.has('room') || changed.has('server')) && this.isConnected) {
      this.metrics = undefined;
      this.names = new Map();
      this.named.clear();
      this.status = this.token ? 'loading' : 'needs-token';
      if (this.token) void this.read();
    }
  }

  protected override updated(): void {
    if (this.metrics) this.drawCharts(this.metrics);
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    if (this.status === 'needs-token' || this.status === 'refused') return this.renderSignIn();
    const m = this.metrics;
    return html`<div part="base" class="base">
      <h2 class="heading">${t('title', this.room)}</h2>
      ${this.status === 'unreachable' ? html`<p part="error" class="error" role="alert">${t('unreachable')}</p>` : nothing}
      ${m ? this.renderMetrics(m) : html`<p class="hint" role="status">${t('loading')}</p>`}
      <section class="panel" aria-labelledby="export-heading">
        <h3 id="export-heading" class="heading">${t('exportHeading')}</h3>
        <div part="downloads" class="downloads">
          <button class="button" type="button" @click=${() => this.download('csv')}>${t('downloadCsv')}</button>
          <button class="button" type="button" @click=${() => this.download('ndjson')}>${t('downloadNdjson')}</button>
        </div>
        ${this.exportFailed ? html`<p part="error" class="error" role="alert">${t('exportFailed')}</p>` : nothing}
      </section>
    </div>`;
  }

  private renderMetrics(m: RoomDashboard): TemplateResult {
    const { t, number } = this.l10n;
    // The last complete bucket: the current one is still filling.
    const last = m.buckets.at(-2);
    const pct = (x: number | null | undefined) => (x === null || x === undefined ? t('noValue') : number(x, { style: 'percent' }));
    const submitted = last ? Object.values(last.submitted).reduce((a, b) => a + b, 0) : 0;
    return html`
      <dl part="tiles" class="tiles">
        <div class="tile"><dt>${t('viewers')}</dt><dd data-metric="viewers">${number(last?.viewers ?? 0)}</dd></div>
        <div class="tile"><dt>${t('participation')}</dt><dd data-metric="participation">${pct(last?.participation)}</dd></div>
        <div class="tile"><dt>${t('acceptance')}</dt><dd data-metric="acceptance">${pct(last?.acceptance)}</dd></div>
        <div class="tile"><dt>${t('perMinute')}</dt><dd data-metric="submitted">${number(submitted)}</dd></div>
      </dl>
      <section class="panel" aria-labelledby="alerts-heading">
        <h3 id="alerts-heading" class="heading">${t('alerts', m.alerts.filter((a) => a.status === 'active').length)}</h3>
        ${
          m.alerts.length
            ? html`<ul part="alerts" class="alerts" aria-labelledby="alerts-heading" aria-live="polite" tabindex="0">
              ${m.alerts.map((a) => this.renderAlert(a))}
            </ul>`
            : html`<p class="hint">${t('noAlerts')}</p>`
        }
      </section>
      ${this.flagged ? this.renderFlagged(this.flagged) : nothing}
      <div class="charts">
        ${(['viewers', 'rates', 'actions'] as const).map(
          (name) => html`<figure part="chart" class="panel chart" data-chart=${name}>
            <h3 id="chart-${name}">${t(`${name}Chart`)}</h3>
            <div class="plot" role="img" aria-labelledby="chart-${name}"></div>
          </figure>`,
        )}
      </div>
      <section class="panel" aria-labelledby="widgets-heading">
        <h3 id="widgets-heading" class="heading">${t('widgets')}</h3>
        ${
          m.widgets.length
            ? html`<div class="table-scroll" tabindex="0" role="group" aria-labelledby="widgets-heading"><table part="widgets">
              <thead>
                <tr>
                  <th scope="col">${t('widget')}</th>
                  <th scope="col">${t('kind')}</th>
                  <th scope="col">${t('impressions')}</th>
                  <th scope="col">${t('participants')}</th>
                  <th scope="col">${t('medianDwell')}</th>
                  <th scope="col">${t('variants')}</th>
                </tr>
              </thead>
              <tbody>
                ${m.widgets.map(
                  (w) => html`<tr data-interaction=${w.interaction}>
                    <th scope="row" class="widget-name">
                      ${this.names.get(w.interaction) ?? w.interaction}
                      ${this.names.has(w.interaction) ? html`<span class="widget-id">${w.interaction}</span>` : nothing}
                    </th>
                    <td>${w.kind}</td>
                    <td data-metric="impressions">${number(w.impressions)}</td>
                    <td data-metric="participants">${number(w.participants)} / ${number(w.viewers)}</td>
                    <td>${w.medianDwellMs === null ? t('noValue') : t('seconds', number(w.medianDwellMs / 1000, { maximumFractionDigits: 1 }))}</td>
                    <td>
                      ${
                        w.variants.map((v) => t('variant', String.fromCharCode(65 + v.variant), v.participants, v.viewers, pct(v.rate))).join(' · ') ||
                        t('noValue')
                      }
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
            : html`<p class="hint">${t('noWidgets')}</p>`
        }
      </section>
    `;
  }

  /** One rule's grouped alert: severity (or resolved), what it says, how often, since when. */
  private renderAlert(a: AlertGroup): TemplateResult {
    const { t, number } = this.l10n;
    const pct = (x: number) => number(x, { style: 'percent' });
    const metric = t(a.metric === 'submitted' ? 'perMinute' : a.metric);
    const what =
      a.rule === 'participation'
        ? t('participationAlert', pct(a.value), pct(a.threshold ?? 0))
        : t('deviationAlert', metric, (a.deviation ?? 0) > 0, pct(Math.abs(a.deviation ?? 0)));
    const time = (at: number) => new Date(at).toLocaleTimeString(this.l10n.locale, { hour: '2-digit', minute: '2-digit' });
    return html`<li part="alert" class="alert ${a.severity} ${a.status}" data-rule=${a.rule} data-key=${a.key} data-status=${a.status}>
      <span class="severity">${t(a.status === 'resolved' ? 'resolved' : a.severity)}</span>
      <span class="what">${what}</span>
      <span class="count" data-count=${a.count}>${t('times', a.count)}</span>
      <span class="since">${t('since', time(a.since))}</span>
    </li>`;
  }

  private renderSignIn(): TemplateResult {
    const { t } = this.l10n;
    return hostTokenForm({
      t: (key) => t(key),
      problem: this.tokenMissing ? t('tokenMissing') : this.status === 'refused' ? t('tokenRefused') : '',
      status: '',
      draft: this.tokenDraft,
      onInput: (value) => (this.tokenDraft = value),
      onSubmit: (event) => this.onSignIn(event),
    });
  }

  private onSignIn(event: SubmitEvent): void {
    event.preventDefault();
    const token = this.tokenDraft.trim();
    this.tokenMissing = !token;
    if (!token) return;
    if (token === this.token) void this.read();
    else this.token = token;
  }

  private url(path: string): string {
    return `${this.server.replace(/\/+$/, '')}/api/rooms/${encodeURIComponent(this.room)}/${path}`;
  }

  /** Reads the metrics once and schedules the next read. */
  private async read(): Promise<void> {
    clearTimeout(this.timer);
    const reading = ++this.reading;
    let next = true;
    try {
      const response = await fetch(this.url('metrics'), { headers: { authorization: `Bearer ${this.token}` }, cache: 'no-store' });
      if (reading !== this.reading) return;
      if (response.status === 401) {
        this.status = 'refused';
        next = false;
      } else if (response.ok) {
        this.metrics = (await response.json()) as RoomDashboard;
        this.status = 'live';
        void this.readFlagged(reading);
        if (!this.naming && this.metrics.widgets.some((w) => !this.named.has(w.interaction)))
          void this.readNames(this.metrics.widgets.map((w) => w.interaction));
      } else {
        this.status = 'unreachable';
      }
    } catch {
      if (reading === this.reading) this.status = 'unreachable';
    }
    if (next && reading === this.reading && this.isConnected) this.timer = setTimeout(() => void this.read(), Math.max(0.5, this.interval) * 1000);
  }

  /** Reads the room's flagged viewers (best effort: a failure keeps the last list). */
  private async readFlagged(reading: number): Promise<void> {
    try {
      const response = await fetch(this.url('flagged'), { headers: { authorization: `Bearer ${this.token}` }, cache: 'no-store' });
      if (!response.ok || reading !== this.reading) return;
      this.flagged = ((await response.json()) as { flagged: FlaggedViewer[] }).flagged;
    } catch {
      // The next read tries again.
    }
  }

  private renderFlagged(list: readonly FlaggedViewer[]): TemplateResult {
    const { t } = this.l10n;
    const time = (at: number) => new Date(at).toLocaleTimeString(this.l10n.locale, { hour: '2-digit', minute: '2-digit' });
    return html`<section class="panel" aria-labelledby="flagged-heading">
      <h3 id="flagged-heading" class="heading">${t('flaggedHeading', list.length)}</h3>
      ${
        list.length
          ? html`<ul part="flagged" class="alerts" aria-labelledby="flagged-heading" tabindex="0">
            ${list.map(
              (f) => html`<li class="alert warning" data-viewer=${f.viewer}>
                <span class="what">${f.name ?? f.viewer.slice(0, 12)}</span>
                <span class="count">${f.reasons.map((r) => t(`flag_${r}`)).join(' · ')}</span>
                <span class="since">${t('since', time(f.since))}</span>
              </li>`,
            )}
          </ul>`
          : html`<p class="hint">${t('noFlagged')}</p>`
      }
    </section>`;
  }

  /** Looks the room's interactions up once for their questions or prizes (a failure leaves the ids shown, and is tried again next read). */
  private async readNames(ids: readonly string[]): Promise<void> {
    const url = this.url('interactions');
    const token = this.token;
    this.naming = true;
    try {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
      if (!response.ok || url !== this.url('interactions') || token !== this.token) return;
      const { interactions } = (await response.json()) as { interactions: Array<Record<string, unknown>> };
      const names = new Map(this.names);
      for (const view of interactions) {
        const title = interactionTitle(view, (first, count) => this.l10n.t('firstQuestion', first, count));
        if (typeof view.id === 'string' && title) names.set(view.id, title);
      }
      for (const id of ids) this.named.add(id);
      this.names = names;
    } catch {
      // The ids stay; the next read tries again.
    } finally {
      this.naming = false;
    }
  }

  private async download(format: 'csv' | 'ndjson'): Promise<void> {
    this.exportFailed = false;
    try {
      const response = await fetch(this.url(`telemetry.${format}`), { headers: { authorization: `Bearer ${this.token}` } });
      if (!response.ok) throw new Error(String(response.status));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = `oncue-${this.room}-telemetry.${format}`;
      this.renderRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch {
      this.exportFailed = true;
    }
  }

  private drawCharts(m: RoomDashboard): void {
    const { t } = this.l10n;
    const x = m.buckets.map((b) => b.start / 1000);
    const kinds = [...new Set(m.buckets.flatMap((b) => Object.keys(b.submitted)))].sort();
    const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    const data: Record<ChartName, { labels: string[]; columns: Array<Array<number | null>> }> = {
      viewers: { labels: [t('viewers'), t('participants')], columns: [m.buckets.map((b) => b.viewers), m.buckets.map((b) => b.participants)] },
      rates: {
        labels: [t('participation'), t('acceptance')],
        columns: [m.buckets.map((b) => percent(b.participation)), m.buckets.map((b) => percent(b.acceptance))],
      },
      actions: { labels: kinds, columns: kinds.map((kind) => m.buckets.map((b) => b.submitted[kind] ?? 0)) },
    };
    for (const name of ['viewers', 'rates', 'actions'] as const) {
      const target = this.renderRoot.querySelector<HTMLElement>(`[data-chart="${name}"] .plot`);
      if (!target) continue;
      const { labels, columns } = data[name];
      const existing = this.charts.get(name);
      const shape = labels.join('\n');
      if (existing && existing.root.isConnected && existing.root.parentElement === target && existing.root.dataset.shape === shape) {
        existing.setData([x, ...columns] as uPlot.AlignedData);
        continue;
      }
      existing?.destroy();
      const chart = new uPlot(
        {
          width: Math.max(200, target.clientWidth || 320),
          height: CHART_HEIGHT,
          series: [{}, ...labels.map((label, i) => ({ label, stroke: SERIES_COLOURS[i % SERIES_COLOURS.length], width: 2, spanGaps: false }))],
          scales: { x: { time: true } },
          axes: [{}, { size: 40 }],
        },
        [x, ...columns] as uPlot.AlignedData,
        target,
      );
      chart.root.dataset.shape = shape;
      this.charts.set(name, chart);
      this.resizes.observe(target);
    }
  }
}
