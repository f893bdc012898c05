// Data events: POST /events answers 202 with an empty body; the person must already exist.
import type { FastifyInstance } from 'fastify';
import { parameterInvalid, parameterNotFound, userNotFound } from '../errors.js';
import { readString, readTimestamp, rejectUnknown, requireObject, type Body } from '../input.js';
import { workspaceOf } from '../server.js';
import type { ContactRecord } from '../contacts/model.js';
import type { Workspace } from '../workspace.js';
import type { MetadataValue } from './store.js';

const EVENT_FIELDS = new Set(['event_name', 'created_at', 'user_id', 'email', 'id', 'metadata']);
// Intercom keeps the first 10 metadata keys of an event and ignores the rest.
export const MAX_METADATA_KEYS = 10;
const FORBIDDEN_NAME_CHARACTERS = /[.$]/;

function resolvePerson(workspace: Workspace, body: Body): ContactRecord {
  const id = readString(body, 'id', { nullable: false });
  const userId = readString(body, 'user_id', { nullable: false });
  const email = readString(body, 'email', { nullable: false });
  if (id === undefined && userId === undefined && email === undefined) {
    throw parameterNotFound('One of id, user_id or email is required');
  }
  // Only `id` reaches a lead; user_id and email find users only.
  let contact: ContactRecord | undefined;
  if (id !== undefined) contact = workspace.contacts.getLive(id);
  else if (userId !== undefined) contact = workspace.contacts.findByExternalId(userId);
  else if (email !== undefined) contact = workspace.contacts.findUserByEmail(email);
  if (!contact || contact.archived || (id === undefined && contact.role !== 'user')) throw userNotFound();
  return contact;
}

function readMetadata(body: Body): Record<string, MetadataValue> {
  if (body.metadata === undefined || body.metadata === null) return {};
  const metadata = requireObject(body.metadata, 'metadata');
  const entries = Object.entries(metadata);
  for (const [key, value] of entries) {
    const where = `metadata.${key}`;
    if (FORBIDDEN_NAME_CHARACTERS.test(key)) throw parameterInvalid(`Metadata key '${key}' must not contain '.' or '$'`, where);
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) continue;
    if (!isRichLink(value) && !isMoney(value)) {
      throw parameterInvalid(
        `Metadata '${key}' must be a string, number, date, link, rich link {url, value} or money {amount, currency}`,
        where,
      );
    }
  }
  return Object.fromEntries(entries.slice(0, MAX_METADATA_KEYS)) as Record<string, MetadataValue>;
}

function isRichLink(value: unknown): boolean {
  const v = value as Record<string, unknown>;
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(v).length === 2 &&
    typeof v.url === 'string' && typeof v.value === 'string';
}

function isMoney(value: unknown): boolean {
  const v = value as Record<string, unknown>;
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(v).length === 2 &&
    Number.isInteger(v.amount) && typeof v.currency === 'string';
}

export function registerEventRoutes(app: FastifyInstance): void {
  app.post('/events', async (request, reply) => {
    const workspace = workspaceOf(request);
    const body = requireObject(request.body);
    rejectUnknown(body, EVENT_FIELDS);
    const eventName = readString(body, 'event_name', { nullable: false, maxLength: 255 });
    if (eventName === undefined || eventName === '') throw parameterNotFound('event_name is required', 'event_name');
    if (FORBIDDEN_NAME_CHARACTERS.test(eventName)) {
      throw parameterInvalid("event_name must not contain '.' or '$'", 'event_name');
    }
    const createdAt = readTimestamp(body, 'created_at');
    if (createdAt === undefined || createdAt === null) throw parameterNotFound('created_at is required', 'created_at');
    const metadata = readMetadata(body);
    const contact = resolvePerson(workspace, body);
    workspace.events.add({ contactId: contact.id, eventName, createdAt, metadata });
    return reply.status(202).send();
  });
}
