// Data attributes: list them, and define the custom attributes contacts and companies may carry.
import type { FastifyInstance } from 'fastify';
import { IntercomError, parameterInvalid } from '../errors.js';
import { readBoolean, readString, requireObject, type Body } from '../input.js';
import { workspaceOf } from '../server.js';
import { unixNow } from '../time.js';
import type { Workspace } from '../workspace.js';
import { DATA_TYPES, customAttributeJson, type AttributeModel, type DataType, type NewAttribute } from './store.js';

function readOptions(body: Body): string[] | null | undefined {
  if (body.options === undefined || body.options === null) return body.options as null | undefined;
  if (!Array.isArray(body.options)) throw parameterInvalid("Options isn't an array");
  return body.options.map((o: unknown) => (typeof o === 'object' && o !== null ? String((o as Body).value) : String(o)));
}

/** Reads a POST /data_attributes body (also used by POST /_sim/data-attributes). */
export function readNewAttribute(raw: unknown): NewAttribute {
  const body: Body = requireObject(raw);
  const model = body.model;
  // Intercom's documented refusals here carry no `field`.
  if (model !== 'contact' && model !== 'company') {
    throw parameterInvalid('The Data Attribute model field must be either contact or company');
  }
  const name = readString(body, 'name', { nullable: false, maxLength: 190 });
  if (name === undefined || name.trim() === '') throw parameterInvalid('name is required', 'name');
  if (!DATA_TYPES.includes(body.data_type as DataType)) throw parameterInvalid("Data Type isn't an option");
  const options = readOptions(body) ?? null;
  return {
    model: model as AttributeModel,
    name,
    dataType: body.data_type as DataType,
    description: readString(body, 'description') ?? null,
    options,
    messengerWritable: readBoolean(body, 'messenger_writable') ?? false,
  };
}

export function createAttribute(workspace: Workspace, raw: unknown) {
  return customAttributeJson(workspace.attributes.create(readNewAttribute(raw), unixNow()));
}

export function registerDataAttributeRoutes(app: FastifyInstance): void {
  app.get('/data_attributes', async (request) => {
    const workspace = workspaceOf(request);
    const query = request.query as Record<string, unknown>;
    const model = query.model;
    if (model !== undefined && model !== 'contact' && model !== 'company' && model !== 'conversation') {
      throw parameterInvalid('model must be one of contact, company or conversation', 'model');
    }
    const includeArchived = query.include_archived === 'true';
    const data = model === 'conversation' ? [] : workspace.attributes.list(model as AttributeModel | undefined, includeArchived);
    return { type: 'list', data };
  });

  app.post('/data_attributes', async (request) => createAttribute(workspaceOf(request), request.body));

  app.put('/data_attributes/:id', async (request) => {
    const body = requireObject(request.body);
    const id = Number((request.params as { id: string }).id);
    const options = readOptions(body);
    const description = readString(body, 'description');
    const archived = readBoolean(body, 'archived') ?? undefined;
    const messengerWritable = readBoolean(body, 'messenger_writable') ?? undefined;
    const change = {
      ...(archived === undefined ? {} : { archived }),
      ...(description === undefined ? {} : { description }),
      ...(options === undefined ? {} : { options }),
      ...(messengerWritable === undefined ? {} : { messengerWritable }),
    };
    const attribute = Number.isSafeInteger(id) ? workspaceOf(request).attributes.update(id, change, unixNow()) : undefined;
    if (!attribute) throw new IntercomError(404, 'field_not_found', "We couldn't find that data attribute to update");
    return customAttributeJson(attribute);
  });
}
