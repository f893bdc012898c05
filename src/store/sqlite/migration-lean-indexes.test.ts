// Migration 7 on a database written before it: the log's filters keep answering from one index, jobs keep leasing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { T0, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteStore } from './sqlite-store.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-migration-7-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jobIndexes = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs' AND sql IS NOT NULL ORDER BY name`)
    .all() as { name: string }[]).map((row) => row.name);

it('drops the action and mapping indexes; the old jobs are listed, filtered and leased as before', async () => {
  const file = path.join(dir, 'old.db');
  const old = new Database(file);
  migrate(old, MIGRATIONS.filter((m) => m.version <= 6));
  const t = T0.getTime();
  old.exec(`
    INSERT INTO sources (id, write_key) VALUES ('web', 'wk');
    INSERT INTO destinations (id, type, enabled, settings, uses_presets) VALUES ('d1', 'intercom', 1, '{}', 1);
    INSERT INTO events (id, source_id, message_id, type, person_key, payload, received_at) VALUES
      (1, 'web', 'm1', 'identify', 'ann', '{"n":1}', ${t}), (2, 'web', 'm2', 'track', 'ann', '{"n":2}', ${t + 1}),
      (3, 'web', 'm3', 'track', 'bob', '{"n":3}', ${t + 2});
    INSERT INTO jobs (id, event_id, destination_id, mapping_name, action, person_key, state, head, next_attempt_at, created_at, finished_at) VALUES
      (1, 1, 'd1', 'Identify Contact', 'identifyContact', 'ann', 'delivered', 0, ${t}, ${t}, ${t + 5}),
      (2, 2, 'd1', 'Track Event', 'trackEvent', 'ann', 'pending', 1, ${t + 1}, ${t + 1}, NULL),
      (3, 3, 'd1', 'Track Event', 'trackEvent', 'bob', 'pending', 1, ${t + 2}, ${t + 2}, NULL);
  `);
  expect(jobIndexes(old)).toContain('jobs_log_action');
  old.close();

  const store = await openSqliteStore({ file, secretKey: TEST_SECRET_KEY });
  try {
    expect(jobIndexes(store.db)).toEqual([
      'jobs_due', 'jobs_event', 'jobs_finished', 'jobs_lease_expiry', 'jobs_log', 'jobs_log_person', 'jobs_log_rejected',
      'jobs_log_unfinished', 'jobs_replay_of', 'jobs_unfinished',
    ]);
    const ids = async (filter: Record<string, string>) =>
      (await store.listDeliveries({ destinationId: 'd1', ...filter })).items.map((item) => item.id);
    expect(await ids({})).toEqual([3, 2, 1]);
    expect(await ids({ action: 'trackEvent' })).toEqual([3, 2]);
    expect(await ids({ mapping: 'Identify Contact' })).toEqual([1]);
    expect(await ids({ action: 'trackEvent', mapping: 'Identify Contact' })).toEqual([]);
    expect(await ids({ person: 'ann' })).toEqual([2, 1]);
    const leased = await store.leaseJobs('d1', 10, 60_000, new Date(t + 10));
    expect(leased.map((job) => [job.id, job.event.n])).toEqual([[2, 2], [3, 3]]);
  } finally {
    await store.close();
  }
});
