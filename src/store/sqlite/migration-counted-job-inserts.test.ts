// Migration 8 on a database written before it: with the insert triggers gone, ingest and replays keep the counters exact.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newEvent, T0, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteStore } from './sqlite-store.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-migration-8-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MINUTE = 60_000;
const t = T0.getTime();

function oldDatabase(file: string): void {
  const old = new Database(file);
  migrate(old, MIGRATIONS.filter((m) => m.version <= 7));
  old.exec(`
    INSERT INTO sources (id, write_key) VALUES ('web', 'wk');
    INSERT INTO destinations (id, type, enabled, settings, uses_presets) VALUES ('d1', 'intercom', 1, '{}', 1),
      ('d2', 'intercom', 1, '{}', 1);
    INSERT INTO events (id, source_id, message_id, type, person_key, payload, received_at) VALUES
      (1, 'web', 'm1', 'identify', 'ann', '{"n":1}', ${t}), (2, 'web', 'm2', 'page', 'ann', '{"n":2}', ${t + 1}),
      (3, 'web', 'm3', 'identify', 'bob', '{"n":3}', ${t + 2});
    INSERT INTO jobs (id, event_id, destination_id, mapping_name, action, person_key, state, head, next_attempt_at, created_at, finished_at) VALUES
      (1, 1, 'd1', 'identify', 'identifyContact', 'ann', 'delivered', 0, ${t}, ${t}, ${t + 5}),
      (2, 2, 'd1', NULL, NULL, 'ann', 'filtered', 0, NULL, ${t + 1}, ${t + 1}),
      (3, 3, 'd1', 'identify', 'identifyContact', 'bob', 'pending', 1, ${t + 2}, ${t + 2}, NULL);
  `);
  old.close();
}

/** The counters as kept, and as counted from the jobs themselves. */
function counters(db: Database.Database) {
  return {
    kept: db.prepare('SELECT destination_id, state, n FROM job_counts WHERE n > 0 ORDER BY 1, 2').all(),
    counted: db.prepare('SELECT destination_id, state, count(*) AS n FROM jobs GROUP BY 1, 2 ORDER BY 1, 2').all(),
    keptStats: db.prepare('SELECT destination_id, minute, state, n FROM delivery_stats ORDER BY 1, 2, 3').all(),
    countedStats: db.prepare(
      `SELECT destination_id, finished_at - finished_at % 60000 AS minute, state, count(*) AS n FROM jobs
       WHERE finished_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ).all(),
  };
}

it.each([false, true])('counts inserted and replayed jobs without the triggers (writer thread: %s)', async (writerThread) => {
  const file = path.join(dir, `old-${writerThread}.db`);
  oldDatabase(file);
  const store = await openSqliteStore({ file, secretKey: TEST_SECRET_KEY, writerThread });
  try {
    const triggers = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
    expect(triggers).toEqual([{ name: 'jobs_count_delete' }, { name: 'jobs_count_update' }, { name: 'jobs_stats_finish' }]);

    const filtered = { destinationId: 'd1', mappingName: null };
    const result = await store.insertEvents([
      newEvent(10, 'ann', { jobs: [{ destinationId: 'd1', mappingName: 'identify' }, { destinationId: 'd2', mappingName: 'identify' }] }),
      newEvent(11, 'cat', { jobs: [filtered], at: new Date(t + 2 * MINUTE) }),
      newEvent(12, 'cat', { jobs: [filtered, { destinationId: 'd2', mappingName: 'identify' }], at: new Date(t + 2 * MINUTE + 1) }),
      newEvent(13, 'cat', { messageId: 'm1', jobs: [filtered] }),
      newEvent(14, 'dan', { messageId: 'message-10', jobs: [filtered] }),
    ]);
    expect(result).toEqual({ inserted: 4, duplicates: 1 });
    // A commit that fails (an unknown destination) counts nothing, and the next one counts only its own.
    await expect(store.insertEvents([
      newEvent(20, 'eve', { jobs: [filtered] }), newEvent(21, 'eve', { jobs: [{ destinationId: 'nope', mappingName: 'identify' }] }),
    ])).rejects.toThrow();
    await store.insertEvents([newEvent(22, 'eve', { jobs: [filtered] })]);
    expect(await store.replayDeliveries([1], new Date(t + 3 * MINUTE))).toHaveLength(1);

    const { kept, counted, keptStats, countedStats } = counters(store.db);
    expect(kept).toEqual(counted);
    expect(keptStats).toEqual(countedStats);
    expect(kept).toEqual([
      { destination_id: 'd1', state: 'delivered', n: 1 },
      { destination_id: 'd1', state: 'filtered', n: 5 },
      { destination_id: 'd1', state: 'pending', n: 3 },
      { destination_id: 'd2', state: 'pending', n: 2 },
    ]);
    expect(keptStats).toEqual([
      { destination_id: 'd1', minute: t, state: 'delivered', n: 1 },
      { destination_id: 'd1', minute: t, state: 'filtered', n: 3 },
      { destination_id: 'd1', minute: t + 2 * MINUTE, state: 'filtered', n: 2 },
    ]);
    expect(await store.jobStateCounts('d1')).toEqual({ delivered: 1, filtered: 5, pending: 3 });
  } finally {
    await store.close();
  }
});
