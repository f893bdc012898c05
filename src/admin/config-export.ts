// The stored configuration as a config file (YAML): secrets become ${ENV} placeholders, every other `${` is escaped.
import { stringify } from 'yaml';
import type { DestinationConfig, SourceConfig } from '../config/model.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';

export interface ExportedConfig {
  text: string;
  /** The environment variables the file needs, in order, with what each one holds. */
  variables: { name: string; holds: string }[];
}

/** `accessToken` of an `intercom` destination -> INTERCOM_ACCESS_TOKEN_<ID>. */
const placeholderPrefix = (type: string, secret: string) =>
  `${type}_${secret.replace(/([a-z0-9])([A-Z])/g, '$1_$2')}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** `${` in a plain value would be read as a reference on load: `$${` is the file's literal `${`. */
function escapeValues(value: unknown): unknown {
  // A function replacer: in a replacement string `$$` would itself mean one `$`.
  if (typeof value === 'string') return value.replaceAll('${', () => '$${');
  if (Array.isArray(value)) return value.map(escapeValues);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeValues(item)]));
}

/** Upper-case letters, digits and _ (ids may hold . and -); a clash gets _2, _3 ... */
function variableNamer() {
  const taken = new Set<string>();
  return (prefix: string, id: string) => {
    const base = `${prefix}_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
    let name = base;
    for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
    taken.add(name);
    return name;
  };
}

export function exportConfig(
  sources: readonly SourceConfig[],
  destinations: readonly DestinationConfig[],
  registry: Registry = defaultRegistry,
): ExportedConfig {
  const nameOf = variableNamer();
  const variables: ExportedConfig['variables'] = [];
  const placeholder = (prefix: string, id: string, holds: string) => {
    const name = nameOf(prefix, id);
    variables.push({ name, holds });
    return `\${${name}}`;
  };
  const document = {
    sources: sources.map((source) => ({
      ...(escapeValues({ id: source.id, ...(source.name === undefined ? {} : { name: source.name }) }) as object),
      writeKey: placeholder('FERRY_WRITE_KEY', source.id, `the write key of source "${source.id}"`),
    })),
    destinations: destinations.map((destination) => {
      const settings = escapeValues(destination.settings) as Record<string, unknown>;
      for (const secret of registry.get(destination.type).secretSettings) {
        if (typeof destination.settings[secret] !== 'string') continue;
        settings[secret] = placeholder(placeholderPrefix(destination.type, secret), destination.id, `the ${secret} of destination "${destination.id}"`);
      }
      return {
        id: destination.id,
        type: destination.type,
        ...(destination.name === undefined ? {} : { name: escapeValues(destination.name) }),
        enabled: destination.enabled,
        ...(destination.sources === undefined ? {} : { sources: destination.sources }),
        settings,
        ...(destination.mappings === undefined ? {} : { mappings: escapeValues(destination.mappings) }),
      };
    }),
  };
  const header = [
    '# ferry config, exported from the admin API. Apply it with: ferry start --config <this file>',
    ...(variables.length === 0
      ? []
      : ['# Secrets are not in this file; set these environment variables first:', ...variables.map((v) => `#   ${v.name}: ${v.holds}`)]),
  ];
  // Plain scalars and no line folding, so triggers and templates read as they were written.
  const body = stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  return { text: `${header.join('\n')}\n${body}`, variables };
}
