// Migration 7: fewer indexes on jobs, so an insert touches fewer B-trees (the delivery log's filters share one index).

export const sql = `
-- The action and mapping filters of the delivery log read the log's own index, which now carries both columns: the
-- filter is decided from the index entry, without reading the row. Two B-tree inserts fewer per job.
DROP INDEX jobs_log_action;
DROP INDEX jobs_log_mapping;
DROP INDEX jobs_log;
CREATE INDEX jobs_log ON jobs(destination_id, created_at, id, action, mapping_name);
`;
