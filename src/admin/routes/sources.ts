// Sources: list, create, read, rename, delete, and write-key rotation (the old key stops working at once).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SourceConfig } from '../../config/model.js';
import type { AdminDeps } from '../deps.js';
import { conflict, notFound } from '../errors.js';
import { checkNewSource, checkSourceUpdate, forceOf, newWriteKey } from './control-bodies.js';
import {
  checkedByConfigRules, errors, ForceQuery, IdParams, NewSourceBody, Source, SourceList, SourceUpdateBody,
} from './control-schemas.js';
import { publicSource } from './redact.js';
import { refuseIfManaged } from '../config-managed.js';

const tags = ['sources'];
type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export function registerSourceRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const find = async (id: string): Promise<SourceConfig> => {
    const source = (await deps.store.listSources()).find((s) => s.id === id);
    if (!source) throw notFound('source', id);
    return source;
  };
  /** Stores the source and makes the change live. */
  const save = async (source: SourceConfig) => {
    await deps.store.upsertSource(source);
    await deps.onConfigChanged();
  };
  const route = { validatorCompiler: checkedByConfigRules };

  api.get('/sources', {
    ...route,
    schema: { tags, summary: 'Every source with its write key', response: { 200: SourceList, ...errors(401) } },
  }, async () => (await deps.store.listSources()).map((s) => publicSource(s, deps.configManaged)));

  api.post('/sources', {
    ...route,
    schema: {
      tags, summary: 'Create a source; its write key is generated (unless given) and shown in full in this answer only',
      body: NewSourceBody, response: { 201: Source, ...errors(400, 401, 409) },
    },
  }, async (request, reply: FastifyReply) => {
    const source = checkNewSource(request.body);
    if ((await deps.store.listSources()).some((s) => s.id === source.id)) {
      throw conflict(`source '${source.id}' already exists`, 'id');
    }
    await save(source);
    return reply.status(201).send(publicSource(source, deps.configManaged));
  });

  api.get('/sources/:id', {
    ...route,
    schema: { tags, summary: 'One source', params: IdParams, response: { 200: Source, ...errors(401, 404) } },
  }, async (request: IdRequest) => publicSource(await find(request.params.id), deps.configManaged));

  api.put('/sources/:id', {
    ...route,
    schema: {
      tags, summary: "Change a source's name (absent: none) or set its write key", params: IdParams,
      body: SourceUpdateBody, response: { 200: Source, ...errors(400, 401, 404, 409) },
    },
  }, async (request: IdRequest) => {
    refuseIfManaged(deps.configManaged, 'source', request.params.id);
    const source = checkSourceUpdate(request.body, await find(request.params.id));
    await save(source);
    return publicSource(source, deps.configManaged);
  });

  api.delete('/sources/:id', {
    ...route,
    schema: {
      tags, params: IdParams, querystring: ForceQuery, response: { 204: { type: 'null', description: 'deleted' }, ...errors(400, 401, 404, 409) },
      summary: 'Delete a source with its events and their delivery history; refused (409) while deliveries of its events are unfinished, unless force=true',
    },
  }, async (request: IdRequest, reply: FastifyReply) => {
    const force = forceOf(request.query);
    refuseIfManaged(deps.configManaged, 'source', request.params.id);
    if (!(await deps.store.deleteSource(request.params.id, { force }))) throw notFound('source', request.params.id);
    await deps.onConfigChanged();
    return reply.status(204).send();
  });

  api.post('/sources/:id/rotate-write-key', {
    ...route,
    schema: {
      tags, params: IdParams, response: { 200: Source, ...errors(401, 404, 409) },
      summary: 'Replace the write key: the new one is in this answer only, the old one is refused from now on',
    },
  }, async (request: IdRequest) => {
    refuseIfManaged(deps.configManaged, 'source', request.params.id, 'its write key');
    const source = { ...(await find(request.params.id)), writeKey: newWriteKey() };
    await save(source);
    return publicSource(source, deps.configManaged);
  });
}
