import type { EntryMap } from './interaction-kind.js';

/** The tickets of an interaction's entries, by its entry map: kept as entries are added, rebuilt when the sizes disagree (after a refused write). */
const ticketIndex = new WeakMap<EntryMap, Set<string>>();

/**
 * Reserves `ticket` for a new entry of the interaction whose entries are `entries`, for the kinds whose entries are
 * published under the viewer's ticket (`value.id`: a giveaway's entries, a blind box's guesses): false when another
 * entry has it. The entry must be added to the map right after (synchronously), as the room service does.
 */
export function takeTicket(entries: EntryMap | undefined, ticket: string): boolean {
  if (!entries) return true;
  let tickets = ticketIndex.get(entries);
  if (!tickets || tickets.size !== entries.size) {
    tickets = new Set([...entries.values()].map((e) => (e.value as { id: string }).id));
    ticketIndex.set(entries, tickets);
  }
  if (tickets.has(ticket)) return false;
  tickets.add(ticket);
  return true;
}
