// PostgreSQL migration 1: the whole schema of SQLite's migrations 1-6 at once. Times are unix milliseconds (bigint).

export const sql = `
-- seq keeps the order rows were created in (SQLite's rowid): lists answer in that order.
CREATE TABLE sources (
  id        text PRIMARY KEY,
  name      text,
  write_key text NOT NULL UNIQUE,
  seq       bigint GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE destinations (
  id            text PRIMARY KEY,
  type          text NOT NULL,
  name          text,
  enabled       boolean NOT NULL,
  settings      text NOT NULL,      -- JSON with sorted keys, secrets sealed: compared as text to keep a pause
  uses_presets  boolean NOT NULL,   -- the config had no mappings list, the action presets apply
  paused_reason text,
  sources       text,               -- JSON list of source ids; NULL: every source
  seq           bigint GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE mappings (
  destination_id text NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
  name           text NOT NULL,
  position       integer NOT NULL,
  action         text NOT NULL,
  "trigger"      text,
  mapping        text,              -- JSON
  enabled        boolean NOT NULL,
  PRIMARY KEY (destination_id, name)
);

-- messageId dedup: one row per (source, messageId), refreshed when the id comes back after 24 h.
CREATE TABLE message_ids (
  source_id   text NOT NULL REFERENCES sources(id),
  message_id  text NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (source_id, message_id)
);
CREATE INDEX message_ids_received ON message_ids(received_at);

CREATE TABLE events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id   text NOT NULL REFERENCES sources(id),
  message_id  text NOT NULL,
  type        text NOT NULL,
  person_key  text NOT NULL,
  payload     text NOT NULL,        -- JSON as ingest normalized it, byte for byte
  received_at bigint NOT NULL
);
CREATE INDEX events_received ON events(received_at, id);
CREATE INDEX events_source ON events(source_id, id);

-- id = arrival order. head on the oldest unfinished job of its (destination, person): the only one leasable (R17).
CREATE TABLE jobs (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES events(id),
  destination_id  text NOT NULL REFERENCES destinations(id),
  mapping_name    text,
  action          text,
  person_key      text NOT NULL,
  state           text NOT NULL CHECK (state IN
                    ('pending', 'leased', 'delivered', 'delivered-with-warnings', 'rejected', 'filtered')),
  head            boolean NOT NULL DEFAULT false,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  lease_until     bigint,
  give_up_at      bigint,
  last_error      text,             -- JSON {code?, message}
  warnings        text,             -- JSON string[]
  created_at      bigint NOT NULL,
  finished_at     bigint,
  replay_of       bigint,           -- no foreign key: the original may be purged while its replay is shown
  CHECK ((state IN ('pending', 'leased')) = (finished_at IS NULL)),
  CHECK (state = 'filtered' OR mapping_name IS NOT NULL),
  CHECK (NOT head OR state IN ('pending', 'leased'))
);
-- The database itself refuses a second head of one person: two nodes can never run two of their jobs at once.
CREATE UNIQUE INDEX jobs_one_head ON jobs(destination_id, person_key) WHERE head;
CREATE INDEX jobs_unfinished ON jobs(destination_id, person_key, id) WHERE state IN ('pending', 'leased');
CREATE INDEX jobs_due ON jobs(destination_id, next_attempt_at) WHERE head AND state = 'pending';
CREATE INDEX jobs_lease_expiry ON jobs(destination_id, lease_until) WHERE head AND state = 'leased';
CREATE INDEX jobs_finished ON jobs(finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX jobs_event ON jobs(event_id);
CREATE INDEX jobs_states ON jobs(destination_id, state);
CREATE INDEX jobs_log ON jobs(destination_id, created_at, id);
CREATE INDEX jobs_log_person ON jobs(destination_id, person_key, created_at, id);
CREATE INDEX jobs_log_action ON jobs(destination_id, action, created_at, id);
CREATE INDEX jobs_log_mapping ON jobs(destination_id, mapping_name, created_at, id);
CREATE INDEX jobs_log_unfinished ON jobs(destination_id, created_at) WHERE state IN ('pending', 'leased');
CREATE INDEX jobs_replay_of ON jobs(replay_of) WHERE replay_of IS NOT NULL;

CREATE TABLE attempts (
  job_id      bigint NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  attempt_no  integer NOT NULL,
  started_at  bigint NOT NULL,
  duration_ms integer NOT NULL,
  status      text NOT NULL,
  warnings    text NOT NULL,        -- JSON string[]
  error       text,                 -- JSON {code?, message}
  requests    text NOT NULL,        -- JSON exchanges, size-capped
  PRIMARY KEY (job_id, attempt_no)
);

-- Finished jobs per (destination, minute of finished_at, outcome), kept by statement triggers: the overview's counts
-- survive the purge of the jobs themselves.
CREATE TABLE delivery_stats (
  destination_id text NOT NULL,
  minute         bigint NOT NULL,   -- unix ms, a multiple of 60 000
  state          text NOT NULL,
  n              bigint NOT NULL,
  PRIMARY KEY (destination_id, minute, state)
);
CREATE INDEX delivery_stats_minute ON delivery_stats(minute);

CREATE FUNCTION count_finished_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO delivery_stats (destination_id, minute, state, n)
    SELECT destination_id, finished_at - finished_at % 60000, state, count(*) FROM new_rows
    WHERE finished_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (destination_id, minute, state) DO UPDATE SET n = delivery_stats.n + excluded.n;
  RETURN NULL;
END $$;
CREATE TRIGGER jobs_stats_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_finished_inserts();

CREATE FUNCTION count_finished_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO delivery_stats (destination_id, minute, state, n)
    SELECT n.destination_id, n.finished_at - n.finished_at % 60000, n.state, count(*)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE o.finished_at IS NULL AND n.finished_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (destination_id, minute, state) DO UPDATE SET n = delivery_stats.n + excluded.n;
  RETURN NULL;
END $$;
CREATE TRIGGER jobs_stats_finish AFTER UPDATE ON jobs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_finished_updates();

-- R16. No foreign key to destinations: a cache entry must never make a delivery fail.
CREATE TABLE identity_contacts (
  destination_id text NOT NULL,
  kind           text NOT NULL,
  value          text NOT NULL,     -- emails lower-cased (normalizeKey)
  contact_id     text NOT NULL,
  role           text NOT NULL CHECK (role IN ('user', 'lead')),
  PRIMARY KEY (destination_id, kind, value)
);
CREATE INDEX identity_contacts_contact ON identity_contacts(destination_id, contact_id);

CREATE TABLE identity_companies (
  destination_id text NOT NULL,
  company_id     text NOT NULL,
  intercom_id    text NOT NULL,
  PRIMARY KEY (destination_id, company_id)
);

CREATE TABLE identity_attachments (
  destination_id      text NOT NULL,
  contact_id          text NOT NULL,
  company_intercom_id text NOT NULL,
  PRIMARY KEY (destination_id, contact_id, company_intercom_id)
);

CREATE TABLE settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- Single-use keys (OAuth state nonces): a key is refused while its row exists; rows past expires_at are purged.
CREATE TABLE used_once (
  key        text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX used_once_expires ON used_once(expires_at);

CREATE TABLE admin_sessions (
  id_hash    text PRIMARY KEY,      -- sha256 of the cookie's value, never the value itself
  csrf_token text NOT NULL,
  token_hash text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX admin_sessions_expires ON admin_sessions(expires_at);

-- R23: suppressions kept by a keyed hash, and the log of erasures, without personal data.
CREATE TABLE suppressions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('userId', 'anonymousId', 'email')),
  hash        text NOT NULL UNIQUE,
  created_at  bigint NOT NULL
);

CREATE TABLE erasures (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              bigint NOT NULL,
  actor           text NOT NULL,
  identifier_kind text NOT NULL,
  destinations    text NOT NULL,    -- JSON ErasureAtDestination[]
  deleted         text NOT NULL,    -- JSON ErasedCounts
  suppression_id  bigint
);
`;
