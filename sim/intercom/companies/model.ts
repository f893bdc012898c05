// The simulator's company record, its Intercom 2.11 JSON shape, and the workspace's company index.
import type { Scalar } from '../contacts/model.js';

export interface CompanyRecord {
  id: string;
  companyId: string;
  name: string | null;
  plan: { id: string; name: string } | null;
  size: number | null;
  website: string | null;
  industry: string | null;
  monthlySpend: number;
  remoteCreatedAt: number | null;
  createdAt: number;
  updatedAt: number;
  customAttributes: Record<string, Scalar>;
  /** Intercom ids of the contacts attached to it (user_count). */
  contactIds: Set<string>;
}

export function companyJson(company: CompanyRecord, appId: string) {
  return {
    type: 'company',
    company_id: company.companyId,
    id: company.id,
    app_id: appId,
    name: company.name,
    remote_created_at: company.remoteCreatedAt,
    created_at: company.createdAt,
    updated_at: company.updatedAt,
    last_request_at: null,
    monthly_spend: company.monthlySpend,
    session_count: 0,
    user_count: company.contactIds.size,
    ...(company.size === null ? {} : { size: company.size }),
    ...(company.website === null ? {} : { website: company.website }),
    ...(company.industry === null ? {} : { industry: company.industry }),
    tags: { type: 'tag.list', tags: [] },
    segments: { type: 'segment.list', segments: [] },
    plan: company.plan === null ? {} : { type: 'plan', id: company.plan.id, name: company.plan.name },
    custom_attributes: { ...company.customAttributes },
  };
}

export class CompanyStore {
  private readonly byId = new Map<string, CompanyRecord>();
  private readonly idByCompanyId = new Map<string, string>();
  private readonly planIds = new Map<string, string>();

  get(id: string): CompanyRecord | undefined {
    return this.byId.get(id);
  }

  findByCompanyId(companyId: string): CompanyRecord | undefined {
    const id = this.idByCompanyId.get(companyId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  findByName(name: string): CompanyRecord | undefined {
    for (const company of this.byId.values()) if (company.name === name) return company;
    return undefined;
  }

  save(company: CompanyRecord): void {
    this.byId.set(company.id, company);
    this.idByCompanyId.set(company.companyId, company.id);
  }

  /** Plans are their own objects in Intercom: one id per plan name. */
  planFor(name: string): { id: string; name: string } {
    let id = this.planIds.get(name);
    if (id === undefined) {
      id = String(this.planIds.size + 1);
      this.planIds.set(name, id);
    }
    return { id, name };
  }

  all(): IterableIterator<CompanyRecord> {
    return this.byId.values();
  }

  clear(): void {
    this.byId.clear();
    this.idByCompanyId.clear();
    this.planIds.clear();
  }
}
