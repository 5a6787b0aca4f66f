/**
 * A viewer action written to the outbox and not yet answered by the server: one shape for every kind
 * (what `act` sends). Entries stored by older versions in their per-kind shapes (`{ type: 'vote', choices }`,
 * …) are converted when the outbox reads them (see {@link pendingActionFrom}).
 */
export interface PendingAction {
  /** Idempotency key; the server de-duplicates by (viewer, key). */
  key: string;
  interaction: string;
  /** The kind's action (`vote`, `answer`, `enter`, `claim`, …). */
  action: string;
  /** What the action takes (JSON), validated by the server with the kind's schema. */
  payload: unknown;
  /** `Date.now()` when the action was made. */
  createdAt: number;
}

/**
 * A stored outbox entry as a {@link PendingAction}, or `undefined` when it is not one. Entries of the shapes
 * earlier versions stored (`type` + per-kind fields) are converted, so that actions made before an upgrade are
 * still delivered after it, with the same key.
 */
export function pendingActionFrom(value: unknown): PendingAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  const { key, interaction, createdAt } = entry;
  if (typeof key !== 'string' || typeof interaction !== 'string' || typeof createdAt !== 'number') return undefined;
  if (typeof entry.action === 'string') {
    return 'payload' in entry ? { key, interaction, action: entry.action, payload: entry.payload, createdAt } : undefined;
  }
  const legacy = legacyPayload(entry);
  return legacy && { key, interaction, action: legacy.action, payload: legacy.payload, createdAt };
}

/** The action and payload of an entry stored in a per-kind shape before `act` (the events were named after the actions). */
function legacyPayload(entry: Record<string, unknown>): { action: string; payload: unknown } | undefined {
  const isIndex = (n: unknown): boolean => Number.isInteger(n);
  switch (entry.type) {
    case 'vote':
      return Array.isArray(entry.choices) && entry.choices.every(isIndex) ? { action: 'vote', payload: { choices: entry.choices } } : undefined;
    case 'answer':
      return isIndex(entry.question) && isIndex(entry.choice) ? { action: 'answer', payload: { question: entry.question, choice: entry.choice } } : undefined;
    case 'enter':
      return { action: 'enter', payload: {} };
    case 'claim': {
      const fields = entry.fields;
      const valid = typeof fields === 'object' && fields !== null && Object.values(fields).every((v) => typeof v === 'string');
      return valid ? { action: 'claim', payload: { fields } } : undefined;
    }
    default:
      return undefined;
  }
}
