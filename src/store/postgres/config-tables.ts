// The config role and the control role's upserts: sources, destinations and mappings, written and read.
import type pg from 'pg';
import type { DestinationConfig, FerryConfig, MappingConfig, SourceConfig } from '../../config/model.js';
import { FerryError } from '../../errors.js';
import type { SettingsSealer } from '../settings-secrets.js';
import type { StoredDestination } from '../types.js';
import { pgText, query, transaction, type Queryable } from './pool.js';
import { sortKeys, sourceOf, type SourceRow } from '../config-row-shapes.js';

interface DestinationRow {
  id: string; type: string; name: string | null; enabled: boolean; settings: string; uses_presets: boolean;
  paused_reason: string | null; sources: string | null;
}
interface MappingRow {
  destination_id: string; name: string; action: string; trigger: string | null; mapping: string | null; enabled: boolean;
}

// A source whose key changes first parks it under a key no client can send, so keys may move between sources.
const PARK_WRITE_KEY = `UPDATE sources SET write_key = chr(1) || 'moving:' || id WHERE id = $1 AND write_key <> $2`;
// Inserted, or updated only when something changed: an unchanged source is not even locked, so a re-apply never waits
// for ingest (whose events hold key-share locks on their source) nor makes it wait.
const INSERT_SOURCE = `INSERT INTO sources (id, name, write_key) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`;
const UPDATE_SOURCE = `UPDATE sources SET name = $2, write_key = $3
  WHERE id = $1 AND (name IS DISTINCT FROM $2 OR write_key IS DISTINCT FROM $3)`;
// New settings (a fixed token, another region) clear a pause; the same settings keep it.
const UPSERT_DESTINATION = `INSERT INTO destinations (id, type, name, enabled, settings, uses_presets, paused_reason, sources)
  VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)
  ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, enabled = excluded.enabled,
    settings = excluded.settings, uses_presets = excluded.uses_presets, sources = excluded.sources,
    paused_reason = CASE WHEN destinations.settings = excluded.settings THEN destinations.paused_reason END
  WHERE (destinations.type, destinations.name, destinations.enabled, destinations.settings, destinations.uses_presets,
    destinations.sources) IS DISTINCT FROM (excluded.type, excluded.name, excluded.enabled, excluded.settings,
    excluded.uses_presets, excluded.sources)`;
// Every ingest request asks it.
const FIND_SOURCE = { name: 'ferry-find-source', text: 'SELECT id, name, write_key FROM sources WHERE write_key = $1' };
const DELETE_OTHER_MAPPINGS = `DELETE FROM mappings WHERE destination_id = $1 AND NOT (name = ANY($2::text[]))`;
// All of a destination's mappings in one statement, in their order.
const UPSERT_MAPPINGS = `INSERT INTO mappings (destination_id, name, position, action, "trigger", mapping, enabled)
  SELECT $1, m.name, m.position - 1, m.action, m.trigger, m.mapping, m.enabled
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[]) WITH ORDINALITY
    AS m(name, action, trigger, mapping, enabled, position)
  ON CONFLICT (destination_id, name) DO UPDATE SET position = excluded.position, action = excluded.action,
    "trigger" = excluded."trigger", mapping = excluded.mapping, enabled = excluded.enabled
  WHERE (mappings.position, mappings.action, mappings."trigger", mappings.mapping, mappings.enabled) IS DISTINCT FROM
    (excluded.position, excluded.action, excluded."trigger", excluded.mapping, excluded.enabled)`;

export class ConfigTables {
  constructor(
    private readonly pool: pg.Pool,
    /** Seals secret settings on the way in and opens them on the way out. */
    private readonly sealer: SettingsSealer,
  ) {}

  async applyConfig(config: FerryConfig): Promise<void> {
    await transaction(this.pool, async (client) => {
      for (const source of config.sources) await client.query(PARK_WRITE_KEY, [source.id, source.writeKey]);
      for (const source of config.sources) {
        const holder = await otherHolderOf(client, source.writeKey, source.id);
        if (holder !== undefined) {
          throw new Error(`source "${source.id}": its writeKey already belongs to source "${holder}" in the database`);
        }
        await writeSource(client, source);
      }
      for (const destination of config.destinations) await this.writeDestination(client, destination);
    });
  }

  async upsertSource(source: SourceConfig): Promise<void> {
    await transaction(this.pool, async (client) => {
      const holder = await otherHolderOf(client, source.writeKey, source.id);
      if (holder !== undefined) {
        throw new FerryError('FERRY_ERR_CONFLICT', `this writeKey already belongs to source "${holder}"`, { path: 'writeKey' }, 409);
      }
      await writeSource(client, source);
    });
  }

