// The control role: the admin API's writes — one source or destination at a time, named settings, single-use keys, sessions.
import type { DestinationConfig, SourceConfig } from '../../config/model.js';

export interface DeleteOptions {
  /** Delete even when unfinished deliveries would be dropped. */
  force?: boolean;
}

/** A signed-in browser of the admin API (the web app): kept server-side, found by the hash of its cookie. */
export interface AdminSession {
  /** sha256 (hex) of the cookie's value: the database alone signs no one in. */
  idHash: string;
  /** What state-changing requests with this session's cookie carry in `X-CSRF-Token`. */
  csrfToken: string;
  /** sha256 (hex) of the admin token it signed in with: a new admin token ends the sessions of the old one. */
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ControlStore {
  /** Creates or updates one source; a writeKey another source holds is refused (FerryError FERRY_ERR_CONFLICT, 409). */
  upsertSource(source: SourceConfig): Promise<void>;
  /**
   * Deletes a source with its events, their jobs (every destination's) and its messageIds; false when absent. While
   * any of those jobs is unfinished (pending, leased, retrying) it refuses with FERRY_ERR_CONFLICT (409), unless
   * `force`: then they are dropped too.
   */
  deleteSource(id: string, options?: DeleteOptions): Promise<boolean>;
  /**
   * Settings are stored as given (the store encrypts secrets at rest itself; without a secret key it refuses to store
   * one, FERRY_ERR_SECRET). `mappings` absent = presets. New settings clear a pause, the same ones keep it.
   */
  upsertDestination(destination: DestinationConfig): Promise<void>;
  /**
   * Deletes a destination with its mappings, jobs, attempts and identity cache; false when absent. Refuses while it has
   * unfinished jobs (FERRY_ERR_CONFLICT, 409) unless `force`.
   */
  deleteDestination(id: string, options?: DeleteOptions): Promise<boolean>;
  /** Small named values ferry keeps for itself (the admin token's hash, ...). Not encrypted: no secrets here. */
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /**
   * Records a single-use key (an OAuth state nonce) until `expiresAt`; false when it is recorded already. Expired keys
   * are purged (and would be accepted again: the caller refuses expired states itself).
   */
  useOnce(key: string, expiresAt: Date): Promise<boolean>;
  /** Stores a new session; sessions expired by its `createdAt` are purged, so the table stays small. */
  createSession(session: AdminSession): Promise<void>;
  /** The session with this id hash, unless it has expired by `now` (then it is deleted): undefined. */
  findSession(idHash: string, now?: Date): Promise<AdminSession | undefined>;
  /** Signs a session out; false when there was none. */
  deleteSession(idHash: string): Promise<boolean>;
}
