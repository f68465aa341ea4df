import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../apps/server/src/database/embedded-postgres';

export interface Balancer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A tiny TCP load balancer standing in for the production proxy: each new connection goes to
 * the first backend in `order()` that accepts it, so killing a node moves its clients over.
 */
export async function startBalancer(order: () => number[]): Promise<Balancer> {
  const port = await freePort();
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const candidates = order();
    const tryNext = (index: number): void => {
      if (index >= candidates.length) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: candidates[index] });
      upstream.once('error', () => tryNext(index + 1));
      upstream.once('connect', () => {
        open.add(upstream);
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryNext(0);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        open.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
