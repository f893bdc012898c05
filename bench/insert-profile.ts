// The writer thread's work alone, in this process: the CPU per event of inserting workload events (with the jobs the
// default mappings route them to) in commits of 100 (--commit N), on a fresh file:
// npx tsx bench/insert-profile.ts [events] [--commit N] [--drop INDEX|DROP …|PRAGMA …] [--page-size B] [--checkpoint PAGES] [--wal-size] [--uuid]
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeEvent } from '../src/ingest/normalize-event.js';
import { personKeyOf } from '../src/ingest/normalize-event.js';
import { connect } from '../src/store/sqlite/connect.js';
import { EventTables, toEventColumns } from '../src/store/sqlite/event-tables.js';
import { Router } from '../src/subscriptions/router.js';
import type { NewEvent } from '../src/store/types.js';
import { generateWorkload } from './workload/generate.js';

const args = process.argv.slice(2);
const dropAt = args.indexOf('--drop');
const drops = dropAt >= 0 ? args[dropAt + 1]!.split(',') : [];
const count = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 40_000);
const dir = mkdtempSync(join(tmpdir(), 'ferry-insert-profile-'));
try {
  const pageSizeAt = args.indexOf('--page-size');
  if (pageSizeAt >= 0) {
    const empty = new Database(join(dir, 'ferry.db'));
    empty.pragma(`page_size = ${Number(args[pageSizeAt + 1])}`);
    empty.exec('VACUUM');
    empty.close();
  }
  const db = connect({ file: join(dir, 'ferry.db') });
  db.prepare(`INSERT INTO sources (id, write_key) VALUES ('bench', 'key')`).run();
  db.prepare(`INSERT INTO destinations (id, type, enabled, settings, uses_presets) VALUES ('intercom', 'intercom', 1, '{}', 1)`).run();
  for (const statement of drops) db.exec(/^(DROP|PRAGMA)/.test(statement) ? statement : `DROP INDEX ${statement}`);
  const router = new Router();
  router.update([{ id: 'intercom', type: 'intercom', enabled: true }]);
  const receivedAt = new Date();
  const events: NewEvent[] = generateWorkload({ events: count, seed: 1 }).events.map((raw) => {
    // --uuid: random messageIds, as Segment's libraries send (the workload's are sequential).
    const event = normalizeEvent(args.includes('--uuid') ? { ...raw, messageId: randomUUID() } : raw, receivedAt);
    return {
      sourceId: 'bench', messageId: event.messageId as string, personKey: personKeyOf(event), type: event.type as string,
      event, receivedAt, jobs: router.jobsFor(event, 'bench'),
    };
  });
  if (args.includes('--wal-size')) db.pragma('wal_autocheckpoint = 0');
  const checkpointAt = args.indexOf('--checkpoint');
  if (checkpointAt >= 0) db.pragma(`wal_autocheckpoint = ${Number(args[checkpointAt + 1])}`);
  const tables = new EventTables(db);
  const serialize = process.cpuUsage();
  const batches = [];
  const commitAt = args.indexOf('--commit');
  const perCommit = commitAt >= 0 ? Number(args[commitAt + 1]) : 100;
  for (let i = 0; i < events.length; i += perCommit) batches.push(toEventColumns(events.slice(i, i + perCommit)));
  const serialized = process.cpuUsage(serialize);
  const started = process.cpuUsage();
  for (const rows of batches) tables.insertColumns(rows);
  const used = process.cpuUsage(started);
  const micros = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / events.length).toFixed(1);
  const jobs = events.reduce((n, e) => n + e.jobs.length, 0);
  process.stdout.write(`${events.length} events, ${jobs} jobs: toEventColumns ${micros(serialized)} us/event, insertColumns ${micros(used)} us/event` +
    ` (user ${(used.user / events.length).toFixed(1)}, system ${(used.system / events.length).toFixed(1)})${drops.length ? `; dropped ${drops.join(', ')}` : ''}\n`);
  if (args.includes('--wal-size')) {
    const bytes = statSync(join(dir, 'ferry.db-wal')).size;
    process.stdout.write(`WAL ${(bytes / events.length).toFixed(0)} bytes/event (${(bytes / Number(db.pragma('page_size', { simple: true })) / (events.length / perCommit)).toFixed(1)} pages per commit of ${perCommit})\n`);
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
