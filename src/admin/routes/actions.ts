// The catalog: each destination type (settings, actions, fields with types, required, defaults) for the web app's forms.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { describeAction, describeDestinationType } from '../action-catalog.js';
import type { AdminDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { CatalogAction, CatalogDestinationType, errors } from './mapping-schemas.js';

const tags = ['actions'];
const TypeQuery = Type.Object({
  type: Type.Optional(Type.String({ description: 'a destination type (GET /api/destination-types); default: the first' })),
});

export function registerActionRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();
  // The declarations never change while ferry runs.
  const types = new Map(deps.registry.destinations.map((d) => [d.key, { destination: d, catalog: d.actions.map(describeAction) }]));
  const typeOf = (type: string | undefined) => {
    const found = types.get(type ?? deps.registry.defaultType);
    if (!found) throw notFound('destination type', type!);
    return found;
  };

  app.get('/actions', {
    schema: {
      tags, summary: "The actions a mapping can use, with their fields in declaration order (a destination type's; default: the first)",
      querystring: TypeQuery,
      response: { 200: Type.Object({ actions: Type.Array(CatalogAction) }), ...errors(401, 404) },
    },
  }, async (request) => ({ actions: typeOf(request.query.type).catalog }));

  app.get('/actions/:key', {
    schema: {
      tags, summary: 'One action, by key or alias',
      params: Type.Object({ key: Type.String() }), querystring: TypeQuery, response: { 200: CatalogAction, ...errors(401, 404) },
    },
  }, async (request) => {
    const { destination, catalog } = typeOf(request.query.type);
    const action = destination.findAction(request.params.key);
    if (!action) throw notFound('action', request.params.key);
    return catalog.find((entry) => entry.key === action.key)!;
  });

  const described = deps.registry.destinations.map(describeDestinationType);
  app.get('/destination-types', {
    schema: {
      tags, summary: 'Every destination type: its settings (JSON schema, secrets marked), actions and presets',
      response: { 200: Type.Object({ types: Type.Array(CatalogDestinationType) }), ...errors(401) },
    },
  }, async () => ({ types: described }));

  app.get('/destination-types/:type', {
    schema: {
      tags, summary: 'One destination type', params: Type.Object({ type: Type.String() }),
      response: { 200: CatalogDestinationType, ...errors(401, 404) },
    },
  }, async (request) => {
    const found = described.find((d) => d.key === request.params.type);
    if (!found) throw notFound('destination type', request.params.type);
    return found;
  });
}
