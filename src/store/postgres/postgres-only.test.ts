// What only PostgreSQL shows: concurrent migrations, secrets in the rows, and a database that goes away and comes back.
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FerryError } from '../../errors.js';
import { basic, startIngest } from '../../ingest/test-support/ingest-server.js';
import { newEvent, sampleConfig, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { migratePostgres, openPostgresStore, type PostgresStore } from './index.js';
import { TcpProxy } from './test-support/tcp-proxy.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});

describe.skipIf(server === '')('PostgreSQL store', () => {
  const opened: PostgresStore[] = [];
  const open = async (url: string, secretKey: Buffer | null = TEST_SECRET_KEY) => {
    const store = await openPostgresStore({ url, ...(secretKey === null ? {} : { secretKey }), poolSize: 2 });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('migrates a fresh database once when two nodes start together, and then has nothing to do', async () => {
    const url = await freshDatabase(server);
    const results = await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)]);
    expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([[1, 2, 3, 4], [], []]);
    expect(await migratePostgres(url)).toEqual({ applied: [] });
    const store = await open(url);
    const { rows } = await store.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual([{ version: 1, name: 'initial' }, { version: 2, name: 'nodes' }, { version: 3, name: 'rate-budgets' }, { version: 4, name: 'lean-job-indexes' }]);
    // Migration 4: the delivery log's action and mapping filters read jobs_log; a job insert writes two indexes fewer.
    const indexes = await store.pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'jobs' AND indexname LIKE 'jobs_log%' ORDER BY 1`);
    expect(indexes.rows.map((row: { indexname: string }) => row.indexname)).toEqual(['jobs_log', 'jobs_log_person', 'jobs_log_unfinished']);
  });

  it('refuses a database whose schema is newer than this ferry', async () => {
    const url = await freshDatabase(server);
    await migratePostgres(url);
    const store = await open(url);
    await store.pool.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`);
    await expect(migratePostgres(url)).rejects.toThrow('the database schema (version 99) is newer than this ferry understands');
  });

  it('keeps access tokens only as enc:v1 ciphertext in the rows, readable with the same key only', async () => {
    const url = await freshDatabase(server);
    const store = await open(url);
    await store.applyConfig(sampleConfig());
    const { rows } = await store.pool.query<{ settings: string }>(`SELECT settings FROM destinations WHERE id = 'd1'`);
    expect(rows[0]!.settings).toMatch(/"accessToken":"enc:v1:/);
    expect(rows[0]!.settings).not.toContain('token-d1');
    expect((await store.listDestinations())[0]!.settings.accessToken).toBe('token-d1');
    const otherKey = await open(url, Buffer.alloc(32, 9));
    await expect(otherKey.listDestinations()).rejects.toMatchObject({ code: 'FERRY_ERR_SECRET' });
    const noKey = await open(url, null);
    const changed = sampleConfig();
    changed.destinations[0]!.settings = { ...changed.destinations[0]!.settings, accessToken: 'another' };
    await expect(noKey.applyConfig(changed)).rejects.toMatchObject({ code: 'FERRY_ERR_SECRET' });
  });

  it('answers FERRY_ERR_STORE_UNAVAILABLE (503) while the database is down, and recovers without reopening', async () => {
    const target = new URL(await freshDatabase(server));
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.start();
    try {
      const store = await open(proxy.urlFor(target.toString()));
      await store.applyConfig(sampleConfig());
      expect(await store.insertEvents([newEvent(1, 'ann')])).toEqual({ inserted: 1, duplicates: 0 });
      await proxy.stop();
      const error = await store.insertEvents([newEvent(2, 'ann')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FerryError);
      expect(error).toMatchObject({ code: 'FERRY_ERR_STORE_UNAVAILABLE', status: 503 });
      await expect(store.findSourceByWriteKey('wk-web')).rejects.toMatchObject({ code: 'FERRY_ERR_STORE_UNAVAILABLE' });
      await expect(store.leaseJobs('d1', 10, 60_000, new Date())).rejects.toMatchObject({ code: 'FERRY_ERR_STORE_UNAVAILABLE' });
      await proxy.start();
      expect(await store.insertEvents([newEvent(2, 'ann')])).toEqual({ inserted: 1, duplicates: 0 });
      expect(await store.jobStateCounts()).toEqual({ pending: 2 });
    } finally {
      await proxy.stop();
    }
  });

  it('makes the tracking API answer 503 FERRY_ERR_STORE_UNAVAILABLE while the database is down, 200 once it is back', async () => {
    const target = new URL(await freshDatabase(server));
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.start();
    const store = await open(proxy.urlFor(target.toString()));
    await store.applyConfig(sampleConfig());
    const ingest = await startIngest({ store, jobsFor: () => [{ destinationId: 'd1', mappingName: 'identify' }] });
    const track = (messageId: string) =>
      ingest.post('/v1/track', { userId: 'ann', event: 'Signed Up', messageId }, { authorization: basic('wk-web') });
    try {
      expect((await track('m1')).status).toBe(200);
      await proxy.stop();
      const down = await track('m2');
      expect([down.status, down.body.error.code, down.headers.get('retry-after')]).toEqual([503, 'FERRY_ERR_STORE_UNAVAILABLE', '5']);
      await proxy.start();
      expect((await track('m2')).status).toBe(200);
      expect(await store.jobStateCounts('d1')).toEqual({ pending: 2 });
    } finally {
      await ingest.close();
      await proxy.stop();
    }
  });

  it('stores ids carrying U+0000 (which PostgreSQL text refuses) instead of failing the batch forever', async () => {
    const store = await open(await freshDatabase(server));
    await store.applyConfig(sampleConfig());
    const odd = { ...newEvent(1, 'ann\u0000x', { messageId: 'm\u00001' }), type: 'identify' };
    odd.event = { ...odd.event, userId: 'ann\u0000x' };
    expect(await store.insertEvents([odd])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store.insertEvents([odd])).toEqual({ inserted: 0, duplicates: 1 });
    const [job] = await store.leaseJobs('d1', 10, 60_000, odd.receivedAt);
    expect(job).toMatchObject({ personKey: 'ann\uFFFDx', event: { userId: 'ann\u0000x' } });
    expect((await store.listDeliveries({ destinationId: 'd1', person: 'ann\u0000x' })).items).toHaveLength(1);
    const cache = store.identityCache();
    await cache.rememberContact('d1', [{ kind: 'external_id', value: 'ann\u0000x' }], { id: 'c\u00001', role: 'user' });
    expect(await cache.findContact('d1', { kind: 'external_id', value: 'ann\u0000x' })).toEqual({ id: 'c\uFFFD1', role: 'user' });
    expect(await store.findSourceByWriteKey('wk-web\u0000')).toBeUndefined();
    // Erasures scan every payload as JSON: one holding \u0000 must not make them fail.
    await store.insertEvents([newEvent(2, 'bob')]);
    expect(await store.erasePersonData({ kind: 'anonymousId', value: 'nobody' })).toMatchObject({ events: 0 });
    expect(await store.erasePersonData({ kind: 'email', value: 'x@example.com' })).toMatchObject({ events: 0 });
    expect(await store.erasePersonData({ kind: 'userId', value: 'ann\u0000x' })).toMatchObject({ events: 1, jobs: 1, identities: 1 });
  });

  it('leaves errors that are not about the connection as they are', async () => {
    const store = await open(await freshDatabase(server));
    await store.applyConfig(sampleConfig());
    const error = await store.insertEvents([newEvent(1, 'ann', { source: 'nope' })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(error).toMatchObject({ code: '23503' });
  });
});
