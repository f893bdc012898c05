// Migration 4: the admin API's browser sessions (the web app's sign-in), kept by the hash of their cookie.

export const sql = `
CREATE TABLE admin_sessions (
  id_hash    TEXT PRIMARY KEY,      -- sha256 of the cookie's value, never the value itself
  csrf_token TEXT NOT NULL,
  token_hash TEXT NOT NULL,         -- the admin token's hash at sign-in: a new token ends older sessions
  created_at INTEGER NOT NULL,      -- unix ms
  expires_at INTEGER NOT NULL       -- unix ms
) WITHOUT ROWID;
CREATE INDEX admin_sessions_expires ON admin_sessions(expires_at);
`;
