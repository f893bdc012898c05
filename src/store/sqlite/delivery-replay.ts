// Replaying deliveries: a new pending job per finished one, for the same event and mapping, queued behind the person.
import type Database from 'better-sqlite3';
import { NewJobCounts } from './job-counts.js';
import { toMs, UNFINISHED } from './rows.js';

interface OriginalRow {
  id: number;
  event_id: number;
  destination_id: string;
  mapping_name: string | null;
  action: string | null;
  person_key: string;
  state: string;
}

export class DeliveryReplay {
  private readonly selectOriginal;
  private readonly replayUnderway;
  private readonly personHasUnfinished;
  private readonly insertReplay;
  private readonly replayTx;
  private readonly counts;

  constructor(db: Database.Database) {
    this.counts = NewJobCounts.prepare(db);
    this.selectOriginal = db.prepare<[number], OriginalRow>(
      'SELECT id, event_id, destination_id, mapping_name, action, person_key, state FROM jobs WHERE id = ?',
    );
    this.replayUnderway = db.prepare<[number], { one: number }>(
      `SELECT 1 AS one FROM jobs WHERE replay_of = ? AND state IN ${UNFINISHED} LIMIT 1`,
    );
    this.personHasUnfinished = db.prepare<[string, string], { one: number }>(
      `SELECT 1 AS one FROM jobs INDEXED BY jobs_unfinished
       WHERE destination_id = ? AND person_key = ? AND state IN ${UNFINISHED} LIMIT 1`,
    );
    // created_at = now: the replay's max age (R18) counts from here, not from the event's arrival.
    this.insertReplay = db.prepare(
      `INSERT INTO jobs (event_id, destination_id, mapping_name, action, person_key, state, head, next_attempt_at,
         created_at, replay_of)
       VALUES (@eventId, @destinationId, @mappingName, @action, @personKey, 'pending', @head, @now, @now, @replayOf)`,
    );
    this.replayTx = db.transaction((ids: readonly number[], now: number) => {
      const created: number[] = [];
      this.counts.start();
      for (const id of ids) {
        const original = this.selectOriginal.get(id);
        if (original === undefined || original.mapping_name === null) continue;
        if (original.state === 'pending' || original.state === 'leased') continue;
        if (this.replayUnderway.get(id) !== undefined) continue;
        // R17 as on ingest: the replay runs after everything the person has waiting, and leads only when nothing is.
        const head = this.personHasUnfinished.get(original.destination_id, original.person_key) === undefined ? 1 : 0;
        const result = this.insertReplay.run({
          eventId: original.event_id,
          destinationId: original.destination_id,
          mappingName: original.mapping_name,
          action: original.action,
          personKey: original.person_key,
          head,
          now,
          replayOf: id,
        });
        this.counts.add(original.destination_id, 'pending');
        created.push(Number(result.lastInsertRowid));
      }
      this.counts.flush();
      return created;
    });
  }

  /** In the originals' arrival order, so one person's replayed events keep their order. */
  replayDeliveries(jobIds: readonly number[], now: Date): number[] {
    const ids = [...new Set(jobIds)].filter((id) => Number.isSafeInteger(id)).sort((a, b) => a - b);
    if (ids.length === 0) return [];
    return this.replayTx.immediate(ids, toMs(now));
  }
}
