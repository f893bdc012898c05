// The control role's sessions: the admin API's signed-in browsers, found by the hash of their cookie, purged when expired.
import type Database from 'better-sqlite3';
import type { AdminSession } from '../types.js';

interface SessionRow {
  id_hash: string;
  csrf_token: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
}

const fromRow = (row: SessionRow): AdminSession => ({
  idHash: row.id_hash,
  csrfToken: row.csrf_token,
  tokenHash: row.token_hash,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
});

export class SessionTables {
  private readonly createTx;
  private readonly select;
  private readonly remove;

  constructor(db: Database.Database) {
    const purge = db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?');
    const insert = db.prepare(
      'INSERT INTO admin_sessions (id_hash, csrf_token, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.createTx = db.transaction((s: AdminSession) => {
      purge.run(s.createdAt.getTime());
      insert.run(s.idHash, s.csrfToken, s.tokenHash, s.createdAt.getTime(), s.expiresAt.getTime());
    });
    this.select = db.prepare<[string], SessionRow>('SELECT * FROM admin_sessions WHERE id_hash = ?');
    this.remove = db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?');
  }

  createSession(session: AdminSession): void {
    this.createTx.immediate(session);
  }

  /** An expired session is deleted as it is found, so a stolen old cookie finds nothing even before the next purge. */
  findSession(idHash: string, now = new Date()): AdminSession | undefined {
    const row = this.select.get(idHash);
    if (row === undefined) return undefined;
    if (row.expires_at <= now.getTime()) {
      this.remove.run(idHash);
      return undefined;
    }
    return fromRow(row);
  }

  deleteSession(idHash: string): boolean {
    return this.remove.run(idHash).changes === 1;
  }
}
