// The delivery log as both stores read it: the columns of a delivery, each log state as SQL, the state a job shows.
import type { DeliverySummary } from './roles/delivery-log.js';
import type { JobState } from './roles/job-queue.js';

/** A delivery's columns over jobs `j` joined to events `e`; the newest replay of a job by the partial index of replays. */
export const DELIVERY_COLUMNS = `j.id, j.destination_id, j.mapping_name, j.action, j.person_key, j.state, j.attempts, j.created_at,
  j.finished_at, j.next_attempt_at, j.last_error, j.warnings, e.type, e.message_id,
  (SELECT max(r.id) FROM jobs r WHERE r.replay_of = j.id) AS replayed_by`;

/** Each state as the log names it (pending after a failed attempt is 'retrying'), as SQL over jobs `j`. */
const STATE_SQL: Record<JobState, string> = {
  pending: `(j.state = 'pending' AND j.attempts = 0)`,
  retrying: `(j.state = 'pending' AND j.attempts > 0)`,
  leased: `j.state = 'leased'`,
  delivered: `j.state = 'delivered'`,
  'delivered-with-warnings': `j.state = 'delivered-with-warnings'`,
  rejected: `j.state = 'rejected'`,
  filtered: `j.state = 'filtered'`,
};

export function stateSql(state: JobState): string {
  if (!Object.hasOwn(STATE_SQL, state)) throw new RangeError(`not a delivery state: ${String(state)}`);
  return STATE_SQL[state];
}

/** How the log names a job's state: a pending job that has failed before is 'retrying'. */
export const logState = (state: JobState, attempts: number): JobState =>
  state === 'pending' && attempts > 0 ? 'retrying' : state;

/** A row of DELIVERY_COLUMNS (times in epoch milliseconds, errors and warnings as JSON text). */
export interface DeliverySummaryRow {
  id: number; destination_id: string; mapping_name: string | null; action: string | null; person_key: string;
  state: JobState; attempts: number; created_at: number; finished_at: number | null; next_attempt_at: number | null;
  last_error: string | null; warnings: string | null; type: string; message_id: string; replayed_by: number | null;
}

export function deliverySummaryOf(row: DeliverySummaryRow): DeliverySummary {
  return {
    id: row.id,
    destinationId: row.destination_id,
    mappingName: row.mapping_name,
    action: row.action,
    personKey: row.person_key,
    eventType: row.type,
    messageId: row.message_id,
    state: logState(row.state, row.attempts),
    attempts: row.attempts,
    queuedAt: new Date(row.created_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    nextAttemptAt: row.finished_at === null && row.next_attempt_at !== null ? new Date(row.next_attempt_at) : null,
    lastError: row.last_error === null ? null : (JSON.parse(row.last_error) as { code?: string; message: string }),
    warnings: row.warnings === null ? [] : (JSON.parse(row.warnings) as string[]),
    replayedBy: row.replayed_by,
  };
}
