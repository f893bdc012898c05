// The catalog: each destination type's settings and actions, with their fields, as the web app builds forms from them.
import type { TSchema } from '@sinclair/typebox';
import type { ActionSpec } from '../destinations/kit/action.js';
import type { Destination, PresetMapping } from '../destinations/kit/define-destination.js';

export type FieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'object' | 'choice';

export interface CatalogField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  description: string;
  format?: string;
  choices?: string[];
  defaultMapping?: unknown;
}

export interface CatalogAction {
  key: string;
  aliases: string[];
  title: string;
  description: string;
  defaultTrigger: string;
  fields: CatalogField[];
}

type FieldSchema = TSchema & { choices?: readonly string[]; defaultMapping?: unknown };

function typeOf(schema: FieldSchema): FieldType {
  if (schema.choices) return 'choice';
  // A datetime is a union of text and numbers (R6) marked with the date-time format.
  if (schema.format === 'date-time') return 'datetime';
  switch (schema.type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      return 'string';
  }
}

export function describeField(key: string, schema: FieldSchema, required: boolean): CatalogField {
  const type = typeOf(schema);
  return {
    key,
    label: String(schema.title ?? key),
    type,
    required,
    description: String(schema.description ?? ''),
    ...(schema.format && type !== 'datetime' ? { format: String(schema.format) } : {}),
    ...(schema.choices ? { choices: [...schema.choices] } : {}),
    ...(schema.defaultMapping === undefined ? {} : { defaultMapping: structuredClone(schema.defaultMapping) }),
  };
}

export function describeAction(action: ActionSpec<unknown>): CatalogAction {
  const schema = action.schema as TSchema & { properties: Record<string, FieldSchema>; required?: string[] };
  const required = new Set(schema.required ?? []);
  return {
    key: action.key,
    aliases: [...(action.aliases ?? [])],
    title: action.title,
    description: action.description,
    defaultTrigger: action.defaultTrigger,
    fields: Object.entries(schema.properties).map(([key, field]) => describeField(key, field, required.has(key))),
  };
}

export interface CatalogDestinationType {
  key: string;
  title: string;
  description: string;
  integrationNames: string[];
  /** JSON schema of the settings an admin API body may give; secret fields carry `secret: true`. */
  settings: unknown;
  secretSettings: string[];
  /** Whether "Connect with <title>" (OAuth) is offered. */
  oauth: boolean;
  actions: CatalogAction[];
  presets: PresetMapping[];
}

export function describeDestinationType(destination: Destination): CatalogDestinationType {
  return {
    key: destination.key,
    title: destination.title,
    description: destination.description,
    integrationNames: [...destination.integrationNames],
    settings: structuredClone(destination.settingsBody),
    secretSettings: [...destination.secretSettings],
    oauth: destination.oauth !== undefined,
    actions: destination.actions.map(describeAction),
    presets: destination.presets.map((preset) => structuredClone({ ...preset })),
  };
}
