// Sources, destinations and mappings: applyConfig (one idempotent transaction) and the reads the pipeline needs.
import type Database from 'better-sqlite3';
import type { DestinationConfig, FerryConfig, MappingConfig, SourceConfig } from '../../config/model.js';
import type { StoredDestination } from '../types.js';
import { parseJson, toJson, toJsonOrNull } from './rows.js';

interface SourceRow {
  id: string;
  name: string | null;
  write_key: string;
}

interface DestinationRow {
  id: string;
  type: string;
  name: string | null;
  enabled: number;
  settings: string;
  uses_presets: number;
  paused_reason: string | null;
}

interface MappingRow {
  destination_id: string;
  name: string;
  action: string;
  trigger: string | null;
  mapping: string | null;
  enabled: number;
}

export class ConfigTables {
  private readonly parkWriteKey;
  private readonly upsertSource;
  private readonly upsertDestination;
  private readonly deleteMappings;
  private readonly upsertMapping;
  private readonly selectSources;
  private readonly selectSourceByKey;
  private readonly selectDestinations;
  private readonly selectMappings;
  private readonly updatePaused;
  private readonly applyAll;

  constructor(db: Database.Database) {
    // A source whose key changes first parks it under a key no client can send, so keys may move between sources.
    this.parkWriteKey = db.prepare(
      `UPDATE sources SET write_key = char(0) || 'moving:' || id WHERE id = @id AND write_key <> @writeKey`,
    );
    // The WHERE clauses make a re-apply of the same config write nothing at all.
    this.upsertSource = db.prepare(
      `INSERT INTO sources (id, name, write_key) VALUES (@id, @name, @writeKey)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, write_key = excluded.write_key
       WHERE name IS NOT excluded.name OR write_key IS NOT excluded.write_key`,
    );
    // New settings (a fixed token, another region) clear a pause; the same settings keep it.
    this.upsertDestination = db.prepare(
      `INSERT INTO destinations (id, type, name, enabled, settings, uses_presets, paused_reason)
       VALUES (@id, @type, @name, @enabled, @settings, @usesPresets, NULL)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, enabled = excluded.enabled,
         settings = excluded.settings, uses_presets = excluded.uses_presets,
         paused_reason = CASE WHEN settings IS excluded.settings THEN paused_reason END
       WHERE type IS NOT excluded.type OR name IS NOT excluded.name OR enabled IS NOT excluded.enabled
         OR settings IS NOT excluded.settings OR uses_presets IS NOT excluded.uses_presets`,
    );
    this.deleteMappings = db.prepare(
      `DELETE FROM mappings WHERE destination_id = @destinationId AND name NOT IN (SELECT value FROM json_each(@keep))`,
    );
    this.upsertMapping = db.prepare(
      `INSERT INTO mappings (destination_id, name, position, action, "trigger", mapping, enabled)
       VALUES (@destinationId, @name, @position, @action, @trigger, @mapping, @enabled)
       ON CONFLICT (destination_id, name) DO UPDATE SET position = excluded.position, action = excluded.action,
         "trigger" = excluded."trigger", mapping = excluded.mapping, enabled = excluded.enabled
       WHERE position IS NOT excluded.position OR action IS NOT excluded.action OR "trigger" IS NOT excluded."trigger"
         OR mapping IS NOT excluded.mapping OR enabled IS NOT excluded.enabled`,
    );
    this.selectSources = db.prepare<[], SourceRow>('SELECT id, name, write_key FROM sources ORDER BY rowid');
    this.selectSourceByKey = db.prepare<[string], SourceRow>(
      'SELECT id, name, write_key FROM sources WHERE write_key = ?',
    );
    this.selectDestinations = db.prepare<[], DestinationRow>(
      `SELECT id, type, name, enabled, settings, uses_presets, paused_reason FROM destinations ORDER BY rowid`,
    );
    this.selectMappings = db.prepare<[], MappingRow>(
      `SELECT destination_id, name, action, "trigger", mapping, enabled FROM mappings
       ORDER BY destination_id, position`,
    );
    this.updatePaused = db.prepare('UPDATE destinations SET paused_reason = ? WHERE id = ?');
    this.applyAll = db.transaction((config: FerryConfig) => {
      for (const source of config.sources) this.parkWriteKey.run({ id: source.id, writeKey: source.writeKey });
      for (const source of config.sources) this.applySource(source);
      for (const destination of config.destinations) this.applyDestination(destination);
    });
  }

  applyConfig(config: FerryConfig): void {
    this.applyAll.immediate(config);
  }

  listSources(): SourceConfig[] {
    return this.selectSources.all().map(sourceOf);
  }

  findSourceByWriteKey(writeKey: string): SourceConfig | undefined {
    const row = this.selectSourceByKey.get(writeKey);
    return row === undefined ? undefined : sourceOf(row);
  }

  listDestinations(): StoredDestination[] {
    const mappings = new Map<string, MappingConfig[]>();
    for (const row of this.selectMappings.all()) {
      const list = mappings.get(row.destination_id) ?? [];
      list.push(mappingOf(row));
      mappings.set(row.destination_id, list);
    }
    return this.selectDestinations.all().map((row) => destinationOf(row, mappings.get(row.id) ?? []));
  }

  setDestinationPaused(destinationId: string, reason: string | null): void {
    this.updatePaused.run(reason, destinationId);
  }

  private applySource(source: SourceConfig): void {
    const holder = this.selectSourceByKey.get(source.writeKey);
    if (holder !== undefined && holder.id !== source.id) {
      throw new Error(`source "${source.id}": its writeKey already belongs to source "${holder.id}" in the database`);
    }
    this.upsertSource.run({ id: source.id, name: source.name ?? null, writeKey: source.writeKey });
  }

  private applyDestination(destination: DestinationConfig): void {
    const mappings = destination.mappings ?? [];
    this.upsertDestination.run({
      id: destination.id,
      type: destination.type,
      name: destination.name ?? null,
      enabled: destination.enabled ? 1 : 0,
      settings: toJson(destination.settings),
      usesPresets: destination.mappings === undefined ? 1 : 0,
    });
    this.deleteMappings.run({ destinationId: destination.id, keep: toJson(mappings.map((m) => m.name)) });
    mappings.forEach((mapping, position) => {
      this.upsertMapping.run({
        destinationId: destination.id,
        name: mapping.name,
        position,
        action: mapping.action,
        trigger: mapping.trigger ?? null,
        mapping: toJsonOrNull(mapping.mapping),
        enabled: mapping.enabled ? 1 : 0,
      });
    });
  }
}

function sourceOf(row: SourceRow): SourceConfig {
  return { id: row.id, ...(row.name === null ? {} : { name: row.name }), writeKey: row.write_key };
}

function destinationOf(row: DestinationRow, mappings: MappingConfig[]): StoredDestination {
  return {
    id: row.id,
    type: row.type as DestinationConfig['type'],
    ...(row.name === null ? {} : { name: row.name }),
    enabled: row.enabled === 1,
    settings: parseJson<DestinationConfig['settings']>(row.settings),
    ...(row.uses_presets === 1 ? {} : { mappings }),
    pausedReason: row.paused_reason,
  };
}

function mappingOf(row: MappingRow): MappingConfig {
  return {
    name: row.name,
    action: row.action,
    ...(row.trigger === null ? {} : { trigger: row.trigger }),
    ...(row.mapping === null ? {} : { mapping: parseJson<Record<string, unknown>>(row.mapping) }),
    enabled: row.enabled === 1,
  };
}
