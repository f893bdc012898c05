// The config role: applying a config file and reading sources and destinations (ingest, routing, workers, admin).
import type { DestinationConfig, FerryConfig, SourceConfig } from '../../config/model.js';

export interface StoredDestination extends DestinationConfig {
  /** Set while the destination refuses the credentials (401/403): the destination's jobs wait. */
  pausedReason: string | null;
}

export interface ConfigStore {
  /**
   * Applies a config file in one transaction: upserts sources, destinations and mappings (idempotent; nothing absent
   * from the config is deleted). A destination's mappings become the config's list; without `mappings` it keeps none
   * and lists without them (the presets apply). A pause survives a re-apply unless the destination's settings changed.
   */
  applyConfig(config: FerryConfig): Promise<void>;
  listSources(): Promise<SourceConfig[]>;
  findSourceByWriteKey(writeKey: string): Promise<SourceConfig | undefined>;
  listDestinations(): Promise<StoredDestination[]>;
  setDestinationPaused(destinationId: string, reason: string | null): Promise<void>;
}
