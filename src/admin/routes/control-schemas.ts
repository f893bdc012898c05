// TypeBox schemas of the sources, destinations and config routes: the OpenAPI document and the answers' shapes.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Bodies and query strings of these routes are checked by the config file's own rules (src/config/check-config.ts), so
 * the API and the file answer the same errors; their schemas document them. (Ajv would answer first, in its words, and
 * silently drop unknown keys.)
 */
export const checkedByConfigRules: FastifySchemaCompiler<unknown> = () => () => true;

const Json = Type.Unknown({ description: 'any JSON value' });

export const ErrorAnswer = Type.Object({
  error: Type.Object({
    code: Type.String({ examples: ['FERRY_ERR_CONFIG_INVALID'] }),
    message: Type.String(),
    path: Type.Optional(Type.String({ description: 'where in the body the problem is, e.g. `settings.region`' })),
  }),
});

export const errors = (...statuses: number[]): Record<number, TSchema> =>
  Object.fromEntries(statuses.map((status) => [status, ErrorAnswer]));

export const IdParams = Type.Object({ id: Type.String({ description: 'the id' }) });

export const ForceQuery = Type.Object({
  force: Type.Optional(Type.Boolean({ description: 'also delete while deliveries are unfinished (they are dropped)' })),
});

const id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: '1-64 letters, digits, ".", "_", "-"' });
const name = Type.String({ minLength: 1 });

// --- sources ---

export const Source = Type.Object({
  id: Type.String(),
  name: Type.Optional(Type.String()),
  writeKey: Type.String({
    description: 'the full key only in the answers of create and rotate-write-key; elsewhere "****" and its last 4 characters',
  }),
});

export const SourceList = Type.Array(Source);

export const NewSourceBody = Type.Object(
  {
    id,
    name: Type.Optional(name),
    writeKey: Type.Optional(Type.String({ minLength: 1, description: 'default: a new random key (give one to keep a Segment key)' })),
  },
  { additionalProperties: false },
);

export const SourceUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, description: 'absent: no name' })),
    writeKey: Type.Optional(Type.String({ minLength: 1, description: 'absent: the key stays (see rotate-write-key)' })),
  },
  { additionalProperties: false },
);

// --- destinations ---

const Retry = Type.Object({
  baseDelayMs: Type.Optional(Type.Integer({ minimum: 1 })),
  maxDelayMs: Type.Optional(Type.Integer({ minimum: 1 })),
  maxAgeSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
});

const Workspace = Type.Object(
  { idCode: Type.String(), name: Type.String() },
  { description: 'the Intercom workspace of the token, as OAuth connect recorded it' },
);

const settingsFields = {
  region: Type.Union([Type.Literal('us'), Type.Literal('eu'), Type.Literal('au')], { description: 'default us' }),
  endpoint: Type.Optional(Type.String({ format: 'uri', description: "an http(s) URL replacing the region's host" })),
  apiVersion: Type.String({ description: 'Intercom API version, "2.x"; default 2.11' }),
  retry: Type.Optional(Retry),
  workspace: Type.Optional(Workspace),
};

export const Settings = Type.Object({
  ...settingsFields,
  accessToken: Type.Optional(Type.String({ description: 'write-only: answers show "****" and its last 4 characters' })),
});

export const SettingsBody = Type.Object(
  {
    ...settingsFields,
    region: Type.Optional(settingsFields.region),
    apiVersion: Type.Optional(settingsFields.apiVersion),
    accessToken: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
      description: 'absent (or the "****" form an answer showed): the stored token stays; null: removed',
    })),
  },
  { additionalProperties: false },
);

const Mapping = Type.Object({
  name: Type.String(),
  action: Type.String(),
  trigger: Type.Optional(Type.String()),
  mapping: Type.Optional(Type.Record(Type.String(), Json)),
  enabled: Type.Boolean(),
});

export const Destination = Type.Object({
  id: Type.String(),
  type: Type.Literal('intercom'),
  name: Type.Optional(Type.String()),
  enabled: Type.Boolean(),
  settings: Settings,
  presets: Type.Boolean({ description: 'true: the destination stores no mappings; the action presets (listed) apply' }),
  mappings: Type.Array(Mapping),
  pausedReason: Type.Union([Type.String(), Type.Null()], { description: 'set while Intercom refuses the credentials' }),
});

export const DestinationList = Type.Array(Destination);

export const NewDestinationBody = Type.Object(
  {
    id,
    type: Type.Optional(Type.Literal('intercom')),
    name: Type.Optional(name),
    enabled: Type.Optional(Type.Boolean({ description: 'default true' })),
    settings: Type.Optional(SettingsBody),
    mappings: Type.Optional(Type.Array(Mapping, { maxItems: 50, description: 'absent: the presets apply' })),
  },
  { additionalProperties: false },
);

export const DestinationUpdateBody = Type.Object(
  {
    name: Type.Optional(name),
    enabled: Type.Optional(Type.Boolean()),
    settings: Type.Optional(SettingsBody),
  },
  { additionalProperties: false, description: 'fields left out keep their value; `settings`, when given, replaces them' },
);

export const ConnectionAnswer = Type.Union([
  Type.Object({
    ok: Type.Literal(true),
    workspace: Type.Object({ name: Type.String(), id_code: Type.String(), region: Type.String() }),
  }),
  Type.Object({
    ok: Type.Literal(false),
    status: Type.Integer({ description: "Intercom's HTTP status; 0 when no answer arrived" }),
    error: Type.String(),
  }),
]);
