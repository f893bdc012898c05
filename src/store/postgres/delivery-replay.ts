// Replays (a new pending job per finished one, queued behind the person) and delivery counts per minute or hour.
import type pg from 'pg';
import { logState } from '../delivery-log-sql.js';
import type { JobState, StatsBucket } from '../types.js';
import { lockPeople } from './person-locks.js';
import { query, transaction } from './pool.js';

interface OriginalRow {
  id: number; event_id: number; destination_id: string; mapping_name: string | null; action: string | null;
  person_key: string; state: JobState; underway: boolean;
}

// created_at = now: the replay's max age (R18) counts from here. It leads only when the person has nothing unfinished.
const INSERT_REPLAY = `INSERT INTO jobs (event_id, destination_id, mapping_name, action, person_key, state, head,
    next_attempt_at, created_at, replay_of)
  SELECT $1, $2, $3, $4, $5, 'pending', NOT EXISTS (SELECT 1 FROM jobs WHERE destination_id = $2 AND person_key = $5
    AND state IN ('pending', 'leased')), $6, $6, $7
  RETURNING id`;

const BUCKET_MS = { minute: 60_000, hour: 3_600_000 } as const;

// Finished jobs from the trigger-kept delivery_stats; waiting ones from jobs, where they were queued.
const STATS = `SELECT minute - minute % $3 AS start, state, 0 AS attempts, sum(n)::bigint AS n FROM delivery_stats
  WHERE destination_id = $1 AND minute >= $2 GROUP BY 1, 2
  UNION ALL
  SELECT created_at - created_at % $3, state, least(attempts, 1), count(*) FROM jobs
  WHERE destination_id = $1 AND state IN ('pending', 'leased') AND created_at >= $2 GROUP BY 1, 2, 3`;

export class DeliveryReplay {
  constructor(private readonly pool: pg.Pool) {}

  /** In the originals' arrival order, so one person's replayed events keep their order. */
  async replayDeliveries(jobIds: readonly number[], now: Date): Promise<number[]> {
    const ids = [...new Set(jobIds)].filter((id) => Number.isSafeInteger(id)).sort((a, b) => a - b);
    if (ids.length === 0) return [];
    return transaction(this.pool, async (client) => {
      const { rows } = await client.query<OriginalRow>(
        `SELECT id, event_id, destination_id, mapping_name, action, person_key, state,
           EXISTS (SELECT 1 FROM jobs r WHERE r.replay_of = j.id AND r.state IN ('pending', 'leased')) AS underway
         FROM jobs j WHERE id = ANY($1::bigint[]) ORDER BY id`,
        [ids],
      );
      const originals = rows.filter((o) => o.mapping_name !== null && o.state !== 'pending' && o.state !== 'leased' && !o.underway);
      await lockPeople(client, originals.map((o) => ({ destinationId: o.destination_id, personKey: o.person_key })));
      const created: number[] = [];
      for (const o of originals) {
        const inserted = await client.query<{ id: number }>(INSERT_REPLAY, [
          o.event_id, o.destination_id, o.mapping_name, o.action, o.person_key, now.getTime(), o.id,
        ]);
        created.push(inserted.rows[0]!.id);
      }
      return created;
    });
  }

  async deliveryStats(destinationId: string, from: Date, bucket: 'minute' | 'hour'): Promise<StatsBucket[]> {
    const size = BUCKET_MS[bucket];
    const start = from.getTime() - (((from.getTime() % size) + size) % size);
    const { rows } = await query<{ start: number; state: JobState; attempts: number; n: number }>(this.pool, STATS, [destinationId, start, size]);
    const buckets = new Map<number, StatsBucket>();
    for (const row of rows) {
      const entry = buckets.get(row.start) ?? { start: new Date(row.start), counts: {} };
      const state = logState(row.state, row.attempts);
      entry.counts[state] = (entry.counts[state] ?? 0) + row.n;
      buckets.set(row.start, entry);
    }
    return [...buckets.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}
