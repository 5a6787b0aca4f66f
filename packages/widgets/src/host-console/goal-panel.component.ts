import { GOAL_METRICS, MAX_GOAL_REVEAL_LENGTH, MAX_GOAL_SECONDS, MAX_GOAL_TARGET, MAX_LABEL_LENGTH, MAX_QUESTION_LENGTH } from '@oncue/protocol';
import type { GoalMetric, GoalSpecInput, GoalView } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { RoomController } from '../shared/room-controller.js';
import { describedBy, fieldError, invalidFlag, type FieldProblem } from './field-error.js';
import { wholeNumberIn } from './form-values.js';
import { goalPanelMessages, type GoalPanelMessages } from './goal-panel-messages.js';
import { hostConsoleStyles } from './host-console.styles.js';
import { HostFormElement } from './host-form-element.js';
import { hostName } from './host-kinds.js';
import { problemAlert, refused } from './problem.js';

type GoalActionType = 'launch' | 'coupon' | 'message';
const MAX_MINUTES = MAX_GOAL_SECONDS / 60;

/**
 * @customElement oncue-goal-panel
 * @summary The host console's room goals: set one (what counts, target, deadline, what reaching it does) and follow them.
 *
 * Uses the host `connection` the console lends it. The form sets a goal (`host:goal`): what counts (hearts, valid
 * interactions or viewers taking part), the target, an optional deadline in minutes, and what reaching it does,
 * once: launch one of the room's drafts (a giveaway saved as a draft, say), reveal a coupon code, or show a message.
 * Mistakes show under their field (`part="field-error"`), which is marked `aria-invalid` and gets the focus; a server
 * refusal shows above the button. Below, the room's goals, newest first, with their progress and a "Cancel goal"
 * button while active.
 *
 * @event oncue-goal - The server set the goal. `detail: { goal }` (as hosts see it).
 * @event oncue-error - The server refused a goal or a cancel. `detail: { code, message }` (`message` is localised).
 *
 * @csspart form - The goal form.
 * @csspart field - Each input and select.
 * @csspart button - Each secondary button ("Cancel goal").
 * @csspart primary - The "Set goal" button.
 * @csspart error - Validation messages and server refusals.
 * @csspart field-error - A validation message beside its field (also `error`).
 * @csspart list - The room's goals; each one is an `item`.
 * @csspart item - One goal: title, status, progress, deadline, cancel.
 * @csspart status - A goal's status badge.
 * @csspart bar - A goal's progress bar (`role="progressbar"`).
 */
export class OnCueGoalPanel extends HostFormElement<GoalPanelMessages> {
  static override styles = [baseStyles, hostConsoleStyles];

  @state() private goalTitle = '';
  @state() private metric: GoalMetric = 'cheers';
  @state() private target = '';
  @state() private minutes = '';
  @state() private action: GoalActionType = 'launch';
  @state() private draft = '';
  @state() private text = '';
  /** Goals being cancelled. */
  @state() private cancelling: ReadonlySet<string> = new Set();

  private readonly l10n = new Localize(this, goalPanelMessages);
  private readonly rooms = new RoomController(this, () => ({ connection: this.connection }));

  override render(): TemplateResult {
    return html`${this.renderForm()} ${this.renderList()}`;
  }

  private drafts() {
    return (this.rooms.room.value?.interactions ?? []).filter((i) => i.status === 'draft');
  }

