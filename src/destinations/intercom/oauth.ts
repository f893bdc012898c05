// Intercom's side of OAuth: where to authorize, which client credentials, the code exchange and GET /me.
import { DEFAULT_OAUTH_CLIENT } from '../../../sim/intercom/defaults.js';
import type { OAuthCapability, OAuthClientCredentials, OAuthTarget, Outcome } from '../kit/oauth.js';
import {
  IntercomClient, REGION_BASE_URLS, endpointRefusal, intercomErrors, normalizeEndpoint, type EndpointPolicy, type Region,
} from './client/index.js';
import type { IntercomSettings } from './settings.js';

export type { OAuthClientCredentials, OAuthTarget, Outcome } from '../kit/oauth.js';

/** Intercom's authorize page per region (the workspace's region: app.intercom.com, app.eu..., app.au...). */
export const AUTHORIZE_URLS: Readonly<Record<Region, string>> = {
  us: 'https://app.intercom.com/oauth',
  eu: 'https://app.eu.intercom.com/oauth',
  au: 'https://app.au.intercom.com/oauth',
};

/**
 * The endpoint override wins (as for deliveries); a destination without credentials in sandbox mode authorizes at the
 * simulator (as `clientFor` sends it there); else the region's Intercom hosts.
 */
export function oauthTarget(settings: IntercomSettings, sandboxUrl: string | undefined): OAuthTarget {
  const endpoint = normalizeEndpoint(settings.endpoint) ?? (sandboxUrl && !settings.accessToken ? sandboxUrl : undefined);
  const apiBase = endpoint ?? REGION_BASE_URLS[settings.region];
  return { apiBase, custom: !isIntercomApi(apiBase) };
}

/** The region whose Intercom API host `apiBase` is, or undefined (an endpoint override or the simulator). */
const regionOfApi = (apiBase: string) =>
  (Object.keys(REGION_BASE_URLS) as Region[]).find((region) => REGION_BASE_URLS[region] === apiBase);

/** Whether an API base is one of Intercom's own regional hosts (else: an endpoint override or the simulator). */
export const isIntercomApi = (apiBase: string) => regionOfApi(apiBase) !== undefined;

/** Intercom's authorize page for the region of `apiBase`, or the simulator's (`<apiBase>/oauth`). */
export function authorizeUrlFor(apiBase: string): string {
  const region = regionOfApi(apiBase);
  return region === undefined ? `${apiBase}/oauth` : AUTHORIZE_URLS[region];
}

/** Why the client secret and codes may not be sent to `apiBase` (R22), or undefined when they may. */
export function apiBaseRefusal(apiBase: string, policy: EndpointPolicy): string | undefined {
  return isIntercomApi(apiBase) ? undefined : endpointRefusal({ endpoint: apiBase }, policy);
}

/**
 * INTERCOM_CLIENT_ID / INTERCOM_CLIENT_SECRET; for a `custom` target (not Intercom: the simulator) the simulator's
 * default client when both are unset, or always unless the operator allowed custom endpoints (R22: the real secret
 * goes only to Intercom). Otherwise a sentence saying what is missing.
 */
export function oauthClient(custom: boolean, policy: EndpointPolicy, env: NodeJS.ProcessEnv = process.env): OAuthClientCredentials | string {
  const clientId = env.INTERCOM_CLIENT_ID || undefined;
  const clientSecret = env.INTERCOM_CLIENT_SECRET || undefined;
  if (custom && (!policy.allowCustom || (!clientId && !clientSecret))) return { ...DEFAULT_OAUTH_CLIENT };
  if (clientId && clientSecret) return { clientId, clientSecret };
  const missing = [clientId ? undefined : 'INTERCOM_CLIENT_ID', clientSecret ? undefined : 'INTERCOM_CLIENT_SECRET'];
  return `OAuth with Intercom needs ${missing.filter(Boolean).join(' and ')} in ferry's environment (the client id and secret of your Intercom app)`;
}

const REGION_NAMES = new Map<string, Region>([
  ['us', 'us'], ['usa', 'us'], ['united states', 'us'],
  ['eu', 'eu'], ['europe', 'eu'],
  ['au', 'au'], ['australia', 'au'],
]);

