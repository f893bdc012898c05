// Test helper: IntercomClients bound to a test simulator, all closed after each test.
import { createServer } from 'node:net';
import { afterEach } from 'vitest';
import { IntercomClient, type IntercomClientOptions } from '../index.js';

/**
 * Returns `open(options)`, which creates a client for `sim.url` (token `sim_token` unless `defaults` or `options`
 * say otherwise); every client opened during a test is closed after it.
 */
export function useClients(sim: { url: string }, defaults: Partial<IntercomClientOptions> = {}) {
  const clients: IntercomClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  return (options: Partial<IntercomClientOptions> = {}) => {
    const client = new IntercomClient({ accessToken: 'sim_token', endpoint: sim.url, ...defaults, ...options });
    clients.push(client);
    return client;
  };
}

/** A local port nothing listens on (any more), for refused connections. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
