import { MAX_LINK_DELAY_CREDIT_MS } from '@oncue/protocol';
import type { Socket } from 'socket.io';
import { LinkDelay } from './link-delay.js';
import type { Timers } from '../timers.js';

/** What a socket's round trips are measured on. */
export interface LinkProbeOptions {
  /** How often the `clock` probe is sent again, ms. */
  probeEveryMs: number;
  timers: Timers;
  /** Domain clock for the probe's `serverTime`. */
  now: () => number;
  /** Most credit, ms (default {@link MAX_LINK_DELAY_CREDIT_MS}). */
  capMs?: number;
}

/** A connection's measured link, for quiz answer timing. */
export interface LinkProbe {
  /** The link credit of this connection now, ms (see {@link LinkDelay}). */
  creditMs(): number;
  /** How long after a deadline this connection's answers in flight are taken, ms (see {@link LinkDelay}). */
  graceMs(): number;
  /** Stops probing and listening (on disconnect). */
  stop(): void;
}

/** An engine.io packet as its socket's `packet` / `packetCreate` events carry it. */
interface EnginePacket {
  type: string;
  data?: unknown;
}

/**
 * Measures a socket's round trips (transport time, not the domain clock) on
 * two kinds of frames, and credits the smallest of the recent ones, capped:
 * - the `clock` probe at connect and every `probeEveryMs` (the client acks it);
 * - engine.io's own heartbeat: from the `ping` the server writes to the `pong`
 *   that comes back. A stock client answers it inside its transport, below
 *   the application, and a connection that stops answering is closed.
 * A client has to delay both kinds of replies to look slower, and whatever it
 * does, it is credited at most the cap.
 */
export function probeLink(socket: Socket, options: LinkProbeOptions): LinkProbe {
  const link = new LinkDelay(options.capMs ?? MAX_LINK_DELAY_CREDIT_MS);
  const { timers, now } = options;
  let timer: unknown;
  const probe = (): void => {
    if (!socket.connected) return;
    const sentAt = performance.now();
    socket.timeout(10_000).emit('clock', { serverTime: now() }, (err: unknown) => {
      if (!err) link.sample(performance.now() - sentAt);
    });
    timer = timers.setTimeout(probe, options.probeEveryMs);
  };

  const engine = socket.conn;
  let pingAt: number | undefined;
  const onPacketCreate = (packet: EnginePacket): void => {
    if (packet.type === 'ping') pingAt = performance.now();
  };
  const onPacket = (packet: EnginePacket): void => {
    // Only a pong that answers a ping we sent: an unsolicited one measures nothing.
    if (packet.type !== 'pong' || pingAt === undefined) return;
    link.sample(performance.now() - pingAt);
    pingAt = undefined;
  };
  engine.on('packetCreate', onPacketCreate);
  engine.on('packet', onPacket);
  probe();

  return {
    creditMs: () => link.creditMs(),
    graceMs: () => link.graceMs(),
    stop() {
      timers.clearTimeout(timer);
      engine.off('packetCreate', onPacketCreate);
      engine.off('packet', onPacket);
    },
  };
}
