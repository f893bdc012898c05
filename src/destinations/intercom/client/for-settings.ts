// The one way to build a client from a destination's settings: R22's endpoint policy first, then the client.
import { IntercomClient, type IntercomClientOptions } from './client.js';
import { EndpointRefusedError, type EndpointPolicy } from '../../kit/endpoint-policy.js';
import { endpointRefusal } from './endpoint-policy.js';
import type { Region } from './region.js';

export interface ClientSettings {
  accessToken?: string;
  region?: Region;
  endpoint?: string;
  apiVersion?: string;
}

export { EndpointRefusedError };

/** Throws EndpointRefusedError when the policy forbids the endpoint, TypeError when the token cannot be sent. */
export function clientForSettings(
  settings: ClientSettings,
  policy: EndpointPolicy,
  options: Omit<IntercomClientOptions, 'accessToken' | 'region' | 'endpoint' | 'apiVersion'> = {},
): IntercomClient {
  const refusal = endpointRefusal(settings, policy);
  if (refusal !== undefined) throw new EndpointRefusedError(refusal);
  const { accessToken = '', region, endpoint, apiVersion } = settings;
  return new IntercomClient({ ...options, accessToken, region, endpoint, apiVersion });
}