  private renderForm(): TemplateResult {
    const { t } = this.l10n;
    const drafts = this.drafts();
    const input = (id: string, value: string, set: (v: string) => void, extra: { type?: string; placeholder?: string; min?: number; max?: number } = {}) =>
      html`<input
          part="field"
          class="field ${extra.type === 'number' ? 'number' : ''}"
          id=${id}
          type=${extra.type ?? 'text'}
          inputmode=${extra.type === 'number' ? 'numeric' : nothing}
          min=${ifDefined(extra.min)}
          max=${ifDefined(extra.max)}
          placeholder=${ifDefined(extra.placeholder)}
          aria-invalid=${invalidFlag(this.invalid, id)}
          aria-describedby=${ifDefined(describedBy(this.invalid, id))}
          .value=${value}
          @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
        />
        ${fieldError(t, this.invalid, id)}`;
    return html`<form part="form" class="panel form" novalidate aria-labelledby="goal-form-heading" @submit=${this.onSubmit}>
      <h2 id="goal-form-heading" class="heading">${t('newGoal')}</h2>
      <label class="field-label" for="goal-title">${t('goalTitle')}</label>
      ${input('goal-title', this.goalTitle, (v) => (this.goalTitle = v), { placeholder: t('goalTitlePlaceholder') })}
      <label class="field-label" for="goal-metric">${t('metric')}</label>
      <select part="field" class="field" id="goal-metric" @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value as GoalMetric)}>
        ${GOAL_METRICS.map((m) => html`<option value=${m} ?selected=${m === this.metric}>${t('metricName', m)}</option>`)}
      </select>
      <label class="field-label" for="goal-target">${t('target')}</label>
      ${input('goal-target', this.target, (v) => (this.target = v), { type: 'number', min: 1, max: MAX_GOAL_TARGET })}
      <label class="field-label" for="goal-minutes">${t('deadline')}</label>
      ${input('goal-minutes', this.minutes, (v) => (this.minutes = v), { type: 'number', min: 1, max: MAX_MINUTES })}
      <fieldset class="group inner">
        <legend class="field-label">${t('goalAction')}</legend>
        ${(['launch', 'coupon', 'message'] as const).map(
          (value) => html`<label class="check">
            <input type="radio" name="goal-action" value=${value} .checked=${this.action === value} @change=${() => this.chooseAction(value)} />
            ${t(value === 'launch' ? 'actionLaunch' : value === 'coupon' ? 'actionCoupon' : 'actionMessage')}
          </label>`,
        )}
      </fieldset>
      ${
        this.action === 'launch'
          ? drafts.length
            ? html`<label class="field-label" for="goal-draft">${t('draftToLaunch')}</label>
              <select
                part="field"
                class="field"
                id="goal-draft"
                aria-invalid=${invalidFlag(this.invalid, 'goal-draft')}
                aria-describedby=${ifDefined(describedBy(this.invalid, 'goal-draft'))}
                @change=${(e: Event) => (this.draft = (e.target as HTMLSelectElement).value)}
              >
                <option value="" ?selected=${!this.draft}></option>
                ${drafts.map((d) => html`<option value=${d.id} ?selected=${d.id === this.draft}>${hostName(d, this.l10n.locale)}</option>`)}
              </select>
              ${fieldError(t, this.invalid, 'goal-draft')}`
            : html`<p class="hint" id="goal-draft">${t('noDrafts')}</p>${fieldError(t, this.invalid, 'goal-draft')}`
          : html`<label class="field-label" for="goal-text">${t(this.action === 'coupon' ? 'couponCode' : 'goalMessage')}</label>
            ${input('goal-text', this.text, (v) => (this.text = v))}`
      }
      <div class="form-foot">
        ${problemAlert(t, this.refusal)}
        <div class="actions">
          <button part="button primary" class="button primary" type="submit" ?disabled=${this.creating}>${t('setGoal')}</button>
          ${this.creating ? html`<span class="hint" role="status">${t('creating')}</span>` : nothing}
        </div>
      </div>
    </form>`;
  }

  private renderList(): TemplateResult {
    const { t, number } = this.l10n;
    const goals = [...(this.rooms.room.value?.milestones?.goals ?? [])].reverse();
    return html`<section class="panel" aria-labelledby="goals-heading">
      <h2 id="goals-heading" class="heading">${t('goals')}</h2>
      ${
        goals.length
          ? html`<ol part="list" class="list" role="list">
            ${goals.map((goal) => {
              const name = goal.title ?? `${t('metricName', goal.metric)} ${number(goal.target)}`;
              const progress = t('goalProgress', number(goal.progress), number(goal.target));
              return html`<li part="item" class="item" data-id=${goal.id}>
                <div class="item-head">
                  <span part="status" class="badge badge-${goal.status === 'active' ? 'open' : goal.status}">${t(`goalStatus_${goal.status}`)}</span>
                  <span class="item-question">${name}</span>
                </div>
                <div class="tally-row" part="bar" role="progressbar" aria-label=${name} aria-valuemin="0" aria-valuemax=${goal.target} aria-valuenow=${Math.min(goal.progress, goal.target)} aria-valuetext=${progress}>
                  <span class="bar" data-share=${Math.min(1, goal.progress / goal.target)}></span>
                  <span class="tally-label">${t('metricName', goal.metric)}</span>
                  <span class="tally-count">${progress}</span>
                </div>
                ${
                  goal.deadline !== undefined && goal.status === 'active'
                    ? html`<p class="hint">${t('goalEndsAt', new Date(goal.deadline).toLocaleTimeString(this.l10n.locale))}</p>`
                    : nothing
                }
                ${
                  goal.status === 'active'
                    ? html`<div class="item-foot">
                      <button part="button" class="button" type="button" aria-label=${t('cancelGoalNamed', name)} ?disabled=${this.cancelling.has(goal.id)} @click=${() => this.cancel(goal)}>
                        ${t('cancelGoal')}
                      </button>
                    </div>`
                    : nothing
                }
              </li>`;
            })}
          </ol>`
          : html`<p class="hint">${t('noGoals')}</p>`
      }
    </section>`;
  }

