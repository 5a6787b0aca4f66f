import { readItem, writeItem, type KeyValueStorage } from './key-value-storage.js';

/**
 * The viewer token a server issued in `welcome`, kept per server so that every
 * room and every reload of the page is the same viewer (one vote per viewer).
 */
export class ViewerIdentity {
  private readonly storageKey: string;

  constructor(
    private readonly storage: KeyValueStorage,
    server: string,
  ) {
    this.storageKey = `oncue:viewer:${server}`;
  }

  get token(): string | undefined {
    return readItem(this.storage, this.storageKey) ?? undefined;
  }

  save(token: string): void {
    if (token !== this.token) writeItem(this.storage, this.storageKey, token);
  }

  /** Forgets a token the server no longer accepts. */
  forget(): void {
    writeItem(this.storage, this.storageKey, null);
  }
}
