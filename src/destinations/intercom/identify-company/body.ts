// Identify Company payload -> the body of Intercom's company upsert (company fields only, R8) (pure).
import type { Static, TObject } from '@sinclair/typebox';
import { withoutUndefined } from '../../kit/objects.js';
import { toUnixSeconds } from '../../kit/time.js';
import { attributesForBody } from '../custom-attributes.js';
import type { identifyCompanyFields } from './fields.js';

export type IdentifyCompanyPayload = Static<TObject<typeof identifyCompanyFields>>;

export interface CompanyBody {
  company_id: string;
  name?: string;
  remote_created_at?: number;
  monthly_spend?: number;
  plan?: string;
  size?: number;
  website?: string;
  industry?: string;
  custom_attributes?: Record<string, string | number | boolean | null>;
  [key: string]: unknown;
}

export function companyBody(payload: IdentifyCompanyPayload): { body: CompanyBody; warnings: string[] } {
  const warnings: string[] = [];
  const body: CompanyBody = {
    company_id: payload.company_id,
    name: payload.name,
    remote_created_at:
      payload.remote_created_at === undefined
        ? undefined
        : toUnixSeconds(payload.remote_created_at, 'remote_created_at', 'identifyCompany'),
    // Intercom keeps whole units and truncates; sending the integer keeps what is stored and what was sent equal.
    monthly_spend: payload.monthly_spend === undefined ? undefined : Math.trunc(payload.monthly_spend),
    plan: payload.plan,
    size: payload.size === undefined ? undefined : Math.trunc(payload.size),
    website: payload.website,
    industry: payload.industry,
  };
  const { attributes, warning } = attributesForBody(payload.custom_attributes);
  if (attributes) body.custom_attributes = attributes;
  if (warning) warnings.push(warning);
  return { body: withoutUndefined(body), warnings };
}
