// Test support for coalescing: a ferry whose deliveries wait while a backlog is sent, and Intercom's state compared.
import { send, startTestFerry, unfinishedJobs, waitFor } from '../../commands/test-support/ferry.js';

type Ferry = Awaited<ReturnType<typeof startTestFerry>>;

/** The three default actions, custom attributes mapped from traits ('nickname' is one Intercom does not know, R7). */
export const BACKLOG_MAPPINGS = `    mappings:
      - name: Identify Contact
        action: identifyContact
        trigger: type = "identify"
        mapping:
          custom_attributes: { plan: { "@path": "$.traits.plan" }, score: { "@path": "$.traits.score" }, nickname: { "@path": "$.traits.nickname" } }
      - name: Identify Company
        action: identifyCompany
        trigger: type = "group"
      - name: Track Event
        action: trackEvent
        trigger: type = "track"`;

/** Delivery stopped, the events sent (stored, queued), then delivery started and waited for until nothing is left. */
export async function deliverAsBacklog(ferry: Ferry, events: readonly object[]): Promise<void> {
  await ferry.pipeline.stop();
  const answer = await send(ferry.url, '/v1/batch', { batch: events });
  if (answer.status !== 200) throw new Error(`batch answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  await ferry.pipeline.start(await ferry.store.listDestinations());
  await waitFor(async () => (await unfinishedJobs(ferry.store)) === 0, 20_000, 'the backlog');
}

type Json = Record<string, any>;
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/**
 * What Intercom holds, without what differs between two equal histories: Intercom's own ids, creation and update
 * times. Contacts name their companies by company_id; events their contact by its external_id, email or role.
 */
export function comparableState(state: Json) {
  const companyIds = new Map<string, string>(state.companies.map((c: Json) => [c.id, c.company_id]));
  const contactKeys = new Map<string, string>(state.contacts.map((c: Json) => [c.id, `${c.role}:${c.external_id ?? ''}:${c.email ?? ''}:${c.name ?? ''}`]));
  const contacts = state.contacts.map((c: Json) => ({
    role: c.role, external_id: c.external_id, email: c.email, phone: c.phone, name: c.name, avatar: c.avatar,
    signed_up_at: c.signed_up_at, last_seen_at: c.last_seen_at, owner_id: c.owner_id,
    unsubscribed_from_emails: c.unsubscribed_from_emails, custom_attributes: c.custom_attributes, archived: c.archived,
    companies: c.companies.data.map((d: Json) => companyIds.get(d.id)).sort(),
  }));
  const companies = state.companies.map((c: Json) => ({
    company_id: c.company_id, name: c.name, plan: c.plan?.name ?? null, size: c.size ?? null, website: c.website ?? null,
    industry: c.industry ?? null, monthly_spend: c.monthly_spend, remote_created_at: c.remote_created_at,
    user_count: c.user_count, custom_attributes: c.custom_attributes,
  }));
  const events = state.events.map((e: Json) => ({
    contact: contactKeys.get(e.contact_id), event_name: e.event_name, created_at: e.created_at, metadata: e.metadata,
  }));
  return { contacts: contacts.sort(byJson), companies: companies.sort(byJson), events: events.sort(byJson) };
}
