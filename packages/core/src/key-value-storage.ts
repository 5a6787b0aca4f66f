/** The part of the Web Storage API the core uses (localStorage fits; so does a plain object in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A storage that lives as long as the page (or the test). */
export function memoryStorage(): KeyValueStorage & Pick<Storage, 'key' | 'length'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

let pageMemory: KeyValueStorage | undefined;

/**
 * The storage used when none is given: `localStorage` when it exists and works
 * (it throws in some sandboxed iframes and private modes), else one in-memory
 * storage shared by the page, so every connection of the page has one identity.
 */
export function defaultStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    if (storage) {
      storage.getItem('oncue:probe'); // throws where storage is blocked
      return storage;
    }
  } catch {
    // fall through to memory
  }
  return sharedMemoryStorage();
}

/** The in-memory storage shared by every connection of the page. */
export function sharedMemoryStorage(): KeyValueStorage {
  return (pageMemory ??= memoryStorage());
}

/** Reads a key; `null` when absent or when the storage throws. */
export function readItem(storage: KeyValueStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes a key (`null` removes it); a full or broken storage is ignored. */
export function writeItem(storage: KeyValueStorage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // quota exceeded or storage disabled: keep working in memory
  }
}
