/**
 * A slow network for tests: a TCP proxy on loopback that holds every chunk for
 * `delayMs` in each direction, in order, as a long link would. A client that
 * connects through it is slow in everything it sends and receives (handshake,
 * acks, engine.io heartbeats, answers) without being changed itself.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface DelayingProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  url: string;
  close(): Promise<void>;
}

const open = new Set<DelayingProxy>();

afterEach(async () => {
  const proxies = [...open];
  open.clear();
  await Promise.all(proxies.map((p) => p.close()));
});

/** Starts a proxy to `127.0.0.1:targetPort`; closed after each test. */
export async function startDelayingProxy(targetPort: number, delayMs: number): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, delayMs);
    timers.add(timer);
  };
  const server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    sockets.add(inbound).add(outbound);
    const relay = (from: Socket, to: Socket): void => {
      from.on('data', (chunk) => later(() => to.writable && to.write(chunk)));
      from.on('end', () => later(() => to.end()));
      from.on('error', () => to.destroy());
      from.on('close', () => sockets.delete(from));
    };
    relay(inbound, outbound);
    relay(outbound, inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: DelayingProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  open.add(proxy);
  return proxy;
}
