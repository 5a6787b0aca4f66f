import { lotteryClaimsCsv, type InteractionView, type LotterySpecInput, type LotteryView } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { fieldAria, fieldFeedback } from '../shared/field-feedback.js';
import { fieldFeedbackStyles } from '../shared/field-feedback.styles.js';
import { Localize } from '../shared/localize.js';
import { RoomController } from '../shared/room-controller.js';
import { isImageUrl, wholeNumberIn } from '../host-console/form-values.js';
import { HostFormElement } from '../host-console/host-form-element.js';
import { hostName } from '../host-console/host-kinds.js';
import { hostConsoleStyles } from '../host-console/host-console.styles.js';
import { problemAlert, problemText, refused, type Problem as ProblemOf } from '../host-console/problem.js';
import { lotteryPanelMessages, type LotteryPanelMessages } from './lottery-panel-messages.js';

// Limits of the protocol, repeated as numbers so the console does not load the validation library.
const MAX_PRIZE = 280;
const MAX_WINNERS = 100;
const MAX_SECONDS = 86_400;
const MAX_CLAIM_HOURS = 720;
const MAX_LABEL = 120;

type Problem = ProblemOf<LotteryPanelMessages>;
/** The form's fields (their element ids). */
type FieldId = 'prize' | 'prize-image' | 'prizes' | 'entry-window' | 'claim-label' | 'claim-hours';
/** A mistake in one field: a message key of the catalogue and its number, or the server's refusal of its value. */
type FieldProblem = { key: keyof LotteryPanelMessages & string; arg?: number } | { text: string };

/** The spec fields whose refusal (`bad_request`, its detail starting with the field's path, `spec.prize: …`) shows under a form field. */
const SPEC_FIELDS: [RegExp, FieldId][] = [
  [/^prize\b/, 'prize'],
  [/^image\b/, 'prize-image'],
  [/^winners\b/, 'prizes'],
  [/^durationSeconds\b/, 'entry-window'],
  [/^claim\.fields\b/, 'claim-label'],
  [/^claim\.seconds\b/, 'claim-hours'],
];

/** Winners still holding a prize (not replaced by a redraw) whose claim window ended unclaimed: what "Redraw" would redraw. */
function expiredUnclaimed(view: LotteryView, now: number): number {
  const replaced = new Set((view.draws ?? []).flatMap((d) => d.replaces ?? []));
  return (view.claims ?? []).filter((c) => !replaced.has(c.entry) && c.claimedAt === undefined && c.claimBy <= now).length;
}

/** When the next claim window still open ends unclaimed (the panel re-renders then to enable "Redraw"), or Infinity. */
function nextExpiry(views: readonly LotteryView[], now: number): number {
  return Math.min(...views.flatMap((view) => (view.claims ?? []).filter((c) => c.claimedAt === undefined && c.claimBy > now).map((c) => c.claimBy)));
}

/**
 * @customElement oncue-lottery-panel
 * @summary The host console's giveaways: launch a lottery, close entries and draw, follow winners and their claims, redraw expired prizes, export claims as CSV.
 *
 * Uses a host `connection` (the console passes its own). The form sets the prize (and its image), the number of
 * prizes, an optional entry window, who can enter (anyone, or viewers who took part in another interaction of the
 * room; optionally only viewers the integrator signed in, `signedOnly`), what winners are asked for and how long they have to claim. The list shows each lottery with its entries,
 * its commitment and, after the draw, one row per winner (by display name, or its entry ticket when it has none;
 * the round: "First draw", "Redraw 1", …) with the claim status and what the winner filled in (hosts only).
 * "Redraw expired prizes" is enabled once a prize's claim window ended unclaimed (until then it says why not).
 * "Download CSV" saves the same table (cells that would start a spreadsheet formula are defused).
 * Form mistakes show under their field (`aria-invalid`, `aria-describedby`); the prize and the claim label count their characters.
 *
 * @event oncue-create - The server created a lottery. `detail: { interaction }` (the view).
 * @event oncue-error - The server refused an action. `detail: { code, message }` (`message` is localised).
 *
 * @csspart base - The wrapper.
 * @csspart form - The launch form ("Launch giveaway", or "Save as draft": a giveaway a room goal launches when reached).
 * @csspart field - Each input and select (`aria-invalid="true"` while it has an error).
 * @csspart field-error - A field's error, under it (the field's `aria-describedby` names it).
 * @csspart field-count - The length counter of the prize and of the claim label ("12/280").
 * @csspart button - Each secondary button.
 * @csspart primary - The launch and "Close entries and draw" buttons.
 * @csspart error - Refusals of the server.
 * @csspart list - The list of lotteries.
 * @csspart item - One lottery.
 * @csspart status - The status badge of a lottery.
 * @csspart claims - The winners and claims table of a lottery.
 *
 * @cssproperty --accent-color - Primary buttons. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --surface-color - Panels. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --border-color - Field borders. Default `var(--oncue-border, rgb(22 24 35 / 0.16))`.
 */
