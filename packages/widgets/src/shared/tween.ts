import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a number takes to reach its new value (the result bars' transition). */
const TWEEN_MS = 400;

interface Run {
  from: number;
  to: number;
  start: number;
}

/**
 * Eases the numbers a widget shows (counts, shares) toward their new values, a frame at a time, so a tally that
 * changes counts up instead of jumping. `value(key, target)` in `render()` returns what to show now; the first value
 * of a key and every change under `prefers-reduced-motion: reduce` are shown at once.
 */
export class Tween implements ReactiveController {
  private readonly runs = new Map<string, Run>();
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  value(key: string, target: number): number {
    const now = performance.now();
    const run = this.runs.get(key);
    if (!run || matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.runs.set(key, { from: target, to: target, start: 0 });
      return target;
    }
    if (run.to !== target) Object.assign(run, { from: this.at(run, now), to: target, start: now });
    const shown = this.at(run, now);
    if (shown !== target && !this.frame) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.host.requestUpdate()));
    return shown;
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.runs.clear();
  }

  /** Where a run is at `now` (ease-out). */
  private at({ from, to, start }: Run, now: number): number {
    const t = Math.min(1, (now - start) / TWEEN_MS);
    return t >= 1 ? to : from + (to - from) * (1 - (1 - t) ** 3);
  }
}
