// The actions catalog: every Intercom action with its fields (type, required, default mapping) for the web app's forms.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findAction, INTERCOM_ACTIONS } from '../../destinations/intercom/index.js';
import { describeAction } from '../action-catalog.js';
import type { AdminDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { CatalogAction, errors } from './mapping-schemas.js';

const tags = ['actions'];

export function registerActionRoutes(api: FastifyInstance, _deps: AdminDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();
  // The declarations never change while ferry runs.
  const catalog = INTERCOM_ACTIONS.map(describeAction);

  app.get('/actions', {
    schema: {
      tags, summary: 'The actions a mapping can use, with their fields in declaration order',
      response: { 200: Type.Object({ actions: Type.Array(CatalogAction) }), ...errors(401) },
    },
  }, async () => ({ actions: catalog }));

  app.get('/actions/:key', {
    schema: {
      tags, summary: 'One action, by key or alias',
      params: Type.Object({ key: Type.String() }), response: { 200: CatalogAction, ...errors(401, 404) },
    },
  }, async (request) => {
    const action = findAction(request.params.key);
    if (!action) throw notFound('action', request.params.key);
    return catalog.find((entry) => entry.key === action.key)!;
  });
}
