// `ferry start` on PostgreSQL: events acknowledged, stored and delivered to the simulator; state kept across a
// restart; the database going away answers 503 at ingest and /readyz (saying why) and comes back by itself;
// `ferry migrate` brings a fresh database's schema up to date once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import type { PostgresStore } from '../store/postgres/index.js';
import { TcpProxy } from '../store/postgres/test-support/tcp-proxy.js';
import { freshDatabase, postgresOrSkip } from '../store/postgres/test-support/use-postgres.js';
import { admin, send, startTestFerry, unfinishedJobs, waitFor } from './test-support/ferry.js';

const sim = useSimulator();
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function start(databaseUrl: string, dir?: string) {
  const ferry = await startTestFerry(sim.url, { databaseUrl, ...(dir ? { dir } : {}) });
  stops.push(ferry.stop);
  return ferry;
}

describe('ferry start with --database-url', () => {
  it('stores and delivers through PostgreSQL, and a restart finds everything it stored', async (context) => {
    postgresOrSkip(context);
    const databaseUrl = await freshDatabase();
    const first = await start(databaseUrl);
    expect((await send(first.url, '/v1/identify', { userId: 'u-pg', traits: { email: 'pg@example.com' } })).status).toBe(200);
    expect((await send(first.url, '/v1/track', { userId: 'u-pg', event: 'Stored In Postgres' })).status).toBe(200);
    await waitFor(async () => (await unfinishedJobs(first.store)) === 0, 10_000, 'deliveries');
    const state = await sim.state();
    expect(state.contacts.map((c: any) => [c.external_id, c.email])).toEqual([['u-pg', 'pg@example.com']]);
    expect(state.events.map((e: any) => e.event_name)).toEqual(['Stored In Postgres']);
    // The workspace's rate budget is the database's (shared by every node), learned from the simulator's answers.
    const budgets = await (first.store as PostgresStore).pool.query('SELECT key, limit_count FROM rate_budgets');
    expect(budgets.rows).toEqual([{ key: expect.stringMatching(/^intercom\|http:\/\/127\.0\.0\.1:\d+\|[0-9a-f]{64}$/), limit_count: 167 }]);
    expect((await admin(first.url, 'PUT', '/api/sources/web', { name: 'Renamed in PG' })).status).toBe(200);
    await first.stop();
    stops.pop();

    const second = await start(databaseUrl, first.dir);
    expect((await admin(second.url, 'GET', '/api/sources/web')).body.name).toBe('Renamed in PG');
    const deliveries = (await admin(second.url, 'GET', '/api/destinations/intercom/deliveries?person=u-pg')).body.items;
    expect(deliveries.map((d: any) => [d.eventType, d.state])).toEqual([['track', 'delivered'], ['identify', 'delivered']]);
    expect(await (await fetch(`${second.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('answers 503 at ingest and /readyz while the database is away, and recovers by itself', async (context) => {
    const server = new URL(postgresOrSkip(context));
    const databaseUrl = new URL(await freshDatabase());
    const proxy = new TcpProxy({ host: server.hostname, port: Number(server.port) });
    await proxy.start();
    stops.push(() => proxy.stop());
    databaseUrl.port = String(proxy.port);
    const ferry = await start(databaseUrl.toString());
    expect((await send(ferry.url, '/v1/identify', { userId: 'before', traits: { email: 'before@example.com' } })).status).toBe(200);

    await proxy.stop();
    const refused = await send(ferry.url, '/v1/identify', { userId: 'while-away', traits: { email: 'away@example.com' } });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'FERRY_ERR_STORE_UNAVAILABLE' } });
    const ready = await fetch(`${ferry.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'store unavailable' });

    await proxy.start();
    await waitFor(async () => (await fetch(`${ferry.url}/readyz`)).status === 200, 10_000, 'ready again');
    expect((await send(ferry.url, '/v1/identify', { userId: 'after', traits: { email: 'after@example.com' } })).status).toBe(200);
    await waitFor(async () => (await sim.state()).contacts.length === 2, 15_000, 'both acknowledged identifies delivered');
    expect((await sim.state()).contacts.map((c: any) => c.external_id).sort()).toEqual(['after', 'before']);
  });
});

describe('ferry migrate', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate', ...args], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)), env, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (err += chunk));
      child.on('exit', (code) => resolve({ code, out, err }));
    });

  it('applies the migrations once, then says the schema is up to date; without a URL it says what it needs', async (context) => {
    postgresOrSkip(context);
    const databaseUrl = await freshDatabase();
    expect(await run(['--database-url', databaseUrl])).toEqual({ code: 0, out: 'applied migrations 1, 2, 3, 4\n', err: '' });
    expect(await run([], { ...process.env, DATABASE_URL: databaseUrl })).toEqual({ code: 0, out: 'the schema is up to date\n', err: '' });
    const { DATABASE_URL: _unset, ...withoutUrl } = process.env;
    expect(await run([], withoutUrl)).toEqual({
      code: 2, out: '', err: 'ferry: give --database-url postgres://... (or DATABASE_URL); the SQLite store migrates itself at start\n',
    });
  });
});
