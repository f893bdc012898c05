// Migration 3: the control plane's own values — named settings (the admin token's hash, ...) and single-use keys.

export const sql = `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Single-use keys (OAuth state nonces): a key is refused while its row exists; rows past expires_at are purged.
CREATE TABLE used_once (
  key        TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL       -- unix ms
) WITHOUT ROWID;
CREATE INDEX used_once_expires ON used_once(expires_at);
`;
