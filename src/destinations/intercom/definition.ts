// The Intercom destination as one definition: settings, actions, client, error classes, OAuth and sandbox.
import { createHash } from 'node:crypto';
import { defineDestination } from '../kit/define-destination.js';
import { normalizeEndpoint } from '../kit/endpoint-policy.js';
import { baseUrlFor, clientForSettings, endpointRefusal } from './client/index.js';
import type { IntercomContext } from './context.js';
import { deleteContact } from './delete-contact/index.js';
import { INTERCOM_ACTIONS } from './actions.js';
import { attributeMemoryFor } from './missing-attributes.js';
import { sentCompaniesFor } from './identify-company/sent-companies.js';
import { intercomOAuth } from './oauth.js';
import { intercomSandbox } from './sandbox.js';
import {
  checkIntercomSettings, DEFAULT_API_VERSION, IntercomSettingsBody, IntercomSettingsSchema, type IntercomSettings,
} from './settings.js';
import { testIntercomConnection } from './test-connection.js';
import { classifyIntercomError } from './verdict.js';

/** One Intercom account on one host, without the token itself: the host and the token's hash. */
function accountKey(settings: IntercomSettings): string {
  return `${baseUrlFor(settings)}|${createHash('sha256').update(settings.accessToken ?? '').digest('hex')}`;
}

export const intercom = defineDestination<IntercomSettings, IntercomContext>({
  key: 'intercom',
  title: 'Intercom',
  description: 'Intercom Cloud Mode (Actions): contacts, companies and data events through Intercom\'s REST API 2.11.',
  integrationNames: ['Intercom', 'Intercom Cloud Mode (Actions)'],
  settings: IntercomSettingsSchema,
  settingsBody: IntercomSettingsBody,
  checkSettings: checkIntercomSettings,
  initialSettings: (env) => ({
    region: 'us',
    apiVersion: DEFAULT_API_VERSION,
    ...(env.INTERCOM_ACCESS_TOKEN ? { accessToken: env.INTERCOM_ACCESS_TOKEN } : {}),
  }),
  actions: INTERCOM_ACTIONS,
  hasCredentials: (settings) => Boolean(settings.accessToken),
  missingCredentials: { path: 'settings.accessToken', message: 'has no settings.accessToken to call Intercom with' },
  createClient: (settings, context) => clientForSettings(settings, context.endpointPolicy),
  endpointRefusal,
  // A body not yet checked may hold anything there: only a string is an endpoint.
  credentialTarget: (settings) => normalizeEndpoint(typeof settings.endpoint === 'string' ? settings.endpoint : undefined),
  credentialDetails: ['workspace'],
  actionContext: ({ api, settings, ...rest }) => ({
    ...rest,
    // Per workspace, whichever destination sent it; trusted only by the one process delivering, with coalesce on.
    sentCompanies: sentCompaniesFor(accountKey(settings as IntercomSettings)),
    skipRepeatedCompanies: settings.coalesce !== false && rest.onlyProcess === true,
    intercom: api,
    matchLeadsByEmail: settings.matchLeadsByEmail === true,
    // R24: what was created or refused is remembered per destination and workspace (its host and token).
    ...(settings.createMissingAttributes === true
      ? { attributeMemory: attributeMemoryFor(`${rest.destinationId}|${accountKey(settings as IntercomSettings)}`) }
      : {}),
  }),
  classify: classifyIntercomError,
  testConnection: testIntercomConnection,
  // Destinations sharing a token and host share Intercom's rate limit (R20); the token itself is never a key.
  rateLimitKey: accountKey,
  onDelete: (person, context) => deleteContact(context, person),
  oauth: intercomOAuth,
  sandbox: intercomSandbox,
});
