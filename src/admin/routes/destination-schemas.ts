// TypeBox schemas of the destination routes, built from the registry: each type's settings as its definition declares.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { Destination as Definition } from '../../destinations/kit/define-destination.js';
import type { Registry } from '../../destinations/registry.js';
import { id, Json, name } from './control-schemas.js';

const Mapping = Type.Object({
  name: Type.String(),
  action: Type.String(),
  trigger: Type.Optional(Type.String()),
  mapping: Type.Optional(Type.Record(Type.String(), Json)),
  enabled: Type.Boolean(),
});

const Sources = Type.Union([Type.Array(Type.String()), Type.Null()], {
  description: 'the ids of the sources whose events it receives; null: every source',
});

// One type: the schema itself (the OpenAPI document stays as simple as before); several: any of them.
const oneOf = (schemas: TSchema[]): TSchema => (schemas.length === 1 ? schemas[0]! : Type.Union(schemas));

function destinationOf(definition: Definition): TObject {
  return Type.Object({
    id: Type.String(),
    type: Type.Literal(definition.key),
    name: Type.Optional(Type.String()),
    enabled: Type.Boolean(),
    settings: definition.settings,
    presets: Type.Boolean({ description: 'true: the destination stores no mappings; the action presets (listed) apply' }),
    mappings: Type.Array(Mapping),
    pausedReason: Type.Union([Type.String(), Type.Null()], { description: `set while ${definition.title} refuses the credentials` }),
    sources: Sources,
    managedByConfig: Type.Boolean({
      description: 'listed in the --config file, which every start applies again: changes other than credentials the file leaves out are refused (409)',
    }),
  });
}

export function destinationSchemas(registry: Registry) {
  const types = registry.destinations;
  const Destination = oneOf(types.map(destinationOf));
  const SettingsBody = oneOf(types.map((d) => d.settingsBody));
  const NewDestinationBody = Type.Object(
    {
      id,
      type: Type.Optional(oneOf(types.map((d) => Type.Literal(d.key)))),
      name: Type.Optional(name),
      enabled: Type.Optional(Type.Boolean({ description: 'default true' })),
      sources: Type.Optional(Sources),
      settings: Type.Optional(SettingsBody),
      mappings: Type.Optional(Type.Array(Mapping, { maxItems: 50, description: 'absent: the presets apply' })),
    },
    { additionalProperties: false },
  );
  const DestinationUpdateBody = Type.Object(
    {
      name: Type.Optional(name),
      enabled: Type.Optional(Type.Boolean()),
      sources: Type.Optional(Sources),
      settings: Type.Optional(SettingsBody),
    },
    { additionalProperties: false, description: 'fields left out keep their value; `settings`, when given, replaces them' },
  );
  return { Destination, DestinationList: Type.Array(Destination), NewDestinationBody, DestinationUpdateBody };
}
