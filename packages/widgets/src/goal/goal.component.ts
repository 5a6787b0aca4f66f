import type { GoalView } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { cardStyles } from '../shared/card.styles.js';
import { copyCode } from '../shared/copy-code.js';
import { copyCodeStyles } from '../shared/copy-code.styles.js';
import { OnCueRoomElement } from '../shared/interaction-element.js';
import { clock } from '../shared/interaction-messages.js';
import { Localize } from '../shared/localize.js';
import { Ticker } from '../shared/ticker.js';
import { goalMessages } from './goal-messages.js';
import { goalStyles } from './goal.styles.js';

/**
 * The goal an element shows: the one named `id`; else the newest active goal; else the newest one (reached or
 * expired: its outcome stays). Cancelled goals are never sent to viewers.
 */
export function goalToShow(goals: readonly GoalView[] | undefined, id = ''): GoalView | undefined {
  if (!goals) return undefined;
  if (id) return goals.find((g) => g.id === id);
  const newest = [...goals].reverse();
  return newest.find((g) => g.status === 'active') ?? newest.find((g) => g.status !== 'cancelled');
}

/**
 * @customElement oncue-goal
 * @summary The room's goal: a progress bar towards the target, the countdown, and the moment it is reached.
 *
 * Connects to `server` + `room` itself, or uses a shared `connection` (as `<oncue-stage>` does, above the
 * interaction). Shows the goal named by `goal`, else the room's current one (the newest active goal, else the
 * newest reached or expired one); without one it shows nothing (`part="base none"`, no card). The bar (`role="progressbar"`, with its values) fills as the room counts. Until the deadline, a countdown. Once reached: "Goal reached!" and
 * what it unlocks: the coupon code (with a copy button), the host's message, or "The giveaway is on" (the giveaway
 * itself is on the stage). A goal past its deadline says so. The moment is announced politely; it pops in, at once
 * under `prefers-reduced-motion: reduce`.
 *
 * @event oncue-goal-reached - The goal shown was reached while the viewer watched. `detail: { goal, action, reveal?, interaction? }` (`interaction`: the giveaway it launched).
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 *
 * @csspart base - The card around everything (`reached` and `expired` are added to it in those states, `none` while there is no goal).
 * @csspart title - The goal's title (the host's, or "Goal: 10,000 hearts").
 * @csspart bar - The progress bar's track (`role="progressbar"`).
 * @csspart fill - The filled part of the bar.
 * @csspart numbers - The count towards the target and the countdown.
 * @csspart countdown - The time left to the deadline.
 * @csspart unlocks - What reaching it unlocks, while it is active.
 * @csspart moment - "Goal reached!" and what it revealed; or that the time is up.
 * @csspart code - A revealed coupon code.
 * @csspart copy - The button that copies it.
 * @csspart connection - The connection notice.
 *
 * @cssproperty --bar-color - The filled bar. Default: the accent colour, `var(--oncue-accent, #e0003c)`.
 * @cssproperty --track-color - The bar's track. Default: the text colour at 12 %.
 * @cssproperty --accent-color - "Goal reached!" and the coupon code's border. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --surface-color - Card background. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - The numbers and hints. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of the copy button. Default `var(--oncue-tap-size, 44px)`.
 */
export class OnCueGoal extends OnCueRoomElement {
  static override styles = [baseStyles, cardStyles, copyCodeStyles, goalStyles];

  /** Id of the goal to show; empty (the default): the room's current goal. */
  @property() goal = '';

  @state() private copied = false;
  @state() private announcement = '';

  private readonly l10n = new Localize(this, goalMessages);
  /** The status each goal had at the last render (to tell the moment it is reached from a goal already reached). */
  private readonly statuses = new Map<string, GoalView['status']>();

  constructor() {
    super();
    new Ticker(this, 1000, () => {
      const goal = this.shown();
      return goal?.status === 'active' && goal.deadline !== undefined;
    });
  }

  /** The goal shown now, if any. */
  shown(): GoalView | undefined {
    return goalToShow(this.rooms.room.value?.milestones?.goals, this.goal);
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const goal = this.shown();
    // Without a goal the element shows nothing (it sits over a video, say) but the connection notice.
    return html`<section part="base ${goal?.status ?? 'none'}" class="base ${goal?.status ?? 'none'}" aria-labelledby=${goal ? 'title' : nothing}>
      ${goal ? this.renderGoal(goal) : nothing}
      ${this.renderConnection(t)}
      <p class="sr-only" role="status">${this.announcement}</p>
    </section>`;
  }

  protected override updated(): void {
    const goal = this.shown();
    if (!goal) return;
    // Through the CSSOM, not an inline style attribute: a page's CSP may forbid those.
    this.renderRoot.querySelector<HTMLElement>('.fill')?.style.setProperty('--share', String(Math.min(1, goal.progress / goal.target)));
    const before = this.statuses.get(goal.id);
    this.statuses.set(goal.id, goal.status);
    if (before === 'active' && goal.status === 'reached') {
      this.announcement = `${this.l10n.t('reached')} ${this.revealText(goal)}`;
      const detail: { goal: string; action: GoalView['action']['type']; reveal?: string; interaction?: string } = { goal: goal.id, action: goal.action.type };
      if (goal.reveal !== undefined) detail.reveal = goal.reveal;
      if (goal.action.interaction !== undefined) detail.interaction = goal.action.interaction;
      this.emit('oncue-goal-reached', detail);
    }
  }

  private renderGoal(goal: GoalView): TemplateResult {
    const { t, number } = this.l10n;
    const progress = Math.min(goal.target, goal.progress);
    const target = t('metricCount', goal.metric, goal.target, number(goal.target));
    const left = goal.status === 'active' && goal.deadline !== undefined ? goal.deadline - this.rooms.serverTime() : undefined;
    return html`<p part="title" class="title" id="title">${goal.title ?? t('defaultTitle', target)}</p>
      <div
        part="bar"
        class="track"
        role="progressbar"
        aria-labelledby="title"
        aria-valuemin="0"
        aria-valuemax=${goal.target}
        aria-valuenow=${progress}
        aria-valuetext=${t('progressOf', number(progress), target)}
      >
        <div part="fill" class="fill"></div>
      </div>
      <p part="numbers" class="numbers">
        <span>${t('progressOf', number(progress), target)}</span>
        ${left !== undefined ? html`<span part="countdown" class="countdown">${t('endsIn', clock(left))}</span>` : nothing}
      </p>
      ${
        goal.status === 'active'
          ? html`<p part="unlocks" class="hint">${t(goal.action.type === 'launch' ? 'unlocksGiveaway' : goal.action.type === 'coupon' ? 'unlocksCoupon' : 'unlocksMessage')}</p>`
          : goal.status === 'reached'
            ? html`<div part="moment" class="moment"><strong>${t('reached')}</strong> ${this.renderReveal(goal)}</div>`
            : goal.status === 'expired'
              ? html`<p part="moment" class="moment">${t('expired')}</p>`
              : nothing
      }`;
  }

  private renderReveal(goal: GoalView): TemplateResult | string {
    const { t } = this.l10n;
    if (goal.action.type === 'coupon' && goal.reveal) {
      return html`<span>${t('couponFor')}</span> ${copyCode(goal.reveal, { copy: t('copy'), copied: t('copied') }, this.copied, () => (this.copied = true))}`;
    }
    return this.revealText(goal);
  }

  /** What a reached goal unlocked, in words. */
  private revealText(goal: GoalView): string {
    return goal.action.type === 'launch' ? this.l10n.t('giveawayOn') : (goal.reveal ?? '');
  }
}