  protected override updated(): void {
    // The bars' widths through the CSSOM (a page's CSP may forbid inline styles).
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('.bar[data-share]')) bar.style.setProperty('--share', bar.dataset.share ?? '0');
  }

  private chooseAction(action: GoalActionType): void {
    this.action = action;
    this.invalid = null;
  }

  /** The goal the form describes, or its first mistake. */
  private spec(): GoalSpecInput | FieldProblem<GoalPanelMessages> {
    const wrong = (field: string, key: keyof GoalPanelMessages & string, arg?: number): FieldProblem<GoalPanelMessages> => ({
      problem: arg === undefined ? { key } : { key, arg },
      field,
      anchor: field,
    });
    const title = this.goalTitle.trim();
    if (title.length > MAX_QUESTION_LENGTH) return wrong('goal-title', 'textTooLong', MAX_QUESTION_LENGTH);
    const target = wholeNumberIn(this.target, 1, MAX_GOAL_TARGET);
    if (target === undefined) return wrong('goal-target', 'targetInvalid', MAX_GOAL_TARGET);
    const minutes = wholeNumberIn(this.minutes, 1, MAX_MINUTES);
    if (this.minutes.trim() && minutes === undefined) return wrong('goal-minutes', 'minutesInvalid', MAX_MINUTES);
    let action: GoalSpecInput['action'];
    if (this.action === 'launch') {
      if (!this.drafts().some((d) => d.id === this.draft)) return wrong('goal-draft', 'draftMissing');
      action = { type: 'launch', interaction: this.draft };
    } else {
      const text = this.text.trim();
      const max = this.action === 'coupon' ? MAX_LABEL_LENGTH : MAX_GOAL_REVEAL_LENGTH;
      if (!text) return wrong('goal-text', 'textMissing');
      if (text.length > max) return wrong('goal-text', 'textTooLong', max);
      action = this.action === 'coupon' ? { type: 'coupon', code: text } : { type: 'message', text };
    }
    const spec: GoalSpecInput = { metric: this.metric, target, action };
    if (title) spec.title = title;
    if (minutes !== undefined && this.connection) spec.deadline = Math.round(this.connection.serverNow() + minutes * 60_000);
    return spec;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const conn = this.connection;
    if (!conn || this.creating) return;
    const spec = this.spec();
    this.refusal = null;
    if (!('metric' in spec)) {
      this.invalid = spec;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${spec.field}`)?.focus();
      return;
    }
    this.invalid = null;
    this.creating = true;
    const result = await conn.createGoal(spec).catch(() => null);
    this.creating = false;
    if (result?.ok) {
      this.goalTitle = this.target = this.minutes = this.text = this.draft = '';
      this.emit('oncue-goal', { goal: result.value });
      return;
    }
    this.refusal = refused(this, this.l10n.t, result);
  }

  private async cancel(goal: GoalView): Promise<void> {
    const conn = this.connection;
    if (!conn) return;
    this.cancelling = new Set([...this.cancelling, goal.id]);
    const result = await conn.cancelGoal(goal.id).catch(() => null);
    const rest = new Set(this.cancelling);
    rest.delete(goal.id);
    this.cancelling = rest;
    if (!result?.ok) this.refusal = refused(this, this.l10n.t, result);
  }
}
