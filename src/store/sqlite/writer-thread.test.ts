// The writer thread: inserts and job writes go through its own connection, errors come back, durability is FULL there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { attempt, finished, newEvent, sampleConfig, T0, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('writes events, leases and outcomes on its own connection; the main connection reads them at once', async () => {
  const store = await openSqliteStore({ file: path.join(dir, 'a.db'), secretKey: TEST_SECRET_KEY, writerThread: true });
  try {
    await store.applyConfig(sampleConfig());
    const prepare = vi.spyOn(store.db, 'prepare');
    const pragma = vi.spyOn(store.db, 'pragma');
    const transaction = vi.spyOn(store.db, 'transaction');
    expect(await store.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'bob')])).toEqual({ inserted: 3, duplicates: 0 });
    expect(await store.insertEvents([newEvent(1, 'ann')])).toEqual({ inserted: 0, duplicates: 1 });
    const leased = await store.leaseJobs('d1', 10, 60_000, T0);
    expect(leased.map((job) => [job.personKey, job.event.n, job.eventReceivedAt instanceof Date])).toEqual([['ann', 1, true], ['bob', 3, true]]);
    await store.finishJob(leased[0]!.id, finished('delivered'), T0);
    // Nothing of it ran on the main connection.
    expect([prepare.mock.calls.length, pragma.mock.calls.length, transaction.mock.calls.length]).toEqual([0, 0, 0]);
    vi.restoreAllMocks();
    expect(await store.jobStateCounts('d1')).toEqual({ delivered: 1, leased: 1, pending: 1 });
    expect((await store.leaseJobs('d1', 10, 60_000, T0)).map((job) => job.event.n)).toEqual([2]);
    const detail = await store.getDelivery(leased[0]!.id);
    expect(detail?.attemptsDetail.map((a) => a.status)).toEqual([attempt('delivered', T0).status]);
  } finally {
    await store.close();
  }
});

it('answers a failed write with the SQLite error, then goes on; after close every call is refused', async () => {
  const store = await openSqliteStore({ file: path.join(dir, 'b.db'), secretKey: TEST_SECRET_KEY, writerThread: true });
  await store.applyConfig(sampleConfig());
  await expect(store.insertEvents([newEvent(1, 'ann', { source: 'nowhere' })])).rejects.toMatchObject({
    name: 'SqliteError', code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
  });
  expect(await store.insertEvents([newEvent(1, 'ann')])).toEqual({ inserted: 1, duplicates: 0 });
  const ids = (store.db.prepare('SELECT message_id FROM events').all() as { message_id: string }[]).map((r) => r.message_id);
  expect(ids).toEqual(['message-1']);
  await store.close();
  await expect(store.insertEvents([newEvent(2, 'ann')])).rejects.toThrow('closed');
});

it('leases and outcomes asked for at once share commits and each gets its own answer', async () => {
  const store = await openSqliteStore({ file: path.join(dir, 'c.db'), secretKey: TEST_SECRET_KEY, writerThread: true });
  try {
    await store.applyConfig(sampleConfig());
    await store.insertEvents(Array.from({ length: 20 }, (_, i) => newEvent(i, `p${i % 10}`)));
    const leased = await store.leaseJobs('d1', 10, 60_000, T0);
    expect(leased).toHaveLength(10);
    const [more, ...finishes] = await Promise.all([
      store.leaseJobs('d1', 10, 60_000, T0),
      ...leased.map((job) => store.finishJob(job.id, finished('delivered'), T0)),
      store.insertEvents([newEvent(99, 'p0')]),
    ]);
    expect(finishes.at(-1)).toEqual({ inserted: 1, duplicates: 0 });
    // The lease ran before the outcomes (asked first), so it found every head still leased.
    expect(more).toEqual([]);
    expect(await store.jobStateCounts('d1')).toEqual({ delivered: 10, pending: 11 });
    expect((await store.leaseJobs('d1', 20, 60_000, T0)).map((job) => job.event.n)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  } finally {
    await store.close();
  }
});
