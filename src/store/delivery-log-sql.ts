// The delivery log as both stores read it: the columns of a delivery, each log state as SQL, the state a job shows.
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
