// The config role: applyConfig (one idempotent transaction), the reads of sources and destinations, and pauses.
import type Database from 'better-sqlite3';
import type { FerryConfig, SourceConfig } from '../../config/model.js';
import type { StoredDestination } from '../types.js';
import type { ConfigRows } from './config-rows.js';

export class ConfigTables {
  private readonly updatePaused;
  private readonly applyAll;

  constructor(
    db: Database.Database,
    private readonly rows: ConfigRows,
  ) {
    this.updatePaused = db.prepare('UPDATE destinations SET paused_reason = ? WHERE id = ?');
    this.applyAll = db.transaction((config: FerryConfig) => {
      for (const source of config.sources) rows.parkChangedWriteKey(source);
      for (const source of config.sources) rows.applySource(source);
      for (const destination of config.destinations) rows.applyDestination(destination);
    });
  }

  applyConfig(config: FerryConfig): void {
    this.applyAll.immediate(config);
  }

  listSources(): SourceConfig[] {
    return this.rows.listSources();
  }

  findSourceByWriteKey(writeKey: string): SourceConfig | undefined {
    return this.rows.findSourceByWriteKey(writeKey);
  }

  listDestinations(): StoredDestination[] {
    return this.rows.listDestinations();
  }

  setDestinationPaused(destinationId: string, reason: string | null): void {
    this.updatePaused.run(reason, destinationId);
  }
}
