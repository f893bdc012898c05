// docs/actions.md, rendered from the action declarations themselves so the reference never drifts from the code.
import type { TSchema } from '@sinclair/typebox';
import { INTERCOM_ACTIONS, type IntercomAction } from './index.js';

// What each action does beyond its fields (rule numbers from the design: R1..R24).
const BEHAVIOUR: Record<string, string[]> = {
  identifyContact: [
    'A `user` needs an external_id or an email; otherwise the event is rejected (R1).',
    "A `lead` never carries an external_id; ferry remembers it by the event's anonymousId (and email), so the next identify of the same visitor updates the same lead (R2).",
    'A contact ferry knows is updated with one PUT; a new one is created with one POST, and a 409 from Intercom ("already exists with id=X", its search index lags) becomes a PUT to X — unarchiving X first when it is archived (R3, R5).',
    "When a user identifies on a visitor whose lead ferry created (same anonymousId or email), the lead becomes the user: a PUT with role `user` when no user exists yet, or a merge of the lead into the user (`POST /contacts/merge`; its events and companies move along) when ferry or Intercom already has one — whatever order the identifies came in (R4).",
    "With the destination setting `matchLeadsByEmail`, leads ferry did not create (the Messenger's) are found by the user's email and converted or merged the same way; this costs one contact search per person not yet in the identity cache (per user email, once). Off by default (R4).",
    'Timestamps may be ISO-8601 text, unix seconds, unix milliseconds or numeric strings (R6).',
    "Custom attributes must be text, numbers, booleans or null (others are left out with a warning); one Intercom does not know is left out with a warning and the rest is sent again (R7).",
    'With the destination setting `createMissingAttributes` on, a custom attribute Intercom does not know is created first (`POST /data_attributes` with model `contact` and a type from the value: string, integer, float, boolean, or date for ISO-8601 text under a name ending `_at`) and the value is sent again; ferry remembers what Intercom refused to create, so the next event does not ask again (in memory: after a restart, one more attempt for a refused name). An attribute Intercom refuses to create (its name rules, the workspace\'s attribute limit) or whose value is null is left out with a warning naming it (R24).',
  ],
  identifyCompany: [
    'Upserts the company by company_id with the company fields only (R8).',
    'Custom attributes as for Identify Contact: text, numbers, booleans or null; one Intercom does not know is left out with a warning (R7). With the destination setting `createMissingAttributes` on, a custom attribute Intercom does not know is created first (`POST /data_attributes` with model `company` and a type from the value: string, integer, float, boolean, or date for ISO-8601 text under a name ending `_at`) and the value is sent again; ferry remembers what Intercom refused to create, so the next event does not ask again (in memory: after a restart, one more attempt for a refused name). An attribute Intercom refuses to create (its name rules, the workspace\'s attribute limit) or whose value is null is left out with a warning naming it (R24).',
    'Then attaches a contact: by contact_id, else external_id, else email (identity cache first, Intercom search second), else the lead ferry knows by anonymousId; a repeated attach is skipped (R9, R16).',
    'No contact found: the company is still upserted, and the delivery carries the warning "contact not found, not attached" — Intercom hides companies without contacts (R10).',
  ],
  trackEvent: [
    'Periods and dollar signs in the event name become hyphens ("Order.Completed$" -> "Order-Completed-") (R11).',
    "Who: id if mapped; else user_id; else the Intercom id ferry knows for the event's anonymousId (Intercom requires it for leads); else email; none of these rejects the event (R12).",
    'revenue becomes metadata.price = {amount: cents, currency: currency or USD}; revenue, currency and email never appear in metadata (R13).',
    'metadata keeps text, numbers, booleans, {url, value} links and {amount, currency} money, at most 10 keys (price first); the rest is left out with a warning naming it (R14). Periods and dollar signs in metadata keys become hyphens, with a warning (Intercom would refuse the whole event).',
    'Intercom answering 404 "User Not Found" is retried for 5 minutes (the identify may still be on its way), then rejected: "no contact in Intercom for this user — send an identify first" (R15).',
  ],
};

function typeOf(schema: TSchema): string {
  const choices = (schema as { choices?: readonly string[] }).choices;
  if (choices) return choices.map((c) => `\`${c}\``).join(' \\| ');
  if (schema.format === 'date-time') return 'date';
  if (schema.format) return `${schema.type} (${schema.format})`;
  return String(schema.type ?? 'value');
}

function renderAction(action: IntercomAction): string {
  const schema = action.schema as TSchema & { properties: Record<string, TSchema>; required?: string[] };
  const rows = Object.entries(schema.properties).map(([key, field]) => {
    const required = schema.required?.includes(key) ? 'yes' : '';
    const mapping = field.defaultMapping === undefined ? '' : `\`${JSON.stringify(field.defaultMapping)}\``;
    return `| \`${key}\` | ${field.title} | ${typeOf(field)} | ${required} | ${mapping} | ${field.description} |`;
  });
  const aliases = action.aliases?.length ? ` (alias ${action.aliases.map((a) => `\`${a}\``).join(', ')})` : '';
  return [
    `## ${action.title} — \`${action.key}\`${aliases}`,
    '',
    `${action.description} Default trigger: \`${action.defaultTrigger}\`.`,
    '',
    '| field | label | type | required | default mapping | description |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(BEHAVIOUR[action.key] ?? []).map((line) => `- ${line}`),
    '',
  ].join('\n');
}

export function renderActionsDoc(): string {
  return [
    '# Intercom actions',
    '',
    '<!-- Generated from src/destinations/intercom by `npm run docs`; edit the declarations, not this file. -->',
    '',
    'A mapping combines a trigger (Segment FQL), one of these actions and a field mapping (mapping-kit JSON). A field',
    'left out of a saved mapping uses its default mapping. After the mapping is evaluated, empty values are dropped and',
    'the payload is validated against the fields below ("12" becomes 12 for numbers, "true" becomes true; unknown keys',
    'are dropped); a failure names the field: `identifyContact: field \'role\' is required`.',
    '',
    ...INTERCOM_ACTIONS.map(renderAction),
    '## GDPR delete',
    '',
    "Deleting a user removes its Intercom contact by the contact's Intercom id (found through the identity cache or a",
    'search by external_id), never by the userId (R21).',
    '',
  ].join('\n');
}
