import type { GoalAction, GoalMetric, GoalStatus, GoalView } from '@oncue/protocol';
import type { Audience } from '../../kinds/interaction-kind.js';

/** Store collection of the goals: one document per goal, keyed by its id. */
export const GOAL_COLLECTION = 'goal';
/** Store collection of a participants goal's viewers: one document per (goal, viewer), `{ goal, viewer }`. */
export const GOAL_VIEWER_COLLECTION = 'goal-viewer';

/** A room goal as the server keeps and stores it (docs/milestones.md, "Room goals"). */
export interface GoalRecord {
  id: string;
  room: string;
  title?: string;
  metric: GoalMetric;
  target: number;
  deadline?: number;
  action: GoalAction;
  status: GoalStatus;
  createdAt: number;
  /** Counted since `createdAt`, at most `target`. */
  progress: number;
  /** Written in the same store write as the increment that reached the target. */
  reachedAt?: number;
  /** When the action ran (a launch opened its interaction); absent on a reached goal: it runs at the next start. */
  actionDoneAt?: number;
  /** Why the action could not do what it says (the interaction to launch was closed or deleted meanwhile). */
  actionError?: string;
  cancelledAt?: number;
  expiredAt?: number;
  /** The idempotency key it was created with (a retried create answers this goal). */
  key?: string;
}

/**
 * A goal as an audience sees it: hosts see the whole action; viewers see its type (and a launch's interaction)
 * and, once the goal is reached, the coupon code or the message as `reveal`.
 */
export function goalView(goal: GoalRecord, audience: Audience): GoalView {
  const { action } = goal;
  const view: GoalView = {
    id: goal.id,
    metric: goal.metric,
    target: goal.target,
    progress: goal.progress,
    status: goal.status,
    createdAt: goal.createdAt,
    action: audience === 'host' ? { ...action } : action.type === 'launch' ? { type: 'launch', interaction: action.interaction } : { type: action.type },
  };
  if (goal.title !== undefined) view.title = goal.title;
  if (goal.deadline !== undefined) view.deadline = goal.deadline;
  if (goal.reachedAt !== undefined) view.reachedAt = goal.reachedAt;
  if (goal.status === 'reached') {
    if (action.type === 'coupon') view.reveal = action.code;
    if (action.type === 'message') view.reveal = action.text;
  }
  return view;
}
