import type { AlertGroup, TelemetryAlert } from '@oncue/protocol';

/** A group is resolved once this many completed buckets in a row passed without its rule firing. */
export const ALERT_QUIET_BUCKETS = 5;
/** Groups kept per room; resolved ones go first. */
const GROUPS_KEPT = 20;

type Group = Omit<AlertGroup, 'status'>;

/** What alerts are grouped by: the rule and the metric it watches. */
export const alertKey = (alert: Pick<TelemetryAlert, 'rule' | 'metric'>): string => `${alert.rule}:${alert.metric}`;

/**
 * A room's alerts grouped per rule (and metric): an occurrence joins its key's group while that group
 * is active (its rule fired, or held, within the last {@link ALERT_QUIET_BUCKETS} buckets), else starts a new
 * group. Judged on bucket starts only, so groups rebuilt from stored alerts after a restart come out the same.
 */
export class AlertGroups {
  private groups: Group[] = [];

  /**
   * `grace`: how long after a bucket ends it is judged (a bucket is not counted quiet before);
   * `clearAfterMs`: how long a resolved group is still listed after it was last seen.
   */
  constructor(
    private readonly bucketMs: number,
    private readonly grace = 0,
    private readonly clearAfterMs = Infinity,
  ) {}

  /** Adds an occurrence to its key's active group, or starts a group with it. */
  add(alert: TelemetryAlert): void {
    const key = alertKey(alert);
    const group = this.activeAt(key, alert.bucket);
    if (group) Object.assign(group, alert, { key, count: group.count + 1, since: group.since, lastSeen: Math.max(group.lastSeen, alert.bucket) });
    else this.groups.push({ ...alert, key, count: 1, since: alert.bucket, lastSeen: alert.bucket });
    if (this.groups.length > GROUPS_KEPT) {
      const resolved = this.groups.findIndex((g) => this.statusAt(g, alert.bucket + this.bucketMs) === 'resolved');
      this.groups.splice(resolved >= 0 ? resolved : 0, 1);
    }
  }

  /** The rule still holds in the bucket starting at `bucket` without a new occurrence (participation staying low): its active group stays active. */
  hold(key: string, bucket: number): void {
    const group = this.activeAt(key, bucket);
    if (group) group.lastSeen = Math.max(group.lastSeen, bucket);
  }

  /** The groups at `now` (resolved ones until `clearAfterMs` after they were last seen): active ones first, critical before warning, then the latest seen first. */
  list(now: number): AlertGroup[] {
    const completed = Math.floor((now - this.grace) / this.bucketMs) * this.bucketMs;
    const rank = (g: AlertGroup) => (g.status === 'active' ? 2 : 0) + (g.severity === 'critical' ? 1 : 0);
    return this.groups
      .map((g): AlertGroup => ({ ...g, status: this.statusAt(g, completed) }))
      .filter((g) => g.status === 'active' || now - g.lastSeen <= this.clearAfterMs)
      .sort((a, b) => rank(b) - rank(a) || b.lastSeen - a.lastSeen);
  }

  /** Start of the last bucket any group was seen in (`-Infinity` without groups). */
  lastSeen(): number {
    return Math.max(-Infinity, ...this.groups.map((g) => g.lastSeen));
  }

  /** The key's group still active for an occurrence in the bucket starting at `bucket`. */
  private activeAt(key: string, bucket: number): Group | undefined {
    const group = this.groups.filter((g) => g.key === key).at(-1);
    return group && bucket - group.lastSeen <= ALERT_QUIET_BUCKETS * this.bucketMs ? group : undefined;
  }

  /** `end`: the end of the last completed bucket; the buckets after `lastSeen` up to it were quiet. */
  private statusAt(group: Group, end: number): AlertGroup['status'] {
    return end - group.lastSeen > ALERT_QUIET_BUCKETS * this.bucketMs ? 'resolved' : 'active';
  }
}
