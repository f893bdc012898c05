// What both stores write and read the same way: a source row, and settings JSON in one key order.
import type { SourceConfig } from '../config/model.js';

export interface SourceRow {
  id: string;
  name: string | null;
  write_key: string;
}

export function sourceOf(row: SourceRow): SourceConfig {
  return { id: row.id, ...(row.name === null ? {} : { name: row.name }), writeKey: row.write_key };
}

/** Settings JSON in one key order, whoever wrote them (file, API, OAuth): the same settings never read as a change. */
export function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}
