import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { emitUnrecorded } from './emit-unrecorded.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bare socket.io server with connection-state recovery as the OnCue server configures it, on a loopback port. */
async function startServer(): Promise<{ io: Server; url: string; connections: Socket[] }> {
  const http = createServer();
  const io = new Server(http, { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true } });
  const connections: Socket[] = [];
  io.on('connection', (socket) => connections.push(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, connections };
}

function client(url: string): ClientSocket {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 10, reconnectionDelayMax: 20 });
  cleanups.push(() => void socket.close());
  return socket;
}

const next = <T>(socket: ClientSocket, event: string): Promise<T[]> => new Promise((resolve) => socket.once(event, (...args: T[]) => resolve(args)));

describe('emitUnrecorded', () => {
  it('delivers the event to the socket, in order with what emit sends, without the recovery offset emit appends', async () => {
    const { url, connections } = await startServer();
    const socket = client(url);
    await next(socket, 'connect');
    const received: unknown[][] = [];
    socket.onAny((...args: unknown[]) => received.push(args));
    const done = next(socket, 'last');

    emitUnrecorded(connections[0]!, 'acked', [{ key: 'k1', result: { ok: true } }]);
    connections[0]!.emit('update', { version: 1 });
    emitUnrecorded(connections[0]!, 'acked', [{ key: 'k2', result: { ok: true } }], 'second argument');
    emitUnrecorded(connections[0]!, 'last');
    await done;

    expect(received[0]).toEqual(['acked', [{ key: 'k1', result: { ok: true } }]]);
    // emit (recorded): socket.io appends the packet's offset for recovery.
    expect(received[1]).toEqual(['update', { version: 1 }, expect.any(String)]);
    expect(received[2]).toEqual(['acked', [{ key: 'k2', result: { ok: true } }], 'second argument']);
    expect(received[3]).toEqual(['last']);
  });

  it('is not replayed to a recovered session, while what emit sent is', async () => {
    const { url, connections } = await startServer();
    const socket = client(url);
    await next(socket, 'connect');
    const server = connections[0]!;
    // A session recovers from the offset of the last recorded event its client received.
    const hello = next(socket, 'hello');
    server.emit('hello');
    await hello;
    const received: string[] = [];
    socket.onAny((event: string) => received.push(event));
    // A network drop; once the server has seen it, both events are sent to the disconnected socket: what emit
    // sends is kept for the session, and comes back when it recovers; what emitUnrecorded sends must not be.
    socket.io.reconnection(false);
    const gone = new Promise((resolve) => server.once('disconnect', resolve));
    socket.io.engine.close();
    await gone;
    server.emit('recorded', 1);
    emitUnrecorded(server, 'unrecorded', 2);

    const back = next(socket, 'connect');
    const replayed = next(socket, 'recorded');
    socket.connect();
    await back;
    await replayed;
    expect(socket.recovered).toBe(true);
    // Give an unrecorded event every chance to arrive: one round trip after the replay.
    emitUnrecorded(connections.at(-1)!, 'probe');
    await next(socket, 'probe');
    expect(received).toEqual(['recorded', 'probe']);
  });
});
