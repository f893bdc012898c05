// R22: where a destination's credentials may go — Intercom's host for its region, or an endpoint the operator allowed.
import { REGION_BASE_URLS, type Region } from './region.js';

/** The environment variable with which the operator (never an admin API call) allows custom endpoints. */
export const ALLOW_CUSTOM_ENDPOINTS = 'FERRY_ALLOW_CUSTOM_ENDPOINTS';

export interface EndpointPolicy {
  /** FERRY_ALLOW_CUSTOM_ENDPOINTS=1: any http(s) endpoint (the simulator, a proxy). */
  allowCustom: boolean;
  /** Endpoints allowed besides Intercom's own: the in-process sandbox simulator, which holds no real credentials. */
  trusted: readonly string[];
}

/** The policy the operator chose: FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (or true) allows custom endpoints. */
export function endpointPolicyFromEnv(env: NodeJS.ProcessEnv = process.env, trusted: readonly string[] = []): EndpointPolicy {
  const value = (env[ALLOW_CUSTOM_ENDPOINTS] ?? '').trim().toLowerCase();
  return { allowCustom: value === '1' || value === 'true', trusted };
}

/** An endpoint as a comparable base URL (scheme and host lowercased, default port and trailing slashes dropped). */
export function normalizeEndpoint(endpoint: string | undefined): string | undefined {
  const text = endpoint?.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return text;
  }
}

/** Whether two endpoint settings send requests to the same place (absent and empty are the same: the region's host). */
export const sameEndpoint = (a: string | undefined, b: string | undefined) => normalizeEndpoint(a) === normalizeEndpoint(b);

const REGIONS = Object.keys(REGION_BASE_URLS) as Region[];

/** Why a destination's credentials may not go to its endpoint, or undefined when they may (the endpoint is not quoted). */
export function endpointRefusal(settings: { region?: Region; endpoint?: string }, policy: EndpointPolicy): string | undefined {
  const endpoint = normalizeEndpoint(settings.endpoint);
  const region = settings.region ?? 'us';
  const home = REGION_BASE_URLS[region];
  if (endpoint === undefined || endpoint === home || policy.allowCustom) return undefined;
  if (policy.trusted.some((url) => normalizeEndpoint(url) === endpoint)) return undefined;
  const other = REGIONS.find((r) => REGION_BASE_URLS[r] === endpoint);
  if (other !== undefined) {
    return `is Intercom's host for region "${other}", not for this destination's region "${region}": set region to "${other}" and leave endpoint out`;
  }
  return `is not Intercom's host for region "${region}" (${home}): the access token is sent only to Intercom, ` +
    `unless ferry is started with ${ALLOW_CUSTOM_ENDPOINTS}=1 (for the simulator or a proxy); leave endpoint out to deliver to Intercom`;
}
