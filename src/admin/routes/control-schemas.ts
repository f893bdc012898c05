// TypeBox schemas of the sources, destinations and config routes: the OpenAPI document and the answers' shapes.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Bodies and query strings of these routes are checked by the config file's own rules (src/config/check-config.ts), so
 * the API and the file answer the same errors; their schemas document them. (Ajv would answer first, in its words, and
 * silently drop unknown keys.)
 */
export const checkedByConfigRules: FastifySchemaCompiler<unknown> = () => () => true;

export const Json = Type.Unknown({ description: 'any JSON value' });

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

export const id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: '1-64 letters, digits, ".", "_", "-"' });
export const name = Type.String({ minLength: 1 });

// --- sources ---

export const Source = Type.Object({
  id: Type.String(),
  name: Type.Optional(Type.String()),
  writeKey: Type.String({ description: 'the write key clients send (no secret: every page running analytics.js carries it)' }),
  managedByConfig: Type.Boolean({ description: 'listed in the --config file, which every start applies again: changes are refused (409)' }),
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

// --- destinations: see destination-schemas.ts (built from the registry) ---

export const ConnectionAnswer = Type.Union([
  Type.Object({
    ok: Type.Literal(true),
    workspace: Type.Object({ name: Type.String(), id_code: Type.String(), region: Type.String() }),
  }),
  Type.Object({
    ok: Type.Literal(false),
    status: Type.Integer({ description: "the destination's HTTP status; 0 when no answer arrived" }),
    error: Type.String(),
  }),
]);
