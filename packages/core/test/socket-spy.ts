import { vi } from 'vitest';
import type { Socket } from 'socket.io-client';

/**
 * Every socket the core creates, in order. A spec that imports this must also
 * call `vi.mock('socket.io-client', spyOnSockets)` (vi.mock is hoisted per file).
 */
export const sockets: Socket[] = [];

export async function spyOnSockets(importOriginal: () => Promise<typeof import('socket.io-client')>) {
  const original = await importOriginal();
  return {
    ...original,
    io: vi.fn((...args: Parameters<typeof original.io>) => {
      const socket = original.io(...args);
      sockets.push(socket);
      return socket;
    }),
  };
}

/** Names of the events a socket emits from now on. */
export function outgoing(socket: Socket): string[] {
  const names: string[] = [];
  socket.onAnyOutgoing((event: string) => names.push(event));
  return names;
}
