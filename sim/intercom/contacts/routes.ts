// Contact endpoints: create, read, update, delete, archive, merge, list and search.
import type { FastifyInstance } from 'fastify';
import { IntercomError, parameterNotFound, userNotFound } from '../errors.js';
import { newObjectId } from '../ids.js';
import { readString, requireObject } from '../input.js';
import { paginate, readPageRequest } from '../pagination.js';
import { workspaceOf } from '../server.js';
import { unixNow } from '../time.js';
import type { Workspace } from '../workspace.js';
import { applyContactInput, checkContact, readContactInput } from './fields.js';
import { contactJson, type ContactRecord } from './model.js';
import { compileSearchQuery } from './search.js';

type IdParams = { Params: { id: string } };

function liveContact(workspace: Workspace, id: string): ContactRecord {
  const contact = workspace.contacts.getLive(id);
  if (!contact) throw userNotFound();
  return contact;
}

function newContact(nowSeconds: number): ContactRecord {
  return {
    id: newObjectId(), role: 'user', externalId: null, email: null, phone: null, name: null, avatar: null,
    ownerId: null, unsubscribedFromEmails: false, signedUpAt: null, lastSeenAt: null, createdAt: nowSeconds,
    updatedAt: nowSeconds, customAttributes: {}, companyIds: [], archived: false,
  };
}

export function registerContactRoutes(app: FastifyInstance): void {
  app.post('/contacts', async (request) => {
    const workspace = workspaceOf(request);
    const input = readContactInput(request.body);
    if (input.role === undefined && input.email === undefined && input.externalId === undefined) {
      throw parameterNotFound('One of role, email or external_id is required');
    }
    const contact = applyContactInput(newContact(unixNow()), input, unixNow());
    checkContact(workspace, contact, input);
    workspace.contacts.save(contact, Date.now());
    return contactJson(contact, workspace.idCode);
  });

  app.get('/contacts', async (request) => {
    const workspace = workspaceOf(request);
    const query = request.query as Record<string, unknown>;
    const page = readPageRequest(query.per_page, query.starting_after);
    const live = [...workspace.contacts.all()].filter((c) => !c.archived);
    return paginate(live, page, (c) => contactJson(c, workspace.idCode));
  });

  app.get<IdParams>('/contacts/:id', async (request) => {
    const workspace = workspaceOf(request);
    return contactJson(liveContact(workspace, request.params.id), workspace.idCode);
  });

  app.put<IdParams>('/contacts/:id', async (request) => {
    const workspace = workspaceOf(request);
    const current = liveContact(workspace, request.params.id);
    const input = readContactInput(request.body);
    if (current.role === 'user' && input.role === 'lead') {
      throw new IntercomError(400, 'client_error', "Contact with user role can't be converted to a lead");
    }
    const updated = applyContactInput(current, input, unixNow());
    checkContact(workspace, updated, input);
    workspace.contacts.save(updated, Date.now());
    return contactJson(updated, workspace.idCode);
  });

  app.delete<IdParams>('/contacts/:id', async (request) => {
    const workspace = workspaceOf(request);
    const contact = workspace.contacts.get(request.params.id);
    if (!contact) throw userNotFound();
    for (const companyId of contact.companyIds) workspace.companies.get(companyId)?.contactIds.delete(contact.id);
    workspace.contacts.delete(contact.id, Date.now());
    return { id: contact.id, external_id: contact.externalId, type: 'contact', deleted: true };
  });

  for (const [action, archived] of [['archive', true], ['unarchive', false]] as const) {
    app.post<IdParams>(`/contacts/:id/${action}`, async (request) => {
      const workspace = workspaceOf(request);
      const contact = workspace.contacts.get(request.params.id);
      if (!contact) throw userNotFound();
      if (contact.archived !== archived) workspace.contacts.save({ ...contact, archived, updatedAt: unixNow() }, Date.now());
      return { id: contact.id, external_id: contact.externalId, type: 'contact', archived };
    });
  }

  app.post('/contacts/merge', async (request) => {
    const workspace = workspaceOf(request);
    const body = requireObject(request.body);
    const fromId = readString(body, 'from', { nullable: false });
    const intoId = readString(body, 'into', { nullable: false });
    if (fromId === undefined) throw parameterNotFound("'from' is required", 'from');
    if (intoId === undefined) throw parameterNotFound("'into' is required", 'into');
    const lead = liveContact(workspace, fromId);
    const user = liveContact(workspace, intoId);
    if (lead.role !== 'lead' || user.role !== 'user') {
      throw new IntercomError(400, 'invalid_merge', 'Only a lead can be merged, and only into a user');
    }
    const merged = mergeLeadIntoUser(lead, user, mergedEmail(workspace, lead, user), unixNow());
    for (const companyId of lead.companyIds) {
      const contactIds = workspace.companies.get(companyId)?.contactIds;
      contactIds?.delete(lead.id);
      contactIds?.add(user.id);
    }
    workspace.events.reassign(lead.id, user.id);
    workspace.contacts.delete(lead.id, Date.now());
    workspace.contacts.save(merged, Date.now());
    return contactJson(merged, workspace.idCode);
  });

  app.post('/contacts/search', async (request) => {
    const workspace = workspaceOf(request);
    const body = requireObject(request.body);
    if (!('query' in body)) throw parameterNotFound('query is required', 'query');
    const predicate = compileSearchQuery(body.query);
    const pagination = body.pagination === undefined || body.pagination === null ? {} : requireObject(body.pagination, 'pagination');
    const page = readPageRequest(pagination.per_page, pagination.starting_after);
    const matches = workspace.contacts.searchable(Date.now()).filter(predicate);
    return paginate(matches, page, (c) => contactJson(c, workspace.idCode));
  });
}

/** The lead's email for a user without one, unless another user holds it (users' emails stay unique). */
function mergedEmail(workspace: Workspace, lead: ContactRecord, user: ContactRecord): string | null {
  if (user.email !== null || lead.email === null) return user.email;
  const holder = workspace.contacts.findUserByEmail(lead.email);
  return holder && holder.id !== user.id ? null : lead.email;
}

/** The user keeps its own values; what it lacks comes from the lead (Intercom's merge keeps the user's data). */
function mergeLeadIntoUser(
  lead: ContactRecord, user: ContactRecord, email: string | null, nowSeconds: number,
): ContactRecord {
  return {
    ...user,
    email,
    phone: user.phone ?? lead.phone,
    name: user.name ?? lead.name,
    avatar: user.avatar ?? lead.avatar,
    ownerId: user.ownerId ?? lead.ownerId,
    signedUpAt: user.signedUpAt ?? lead.signedUpAt,
    lastSeenAt: Math.max(user.lastSeenAt ?? 0, lead.lastSeenAt ?? 0) || null,
    customAttributes: { ...lead.customAttributes, ...user.customAttributes },
    companyIds: [...new Set([...user.companyIds, ...lead.companyIds])],
    updatedAt: nowSeconds,
  };
}