/** GET /me's `app.region` ("US", "EU", "AU") as a destination region; undefined when absent or unknown. */
export function regionOf(value: unknown): Region | undefined {
  return typeof value === 'string' ? REGION_NAMES.get(value.trim().toLowerCase()) : undefined;
}

const TIMEOUT_MS = 10_000;

/** One sentence for every failure to get an answer: a refused port reads like a filtered one. */
export const noAnswer = (apiBase: string) => `no answer from Intercom at ${apiBase} (the connection failed or timed out)`;

/** Intercom's error items, e.g. "400 invalid_grant: The authorization code is invalid"; secrets blanked out. */
function describeAnswer(status: number, body: unknown, secrets: string[]): string {
  const items = intercomErrors(body).map((e) => [e.code, e.message].filter(Boolean).join(': '));
  const text = `${status}${items.length > 0 ? ` ${items.join('; ')}` : ''}`;
  return secrets.filter((s) => s !== '').reduce((t, s) => t.split(s).join('[redacted]'), text);
}

/** POST <apiBase>/auth/eagle/token {code, client_id, client_secret} -> the access token. */
export async function exchangeCode(apiBase: string, code: string, client: OAuthClientCredentials): Promise<Outcome<string>> {
  const secrets = [code, client.clientSecret];
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`${apiBase}/auth/eagle/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code, client_id: client.clientId, client_secret: client.clientSecret }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    const text = await response.text();
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
  } catch {
    return { ok: false, message: `${noAnswer(apiBase)} to exchange the authorization code` };
  }
  if (!response.ok) {
    return { ok: false, message: `Intercom refused the authorization code (${describeAnswer(response.status, body, secrets)})` };
  }
  const { access_token: accessToken, token } = (body ?? {}) as Record<string, unknown>;
  const value = typeof accessToken === 'string' ? accessToken : token;
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    return { ok: false, message: 'Intercom answered the code exchange without an access token' };
  }
  return { ok: true, value };
}

export interface MeWorkspace {
  idCode: string;
  name: string;
  region: Region | undefined;
}

/** GET /me with the new token: the workspace (app) it belongs to. */
export async function fetchWorkspace(apiBase: string, accessToken: string, apiVersion: string): Promise<Outcome<MeWorkspace>> {
  const client = new IntercomClient({ accessToken, endpoint: apiBase, apiVersion, timeoutMs: TIMEOUT_MS });
  try {
    const answer = await client.request('GET', '/me');
    if (answer.status !== 200) {
      return { ok: false, message: `Intercom refused GET /me with the new token (${describeAnswer(answer.status, answer.body, [accessToken])})` };
    }
    const app = ((answer.body ?? {}) as { app?: Record<string, unknown> }).app ?? {};
    if (typeof app.id_code !== 'string' || app.id_code === '' || typeof app.name !== 'string' || app.name === '') {
      return { ok: false, message: 'Intercom answered GET /me without the workspace (app.id_code and app.name)' };
    }
    return { ok: true, value: { idCode: app.id_code, name: app.name, region: regionOf(app.region) } };
  } catch {
    return { ok: false, message: `${noAnswer(apiBase)} for GET /me` };
  } finally {
    await client.close();
  }
}

/** OAuth connect as the Intercom definition offers it. */
export const intercomOAuth: OAuthCapability<IntercomSettings> = {
  target: oauthTarget,
  isOwnApi: isIntercomApi,
  refusal: apiBaseRefusal,
  clientCredentials: oauthClient,
  authorizeUrl: authorizeUrlFor,
  exchangeCode,
  fetchAccount: (apiBase, accessToken, settings) => fetchWorkspace(apiBase, accessToken, settings.apiVersion),
  connectedSettings: (settings, { accessToken, account, target }) => ({
    ...settings,
    accessToken,
    region: regionOf(account.region) ?? settings.region,
    // Connected through the sandbox simulator: its token only works there, so the destination stays pointed at it.
    ...(target.custom && !settings.endpoint ? { endpoint: target.apiBase } : {}),
    workspace: { idCode: account.idCode, name: account.name },
  }),
};