  async upsertDestination(destination: DestinationConfig): Promise<void> {
    await transaction(this.pool, (client) => this.writeDestination(client, destination));
  }

  async listSources(): Promise<SourceConfig[]> {
    return (await query<SourceRow>(this.pool, 'SELECT id, name, write_key FROM sources ORDER BY seq')).rows.map(sourceOf);
  }

  async findSourceByWriteKey(writeKey: string): Promise<SourceConfig | undefined> {
    const { rows } = await query<SourceRow>(this.pool, FIND_SOURCE, [pgText(writeKey)]);
    return rows[0] === undefined ? undefined : sourceOf(rows[0]);
  }

  async listDestinations(): Promise<StoredDestination[]> {
    // One snapshot for both reads: a concurrent apply never shows a destination with another one's mappings list.
    const [destinations, mappingRows] = await transaction(this.pool, async (client) => [
      await client.query<DestinationRow>(`SELECT id, type, name, enabled, settings, uses_presets, paused_reason, sources
        FROM destinations ORDER BY seq`),
      await client.query<MappingRow>(`SELECT destination_id, name, action, "trigger", mapping, enabled FROM mappings
        ORDER BY destination_id, position`),
    ] as const, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const mappings = new Map<string, MappingConfig[]>();
    for (const row of mappingRows.rows) {
      const list = mappings.get(row.destination_id) ?? [];
      list.push(mappingOf(row));
      mappings.set(row.destination_id, list);
    }
    return destinations.rows.map((row) => {
      const destination = destinationOf(row, mappings.get(row.id) ?? []);
      return { ...destination, settings: this.sealer.open(row.id, destination.settings) };
    });
  }

  async setDestinationPaused(destinationId: string, reason: string | null): Promise<void> {
    await query(this.pool, 'UPDATE destinations SET paused_reason = $1 WHERE id = $2', [reason, destinationId]);
  }

  private async writeDestination(client: Queryable, destination: DestinationConfig): Promise<void> {
    const mappings = destination.mappings ?? [];
    // Locks the row (when there is one) so that two writers seal against the same stored secrets; NO KEY: ingest's
    // jobs (key-share locks on their destination) neither wait for it nor make it wait.
    const stored = await client.query<{ settings: string }>(
      'SELECT settings FROM destinations WHERE id = $1 FOR NO KEY UPDATE',
      [destination.id],
    );
    const before = stored.rows[0] === undefined ? undefined : (JSON.parse(stored.rows[0].settings) as DestinationConfig['settings']);
    const sealed = this.sealer.seal(destination.id, destination.settings, before, destination.type);
    await client.query(UPSERT_DESTINATION, [
      destination.id, destination.type, destination.name ?? null, destination.enabled, JSON.stringify(sortKeys(sealed)),
      destination.mappings === undefined, destination.sources === undefined ? null : JSON.stringify(destination.sources),
    ]);
    await client.query(DELETE_OTHER_MAPPINGS, [destination.id, mappings.map((m) => m.name)]);
    if (mappings.length === 0) return;
    await client.query(UPSERT_MAPPINGS, [
      destination.id,
      mappings.map((m) => m.name),
      mappings.map((m) => m.action),
      mappings.map((m) => m.trigger ?? null),
      mappings.map((m) => (m.mapping === undefined ? null : JSON.stringify(m.mapping))),
      mappings.map((m) => m.enabled),
    ]);
  }
}

async function otherHolderOf(client: Queryable, writeKey: string, sourceId: string): Promise<string | undefined> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM sources WHERE write_key = $1', [writeKey]);
  return rows[0] !== undefined && rows[0].id !== sourceId ? rows[0].id : undefined;
}

async function writeSource(client: Queryable, source: SourceConfig): Promise<void> {
  const values = [source.id, source.name ?? null, source.writeKey];
  if ((await client.query(INSERT_SOURCE, values)).rowCount === 0) await client.query(UPDATE_SOURCE, values);
}



function destinationOf(row: DestinationRow, mappings: MappingConfig[]): StoredDestination {
  return {
    id: row.id,
    type: row.type as DestinationConfig['type'],
    ...(row.name === null ? {} : { name: row.name }),
    enabled: row.enabled,
    ...(row.sources === null ? {} : { sources: JSON.parse(row.sources) as string[] }),
    settings: JSON.parse(row.settings) as DestinationConfig['settings'],
    ...(row.uses_presets ? {} : { mappings }),
    pausedReason: row.paused_reason,
  };
}

function mappingOf(row: MappingRow): MappingConfig {
  return {
    name: row.name,
    action: row.action,
    ...(row.trigger === null ? {} : { trigger: row.trigger }),
    ...(row.mapping === null ? {} : { mapping: JSON.parse(row.mapping) as Record<string, unknown> }),
    enabled: row.enabled,
  };
}
