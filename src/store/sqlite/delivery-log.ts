// The delivery log: jobs listed newest first with filters and a cursor, and one job's detail with every attempt.
import type Database from 'better-sqlite3';
import { decodeDeliveryCursor, encodeDeliveryCursor, pageSize } from '../delivery-cursor.js';
import { DELIVERY_COLUMNS, deliverySummaryOf, stateSql, type DeliverySummaryRow } from '../delivery-log-sql.js';
import type { DeliveryDetail, DeliveryFilter, DeliverySummary, StoredAttempt } from '../types.js';
import { parseJson, toDate, toMs } from './rows.js';

interface DetailRow extends DeliverySummaryRow {
  payload: string;
  replay_of: number | null;
}

interface AttemptRow {
  attempt_no: number;
  started_at: number;
  duration_ms: number;
  status: StoredAttempt['status'];
  warnings: string;
  error: string | null;
  requests: string;
}

const UNFINISHED_STATES = new Set(['pending', 'retrying', 'leased']);

export class DeliveryLog {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly selectDetail;
  private readonly selectAttempts;

  constructor(private readonly db: Database.Database) {
    this.selectDetail = db.prepare<[number], DetailRow>(
      `SELECT ${DELIVERY_COLUMNS}, e.payload, j.replay_of FROM jobs j JOIN events e ON e.id = j.event_id WHERE j.id = ?`,
    );
    this.selectAttempts = db.prepare<[number], AttemptRow>(
      `SELECT attempt_no, started_at, duration_ms, status, warnings, error, requests FROM attempts
       WHERE job_id = ? ORDER BY attempt_no`,
    );
  }

  listDeliveries(filter: DeliveryFilter): { items: DeliverySummary[]; nextCursor?: string } {
    const limit = pageSize(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeDeliveryCursor(filter.cursor);
    if (filter.cursor !== undefined && cursor === undefined) throw new RangeError('not a delivery cursor');
    if (filter.states !== undefined && filter.states.length === 0) return { items: [] };
    const params = {
      destinationId: filter.destinationId,
      action: filter.action,
      mapping: filter.mapping,
      person: filter.person,
      from: filter.from === undefined ? undefined : toMs(filter.from),
      to: filter.to === undefined ? undefined : toMs(filter.to),
      cursorAt: cursor?.at,
      cursorId: cursor?.id,
      limit: limit + 1,
    };
    const defined = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    const rows = this.statementFor(filter, cursor !== undefined).all(defined) as DeliverySummaryRow[];
    const items = rows.slice(0, limit).map(deliverySummaryOf);
    const last = items[items.length - 1];
    if (rows.length <= limit || last === undefined) return { items };
    return { items, nextCursor: encodeDeliveryCursor({ at: toMs(last.queuedAt), id: last.id }) };
  }

  getDelivery(jobId: number): DeliveryDetail | undefined {
    const row = this.selectDetail.get(jobId);
    if (row === undefined) return undefined;
    const attemptsDetail = this.selectAttempts.all(jobId).map(
      (a): StoredAttempt => ({
        attemptNo: a.attempt_no,
        startedAt: toDate(a.started_at),
        durationMs: a.duration_ms,
        status: a.status,
        warnings: parseJson<string[]>(a.warnings),
        ...(a.error === null ? {} : { error: parseJson<{ code?: string; message: string }>(a.error) }),
        requests: parseJson<StoredAttempt['requests']>(a.requests),
      }),
    );
    return {
      ...deliverySummaryOf(row),
      event: parseJson<Record<string, unknown>>(row.payload),
      attemptsDetail,
      replayOf: row.replay_of,
    };
  }

  /** One statement per filter shape, prepared once: the shape decides the index and the terms. */
  private statementFor(filter: DeliveryFilter, paged: boolean): Database.Statement {
    const states = filter.states === undefined ? undefined : [...new Set(filter.states)].sort();
    const where = ['j.destination_id = @destinationId'];
    let index = 'jobs_log';
    if (filter.person !== undefined) {
      where.push('j.person_key = @person');
      index = 'jobs_log_person';
    }
    if (states !== undefined) {
      // Literal terms, so SQLite may use the partial indexes (a bound parameter never matches their WHERE).
      if (states.every((s) => UNFINISHED_STATES.has(s))) {
        where.push(`j.state IN ('pending', 'leased')`);
        if (index === 'jobs_log') index = 'jobs_log_unfinished';
      } else if (states.length === 1 && states[0] === 'rejected') {
        where.push(`j.state = 'rejected'`);
        if (index === 'jobs_log') index = 'jobs_log_rejected';
      }
      where.push(`(${states.map((s) => stateSql(s)).join(' OR ')})`);
    }
    // jobs_log carries action and mapping_name: these filters are checked on its entries, before any row is read.
    if (filter.action !== undefined) where.push('j.action = @action');
    if (filter.mapping !== undefined) where.push('j.mapping_name = @mapping');
    if (filter.from !== undefined) where.push('j.created_at >= @from');
    if (filter.to !== undefined) where.push('j.created_at < @to');
    if (paged) where.push('j.created_at <= @cursorAt AND (j.created_at, j.id) < (@cursorAt, @cursorId)');
    if (filter.replayed !== undefined) {
      where.push(`${filter.replayed ? '' : 'NOT '}EXISTS (SELECT 1 FROM jobs r WHERE r.replay_of = j.id)`);
    }
    const sql = `SELECT ${DELIVERY_COLUMNS} FROM jobs j INDEXED BY ${index} JOIN events e ON e.id = j.event_id
      WHERE ${where.join(' AND ')} ORDER BY j.created_at DESC, j.id DESC LIMIT @limit`;
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

