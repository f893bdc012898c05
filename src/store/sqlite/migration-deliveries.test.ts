// Migration 2 on a database written before it: each job gets its action back, finished jobs their stats row.
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

let db: Database.Database | undefined;
afterEach(() => db?.close());

it('fills in the action of old jobs (mappings and presets) and counts their outcomes', () => {
  db = new Database(':memory:');
  migrate(db, MIGRATIONS.filter((m) => m.version === 1));
  db.exec(`
    INSERT INTO sources (id, write_key) VALUES ('web', 'wk');
    INSERT INTO destinations (id, type, enabled, settings, uses_presets) VALUES ('d1', 'intercom', 1, '{}', 0), ('d2', 'intercom', 1, '{}', 1);
    INSERT INTO mappings (destination_id, name, position, action, enabled)
      VALUES ('d1', 'orders', 0, 'trackEvent', 1), ('d1', 'companies', 1, 'groupIdentifyContact', 1);
    INSERT INTO events (id, source_id, message_id, type, person_key, payload, received_at) VALUES (1, 'web', 'm', 'track', 'ann', '{}', 0);
    INSERT INTO jobs (id, event_id, destination_id, mapping_name, person_key, state, created_at, finished_at) VALUES
      (1, 1, 'd1', 'orders', 'ann', 'delivered', 0, 61000),
      (2, 1, 'd1', 'companies', 'ann', 'rejected', 0, 65000),
      (3, 1, 'd2', 'Identify Contact', 'ann', 'delivered', 0, 125000),
      (4, 1, 'd1', 'gone', 'ann', 'pending', 0, NULL),
      (5, 1, 'd1', NULL, 'ann', 'filtered', 0, 0);
  `);
  expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version));
  expect(db.prepare('SELECT id, action, replay_of FROM jobs ORDER BY id').all()).toEqual([
    { id: 1, action: 'trackEvent', replay_of: null },
    { id: 2, action: 'identifyCompany', replay_of: null },
    { id: 3, action: 'identifyContact', replay_of: null },
    { id: 4, action: null, replay_of: null },
    { id: 5, action: null, replay_of: null },
  ]);
  expect(db.prepare('SELECT destination_id, minute, state, n FROM delivery_stats ORDER BY 1, 2, 3').all()).toEqual([
    { destination_id: 'd1', minute: 0, state: 'filtered', n: 1 },
    { destination_id: 'd1', minute: 60000, state: 'delivered', n: 1 },
    { destination_id: 'd1', minute: 60000, state: 'rejected', n: 1 },
    { destination_id: 'd2', minute: 120000, state: 'delivered', n: 1 },
  ]);
});
