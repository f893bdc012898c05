// Helpers for the contact endpoint tests: create contacts, define attributes, and the exact bodies Intercom answers.
import { expect } from 'vitest';
import { expectedError, type useSimulator } from './harness.js';

type Sim = ReturnType<typeof useSimulator>;

export function contactHelpers(sim: Sim) {
  /** POST /contacts that must succeed; returns the contact JSON. */
  async function createContact(body: Record<string, unknown>): Promise<any> {
    const res = await sim.api('POST', '/contacts', body);
    expect(res.status, res.text).toBe(200);
    return res.body;
  }

  let emailSeq = 0;
  const createUser = (fields: Record<string, unknown> = {}) =>
    createContact({ email: `user${++emailSeq}@example.com`, ...fields });
  const createLead = (fields: Record<string, unknown> = {}) => createContact({ role: 'lead', ...fields });

  async function defineAttribute(name: string, model = 'contact', dataType = 'string') {
    const res = await sim.api('POST', '/data_attributes', { name, model, data_type: dataType });
    expect(res.status, res.text).toBe(200);
  }

  async function archive(id: string) {
    const res = await sim.api('POST', `/contacts/${id}/archive`);
    expect(res.status, res.text).toBe(200);
  }

  /** Intercom's envelope for an error that names the offending parameter. */
  function fieldError(code: string, message: string, field: string) {
    return { ...expectedError(code, message), errors: [{ code, message, field }] };
  }

  const invalid = (message: string, field: string) => fieldError('parameter_invalid', message, field);
  const userNotFound = () => expectedError('not_found', 'User Not Found');
  // Intercom names no field for this one.
  const undefinedAttribute = (name: string) =>
    expectedError('parameter_invalid', `Custom attribute '${name}' does not exist`);

  /** The complete 2.11 contact JSON of a contact with nothing but `fields` set. */
  function contactBody(id: string, fields: Record<string, unknown> = {}) {
    const list = (url: string) => ({ type: 'list', data: [], url, total_count: 0, has_more: false });
    return {
      type: 'contact',
      id,
      workspace_id: 'sandbox1',
      external_id: null,
      role: 'user',
      email: null,
      phone: null,
      name: null,
      avatar: null,
      owner_id: null,
      social_profiles: { type: 'list', data: [] },
      has_hard_bounced: false,
      marked_email_as_spam: false,
      unsubscribed_from_emails: false,
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
      signed_up_at: null,
      last_seen_at: null,
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
      custom_attributes: {},
      tags: list(`/contacts/${id}/tags`),
      notes: list(`/contacts/${id}/notes`),
      companies: list(`/contacts/${id}/companies`),
      opted_out_subscription_types: list(`/contacts/${id}/subscriptions`),
      opted_in_subscription_types: list(`/contacts/${id}/subscriptions`),
      utm_campaign: null,
      utm_content: null,
      utm_medium: null,
      utm_source: null,
      utm_term: null,
      referrer: null,
      ...fields,
    };
  }

  const contactCount = async () => (await sim.state()).contacts.length;


  return { createContact, createUser, createLead, defineAttribute, archive, fieldError, invalid, userNotFound, undefinedAttribute, contactBody, contactCount };
}
