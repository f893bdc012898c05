// A destination type's settings schema as form fields, the form's values from stored settings, and the settings a
// PUT sends back (secrets left empty keep the stored one: the masked value goes back unchanged, as the API asks).
import type { JsonSchema } from '../catalog/destination-types.js';

export type FieldKind = 'choice' | 'text' | 'url' | 'integer' | 'number' | 'boolean' | 'secret';

export interface SettingField {
  /** Its path in the settings: "region", "retry.baseDelayMs". */
  path: string;
  label: string;
  description?: string;
  kind: FieldKind;
  choices?: Array<{ value: string; label: string }>;
  minimum?: number;
  /** A switch's value when the settings leave it out (a switch on by default shows on). */
  default?: boolean;
}

export interface SettingGroup {
  path: string;
  label: string;
  description?: string;
  fields: SettingField[];
}

export type SettingEntry = SettingField | SettingGroup;

export const isGroup = (entry: SettingEntry): entry is SettingGroup => 'fields' in entry;

/** Settings written by OAuth connect to describe the token (its workspace): shown as the connection, never edited. */
export const CONNECT_DETAILS = ['workspace'];

const WORDS: Record<string, string> = { api: 'API', url: 'URL', id: 'ID', ms: '(ms)', seconds: '(seconds)' };

/** "apiVersion" -> "API version", "baseDelayMs" -> "Base delay (ms)". */
export function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).filter(Boolean);
  const text = words.map((word) => WORDS[word] ?? word).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "us" -> "US"; a longer value reads as it is. */
const choiceLabel = (value: string) => (value.length <= 3 ? value.toUpperCase() : value);

function kindOf(schema: JsonSchema): Pick<SettingField, 'kind' | 'choices'> {
  if (schema.secret) return { kind: 'secret' };
  const constants = (schema.anyOf ?? []).filter((option) => typeof option.const === 'string').map((option) => String(option.const));
  if (constants.length > 0) return { kind: 'choice', choices: constants.map((value) => ({ value, label: choiceLabel(value) })) };
  if (schema.type === 'boolean') return { kind: 'boolean' };
  if (schema.type === 'integer') return { kind: 'integer' };
  if (schema.type === 'number') return { kind: 'number' };
  if (schema.format === 'uri') return { kind: 'url' };
  return { kind: 'text' };
}

function fieldOf(path: string, key: string, schema: JsonSchema): SettingField {
  return {
    path,
    label: schema.title ?? labelOf(key),
    ...(schema.description ? { description: schema.description } : {}),
    ...kindOf(schema),
    ...(schema.minimum === undefined ? {} : { minimum: schema.minimum }),
    ...(schema.type === 'boolean' && typeof schema['x-default'] === 'boolean' ? { default: schema['x-default'] } : {}),
  };
}

/** The fields of a settings schema in declaration order, leaving out `skip` (top-level keys); objects become groups. */
export function settingsFields(schema: JsonSchema, skip: readonly string[] = []): SettingEntry[] {
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => !skip.includes(key))
    .map(([key, property]): SettingEntry =>
      property.type === 'object' && property.properties
        ? {
            path: key,
            label: property.title ?? labelOf(key),
            ...(property.description ? { description: property.description } : {}),
            fields: Object.entries(property.properties).map(([inner, child]) => fieldOf(`${key}.${inner}`, inner, child)),
          }
        : fieldOf(key, key, property),
    );
}

export const leavesOf = (entries: readonly SettingEntry[]): SettingField[] => entries.flatMap((entry) => (isGroup(entry) ? entry.fields : [entry]));

const read = (settings: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), settings);

/** The form's starting values: each field's stored value (else a switch's default) as text; secrets start empty (the stored one is kept). */
export function valuesOf(entries: readonly SettingEntry[], settings: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    leavesOf(entries).map((field) => {
      const value = read(settings, field.path) ?? field.default;
      return [field.path, field.kind === 'secret' || value === undefined || value === null ? '' : String(value)];
    }),
  );
}

/** The stored settings the forms may send back: without the details connect wrote (the API carries them with a kept token). */
export function editableSettings(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([key]) => !CONNECT_DETAILS.includes(key)));
}

/**
 * The settings a PUT sends: the stored ones (as the API answered them, secrets masked) with the form's values; an
 * empty field is left out (its default applies), an empty secret keeps the stored value, an emptied group goes.
 */
export function settingsFromValues(
  stored: Record<string, unknown>,
  entries: readonly SettingEntry[],
  values: Record<string, string>,
): Record<string, unknown> {
  const settings = structuredClone(editableSettings(stored));
  for (const field of leavesOf(entries)) {
    const raw = values[field.path] ?? '';
    if (field.kind === 'secret' && raw === '') continue;
    const [head, inner] = field.path.split('.') as [string, string | undefined];
    const target = inner === undefined ? settings : ((settings[head] ??= {}) as Record<string, unknown>);
    const key = inner ?? head;
    const text = field.kind === 'secret' ? raw : raw.trim();
    if (text === '') delete target[key];
    // A number that does not parse goes as typed: the API says what is wrong with it, at its path.
    else if (field.kind === 'integer' || field.kind === 'number') target[key] = Number.isNaN(Number(text)) ? text : Number(text);
    else if (field.kind === 'boolean') target[key] = text === 'true';
    else target[key] = text;
  }
  for (const entry of entries) {
    const value = settings[entry.path];
    if (isGroup(entry) && value && typeof value === 'object' && Object.keys(value).length === 0) delete settings[entry.path];
  }
  return settings;
}
