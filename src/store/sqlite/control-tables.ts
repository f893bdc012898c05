// The control role: the admin API's writes — one source or destination, deletes, named settings, single-use keys.
import type Database from 'better-sqlite3';
import type { DestinationConfig, SourceConfig } from '../../config/model.js';
import { FerryError } from '../../errors.js';
import type { DeleteOptions } from '../types.js';
import type { ConfigRows } from './config-rows.js';
import { UNFINISHED } from './rows.js';
import { unfinishedRefusal } from '../unfinished-refusal.js';

export class ControlTables {
  private readonly upsertSourceTx;
  private readonly upsertDestinationTx;
  private readonly deleteSourceTx;
  private readonly deleteDestinationTx;
  private readonly selectSetting;
  private readonly upsertSetting;
  private readonly useOnceTx;

  constructor(db: Database.Database, rows: ConfigRows) {
    this.upsertSourceTx = db.transaction((source: SourceConfig) => {
      const holder = rows.otherHolderOf(source.writeKey, source.id);
      if (holder !== undefined) {
        throw new FerryError('FERRY_ERR_CONFLICT', `this writeKey already belongs to source "${holder}"`, { path: 'writeKey' }, 409);
      }
      rows.applySource(source);
    });
    this.upsertDestinationTx = db.transaction((destination: DestinationConfig) => rows.applyDestination(destination));

    const sourceExists = db.prepare<[string], { id: string }>('SELECT id FROM sources WHERE id = ?');
    const sourceJobs = `SELECT j.id FROM jobs j JOIN events e ON e.id = j.event_id WHERE e.source_id = ?`;
    // Rare and admin-driven, so a scan of events (no index on source_id, which every insert would pay for) is fine.
    const countSourceUnfinished = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM jobs j JOIN events e ON e.id = j.event_id
       WHERE e.source_id = ? AND j.state IN ${UNFINISHED}`,
    );
    const deleteSourceJobs = db.prepare(`DELETE FROM jobs WHERE id IN (${sourceJobs})`);
    const deleteSourceEvents = db.prepare('DELETE FROM events WHERE source_id = ?');
    const deleteMessageIds = db.prepare('DELETE FROM message_ids WHERE source_id = ?');
    const deleteSourceRow = db.prepare('DELETE FROM sources WHERE id = ?');
    // Dropping a person's head job (force) must not strand the jobs behind it (R17): the oldest left becomes head.
    const promoteOrphans = db.prepare(
      `UPDATE jobs SET head = 1 WHERE id IN (SELECT min(id) FROM jobs WHERE state IN ${UNFINISHED}
         GROUP BY destination_id, person_key HAVING max(head) = 0)`,
    );
    this.deleteSourceTx = db.transaction((id: string, force: boolean) => {
      if (sourceExists.get(id) === undefined) return false;
      const unfinished = countSourceUnfinished.get(id)?.n ?? 0;
      if (unfinished > 0 && !force) throw unfinishedRefusal(`source "${id}"`, unfinished);
      deleteSourceJobs.run(id);
      deleteSourceEvents.run(id);
      deleteMessageIds.run(id);
      deleteSourceRow.run(id);
      if (unfinished > 0) promoteOrphans.run();
      return true;
    });

    const destinationExists = db.prepare<[string], { id: string }>('SELECT id FROM destinations WHERE id = ?');
    const countDestinationUnfinished = db.prepare<[string], { n: number | null }>(
      `SELECT sum(n) AS n FROM job_counts WHERE destination_id = ? AND state IN ${UNFINISHED}`,
    );
    // Events left without jobs go with the next purge. Mappings go by ON DELETE CASCADE, attempts with their jobs.
    const perDestination = [
      'jobs',
      'job_counts',
      'identity_contacts',
      'identity_companies',
      'identity_attachments',
      'delivery_stats',
      'destinations',
    ].map((table) => db.prepare(`DELETE FROM ${table} WHERE ${table === 'destinations' ? 'id' : 'destination_id'} = ?`));
    this.deleteDestinationTx = db.transaction((id: string, force: boolean) => {
      if (destinationExists.get(id) === undefined) return false;
      const unfinished = countDestinationUnfinished.get(id)?.n ?? 0;
      if (unfinished > 0 && !force) throw unfinishedRefusal(`destination "${id}"`, unfinished);
      for (const statement of perDestination) statement.run(id);
      return true;
    });

    this.selectSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsertSetting = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    const purgeUsed = db.prepare('DELETE FROM used_once WHERE expires_at <= ?');
    const insertUsed = db.prepare('INSERT INTO used_once (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
    this.useOnceTx = db.transaction((key: string, expiresAt: number, now: number) => {
      purgeUsed.run(now);
      return insertUsed.run(key, expiresAt).changes === 1;
    });
  }

  /** One source; its writeKey may not be another source's. */
  upsertSource(source: SourceConfig): void {
    this.upsertSourceTx.immediate(source);
  }

  /** One destination, as applyConfig stores each (its mappings become the given list; none = presets). */
  upsertDestination(destination: DestinationConfig): void {
    this.upsertDestinationTx.immediate(destination);
  }

  /** false when there is no such source; refuses (409) while its events have unfinished jobs, unless `force`. */
  deleteSource(id: string, options: DeleteOptions = {}): boolean {
    return this.deleteSourceTx.immediate(id, options.force === true);
  }

  /** false when there is no such destination; refuses (409) while it has unfinished jobs, unless `force`. */
  deleteDestination(id: string, options: DeleteOptions = {}): boolean {
    return this.deleteDestinationTx.immediate(id, options.force === true);
  }

  getSetting(key: string): string | undefined {
    return this.selectSetting.get(key)?.value;
  }

  setSetting(key: string, value: string): void {
    this.upsertSetting.run(key, value);
  }

  /** Expired keys are purged first, so a key is refused until its expiry and the table stays small. */
  useOnce(key: string, expiresAt: Date, now = Date.now()): boolean {
    return this.useOnceTx.immediate(key, expiresAt.getTime(), now);
  }
}
