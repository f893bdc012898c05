// Mappings of a destination: list, add, read, replace, delete, enable/disable, reorder and validate (live at once).
import { FerryError } from '../../errors.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { MappingConfig } from '../../config/model.js';
import { MAX_MAPPINGS } from '../../subscriptions/compile.js';
import type { AdminDeps } from '../deps.js';
import { definitionOf } from '../destination-types.js';
import {
  checkMapping, checkNewName, createEditQueue, findDestination, indexOfMapping, mappingsOf, refuseDuplicateName, refuseUnknownKeys,
  saveMappings,
} from './mapping-edits.js';
import {
  DestinationParams, Mapping, MappingList, MappingParams, MappingSpecBody, MappingUpdateBody, OrderBody, errors,
  type MappingBody,
} from './mapping-schemas.js';

const tags = ['mappings'];
const specKeys = Object.keys(MappingSpecBody.properties);

/** The stored form of a body: `enabled` defaults to true, absent trigger/mapping mean the action's defaults. */
function configOf(body: MappingBody): MappingConfig {
  return {
    name: body.name,
    action: body.action,
    ...(body.trigger === undefined ? {} : { trigger: body.trigger }),
    ...(body.mapping === undefined ? {} : { mapping: body.mapping }),
    enabled: body.enabled ?? true,
  };
}

export function registerMappingRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();
  const edit = createEditQueue();
  const base = '/destinations/:id/mappings';

  app.get(base, {
    schema: {
      tags, summary: "A destination's mappings, in order (the presets when it stores none)",
      params: DestinationParams, response: { 200: MappingList, ...errors(401, 404) },
    },
  }, async (request) => mappingsOf(deps, await findDestination(deps, request.params.id)));

  app.post(base, {
    schema: {
      tags, summary: 'Add a mapping (a destination on presets keeps them: they are stored first)',
      params: DestinationParams, body: MappingSpecBody, response: { 201: Mapping, ...errors(400, 401, 404, 409) },
    },
    preValidation: refuseUnknownKeys(specKeys),
  }, async (request, reply) => edit(async () => {
    const destination = await findDestination(deps, request.params.id);
    const list = mappingsOf(deps, destination);
    const spec = configOf(request.body);
    checkNewName(spec.name);
    checkMapping(spec, definitionOf(deps, destination));
    refuseDuplicateName(list, spec.name, destination.id);
    if (list.mappings.length >= MAX_MAPPINGS) {
      throw new FerryError(
        'FERRY_ERR_MAPPING_LIMIT',
        `destination '${destination.id}' already has ${MAX_MAPPINGS} mappings, the most a destination holds; delete one first`,
      );
    }
    await saveMappings(deps, destination, [...list.mappings, spec]);
    return reply.status(201).send(spec);
  }));

  // Static before parametric: these two paths are not mapping names (checkNewName reserves them).
  app.put(`${base}/order`, {
    schema: {
      tags, summary: 'Reorder the mappings: `names` lists every mapping once',
      params: DestinationParams, body: OrderBody, response: { 200: MappingList, ...errors(400, 401, 404) },
    },
    preValidation: refuseUnknownKeys(['names']),
  }, async (request) => edit(async () => {
    const destination = await findDestination(deps, request.params.id);
    const list = mappingsOf(deps, destination);
    const { names } = request.body;
    const current = list.mappings.map((m) => m.name);
    const missing = current.filter((name) => !names.includes(name));
    const unknown = names.filter((name) => !current.includes(name));
    const repeated = names.filter((name, i) => names.indexOf(name) !== i);
    if (missing.length + unknown.length + repeated.length > 0) {
      const problems = [
        ...(missing.length ? [`missing: ${quote(missing)}`] : []),
        ...(unknown.length ? [`unknown: ${quote(unknown)}`] : []),
        ...(repeated.length ? [`repeated: ${quote(repeated)}`] : []),
      ];
      const message = `names must list each of the destination's ${current.length} mappings exactly once (${problems.join('; ')})`;
      throw new FerryError('FERRY_ERR_REQUEST_INVALID', message, { path: 'names' });
    }
    const mappings = names.map((name) => list.mappings.find((m) => m.name === name)!);
    await saveMappings(deps, destination, mappings);
    return { presets: false, mappings };
  }));

  app.post(`${base}/validate`, {
    schema: {
      tags, summary: 'Check a mapping without saving it (action, trigger FQL, mapping directives)',
      params: DestinationParams, body: MappingSpecBody,
      response: { 200: Type.Object({ valid: Type.Literal(true) }), ...errors(400, 401, 404) },
    },
    preValidation: refuseUnknownKeys(specKeys),
  }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    checkNewName(request.body.name);
    checkMapping(configOf(request.body), definitionOf(deps, destination));
    return { valid: true as const };
  });

  const one = `${base}/:name`;
  app.get(one, {
    schema: { tags, summary: 'One mapping', params: MappingParams, response: { 200: Mapping, ...errors(401, 404) } },
  }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    const list = mappingsOf(deps, destination);
    return list.mappings[indexOfMapping(destination, list, request.params.name)]!;
  });

  app.put(one, {
    schema: {
      tags, summary: 'Replace a mapping (rename with `name`; `enabled` left out keeps its state)',
      params: MappingParams, body: MappingUpdateBody, response: { 200: Mapping, ...errors(400, 401, 404, 409) },
    },
    preValidation: refuseUnknownKeys(specKeys),
  }, async (request) => edit(async () => {
    const destination = await findDestination(deps, request.params.id);
    const list = mappingsOf(deps, destination);
    const index = indexOfMapping(destination, list, request.params.name);
    const current = list.mappings[index]!;
    const spec = configOf({ ...request.body, name: request.body.name ?? current.name, enabled: request.body.enabled ?? current.enabled });
    if (spec.name !== current.name) checkNewName(spec.name);
    checkMapping(spec, definitionOf(deps, destination));
    if (spec.name !== current.name) refuseDuplicateName(list, spec.name, destination.id);
    list.mappings[index] = spec;
    await saveMappings(deps, destination, list.mappings);
    return spec;
  }));

  app.delete(one, {
    schema: {
      tags, summary: 'Delete a mapping (deleting the last one leaves the destination with none, not the presets)',
      params: MappingParams, response: { 204: Type.Null(), ...errors(401, 404) },
    },
  }, async (request, reply) => edit(async () => {
    const destination = await findDestination(deps, request.params.id);
    const list = mappingsOf(deps, destination);
    const index = indexOfMapping(destination, list, request.params.name);
    await saveMappings(deps, destination, list.mappings.filter((_, i) => i !== index));
    return reply.status(204).send(null);
  }));

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(`${one}/${verb}`, {
      schema: {
        tags, summary: enabled ? 'Enable a mapping' : 'Disable a mapping (its events are no longer delivered)',
        params: MappingParams, response: { 200: Mapping, ...errors(401, 404) },
      },
    }, async (request) => edit(async () => {
      const destination = await findDestination(deps, request.params.id);
      const list = mappingsOf(deps, destination);
      const mapping = list.mappings[indexOfMapping(destination, list, request.params.name)]!;
      if (mapping.enabled === enabled) return mapping;
      mapping.enabled = enabled;
      await saveMappings(deps, destination, list.mappings);
      return mapping;
    }));
  }
}

const quote = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