export class OnCueLotteryPanel extends HostFormElement {
  static override styles = [baseStyles, hostConsoleStyles, fieldFeedbackStyles];

  /** What to show: the launch form and the list (`all`, the default), or only one of them (the console shows them apart). */
  @property() show: 'all' | 'form' | 'list' = 'all';

  @state() private prize = '';
  @state() private image = '';
  @state() private winners = '1';
  @state() private duration = '';
  @state() private eligibleAfter = '';
  @state() private signedOnly = false;
  @state() private claimLabel = '';
  @state() private claimHours = '24';
  @state() private formProblem: Problem | null = null;
  @state() private fieldProblems: Partial<Record<FieldId, FieldProblem>> = {};
  @state() private listProblem: Problem | null = null;
  @state() private busy: ReadonlySet<string> = new Set();

  private readonly l10n = new Localize(this, lotteryPanelMessages);
  private readonly rooms = new RoomController(this, () => ({ connection: this.connection }));

  /** Re-renders when the next claim window ends, so "Redraw expired prizes" turns on then. */
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  protected override updated(): void {
    clearTimeout(this.expiryTimer);
    const now = this.rooms.serverTime();
    const next = nextExpiry(this.lotteries(), now);
    // At most an hour ahead (a timer cannot wait 30 days); it re-arms after each update.
    if (next < Infinity) this.expiryTimer = setTimeout(() => this.requestUpdate(), Math.min(next - now + 50, 3_600_000));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.expiryTimer);
  }

  private lotteries(): LotteryView[] {
    return (this.rooms.room.value?.interactions ?? []).filter((i): i is LotteryView => i.kind === 'lottery');
  }

  /** A text or number field with its label, its error under it and (given `max`) its length counter. */
  private field(
    id: FieldId,
    label: string,
    value: string,
    set: (value: string) => void,
    options: { max?: number; type?: string; min?: number; maxValue?: number; placeholder?: string } = {},
  ): TemplateResult {
    const problem = this.fieldProblems[id];
    const error = !problem
      ? undefined
      : 'text' in problem
        ? problem.text
        : (this.l10n.t as unknown as (key: string, arg?: number) => string)(problem.key, problem.arg);
    const aria = fieldAria(id, error, options.max !== undefined);
    const numeric = options.type === 'number';
    return html`<label class="field-label" for=${id}>${label}</label>
      <input part="field" class="field ${numeric ? 'number' : ''}" id=${id} type=${options.type ?? 'text'} inputmode=${numeric ? 'numeric' : options.type === 'url' ? 'url' : nothing}
        min=${options.min ?? nothing} max=${options.maxValue ?? nothing} placeholder=${options.placeholder ?? nothing}
        aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy} .value=${value}
        @input=${(e: Event) => {
          set((e.target as HTMLInputElement).value);
          if (problem) this.fieldProblems = { ...this.fieldProblems, [id]: undefined };
        }} />
      ${fieldFeedback(id, error, value.length, options.max)}`;
  }

  override render(): TemplateResult {
    return html`<div part="base" class="base">
      ${this.show === 'list' ? nothing : this.renderForm()} ${this.show === 'form' ? nothing : this.renderList()}
    </div>`;
  }

  private renderForm(): TemplateResult {
    const { t } = this.l10n;
    const others = (this.rooms.room.value?.interactions ?? []).filter((i) => i.status !== 'draft');
    return html`<form part="form" class="panel form" novalidate aria-labelledby="lottery-heading" @submit=${this.onSubmit}>
      <h2 id="lottery-heading" class="heading">${t('newLottery')}</h2>
      ${this.field('prize', t('prize'), this.prize, (v) => (this.prize = v), { max: MAX_PRIZE, placeholder: t('prizePlaceholder') })}
      ${this.field('prize-image', t('prizeImage'), this.image, (v) => (this.image = v), { type: 'url' })}
      ${this.field('prizes', t('prizes'), this.winners, (v) => (this.winners = v), { type: 'number', min: 1, maxValue: MAX_WINNERS })}
      ${this.field('entry-window', t('entryWindow'), this.duration, (v) => (this.duration = v), { type: 'number', min: 1, maxValue: MAX_SECONDS })}
      <label class="field-label" for="eligibility">${t('eligibility')}</label>
      <select part="field" class="field" id="eligibility" @change=${(e: Event) => (this.eligibleAfter = (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${this.eligibleAfter === ''}>${t('eligibleRoom')}</option>
        ${others.map((i) => html`<option value=${i.id} ?selected=${this.eligibleAfter === i.id}>${t('eligibleAfter', this.describe(i))}</option>`)}
      </select>
      <label class="check">
        <input type="checkbox" id="signed-only" .checked=${this.signedOnly} @change=${(e: Event) => (this.signedOnly = (e.target as HTMLInputElement).checked)} />
        ${t('signedOnly')}
      </label>
      ${this.field('claim-label', t('claimLabel'), this.claimLabel, (v) => (this.claimLabel = v), { max: MAX_LABEL, placeholder: t('claimLabelDefault') })}
      ${this.field('claim-hours', t('claimHours'), this.claimHours, (v) => (this.claimHours = v), { type: 'number', min: 1, maxValue: MAX_CLAIM_HOURS })}
      ${this.renderProblem(this.formProblem)}
      <div class="actions">
        <button part="button primary" class="button primary" type="submit" value="launch" ?disabled=${this.creating}>${t('launchLottery')}</button>
        <button part="button" class="button" type="submit" value="draft" ?disabled=${this.creating}>${t('saveDraft')}</button>
        ${this.creating ? html`<span class="hint" role="status">${t('creating')}</span>` : nothing}
      </div>
    </form>`;
  }

  private renderList(): TemplateResult {
    const { t } = this.l10n;
    const lotteries = this.lotteries().reverse();
    return html`<section class="panel" aria-labelledby="lotteries-heading">
      <h2 id="lotteries-heading" class="heading">${t('lotteries')}</h2>
      ${this.renderProblem(this.listProblem)}
      ${
        lotteries.length
          ? html`<ol part="list" class="list" role="list">${lotteries.map((view) => this.renderItem(view))}</ol>`
          : html`<p class="hint">${t('noLotteries')}</p>`
      }
    </section>`;
  }

  private renderItem(view: LotteryView): TemplateResult {
    const { t, number } = this.l10n;
    const busy = this.busy.has(view.id);
    const drawn = view.draws !== undefined;
    const redrawable = drawn && expiredUnclaimed(view, this.rooms.serverTime()) > 0;
    return html`<li part="item" class="item" data-id=${view.id}>
      <div class="item-head">
        <span part="status" class="badge badge-${view.status}">${t(view.status)}</span>
        <span class="item-question">${view.prize}</span>
      </div>
      <p class="hint">${t('lotteryCounts', view.entries, number(view.entries), view.prizes, number(view.prizes))} · ${t('commitmentShort', view.commitment.slice(0, 16))}</p>
      ${drawn ? this.renderClaims(view) : nothing}
      <div class="item-foot">
        ${
          view.status === 'draft'
            ? html`<button part="button primary" class="button primary" type="button" aria-label=${t('launchNamed', view.prize)} ?disabled=${busy}
              @click=${() => this.act(view.id, 'open')}>${t('launchNow')}</button>`
            : nothing
        }
        ${
          view.status === 'open'
            ? html`<button part="button primary" class="button primary" type="button" aria-label=${t('closeAndDrawNamed', view.prize)} ?disabled=${busy}
              @click=${() => this.act(view.id, 'close')}>${t('closeAndDraw')}</button>`
            : nothing
        }
        ${view.status === 'closed' && !drawn ? html`<span class="hint">${t('drawing')}</span>` : nothing}
        ${
          drawn
            ? html`<button part="button" class="button" type="button" ?disabled=${busy || !redrawable} title=${redrawable ? nothing : t('redrawNothing')}
                aria-describedby=${redrawable ? nothing : `redraw-why-${view.id}`} @click=${() => this.act(view.id, 'redraw')}>${t('redrawExpired')}</button>
              ${redrawable ? nothing : html`<span class="hint" id="redraw-why-${view.id}">${t('redrawNothing')}</span>`}
              <button part="button" class="button" type="button" @click=${() => this.download(view)}>${t('downloadCsv')}</button>`
            : nothing
        }
      </div>
    </li>`;
  }

  private renderClaims(view: LotteryView): TemplateResult {
    const { t } = this.l10n;
    const now = this.rooms.serverTime();
    const time = (ms: number) => new Date(ms).toLocaleString(this.l10n.locale);
    return html`<table part="claims" class="claims">
      <thead>
        <tr><th scope="col">${t('round')}</th><th scope="col">${t('winner')}</th><th scope="col">${t('entry')}</th><th scope="col">${t('claimStatus')}</th>
          ${view.claim.fields.map((f) => html`<th scope="col">${f.label}</th>`)}</tr>
      </thead>
      <tbody>
        ${(view.claims ?? []).map(
          (c) => html`<tr>
            <td>${c.round === 0 ? t('roundFirst') : t('roundRedraw', c.round)}</td>
            <td>${c.name ?? t('noName')}</td>
            <td><code>${c.entry.slice(0, 8)}</code></td>
            <td>${c.claimedAt !== undefined ? t('claimedAt', time(c.claimedAt)) : c.claimBy > now ? t('claimOpenUntil', time(c.claimBy)) : t('claimLapsed')}</td>
            ${view.claim.fields.map((f) => html`<td>${c.fields?.[f.id] ?? ''}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderProblem(problem: Problem | null): TemplateResult | typeof nothing {
    return problemAlert(this.l10n.t, problem);
  }

  /** How the eligibility menu names another interaction: as its kind's host registry line does. */
  private describe(view: InteractionView): string {
    return hostName(view, this.l10n.locale);
  }

  /** The spec the form describes, or the mistake of each wrong field. */
  private spec(): LotterySpecInput | Partial<Record<FieldId, FieldProblem>> {
    const problems: Partial<Record<FieldId, FieldProblem>> = {};
    const prize = this.prize.trim();
    if (!prize) problems.prize = { key: 'invalidPrize' };
    else if (prize.length > MAX_PRIZE) problems.prize = { key: 'tooLong', arg: MAX_PRIZE };
    const image = this.image.trim();
    if (image && !isImageUrl(image)) problems['prize-image'] = { key: 'invalidImage' };
    const winners = wholeNumberIn(this.winners, 1, MAX_WINNERS);
    if (winners === undefined) problems.prizes = { key: 'invalidPrizes' };
    const seconds = this.duration.trim() ? wholeNumberIn(this.duration, 1, MAX_SECONDS) : 0;
    if (seconds === undefined) problems['entry-window'] = { key: 'invalidDuration' };
    const label = this.claimLabel.trim() || this.l10n.t('claimLabelDefault');
    if (label.length > MAX_LABEL) problems['claim-label'] = { key: 'tooLong', arg: MAX_LABEL };
    const hours = wholeNumberIn(this.claimHours, 1, MAX_CLAIM_HOURS);
    if (hours === undefined) problems['claim-hours'] = { key: 'invalidClaimHours' };
    if (Object.keys(problems).length) return problems;
    const spec: LotterySpecInput = {
      kind: 'lottery',
      prize,
      winners: winners!,
      eligibility: this.eligibleAfter ? { type: 'participated', interaction: this.eligibleAfter } : { type: 'room' },
      claim: { fields: [{ id: 'contact', label }], seconds: hours! * 3600 },
    };
    if (image) spec.image = image;
    if (this.signedOnly) spec.signedOnly = true;
    if (seconds) spec.durationSeconds = seconds;
    return spec;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const conn = this.rooms.conn;
    if (!conn || this.creating) return;
    const spec = this.spec();
    this.formProblem = null;
    if (!('kind' in spec)) return this.showFieldProblems(spec);
    // "Save as draft": launched later from the console, or by a room goal when it is reached (docs/milestones.md).
    if ((event.submitter as HTMLButtonElement | null)?.value === 'draft') spec.draft = true;
    this.fieldProblems = {};
    this.creating = true;
    const result = await conn.createInteraction(spec).catch(() => null);
    this.creating = false;
    if (result?.ok) {
      this.prize = this.image = this.duration = this.eligibleAfter = this.claimLabel = '';
      this.winners = '1';
      this.claimHours = '24';
      this.signedOnly = false;
      this.emit('oncue-create', { interaction: result.value });
      return;
    }
    const refusal = refused(this, this.l10n.t, result);
    const path = refusal.detail.replace(/^spec\./, '');
    const field = refusal.code === 'bad_request' ? SPEC_FIELDS.find(([pattern]) => pattern.test(path))?.[1] : undefined;
    // Under the field, the server's reason without its path (the field says which).
    if (field) await this.showFieldProblems({ [field]: { text: problemText(this.l10n.t, { ...refusal, detail: path.replace(/^[\w.]+: /, '') }) } });
    else this.formProblem = refusal;
  }

  /** Shows each mistake under its field and moves the focus to the first wrong field. */
  private async showFieldProblems(problems: Partial<Record<FieldId, FieldProblem>>): Promise<void> {
    this.fieldProblems = problems;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** Launches a draft, closes entries (the server draws) or redraws expired prizes (`host:next`). */
  private async act(id: string, what: 'open' | 'close' | 'redraw'): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.busy.has(id)) return;
    this.busy = new Set([...this.busy, id]);
    this.listProblem = null;
    const result = await (what === 'open' ? conn.openInteraction(id) : what === 'close' ? conn.closeInteraction(id) : conn.nextStep(id)).catch(() => null);
    const busy = new Set(this.busy);
    busy.delete(id);
    this.busy = busy;
    if (!result?.ok) this.listProblem = refused(this, this.l10n.t, result);
  }

  /** Saves the winners and claims as CSV, built here from the host view (the same as the REST export). */
  private download(view: LotteryView): void {
    const url = URL.createObjectURL(new Blob([lotteryClaimsCsv(view)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${view.id}-claims.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
