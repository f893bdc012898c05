// The delivery log: jobs newest first with filters and a cursor, one job's detail with every attempt, a source's events.
import type pg from 'pg';
import { decodeDeliveryCursor, encodeDeliveryCursor, pageSize } from '../delivery-cursor.js';
import { DELIVERY_COLUMNS, deliverySummaryOf, logState, stateSql, type DeliverySummaryRow } from '../delivery-log-sql.js';
import type {
  DeliveryDetail, DeliveryFilter, DeliverySummary, JobState, SourceEvent, SourceEventDelivery, StoredAttempt,
} from '../types.js';
import { pgText, query } from './pool.js';

interface DetailRow extends DeliverySummaryRow { payload: string; replay_of: number | null }
interface AttemptRow {
  attempt_no: number; started_at: number; duration_ms: number; status: StoredAttempt['status']; warnings: string;
  error: string | null; requests: string;
}

export class DeliveryLog {
  constructor(private readonly pool: pg.Pool) {}

  async listDeliveries(filter: DeliveryFilter): Promise<{ items: DeliverySummary[]; nextCursor?: string }> {
    const limit = pageSize(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeDeliveryCursor(filter.cursor);
    if (filter.cursor !== undefined && cursor === undefined) throw new RangeError('not a delivery cursor');
    if (filter.states !== undefined && filter.states.length === 0) return { items: [] };
    const values: unknown[] = [filter.destinationId];
    const param = (value: unknown) => `$${values.push(value)}`;
    const where = ['j.destination_id = $1'];
    if (filter.person !== undefined) where.push(`j.person_key = ${param(pgText(filter.person))}`);
    if (filter.states !== undefined) where.push(`(${[...new Set(filter.states)].map(stateSql).join(' OR ')})`);
    if (filter.action !== undefined) where.push(`j.action = ${param(filter.action)}`);
    if (filter.mapping !== undefined) where.push(`j.mapping_name = ${param(filter.mapping)}`);
    if (filter.from !== undefined) where.push(`j.created_at >= ${param(filter.from.getTime())}`);
    if (filter.to !== undefined) where.push(`j.created_at < ${param(filter.to.getTime())}`);
    if (cursor !== undefined) where.push(`(j.created_at, j.id) < (${param(cursor.at)}, ${param(cursor.id)})`);
    if (filter.replayed !== undefined) {
      where.push(`${filter.replayed ? '' : 'NOT '}EXISTS (SELECT 1 FROM jobs r WHERE r.replay_of = j.id)`);
    }
    const sql = `SELECT ${DELIVERY_COLUMNS} FROM jobs j JOIN events e ON e.id = j.event_id WHERE ${where.join(' AND ')}
      ORDER BY j.created_at DESC, j.id DESC LIMIT ${param(limit + 1)}`;
    const { rows } = await query<DeliverySummaryRow>(this.pool, sql, values);
    const items = rows.slice(0, limit).map(deliverySummaryOf);
    const last = items[items.length - 1];
    if (rows.length <= limit || last === undefined) return { items };
    return { items, nextCursor: encodeDeliveryCursor({ at: last.queuedAt.getTime(), id: last.id }) };
  }

  async getDelivery(jobId: number): Promise<DeliveryDetail | undefined> {
    if (!Number.isSafeInteger(jobId)) return undefined;
    const [detail, attempts] = await Promise.all([
      query<DetailRow>(this.pool, `SELECT ${DELIVERY_COLUMNS}, e.payload, j.replay_of FROM jobs j JOIN events e ON e.id = j.event_id
        WHERE j.id = $1`, [jobId]),
      query<AttemptRow>(this.pool, `SELECT attempt_no, started_at, duration_ms, status, warnings, error, requests
        FROM attempts WHERE job_id = $1 ORDER BY attempt_no`, [jobId]),
    ]);
    const row = detail.rows[0];
    if (row === undefined) return undefined;
    const attemptsDetail = attempts.rows.map((a): StoredAttempt => ({
      attemptNo: a.attempt_no,
      startedAt: new Date(a.started_at),
      durationMs: a.duration_ms,
      status: a.status,
      warnings: JSON.parse(a.warnings) as string[],
      ...(a.error === null ? {} : { error: JSON.parse(a.error) as { code?: string; message: string } }),
      requests: JSON.parse(a.requests) as StoredAttempt['requests'],
    }));
    return { ...deliverySummaryOf(row), event: JSON.parse(row.payload) as Record<string, unknown>, attemptsDetail, replayOf: row.replay_of };
  }

  async listSourceEvents(sourceId: string, page: { limit?: number; before?: number } = {}): Promise<{ events: SourceEvent[]; nextBefore?: number }> {
    const limit = pageSize(page.limit);
    const { rows } = await query<{ id: number; message_id: string; type: string; payload: string; received_at: number }>(
      this.pool,
      `SELECT id, message_id, type, payload, received_at FROM events WHERE source_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`,
      [sourceId, page.before ?? Number.MAX_SAFE_INTEGER, limit + 1],
    );
    const shown = rows.slice(0, limit);
    const deliveries = new Map<number, SourceEventDelivery[]>(shown.map((row) => [row.id, []]));
    const jobs = await query<{ id: number; event_id: number; destination_id: string; mapping_name: string | null; action: string | null; state: JobState; attempts: number }>(
      this.pool,
      `SELECT id, event_id, destination_id, mapping_name, action, state, attempts FROM jobs WHERE event_id = ANY($1::bigint[]) ORDER BY id`,
      [shown.map((row) => row.id)],
    );
    for (const job of jobs.rows) {
      deliveries.get(job.event_id)?.push({
        id: job.id, destinationId: job.destination_id, mappingName: job.mapping_name, action: job.action,
        state: logState(job.state, job.attempts),
      });
    }
    const events = shown.map((row): SourceEvent => ({
      id: row.id,
      messageId: row.message_id,
      type: row.type,
      receivedAt: new Date(row.received_at),
      event: JSON.parse(row.payload) as Record<string, unknown>,
      deliveries: deliveries.get(row.id) ?? [],
    }));
    const last = events[events.length - 1];
    return rows.length > limit && last !== undefined ? { events, nextBefore: last.id } : { events };
  }
}

