/** What separates a channel from the rest of a room id: `acme--2026-12-02` is a room of channel `acme`. */
export const CHANNEL_SEPARATOR = '--';

/**
 * The channel a room belongs to (docs/milestones.md, "Channel"): a channel groups a host's rooms so that progress,
 * badges and rewards carry over from stream to stream. It is the part of the room id before the first `--`
 * (`acme--2026-12-02` → `acme`); a room id without `--` (or starting with it) is a channel of its own.
 */
export function channelOf(room: string): string {
  const at = room.indexOf(CHANNEL_SEPARATOR);
  return at > 0 ? room.slice(0, at) : room;
}
