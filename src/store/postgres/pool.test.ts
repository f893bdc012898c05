// The pool's transactions against a server that ends a connection the moment it is ready (a PostgreSQL shutting
// down): the call fails with FERRY_ERR_STORE_UNAVAILABLE instead of an uncaught 'error' ending the process.
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createPool, transaction } from './pool.js';

const servers: net.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A protocol message: type byte, int32 length (itself included), body. */
const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};

/** Accepts the startup message, says ready, and in the same write ends the session as a fast shutdown does (57P01). */
async function shuttingDownServer(): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      const fields = ['SFATAL', 'C57P01', 'Mterminating connection due to administrator command'].map((f) => Buffer.from(`${f}\0`));
      socket.end(Buffer.concat([
        message('R', Buffer.from([0, 0, 0, 0])), // AuthenticationOk
        message('Z', Buffer.from('I')), // ReadyForQuery
        message('E', Buffer.concat([...fields, Buffer.from([0])])),
      ]));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

it('a connection ended as soon as it is ready fails the transaction with FERRY_ERR_STORE_UNAVAILABLE', async () => {
  const port = await shuttingDownServer();
  const pool = createPool({ url: `postgres://ferry@127.0.0.1:${port}/ferry` });
  try {
    await expect(transaction(pool, (client) => client.query('SELECT 1'))).rejects.toMatchObject({
      code: 'FERRY_ERR_STORE_UNAVAILABLE', status: 503,
    });
  } finally {
    await pool.end();
  }
});
