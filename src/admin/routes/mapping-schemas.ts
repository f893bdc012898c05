// TypeBox schemas of the actions, mappings and testers routes: request validation and the OpenAPI document.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Json = Type.Unknown({ description: 'any JSON value' });
const JsonObject = Type.Record(Type.String(), Json);

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ examples: ['FERRY_ERR_MAPPING_DIRECTIVE'] }),
    message: Type.String(),
    path: Type.Optional(Type.String({ description: 'where the problem is, e.g. `mapping.email.@if`' })),
    field: Type.Optional(Type.String()),
  }),
});

/** The error answers of a route, by status. */
export const errors = (...statuses: number[]): Record<number, TSchema> =>
  Object.fromEntries(statuses.map((status) => [status, ErrorBody]));

// --- actions catalog ---

export const CatalogField = Type.Object({
  key: Type.String({ description: "the destination's name of the field" }),
  label: Type.String(),
  type: Type.Union(['string', 'number', 'boolean', 'datetime', 'object', 'choice'].map((t) => Type.Literal(t))),
  required: Type.Boolean(),
  description: Type.String(),
  format: Type.Optional(Type.String({ examples: ['email', 'uri'] })),
  choices: Type.Optional(Type.Array(Type.String())),
  defaultMapping: Type.Optional(Type.Unknown({ description: 'mapping-kit JSON used when a mapping leaves the field out' })),
});

export const CatalogAction = Type.Object({
  key: Type.String(),
  aliases: Type.Array(Type.String()),
  title: Type.String(),
  description: Type.String(),
  defaultTrigger: Type.String({ description: 'FQL' }),
  fields: Type.Array(CatalogField),
});

const Preset = Type.Object({
  name: Type.String(),
  action: Type.String(),
  trigger: Type.String(),
  mapping: Type.Record(Type.String(), Type.Unknown()),
  enabled: Type.Boolean(),
});

export const CatalogDestinationType = Type.Object({
  key: Type.String({ description: 'the `type` of a destination' }),
  title: Type.String(),
  description: Type.String(),
  integrationNames: Type.Array(Type.String(), { description: 'its names in Segment\'s `integrations` object' }),
  settings: Type.Unknown({ description: 'JSON schema of the settings a body may give; secret fields carry `secret: true`' }),
  secretSettings: Type.Array(Type.String(), { description: 'write-only settings: answers show "****" and the last 4 characters' }),
  oauth: Type.Boolean({ description: 'whether OAuth connect is offered (POST /api/destinations/{id}/oauth/start)' }),
  actions: Type.Array(CatalogAction),
  presets: Type.Array(Preset, { description: 'the mappings a destination of this type uses until it stores its own' }),
});

// --- mappings ---

export const DestinationParams = Type.Object({ id: Type.String() });
export const MappingParams = Type.Object({ id: Type.String(), name: Type.String() });

export const Mapping = Type.Object({
  name: Type.String(),
  action: Type.String(),
  trigger: Type.Optional(Type.String({ description: "FQL; absent = the action's default trigger" })),
  mapping: Type.Optional(Type.Record(Type.String(), Json, { description: "mapping-kit JSON; a field left out uses its default" })),
  enabled: Type.Boolean(),
});

export const MappingList = Type.Object({
  presets: Type.Boolean({ description: 'true: the destination stores no mappings, these presets apply' }),
  mappings: Type.Array(Mapping),
});

const specFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  action: Type.String({ description: 'identifyContact, identifyCompany (alias groupIdentifyContact) or trackEvent' }),
  trigger: Type.Optional(Type.String({ description: "FQL, e.g. type = \"track\" and event = \"Order Completed\"; default: the action's" })),
  mapping: Type.Optional(JsonObject),
  enabled: Type.Optional(Type.Boolean({ description: 'default true' })),
};

export const MappingSpecBody = Type.Object(specFields, { additionalProperties: false });
export type MappingBody = Static<typeof MappingSpecBody>;
/** PUT: the whole mapping; a name left out keeps the name, `enabled` left out keeps the state. */
export const MappingUpdateBody = Type.Object(
  { ...specFields, name: Type.Optional(specFields.name) },
  { additionalProperties: false },
);

export const OrderBody = Type.Object(
  { names: Type.Array(Type.String(), { description: "every mapping's name once, in the new order" }) },
  { additionalProperties: false },
);

// --- testers ---

export const EventBody = Type.Object(
  { event: Type.Unknown({ description: 'a Segment event (identify, track, group, ...), normalized as ingest would' }) },
  { additionalProperties: false },
);

/** An unsaved mapping and the event to run it on: the spec's keys (name optional, no `enabled`) and `event`. */
export const DraftTestBody = Type.Object(
  {
    name: Type.Optional(specFields.name),
    action: specFields.action,
    trigger: specFields.trigger,
    mapping: specFields.mapping,
    event: EventBody.properties.event,
  },
  { additionalProperties: false },
);

const Exchange = Type.Object({
  method: Type.String(),
  url: Type.String(),
  body: Type.Optional(Json),
  status: Type.Integer({ description: "the destination's HTTP status; 0 when no answer arrived" }),
  response: Type.Optional(Type.Unknown({ description: "the destination's answer (absent when it had no body)" })),
  durationMs: Type.Number(),
});

export const Outcome = Type.Object({
  mapping: Type.String(),
  action: Type.String(),
  status: Type.Union(['delivered', 'delivered-with-warnings', 'retrying', 'rejected', 'filtered'].map((s) => Type.Literal(s))),
  warnings: Type.Array(Type.String()),
  reason: Type.Optional(Type.String({ description: 'filtered: why the mapping did not run' })),
  error: Type.Optional(Type.Object({ code: Type.Optional(Type.String()), message: Type.String(), field: Type.Optional(Type.String()) })),
  payload: Type.Optional(Type.Record(Type.String(), Json, { description: 'the validated payload the action performed with' })),
  requests: Type.Array(Exchange, { description: 'every request to the destination and its answer (no credentials)' }),
  retry: Type.Optional(Type.Object({
    delayMs: Type.Optional(Type.Number()),
    windowMs: Type.Optional(Type.Number()),
    finalReason: Type.Optional(Type.String()),
  })),
  pauseDestination: Type.Optional(Type.Boolean({ description: 'the destination refused the credentials (a 401/403)' })),
});
