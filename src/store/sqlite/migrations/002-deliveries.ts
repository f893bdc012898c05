// Migration 2: the delivery log — each job's action and replay origin, list indexes, and per-minute outcome counts.

export const sql = `
-- The action a job runs, fixed when it is routed: mappings can be renamed, re-pointed or deleted later.
ALTER TABLE jobs ADD COLUMN action TEXT;
-- The job this one replays. No foreign key: the original may be purged while its replay is still shown.
ALTER TABLE jobs ADD COLUMN replay_of INTEGER;

UPDATE jobs SET action = (
  SELECT CASE m.action WHEN 'groupIdentifyContact' THEN 'identifyCompany' ELSE m.action END
  FROM mappings m WHERE m.destination_id = jobs.destination_id AND m.name = jobs.mapping_name
) WHERE mapping_name IS NOT NULL;
-- Destinations without mappings of their own use the presets, named after their action's title.
UPDATE jobs SET action = CASE mapping_name
  WHEN 'Identify Contact' THEN 'identifyContact'
  WHEN 'Identify Company' THEN 'identifyCompany'
  WHEN 'Track Event' THEN 'trackEvent' END
WHERE action IS NULL AND mapping_name IS NOT NULL;

-- The delivery log lists newest first (created_at DESC, id DESC); the rowid ends every index, so each serves the order.
CREATE INDEX jobs_log ON jobs(destination_id, created_at);
CREATE INDEX jobs_log_person ON jobs(destination_id, person_key, created_at);
-- A rare action or mapping would otherwise scan the whole log; neither column changes after insert, so cheap to keep.
CREATE INDEX jobs_log_action ON jobs(destination_id, action, created_at);
CREATE INDEX jobs_log_mapping ON jobs(destination_id, mapping_name, created_at);
-- Partial: the two filters that pick a few jobs out of many (failures, and what is still waiting).
CREATE INDEX jobs_log_rejected ON jobs(destination_id, created_at) WHERE state = 'rejected';
CREATE INDEX jobs_log_unfinished ON jobs(destination_id, created_at) WHERE state IN ('pending', 'leased');
CREATE INDEX jobs_replay_of ON jobs(replay_of) WHERE replay_of IS NOT NULL;

-- Finished jobs per (destination, minute of finished_at, outcome), kept by triggers: the overview's counts survive the
-- purge of the jobs themselves and cost a few hundred rows a day to read instead of a scan of every job.
CREATE TABLE delivery_stats (
  destination_id TEXT NOT NULL,
  minute         INTEGER NOT NULL,  -- unix ms, a multiple of 60 000
  state          TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (destination_id, minute, state)
) WITHOUT ROWID;
CREATE INDEX delivery_stats_minute ON delivery_stats(minute);
INSERT INTO delivery_stats (destination_id, minute, state, n)
  SELECT destination_id, finished_at - finished_at % 60000, state, count(*) FROM jobs
  WHERE finished_at IS NOT NULL GROUP BY 1, 2, 3;
CREATE TRIGGER jobs_stats_insert AFTER INSERT ON jobs WHEN NEW.finished_at IS NOT NULL BEGIN
  INSERT INTO delivery_stats (destination_id, minute, state, n)
    VALUES (NEW.destination_id, NEW.finished_at - NEW.finished_at % 60000, NEW.state, 1)
    ON CONFLICT (destination_id, minute, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER jobs_stats_finish AFTER UPDATE OF finished_at ON jobs
  WHEN OLD.finished_at IS NULL AND NEW.finished_at IS NOT NULL BEGIN
  INSERT INTO delivery_stats (destination_id, minute, state, n)
    VALUES (NEW.destination_id, NEW.finished_at - NEW.finished_at % 60000, NEW.state, 1)
    ON CONFLICT (destination_id, minute, state) DO UPDATE SET n = n + 1;
END;
`;
