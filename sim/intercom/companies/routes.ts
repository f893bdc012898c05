// Company endpoints: upsert by company_id, lookups, and attaching companies to contacts.
import type { FastifyInstance } from 'fastify';
import { IntercomError, companyNotFound, parameterInvalid, parameterNotFound, userNotFound } from '../errors.js';
import { newObjectId } from '../ids.js';
import {
  readCustomAttributes, readInteger, readString, readTimestamp, rejectUnknown, requireObject, type Body,
} from '../input.js';
import { paginate, readPageRequest } from '../pagination.js';
import { workspaceOf } from '../server.js';
import { unixNow } from '../time.js';
import { checkAttributesExist } from '../data-attributes/check.js';
import type { Workspace } from '../workspace.js';
import { companyJson, type CompanyRecord } from './model.js';

const COMPANY_FIELDS = new Set([
  'company_id', 'name', 'plan', 'size', 'website', 'industry', 'custom_attributes', 'remote_created_at', 'monthly_spend',
]);
const MAX_INT = 2 ** 31 - 1;
// Intercom refuses a contact's 1,001st company.
export const MAX_COMPANIES_PER_CONTACT = 1000;

function findCompany(workspace: Workspace, id: string): CompanyRecord {
  const company = workspace.companies.get(id);
  if (!company) throw companyNotFound();
  return company;
}

function upsertCompany(workspace: Workspace, raw: unknown): CompanyRecord {
  const body: Body = requireObject(raw);
  rejectUnknown(body, COMPANY_FIELDS);
  const companyId = readString(body, 'company_id', { nullable: false, maxLength: 255 });
  if (companyId === undefined || companyId === '') throw parameterNotFound('company_id not specified', 'company_id');
  const plan = readString(body, 'plan');
  const customAttributes = readCustomAttributes(body);
  if (customAttributes) checkAttributesExist(workspace, 'company', customAttributes);
  const fields = {
    name: readString(body, 'name', { maxLength: 255 }),
    size: readInteger(body, 'size', { min: 0, max: MAX_INT }),
    website: readString(body, 'website', { maxLength: 255 }),
    industry: readString(body, 'industry', { maxLength: 255 }),
    remoteCreatedAt: readTimestamp(body, 'remote_created_at'),
    monthlySpend: readInteger(body, 'monthly_spend', { truncate: true, min: 0, max: MAX_INT }),
  };
  const now = unixNow();
  const current = workspace.companies.findByCompanyId(companyId) ?? {
    id: newObjectId(), companyId, name: null, plan: null, size: null, website: null, industry: null, monthlySpend: 0,
    remoteCreatedAt: null, createdAt: now, updatedAt: now, customAttributes: {}, contactIds: new Set<string>(),
  };
  const pick = <T>(value: T | undefined, previous: T) => (value === undefined ? previous : value);
  const company: CompanyRecord = {
    ...current,
    name: pick(fields.name, current.name),
    size: pick(fields.size, current.size),
    website: pick(fields.website, current.website),
    industry: pick(fields.industry, current.industry),
    remoteCreatedAt: pick(fields.remoteCreatedAt, current.remoteCreatedAt),
    monthlySpend: fields.monthlySpend ?? current.monthlySpend,
    plan: plan === undefined ? current.plan : plan === null || plan === '' ? null : workspace.companies.planFor(plan),
    customAttributes: { ...current.customAttributes, ...customAttributes },
    updatedAt: now,
  };
  workspace.companies.save(company);
  return company;
}

export function registerCompanyRoutes(app: FastifyInstance): void {
  app.post('/companies', async (request) => {
    const workspace = workspaceOf(request);
    return companyJson(upsertCompany(workspace, request.body), workspace.idCode);
  });

  app.get('/companies', async (request) => {
    const workspace = workspaceOf(request);
    const query = request.query as Record<string, unknown>;
    if (typeof query.company_id === 'string' || typeof query.name === 'string') {
      const company =
        typeof query.company_id === 'string'
          ? workspace.companies.findByCompanyId(query.company_id)
          : workspace.companies.findByName(String(query.name));
      if (!company) throw companyNotFound();
      return companyJson(company, workspace.idCode);
    }
    const page = readPageRequest(query.per_page, query.starting_after);
    return paginate([...workspace.companies.all()], page, (c) => companyJson(c, workspace.idCode));
  });

  app.get<{ Params: { id: string } }>('/companies/:id', async (request) => {
    const workspace = workspaceOf(request);
    return companyJson(findCompany(workspace, request.params.id), workspace.idCode);
  });

  app.post<{ Params: { id: string } }>('/contacts/:id/companies', async (request) => {
    const workspace = workspaceOf(request);
    const contact = workspace.contacts.getLive(request.params.id);
    if (!contact) throw userNotFound();
    const body = request.body === undefined ? {} : requireObject(request.body);
    const companyRef = body.id;
    // Intercom's documented answer carries no `field`.
    if (companyRef === undefined || companyRef === null || companyRef === '') throw parameterNotFound('company not specified');
    if (typeof companyRef !== 'string') throw parameterInvalid('id must be a string', 'id');
    const company = findCompany(workspace, companyRef);
    if (!contact.companyIds.includes(company.id)) {
      if (contact.companyIds.length >= MAX_COMPANIES_PER_CONTACT) {
        throw new IntercomError(
          400, 'contact_company_limit_exceeded',
          `Contact has reached the maximum of ${MAX_COMPANIES_PER_CONTACT} company associations`,
        );
      }
      workspace.contacts.save({ ...contact, companyIds: [...contact.companyIds, company.id] }, Date.now());
      company.contactIds.add(contact.id);
    }
    return companyJson(company, workspace.idCode);
  });

  app.delete<{ Params: { id: string; companyId: string } }>('/contacts/:id/companies/:companyId', async (request) => {
    const workspace = workspaceOf(request);
    const contact = workspace.contacts.getLive(request.params.id);
    if (!contact) throw userNotFound();
    const company = findCompany(workspace, request.params.companyId);
    if (!contact.companyIds.includes(company.id)) throw companyNotFound();
    workspace.contacts.save({ ...contact, companyIds: contact.companyIds.filter((id) => id !== company.id) }, Date.now());
    company.contactIds.delete(contact.id);
    return companyJson(company, workspace.idCode);
  });

  app.get<{ Params: { id: string } }>('/contacts/:id/companies', async (request) => {
    const workspace = workspaceOf(request);
    const contact = workspace.contacts.getLive(request.params.id);
    if (!contact) throw userNotFound();
    const companies = contact.companyIds.map((id) => workspace.companies.get(id)).filter((c) => c !== undefined);
    return {
      type: 'list',
      data: companies.map((c) => companyJson(c, workspace.idCode)),
      pages: { type: 'pages', next: null, page: 1, per_page: 50, total_pages: companies.length === 0 ? 0 : 1 },
      total_count: companies.length,
    };
  });
}
