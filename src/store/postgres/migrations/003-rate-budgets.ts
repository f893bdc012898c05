// PostgreSQL migration 3: one rate-limit budget row per destination account, shared by every ferry node (R20).

export const sql = `
-- A fixed window per account, as Intercom counts: remaining slots until window_end_ms (unix ms). NULLs mean "not
-- known yet": no answer has told the limit (remaining), or the window turned over and no answer of the new one came.
CREATE TABLE rate_budgets (
  key             text PRIMARY KEY,
  limit_count     integer,
  remaining       integer,
  window_end_ms   bigint,
  latest_reset_ms bigint NOT NULL DEFAULT 0,  -- answers from an older window say nothing about the current one
  last_grant      integer NOT NULL DEFAULT 0, -- what the last take granted (RETURNING shows new values only)
  unknown_grants  integer NOT NULL DEFAULT 0  -- slots granted before any answer told the limit: may not be counted yet
);
`;
