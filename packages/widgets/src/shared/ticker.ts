import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host every `everyMs` while `active()` says a countdown is on
 * screen; checks after each update, and stops when the host leaves the page.
 */
export class Ticker implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs: number,
    private readonly active: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const on = this.active();
    if (on && !this.timer) this.timer = setInterval(() => this.host.requestUpdate(), this.everyMs);
    if (!on) this.stop();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
