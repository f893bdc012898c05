// The rows of sources, destinations and mappings: how one is written and read, for the config and control roles.
import type Database from 'better-sqlite3';
import type { DestinationConfig, MappingConfig, SourceConfig } from '../../config/model.js';
import type { SettingsSealer } from '../settings-secrets.js';
import type { StoredDestination } from '../types.js';
import { parseJson, toJson, toJsonOrNull } from './rows.js';
import { sortKeys, sourceOf, type SourceRow } from '../config-row-shapes.js';

interface DestinationRow {
  id: string;
  type: string;
  name: string | null;
  enabled: number;
  settings: string;
  uses_presets: number;
  paused_reason: string | null;
  sources: string | null;
}

interface MappingRow {
  destination_id: string;
  name: string;
  action: string;
  trigger: string | null;
  mapping: string | null;
  enabled: number;
}

export class ConfigRows {
  private readonly parkWriteKey;
  private readonly upsertSourceRow;
  private readonly upsertDestinationRow;
  private readonly deleteMappings;
  private readonly upsertMapping;
  private readonly selectSources;
  private readonly selectSourceByKey;
  private readonly selectDestinations;
  private readonly selectMappings;
  private readonly selectSettings;

  constructor(
    db: Database.Database,
    /** Seals secret settings on the way in and opens them on the way out. */
    private readonly sealer: SettingsSealer,
  ) {
    // A source whose key changes first parks it under a key no client can send, so keys may move between sources.
    this.parkWriteKey = db.prepare(
      `UPDATE sources SET write_key = char(0) || 'moving:' || id WHERE id = @id AND write_key <> @writeKey`,
    );
    // The WHERE clauses make a re-apply of the same config write nothing at all.
    this.upsertSourceRow = db.prepare(
      `INSERT INTO sources (id, name, write_key) VALUES (@id, @name, @writeKey)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, write_key = excluded.write_key
       WHERE name IS NOT excluded.name OR write_key IS NOT excluded.write_key`,
    );
    // New settings (a fixed token, another region) clear a pause; the same settings keep it.
    this.upsertDestinationRow = db.prepare(
      `INSERT INTO destinations (id, type, name, enabled, settings, uses_presets, paused_reason, sources)
       VALUES (@id, @type, @name, @enabled, @settings, @usesPresets, NULL, @sources)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, enabled = excluded.enabled,
         settings = excluded.settings, uses_presets = excluded.uses_presets, sources = excluded.sources,
         paused_reason = CASE WHEN settings IS excluded.settings THEN paused_reason END
       WHERE type IS NOT excluded.type OR name IS NOT excluded.name OR enabled IS NOT excluded.enabled
         OR settings IS NOT excluded.settings OR uses_presets IS NOT excluded.uses_presets
         OR sources IS NOT excluded.sources`,
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
      `SELECT id, type, name, enabled, settings, uses_presets, paused_reason, sources FROM destinations ORDER BY rowid`,
    );
    this.selectMappings = db.prepare<[], MappingRow>(
      `SELECT destination_id, name, action, "trigger", mapping, enabled FROM mappings
       ORDER BY destination_id, position`,
    );
    this.selectSettings = db.prepare<[string], { settings: string }>('SELECT settings FROM destinations WHERE id = ?');
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
    return this.selectDestinations.all().map((row) => {
      const destination = destinationOf(row, mappings.get(row.id) ?? []);
      return { ...destination, settings: this.sealer.open(row.id, destination.settings) };
    });
  }

  /** Before a config's sources are written: a key moving to another source in the same config must be free first. */
  parkChangedWriteKey(source: SourceConfig): void {
    this.parkWriteKey.run({ id: source.id, writeKey: source.writeKey });
  }

  /** The id of the source holding `writeKey`, if another one than `sourceId` does. */
  otherHolderOf(writeKey: string, sourceId: string): string | undefined {
    const holder = this.selectSourceByKey.get(writeKey);
    return holder !== undefined && holder.id !== sourceId ? holder.id : undefined;
  }

  applySource(source: SourceConfig): void {
    const holder = this.otherHolderOf(source.writeKey, source.id);
    if (holder !== undefined) {
      throw new Error(`source "${source.id}": its writeKey already belongs to source "${holder}" in the database`);
    }
    this.upsertSourceRow.run({ id: source.id, name: source.name ?? null, writeKey: source.writeKey });
  }

  applyDestination(destination: DestinationConfig): void {
    const mappings = destination.mappings ?? [];
    const stored = this.selectSettings.get(destination.id);
    const before = stored === undefined ? undefined : parseJson<DestinationConfig['settings']>(stored.settings);
    this.upsertDestinationRow.run({
      id: destination.id,
      type: destination.type,
      name: destination.name ?? null,
      enabled: destination.enabled ? 1 : 0,
      settings: toJson(sortKeys(this.sealer.seal(destination.id, destination.settings, before))),
      usesPresets: destination.mappings === undefined ? 1 : 0,
      sources: toJsonOrNull(destination.sources),
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



function destinationOf(row: DestinationRow, mappings: MappingConfig[]): StoredDestination {
  return {
    id: row.id,
    type: row.type as DestinationConfig['type'],
    ...(row.name === null ? {} : { name: row.name }),
    enabled: row.enabled === 1,
    ...(row.sources === null ? {} : { sources: parseJson<string[]>(row.sources) }),
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
