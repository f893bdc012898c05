// Migration 1: configuration, events, jobs, attempts and the identity cache. Times are unix milliseconds.

export const sql = `
CREATE TABLE sources (
  id        TEXT PRIMARY KEY,
  name      TEXT,
  write_key TEXT NOT NULL UNIQUE
);

CREATE TABLE destinations (
  id            TEXT PRIMARY KEY,
  type          TEXT NOT NULL,
  name          TEXT,
  enabled       INTEGER NOT NULL,
  settings      TEXT NOT NULL,      -- JSON, as configured
  uses_presets  INTEGER NOT NULL,   -- 1: the config had no mappings list, the action presets apply
  paused_reason TEXT
);

CREATE TABLE mappings (
  destination_id TEXT NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  position       INTEGER NOT NULL,
  action         TEXT NOT NULL,
  "trigger"      TEXT,
  mapping        TEXT,              -- JSON
  enabled        INTEGER NOT NULL,
  PRIMARY KEY (destination_id, name)
);

-- messageId dedup: one row per (source, messageId), refreshed when the id comes back after 24 h.
CREATE TABLE message_ids (
  source_id   TEXT NOT NULL REFERENCES sources(id),
  message_id  TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (source_id, message_id)
) WITHOUT ROWID;
CREATE INDEX message_ids_received ON message_ids(received_at);

CREATE TABLE events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id   TEXT NOT NULL REFERENCES sources(id),
  message_id  TEXT NOT NULL,
  type        TEXT NOT NULL,
  person_key  TEXT NOT NULL,
  payload     TEXT NOT NULL,        -- JSON
  received_at INTEGER NOT NULL
);
CREATE INDEX events_received ON events(received_at);

-- id = arrival order. head = 1 on the oldest unfinished job of its (destination, person): the only one leasable (R17).
CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        INTEGER NOT NULL REFERENCES events(id),
  destination_id  TEXT NOT NULL REFERENCES destinations(id),
  mapping_name    TEXT,
  person_key      TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN
                    ('pending', 'leased', 'delivered', 'delivered-with-warnings', 'rejected', 'filtered')),
  head            INTEGER NOT NULL DEFAULT 0,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  lease_until     INTEGER,
  give_up_at      INTEGER,
  last_error      TEXT,             -- JSON {code?, message}
  warnings        TEXT,             -- JSON string[]
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  CHECK ((state IN ('pending', 'leased')) = (finished_at IS NULL)),
  CHECK (state = 'filtered' OR mapping_name IS NOT NULL)
);
CREATE INDEX jobs_unfinished ON jobs(destination_id, person_key, id) WHERE state IN ('pending', 'leased');
CREATE INDEX jobs_due ON jobs(destination_id, next_attempt_at) WHERE head = 1 AND state = 'pending';
CREATE INDEX jobs_lease_expiry ON jobs(destination_id, lease_until) WHERE head = 1 AND state = 'leased';
CREATE INDEX jobs_finished ON jobs(finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX jobs_event ON jobs(event_id);

-- Jobs per (destination, state), kept by triggers: counting a 1M-job backlog with GROUP BY took 65-165 ms a scrape.
CREATE TABLE job_counts (
  destination_id TEXT NOT NULL,
  state          TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (destination_id, state)
) WITHOUT ROWID;
CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs BEGIN
  INSERT INTO job_counts (destination_id, state, n) VALUES (NEW.destination_id, NEW.state, 1)
    ON CONFLICT (destination_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER jobs_count_update AFTER UPDATE OF state ON jobs WHEN OLD.state IS NOT NEW.state BEGIN
  UPDATE job_counts SET n = n - 1 WHERE destination_id = OLD.destination_id AND state = OLD.state;
  INSERT INTO job_counts (destination_id, state, n) VALUES (NEW.destination_id, NEW.state, 1)
    ON CONFLICT (destination_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs BEGIN
  UPDATE job_counts SET n = n - 1 WHERE destination_id = OLD.destination_id AND state = OLD.state;
END;

CREATE TABLE attempts (
  job_id      INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  attempt_no  INTEGER NOT NULL,
  started_at  INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  status      TEXT NOT NULL,
  warnings    TEXT NOT NULL,        -- JSON string[]
  error       TEXT,                 -- JSON {code?, message}
  requests    TEXT NOT NULL,        -- JSON IntercomExchange[], size-capped
  PRIMARY KEY (job_id, attempt_no)
);

-- R16. No foreign key to destinations: a cache entry must never make a delivery fail.
CREATE TABLE identity_contacts (
  destination_id TEXT NOT NULL,
  kind           TEXT NOT NULL,
  value          TEXT NOT NULL,     -- emails lower-cased (normalizeKey)
  contact_id     TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('user', 'lead')),
  PRIMARY KEY (destination_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX identity_contacts_contact ON identity_contacts(destination_id, contact_id);

CREATE TABLE identity_companies (
  destination_id TEXT NOT NULL,
  company_id     TEXT NOT NULL,
  intercom_id    TEXT NOT NULL,
  PRIMARY KEY (destination_id, company_id)
) WITHOUT ROWID;

CREATE TABLE identity_attachments (
  destination_id      TEXT NOT NULL,
  contact_id          TEXT NOT NULL,
  company_intercom_id TEXT NOT NULL,
  PRIMARY KEY (destination_id, contact_id, company_intercom_id)
) WITHOUT ROWID;
`;
