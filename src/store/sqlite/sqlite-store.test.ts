// The SQLite store on real files: the shared contract, plus persistence, migrations, pragmas and what only SQL shows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { attempt, at, DAY, finished, MINUTE, newEvent, sampleConfig, T0, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { describeStoreContract } from '../contract/store-contract.js';
import { TRUNCATED_MARKER } from '../cap-requests.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

let dir = '';
let files = 0;
const nextFile = () => path.join(dir, `store-${++files}.db`);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-sqlite-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite', () => openSqliteStore({ file: nextFile(), secretKey: TEST_SECRET_KEY }));
// What `ferry start` runs: inserts, leases and outcomes written by the writer thread's own connection.
describeStoreContract('SQLite with the writer thread', () => openSqliteStore({ file: nextFile(), secretKey: TEST_SECRET_KEY, writerThread: true }));

describe('SQLite store', () => {
  const opened: SqliteStore[] = [];
  const open = async (file: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}) => {
    const store = await openSqliteStore({ file, secretKey: TEST_SECRET_KEY, ...options });
    opened.push(store);
    return store;
  };
  const count = (store: SqliteStore, table: string) =>
    (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('opens in WAL mode with foreign keys on; bookkeeping commits NORMAL, event inserts FULL unless NORMAL is asked for', async () => {
    const store = await open(nextFile());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const modes = async (s: typeof store) => {
      await s.applyConfig({ sources: [{ id: 'web', writeKey: `k-${Math.random()}` }], destinations: [] });
      const spy = vi.spyOn(s.db, 'pragma');
      await s.insertEvents([{
        sourceId: 'web', messageId: 'm1', personKey: 'u1', type: 'track', event: { type: 'track' }, receivedAt: new Date(), jobs: [],
      }]);
      const calls = spy.mock.calls.map((call) => call[0]);
      spy.mockRestore();
      return calls;
    };
    expect(await modes(store)).toEqual(['synchronous = FULL', 'synchronous = NORMAL']);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    const normal = await open(nextFile(), { synchronous: 'NORMAL' });
    expect(await modes(normal)).toEqual([]);
  });

  it('takes back every lease at start: a killed process\'s jobs run again at once, attempts unchanged', async () => {
    const file = nextFile();
    const first = await open(file);
    await first.applyConfig(sampleConfig());
    await first.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob')]);
    expect(await first.leaseJobs('d1', 10, 10 * MINUTE, T0)).toHaveLength(2);
    await first.close();
    const second = await open(file);
    expect(await second.leaseJobs('d1', 10, MINUTE, T0)).toEqual([]);
    expect(await second.recoverLeases(T0)).toBe(2);
    const again = await second.leaseJobs('d1', 10, MINUTE, T0);
    expect(again.map((job) => [job.personKey, job.attempts])).toEqual([['ann', 0], ['bob', 0]]);
  });

  it('keeps everything across close and reopen of the same file', async () => {
    const file = nextFile();
    const first = await open(file);
    await first.applyConfig(sampleConfig());
    await first.setDestinationPaused('d2', 'refused');
    await first.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'bob')]);
    const [ann1] = await first.leaseJobs('d1', 1, MINUTE, T0);
    await first.identityCache().rememberContact('d1', [{ kind: 'email', value: 'Ann@x.io' }], { id: 'c1', role: 'user' });
    await first.close();

    const second = await open(file);
    expect(await second.listSources()).toEqual(sampleConfig().sources);
    expect((await second.listDestinations()).map((d) => d.pausedReason)).toEqual([null, 'refused']);
    expect(await second.jobStateCounts()).toEqual({ leased: 1, pending: 2 });
    expect(await second.identityCache().findContact('d1', { kind: 'email', value: 'ann@x.io' })).toEqual({
      id: 'c1',
      role: 'user',
    });
    expect(await second.insertEvents([newEvent(1, 'ann')])).toEqual({ inserted: 0, duplicates: 1 });
    // The crashed worker's lease runs out; the same job comes back first, the person's order intact.
    const again = await second.leaseJobs('d1', 10, MINUTE, at(MINUTE + 1));
    expect(again.map((j) => [j.id, j.event.n])).toEqual([
      [ann1!.id, 1],
      [again[1]!.id, 3],
    ]);
  });

  it('applies each migration once, however often the file is opened', async () => {
    const file = nextFile();
    const first = await open(file);
    const versions = () => first.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    const all = MIGRATIONS.map(({ version, name }) => ({ version, name }));
    expect(all[0]).toEqual({ version: 1, name: 'initial' });
    expect(versions()).toEqual(all);
    await open(file);
    await open(file);
    expect(versions()).toEqual(all);
    expect(migrate(first.db)).toEqual([]);
    const version = MIGRATIONS.length + 1;
    const next = [...MIGRATIONS, { version, name: 'extra', sql: 'CREATE TABLE extra (id INTEGER)' }];
    expect(migrate(first.db, next)).toEqual([version]);
    expect(migrate(first.db, next)).toEqual([]);
  });

  it('refuses a database written by a newer ferry', async () => {
    const file = nextFile();
    const store = await open(file);
    store.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('future');
    await expect(openSqliteStore({ file })).rejects.toThrow(/newer than this ferry understands/);
  });

  it('writes nothing when the same config is applied again', async () => {
    const store = await open(nextFile());
    await store.applyConfig(sampleConfig());
    const changes = () => (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    await store.applyConfig(sampleConfig());
    expect(changes()).toBe(before);
  });

  it('records one attempt row per attempt, none for a release, with size-capped requests', async () => {
    const store = await open(nextFile());
    await store.applyConfig(sampleConfig());
    await store.insertEvents([newEvent(1, 'ann')]);
    const big = { data: 'x'.repeat(100_000) };
    const url = 'https://api.intercom.io/contacts';
    const exchange = { method: 'POST', url, body: { a: 1 }, status: 500, response: big, durationMs: 3 };
    let [job] = await store.leaseJobs('d1', 1, MINUTE, T0);
    await store.finishJob(job!.id, { kind: 'release', nextAttemptAt: T0 }, T0);
    [job] = await store.leaseJobs('d1', 1, MINUTE, T0);
    const error = { code: 'HTTP_500', message: 'Intercom answered 500' };
    const retrying = attempt('retrying', T0, { requests: [exchange], error });
    await store.finishJob(job!.id, { kind: 'retry', nextAttemptAt: T0, giveUpAt: null, attempt: retrying }, T0);
    [job] = await store.leaseJobs('d1', 1, MINUTE, T0);
    const warned = attempt('delivered-with-warnings', at(1), { warnings: ['w'] });
    await store.finishJob(job!.id, { kind: 'finished', status: 'delivered-with-warnings', attempt: warned }, at(2));
    const rows = store.db.prepare('SELECT * FROM attempts ORDER BY attempt_no').all() as any[];
    expect(rows.map((r) => [r.attempt_no, r.status, JSON.parse(r.warnings)])).toEqual([
      [1, 'retrying', []],
      [2, 'delivered-with-warnings', ['w']],
    ]);
    expect(JSON.parse(rows[0].error)).toEqual(error);
    expect(Buffer.byteLength(rows[0].requests)).toBeLessThanOrEqual(16 * 1024);
    const [stored] = JSON.parse(rows[0].requests);
    expect(stored).toMatchObject({ method: 'POST', url: exchange.url, body: { a: 1 }, status: 500 });
    expect(stored.response).toContain(TRUNCATED_MARKER);
    const jobRow = store.db.prepare('SELECT * FROM jobs').get() as any;
    expect(jobRow).toMatchObject({ state: 'delivered-with-warnings', attempts: 2, lease_until: null });
    expect(jobRow.finished_at).toBe(at(2).getTime());
    expect(JSON.parse(jobRow.warnings)).toEqual(['w']);
  });

  it('purges attempts, jobs, orphaned events and old messageIds, keeping what is still needed', async () => {
    const store = await open(nextFile());
    await store.applyConfig(sampleConfig());
    const both = [
      { destinationId: 'd1', mappingName: 'identify' },
      { destinationId: 'd2', mappingName: 'Identify Contact' },
    ];
    await store.insertEvents([newEvent(1, 'ann', { jobs: both }), newEvent(2, 'bob')]);
    for (const job of await store.leaseJobs('d1', 10, MINUTE, T0)) {
      await store.finishJob(job.id, { kind: 'finished', status: 'delivered', attempt: attempt('delivered', T0) }, T0);
    }
    await store.insertEvents([newEvent(3, 'cy', { at: at(8 * DAY) })]);
    const counts = () => ['events', 'jobs', 'attempts', 'message_ids'].map((table) => count(store, table));
    expect(counts()).toEqual([3, 4, 2, 3]);
    await store.purge(at(8 * DAY), { deliveredMs: 7 * DAY, failedMs: 30 * DAY });
    // Event 1 stays for its d2 job, event 2 goes with its job, event 3 is new; message ids 1 and 2 are past 24 h.
    const eventIds = store.db.prepare('SELECT message_id FROM events ORDER BY id').pluck().all();
    expect(eventIds).toEqual(['message-1', 'message-3']);
    expect(counts()).toEqual([2, 2, 0, 1]);
  });

  it('purges in chunks: more rows than one transaction takes', async () => {
    const store = await open(nextFile(), { synchronous: 'NORMAL' });
    await store.applyConfig(sampleConfig());
    const total = 4_500;
    await store.insertEvents(Array.from({ length: total }, (_, i) => newEvent(i, `p${i}`)));
    await store.insertEvents([newEvent(total, 'late', { at: at(8 * DAY) })]);
    const leased = await store.leaseJobs('d1', total, MINUTE, T0);
    expect(leased).toHaveLength(total);
    for (const job of leased) await store.finishJob(job.id, finished('delivered'), T0);
    await store.purge(at(8 * DAY), { deliveredMs: 7 * DAY, failedMs: 30 * DAY });
    expect(['events', 'jobs', 'attempts', 'message_ids'].map((table) => count(store, table))).toEqual([1, 1, 0, 1]);
    expect(await store.jobStateCounts()).toEqual({ pending: 1 });
  });

  it('works in memory too', async () => {
    const store = await open(':memory:');
    await store.applyConfig(sampleConfig());
    expect(await store.insertEvents([newEvent(1, 'ann')])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store.leaseJobs('d1', 1, MINUTE, T0)).toHaveLength(1);
  });
});
