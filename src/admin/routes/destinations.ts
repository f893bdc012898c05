// Destinations: list, create, read, update settings, delete, enable/disable, test the connection; the config export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { DestinationConfig } from '../../config/model.js';
import type { StoredDestination } from '../../store/types.js';
import { exportConfig } from '../config-export.js';
import type { AdminDeps } from '../deps.js';
import { conflict, notFound } from '../errors.js';
import { refuseIfManaged, refuseManagedChange } from '../config-managed.js';
import { checkDestinationUpdate, checkNewDestination, forceOf } from './control-bodies.js';
import {
  checkedByConfigRules, ConnectionAnswer, errors, ForceQuery, IdParams,
} from './control-schemas.js';
import { destinationSchemas } from './destination-schemas.js';
import { publicDestination } from './redact.js';
import { definitionOf, deliverySettings } from '../destination-types.js';

const tags = ['destinations'];
type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export function registerDestinationRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const { Destination, DestinationList, DestinationUpdateBody, NewDestinationBody } = destinationSchemas(deps.registry);
  const find = async (id: string): Promise<StoredDestination> => {
    const destination = (await deps.store.listDestinations()).find((d) => d.id === id);
    if (!destination) throw notFound('destination', id);
    return destination;
  };
  /** Stores the destination, makes it live, and answers it as stored now (the pause may have been cleared). */
  const save = async (destination: DestinationConfig) => {
    await deps.store.upsertDestination(destination);
    await deps.onConfigChanged();
    return publicDestination(deps.registry, await find(destination.id), deps.configManaged);
  };
  const withoutPause = ({ pausedReason: _paused, ...config }: StoredDestination): DestinationConfig => config;
  const sourceIds = async () => (await deps.store.listSources()).map((s) => s.id);
  const route = { validatorCompiler: checkedByConfigRules };
  const one = (summary: string, extra: object = {}) => ({
    ...route,
    schema: { tags, summary, params: IdParams, response: { 200: Destination, ...errors(401, 404) }, ...extra },
  });

  api.get('/destinations', {
    ...route,
    schema: { tags, summary: 'Every destination (access tokens shown as "****" and their last 4 characters)', response: { 200: DestinationList, ...errors(401) } },
  }, async () => (await deps.store.listDestinations()).map((d) => publicDestination(deps.registry, d, deps.configManaged)));

  api.post('/destinations', {
    ...route,
    schema: {
      tags, summary: 'Create a destination (as the config file writes one; type and settings may be left out)',
      body: NewDestinationBody, response: { 201: Destination, ...errors(400, 401, 409) },
    },
  }, async (request, reply: FastifyReply) => {
    const destination = checkNewDestination(request.body, deps.endpointPolicy, deps.registry, await sourceIds());
    if ((await deps.store.listDestinations()).some((d) => d.id === destination.id)) {
      throw conflict(`destination '${destination.id}' already exists`, 'id');
    }
    return reply.status(201).send(await save(destination));
  });

  api.get('/destinations/:id', one('One destination'), async (request: IdRequest) => publicDestination(deps.registry, await find(request.params.id), deps.configManaged));

  api.put('/destinations/:id', one(
    'Change name, enabled or settings (left out: kept). A settings object without accessToken keeps the stored token, unless it changes the endpoint',
    { body: DestinationUpdateBody, response: { 200: Destination, ...errors(400, 401, 404, 409) } },
  ), async (request: IdRequest) => {
    const stored = await find(request.params.id);
    const updated = checkDestinationUpdate(request.body, stored, deps.endpointPolicy, deps.registry, await sourceIds());
    refuseManagedChange(deps.configManaged, withoutPause(stored), updated, deps.registry.get(stored.type));
    return save(updated);
  });

  api.delete('/destinations/:id', {
    ...route,
    schema: {
      tags, params: IdParams, querystring: ForceQuery, response: { 204: { type: 'null', description: 'deleted' }, ...errors(400, 401, 404, 409) },
      summary: 'Delete a destination with its mappings and delivery history; refused (409) while it has unfinished deliveries, unless force=true, or when the config file lists it',
    },
  }, async (request: IdRequest, reply: FastifyReply) => {
    const force = forceOf(request.query);
    refuseIfManaged(deps.configManaged, 'destination', request.params.id);
    if (!(await deps.store.deleteDestination(request.params.id, { force }))) throw notFound('destination', request.params.id);
    await deps.onConfigChanged();
    return reply.status(204).send();
  });

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    api.post(`/destinations/:id/${action}`, one(enabled ? 'Deliver again' : 'Stop routing events to it (queued deliveries wait)', {
      response: { 200: Destination, ...errors(401, 404, 409) },
    }), async (request: IdRequest) => {
      refuseIfManaged(deps.configManaged, 'destination', request.params.id, 'whether it is enabled');
      return save({ ...withoutPause(await find(request.params.id)), enabled });
    });
  }

  api.post('/destinations/:id/test-connection', {
    ...route,
    schema: {
      tags, params: IdParams, response: { 200: ConnectionAnswer, ...errors(401, 404) },
      summary: "GET /me with the stored credentials: the workspace's name, id_code and region, or why it failed",
    },
  }, async (request: IdRequest) => {
    const destination = await find(request.params.id);
    return definitionOf(deps, destination).testConnection(deliverySettings(deps, destination), { endpointPolicy: deps.endpointPolicy });
  });

  api.get('/config/export', {
    ...route,
    schema: {
      tags: ['config'],
      summary: 'The configuration as a config file (YAML); secrets are ${ENV} placeholders, named in its header',
      response: { 200: { description: 'ferry.config.yaml', content: { 'application/yaml': { schema: Type.String() } } }, ...errors(401) },
    },
  }, async (_request, reply: FastifyReply) => {
    const exported = exportConfig(await deps.store.listSources(), (await deps.store.listDestinations()).map(withoutPause), deps.registry);
    return reply
      .type('application/yaml; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ferry.config.yaml"')
      .send(exported.text);
  });
}
