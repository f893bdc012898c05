// The simulator's contact record and its Intercom 2.11 JSON shape.

export type Role = 'user' | 'lead';
export type Scalar = string | number | boolean | null;

export interface ContactRecord {
  id: string;
  role: Role;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  avatar: string | null;
  ownerId: number | null;
  unsubscribedFromEmails: boolean;
  signedUpAt: number | null;
  lastSeenAt: number | null;
  createdAt: number;
  updatedAt: number;
  customAttributes: Record<string, Scalar>;
  /** Intercom ids of attached companies, in attach order. */
  companyIds: string[];
  archived: boolean;
}

/** A copy that shares nothing mutable with the original (the search index keeps such snapshots). */
export function copyContact(contact: ContactRecord): ContactRecord {
  return { ...contact, customAttributes: { ...contact.customAttributes }, companyIds: [...contact.companyIds] };
}

const emptyList = (url: string) => ({ type: 'list', data: [], url, total_count: 0, has_more: false });

// Intercom shows at most 10 attached companies inline; the rest are behind the url.
const INLINE_COMPANIES = 10;

export function contactJson(contact: ContactRecord, workspaceId: string) {
  const id = contact.id;
  return {
    type: 'contact',
    id,
    workspace_id: workspaceId,
    external_id: contact.externalId,
    role: contact.role,
    email: contact.email,
    phone: contact.phone,
    name: contact.name,
    avatar: contact.avatar === null ? null : { type: 'avatar', image_url: contact.avatar },
    owner_id: contact.ownerId,
    social_profiles: { type: 'list', data: [] },
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: contact.unsubscribedFromEmails,
    created_at: contact.createdAt,
    updated_at: contact.updatedAt,
    signed_up_at: contact.signedUpAt,
    last_seen_at: contact.lastSeenAt,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: { type: 'location', country: null, region: null, city: null, country_code: null, continent_code: null },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: { ...contact.customAttributes },
    tags: emptyList(`/contacts/${id}/tags`),
    notes: emptyList(`/contacts/${id}/notes`),
    companies: {
      type: 'list',
      data: contact.companyIds
        .slice(0, INLINE_COMPANIES)
        .map((companyId) => ({ id: companyId, type: 'company', url: `/companies/${companyId}` })),
      url: `/contacts/${id}/companies`,
      total_count: contact.companyIds.length,
      has_more: contact.companyIds.length > INLINE_COMPANIES,
    },
    opted_out_subscription_types: emptyList(`/contacts/${id}/subscriptions`),
    opted_in_subscription_types: emptyList(`/contacts/${id}/subscriptions`),
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
  };
}
