// Migration 8: inserted jobs are counted by the code that inserts them, once per transaction, not by a trigger per job.

export const sql = `
-- A trigger on INSERT made every job insert run an upsert of its own, and made SQLite copy each page the insert
-- touched into a statement journal (a trigger may fail halfway). Updates and deletes keep their triggers.
DROP TRIGGER jobs_count_insert;
DROP TRIGGER jobs_stats_insert;
`;
