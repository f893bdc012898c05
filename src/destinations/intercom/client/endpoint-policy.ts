// R22: where a destination's credentials may go — Intercom's host for its region, or an endpoint the operator allowed.
import {
  ALLOW_CUSTOM_ENDPOINTS, allowsCustomEndpoint, normalizeEndpoint, type EndpointPolicy,
} from '../../kit/endpoint-policy.js';
import { REGION_BASE_URLS, type Region } from './region.js';

export {
  ALLOW_CUSTOM_ENDPOINTS, endpointPolicyFromEnv, normalizeEndpoint, sameEndpoint, type EndpointPolicy,
} from '../../kit/endpoint-policy.js';

const REGIONS = Object.keys(REGION_BASE_URLS) as Region[];

/** Why a destination's credentials may not go to its endpoint, or undefined when they may (the endpoint is not quoted). */
export function endpointRefusal(settings: { region?: Region; endpoint?: string }, policy: EndpointPolicy): string | undefined {
  const endpoint = normalizeEndpoint(settings.endpoint);
  const region = settings.region ?? 'us';
  const home = REGION_BASE_URLS[region];
  if (endpoint === undefined || endpoint === home || allowsCustomEndpoint(endpoint, policy)) return undefined;
  const other = REGIONS.find((r) => REGION_BASE_URLS[r] === endpoint);
  if (other !== undefined) {
    return `is Intercom's host for region "${other}", not for this destination's region "${region}": set region to "${other}" and leave endpoint out`;
  }
  return `is not Intercom's host for region "${region}" (${home}): the access token is sent only to Intercom, ` +
    `unless ferry is started with ${ALLOW_CUSTOM_ENDPOINTS}=1 (for the simulator or a proxy); leave endpoint out to deliver to Intercom`;
}
