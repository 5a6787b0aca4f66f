import { defaultStorage, readItem, writeItem, type KeyValueStorage } from './key-value-storage.js';

/** Where a server's anonymous viewer token is kept. */
const PREFIX = 'oncue:viewer:';

/**
 * The anonymous viewer token a server issued in `welcome`, kept per server so that every
 * room and every reload of the page is the same viewer (one vote per viewer).
 *
 * Only tokens the server issued to this browser are kept here. A token the integrator's
 * backend signed (`connect({ viewerToken })`, `viewer-token`) is used by the connections
 * given it and never stored: a page without it is anonymous again (a signed identity does
 * not outlive the page that passed it), and a bad signed token cannot overwrite the stored one.
 */
export class ViewerIdentity {
  private readonly storageKey: string;

  constructor(
    private readonly storage: KeyValueStorage,
    server: string,
  ) {
    this.storageKey = PREFIX + server;
  }

  get token(): string | undefined {
    return readItem(this.storage, this.storageKey) ?? undefined;
  }

  /** Keeps the token a server's `welcome` gave an anonymous connection. */
  save(token: string): void {
    if (token && token !== this.token) writeItem(this.storage, this.storageKey, token);
  }

  /** Forgets a token the server no longer accepts. */
  forget(): void {
    writeItem(this.storage, this.storageKey, null);
  }
}

/**
 * Forgets the viewer identity this browser keeps for `server` (every server without one), e.g. when the
 * signed-in user logs out: the next connection is a new anonymous viewer. Connections open now keep their
 * viewer until they are released. `storage`: where the identity is kept (default: as `connect()`).
 */
export function forgetViewer(server?: string, storage: KeyValueStorage = defaultStorage()): void {
  if (server !== undefined) return new ViewerIdentity(storage, server.replace(/\/+$/, '')).forget();
  const listed = storage as Partial<Pick<Storage, 'key' | 'length'>>;
  if (typeof listed.key !== 'function' || typeof listed.length !== 'number') return;
  const keys: string[] = [];
  for (let i = 0; i < listed.length; i++) {
    const key = listed.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) writeItem(storage, key, null);
}
