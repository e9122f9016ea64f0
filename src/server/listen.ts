// Starting the HTTP server: the app on a node:http server via @hono/node-server, resolved once
// it listens (with the URL to print), and a close() that stops accepting and drains.

import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function urlFor(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/`;
}

export function listen(app: Hono, host: string, port: number): Promise<Running> {
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host, port }) as Server;
  // Slow clients cannot hold a connection open forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is in use; choose another with --port`) : err);
    });
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      resolve({
        url: urlFor(host, addr.port),
        port: addr.port,
        close: () =>
          new Promise<void>((res) => {
            server.close(() => res());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
