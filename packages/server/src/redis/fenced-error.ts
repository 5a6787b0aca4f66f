/**
 * A write to a channel's records was refused because the writer does not hold the channel's lease (any more):
 * another process owns the channel now, or this one never took it. Nothing of the refused `apply()` was written.
 */
export class FencedError extends Error {
  override readonly name = 'FencedError';

  constructor(
    readonly channel: string,
    message = `not the owner of channel "${channel}": the write was fenced off`,
  ) {
    super(message);
  }
}
