import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Re-renders its host when a nanostore changes, and listens only while the
 * host is connected. The store can be swapped (e.g. when the room changes).
 */
export class StoreController<T> implements ReactiveController {
  private unbind: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private current?: ReadableAtom<T>,
  ) {
    host.addController(this);
  }

  /** The store's current value (undefined without a store). */
  get value(): T | undefined {
    return this.current?.get();
  }

  get store(): ReadableAtom<T> | undefined {
    return this.current;
  }

  set store(next: ReadableAtom<T> | undefined) {
    if (next === this.current) return;
    this.stop();
    this.current = next;
    if (!this.connected) return;
    this.start();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
    // The value may have changed while the host was away.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private start(): void {
    this.unbind = this.current?.listen(() => this.host.requestUpdate());
  }

  private stop(): void {
    this.unbind?.();
    this.unbind = undefined;
  }
}
