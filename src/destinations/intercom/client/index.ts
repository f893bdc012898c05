// The Intercom client: hosts and headers of R19, one keep-alive pool per origin, answers classified per R18, R22's policy.
export { INTERCOM_API_VERSION, REGION_BASE_URLS, baseUrlFor, type Region } from './region.js';
export {
  DEFAULT_TIMEOUT_MS,
  IntercomClient,
  type IntercomClientOptions,
  type IntercomMethod,
  type IntercomResponse,
} from './client.js';
export { IntercomTransportError, intercomErrors, type IntercomErrorItem, type IntercomExchange } from './errors.js';
export { classifyResponse, classifyTransportError, isRetryableStatus, type Classification } from './classify.js';
export {
  ALLOW_CUSTOM_ENDPOINTS, endpointPolicyFromEnv, endpointRefusal, normalizeEndpoint, sameEndpoint, type EndpointPolicy,
} from './endpoint-policy.js';
export { clientForSettings, EndpointRefusedError, type ClientSettings } from './for-settings.js';
