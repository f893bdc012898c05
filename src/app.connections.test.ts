// Slow and idle clients are cut and connections are capped, on a real listening app reached through raw sockets.
import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { Router } from './subscriptions/router.js';
import type { ServerLimits } from './server-limits.js';
import { openSqliteStore } from './store/sqlite/index.js';
import { createLogger } from './telemetry/logger.js';
import { createMetrics, type Metrics } from './telemetry/metrics.js';
import { waitFor } from './commands/test-support/ferry.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(serverLimits: Partial<ServerLimits>): Promise<{ port: number; metrics: Metrics }> {
  const store = await openSqliteStore({ file: ':memory:' });
  cleanups.push(() => store.close());
  const metrics = createMetrics(async () => ({}));
  const app = await buildApp({ store, router: new Router(), logger: createLogger({ level: 'silent' }), metrics, serverLimits });
  await app.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => app.close());
  return { port: (app.server.address() as { port: number }).port, metrics };
}

interface RawClient {
  socket: Socket;
  received: () => string;
  closed: () => boolean;
}

/** A raw TCP client; `send` (if given) runs once connected and may keep writing until the socket closes. */
function rawClient(port: number, send?: (socket: Socket) => void): RawClient {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {}); // a reset is one of the ways a cut shows
  socket.on('close', () => (closed = true));
  if (send) socket.once('connect', () => send(socket));
  cleanups.push(() => socket.destroy());
  return { socket, received: () => received, closed: () => closed };
}

/** Writes `chunk` every `everyMs` until the server closes the socket. */
function trickle(socket: Socket, chunk: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.writable) socket.write(chunk);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

/** GET on a fresh connection each time, so a request never rides on a socket the server is about to close. */
function status(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

const SHORT: Partial<ServerLimits> = {
  headersTimeoutMs: 400,
  requestTimeoutMs: 800,
  keepAliveTimeoutMs: 200,
  idleTimeoutMs: 5_000,
  checkIntervalMs: 50,
};

describe('slow and idle clients', () => {
  it('cuts a client trickling its headers, one trickling its body and one sending nothing, while others are answered', async () => {
    const { port } = await listen(SHORT);
    const silent = rawClient(port);
    const slowHeaders = rawClient(port, (socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: ferry\r\n');
      trickle(socket, 'X-Slow: 1\r\n', 50);
    });
    const slowBody = rawClient(port, (socket) => {
      socket.write('POST /v1/track HTTP/1.1\r\nHost: ferry\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{');
      trickle(socket, ' ', 50);
    });
    const attackers = [silent, slowHeaders, slowBody];

    const answers: number[] = [];
    await waitFor(async () => {
      answers.push(await status(port, '/healthz'));
      return attackers.every((client) => client.closed());
    }, 10_000, 'the slow clients to be cut', 20);

    expect(answers.length).toBeGreaterThan(1);
    expect(answers.every((code) => code === 200)).toBe(true);
    for (const client of attackers) expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a kept-alive connection that does not send its next request in time', async () => {
    const { port } = await listen(SHORT);
    const client = rawClient(port, (socket) => socket.write('GET /healthz HTTP/1.1\r\nHost: ferry\r\n\r\n'));
    await waitFor(async () => client.closed(), 10_000, 'the kept-alive connection to be closed');
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"status":"ok"/);
  });

  it('closes a connection that sees no traffic for the idle timeout', async () => {
    // Headers and request timeouts longer than the idle one: only the idle timeout can close this connection.
    const { port } = await listen({ ...SHORT, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, idleTimeoutMs: 300 });
    const client = rawClient(port, (socket) => socket.write('GET /healthz HTTP/1.1\r\n'));
    await waitFor(async () => client.closed(), 10_000, 'the idle connection to be closed');
    expect(client.received()).toBe('');
  });
});

describe('the connection cap', () => {
  it('closes connections beyond the cap on arrival, and serves again once others close', async () => {
    const { port, metrics } = await listen({ maxConnections: 3, keepAliveTimeoutMs: 60_000, checkIntervalMs: 50 });
    // Three kept-alive connections, each known to be accepted because it was answered.
    const held = [0, 1, 2].map(() => rawClient(port, (socket) => socket.write('GET /healthz HTTP/1.1\r\nHost: ferry\r\n\r\n')));
    await waitFor(async () => held.every((client) => client.received().includes('"status":"ok"')), 10_000, 'three answers');

    const extra = rawClient(port, (socket) => socket.write('GET /healthz HTTP/1.1\r\nHost: ferry\r\n\r\n'));
    await waitFor(async () => extra.closed(), 10_000, 'the extra connection to be closed');
    expect(extra.received()).toBe('');
    await expect(status(port, '/healthz')).rejects.toThrow();
    expect((await metrics.connectionsDropped.get()).values[0]!.value).toBeGreaterThanOrEqual(2);
    expect(held.some((client) => client.closed())).toBe(false);

    held[0]!.socket.destroy();
    let answered = 0;
    await waitFor(async () => {
      answered = await status(port, '/healthz').catch(() => 0);
      return answered !== 0;
    }, 10_000, 'a free slot');
    expect(answered).toBe(200);
  });
});
