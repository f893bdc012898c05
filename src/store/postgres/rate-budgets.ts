// The shared rate budget (R20 across nodes) on the rate_budgets table: one statement per take, one per observation.
import type pg from 'pg';
import type { RateBudget, RateGrant, RateObservation } from '../roles/rate-budget.js';
import { pgText, query, type Statement } from './pool.js';

// A window is over a little after its announced end: the clocks of ferry and the API are never exactly equal.
export const RESET_MARGIN_MS = 50;

// Creates the row on first use. A window whose end (+ margin) has passed starts over at the limit, with its end
// unknown until an answer of the new window tells it; a row whose limit is not known yet grants what is asked.
const TAKE: Statement = {
  name: 'ferry_rate_take',
  text: `
    INSERT INTO rate_budgets AS b (key, last_grant, unknown_grants) VALUES ($1, $3, $3)
    ON CONFLICT (key) DO UPDATE SET
      unknown_grants = CASE WHEN b.remaining IS NULL THEN b.unknown_grants + $3 ELSE 0 END,
      window_end_ms = CASE WHEN b.window_end_ms + ${RESET_MARGIN_MS} <= $2 THEN NULL ELSE b.window_end_ms END,
      remaining = CASE
        WHEN b.window_end_ms + ${RESET_MARGIN_MS} <= $2 THEN b.limit_count - least(b.limit_count, $3)
        ELSE b.remaining - least(b.remaining, $3) END,
      last_grant = CASE
        WHEN b.window_end_ms + ${RESET_MARGIN_MS} <= $2 THEN least(b.limit_count, $3)
        WHEN b.remaining IS NULL THEN $3
        ELSE least(b.remaining, $3) END
    RETURNING last_grant, window_end_ms, remaining`,
};

// An answer of a later window starts it (its end is learned); within a window the budget only goes down to what the
// server says is left. Answers of an older window than the latest seen are ignored. The first answer ever also takes
// off the other slots granted before it (sent by any node, perhaps not counted by the server when it answered).
const OBSERVE: Statement = {
  name: 'ferry_rate_observe',
  text: `
    INSERT INTO rate_budgets AS b (key, limit_count, remaining, window_end_ms, latest_reset_ms) VALUES ($1, $2, $3, $4, $4)
    ON CONFLICT (key) DO UPDATE SET
      limit_count = $2,
      latest_reset_ms = $4,
      window_end_ms = CASE WHEN b.window_end_ms IS NULL OR $4 > b.window_end_ms THEN $4 ELSE b.window_end_ms END,
      unknown_grants = 0,
      remaining = CASE
        WHEN b.remaining IS NULL THEN greatest(0, $3 - greatest(0, b.unknown_grants - 1))
        WHEN b.window_end_ms IS NULL OR $4 >= b.window_end_ms THEN least(b.remaining, $3)
        ELSE b.remaining END
    WHERE b.latest_reset_ms <= $4`,
};

export class PostgresRateBudget implements RateBudget {
  constructor(private readonly pool: pg.Pool) {}

  async take(key: string, wanted: number, nowMs: number): Promise<RateGrant> {
    const { rows } = await query<{ last_grant: number; window_end_ms: number | null; remaining: number | null }>(
      this.pool, TAKE, [pgText(key), Math.floor(nowMs), wanted],
    );
    const row = rows[0]!;
    return { granted: row.last_grant, windowEndMs: row.window_end_ms, remaining: row.remaining };
  }

  async observe(key: string, observation: RateObservation): Promise<void> {
    const remaining = Math.max(0, Math.floor(observation.remaining));
    await query(this.pool, OBSERVE, [pgText(key), Math.floor(observation.limit), remaining, Math.floor(observation.resetMs)]);
  }
}
