// Migration 6 (R23): suppressions of erased people, kept by a keyed hash, and the log of erasures, without personal data.

export const sql = `
CREATE TABLE suppressions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('userId', 'anonymousId', 'email')),
  hash        TEXT NOT NULL UNIQUE,  -- HMAC-SHA256 of kind and identifier with the secret key, never the identifier
  created_at  INTEGER NOT NULL
);

CREATE TABLE erasures (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  at              INTEGER NOT NULL,
  actor           TEXT NOT NULL,
  identifier_kind TEXT NOT NULL,
  destinations    TEXT NOT NULL,     -- JSON ErasureAtDestination[]
  deleted         TEXT NOT NULL,     -- JSON ErasedCounts
  suppression_id  INTEGER
);
`;
