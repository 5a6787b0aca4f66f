/** How deep {@link jsonSizeBound} looks before it gives up (an `act` is 3 levels deep). */
const MAX_DEPTH = 10;

/** The longest JSON form of a number (`-1.7976931348623157e+308`; `null` for the non-finite ones). */
const MAX_NUMBER_CHARS = 24;

/**
 * An upper bound of the UTF-8 bytes of `JSON.stringify(value)`, found without making the string: a string
 * counts 6 bytes a UTF-16 unit (an escape such as `\u001f` is 6, a character at most 3 bytes a unit), a number
 * {@link MAX_NUMBER_CHARS}, a key with its quotes, colon and comma. `Infinity` once the bound passes `limit`, or
 * for a value it does not bound (deeper than 10 levels, as a cycle is; a `toJSON`, a bigint, an object other
 * than a plain object or array): then only the exact size tells. Cheap enough for every message a server takes
 * (an `act` is bounded in well under a microsecond, where `JSON.stringify` makes a string per message).
 */
export function jsonSizeBound(value: unknown, limit: number): number {
  return bound(value, limit, 0);
}

function bound(value: unknown, limit: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return 2 + 6 * value.length;
    case 'number':
      return MAX_NUMBER_CHARS;
    case 'boolean':
      return 5;
    case 'undefined':
    case 'function':
    case 'symbol':
      // `null` in an array; left out of an object (counted anyway: an upper bound).
      return 4;
    case 'object': {
      if (value === null) return 4;
      if (depth >= MAX_DEPTH) return Infinity;
      let total = 2;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          total += 1 + bound(value[i], limit, depth + 1);
          if (total > limit) return Infinity;
        }
        return total;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return Infinity;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        total += 4 + 6 * key.length + bound((value as Record<string, unknown>)[key], limit, depth + 1);
        if (total > limit) return Infinity;
      }
      return total;
    }
    default:
      // A bigint: JSON.stringify throws.
      return Infinity;
  }
}
