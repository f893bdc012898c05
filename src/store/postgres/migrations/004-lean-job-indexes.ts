// PostgreSQL migration 4: two indexes fewer per job insert; the delivery log's action and mapping filters use jobs_log.

export const sql = `
-- jobs_log (destination_id, created_at, id) gives the log's order; the action or mapping is checked on each row it
-- walks, newest first, until a page is full. Every job insert used to write both of these as well.
DROP INDEX IF EXISTS jobs_log_action;
DROP INDEX IF EXISTS jobs_log_mapping;
`;
