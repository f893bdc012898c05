// The control role: the admin API's writes — one source or destination at a time, named settings, single-use keys.
import type { DestinationConfig, SourceConfig } from '../../config/model.js';

export interface DeleteOptions {
  /** Delete even when unfinished deliveries would be dropped. */
  force?: boolean;
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
}
