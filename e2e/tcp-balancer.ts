import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP load balancer for tests, as a deployment puts in front of several server processes: each new connection goes
 * to the next backend in turn; a backend that refuses the connection is skipped. A process that dies closes its
 * connections, and the clients' reconnections land on the processes still alive.
 */
export async function startTcpBalancer(ports: readonly number[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const tryBackend = (left: number): void => {
      if (left === 0) {
        client.destroy();
        return;
      }
      const port = ports[next++ % ports.length]!;
      const backend = connect(port, '127.0.0.1');
      backend.once('error', () => tryBackend(left - 1));
      backend.once('connect', () => {
        backend.removeAllListeners('error');
        open.add(backend);
        backend.on('close', () => open.delete(backend));
        backend.on('error', () => client.destroy());
        client.on('error', () => backend.destroy());
        client.pipe(backend);
        backend.pipe(client);
        client.resume();
      });
    };
    tryBackend(ports.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
