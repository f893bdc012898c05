// R22's operator side: whether credentials may go to endpoints other than a destination's own hosts.

/** The environment variable with which the operator (never an admin API call) allows custom endpoints. */
export const ALLOW_CUSTOM_ENDPOINTS = 'FERRY_ALLOW_CUSTOM_ENDPOINTS';

export interface EndpointPolicy {
  /** FERRY_ALLOW_CUSTOM_ENDPOINTS=1: any http(s) endpoint (a simulator, a proxy). */
  allowCustom: boolean;
  /** Endpoints allowed besides a destination's own: in-process sandbox simulators, which hold no real credentials. */
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

/** Whether two endpoint settings send requests to the same place (absent and empty are the same: the default host). */
export const sameEndpoint = (a: string | undefined, b: string | undefined) => normalizeEndpoint(a) === normalizeEndpoint(b);

/** Whether the policy lets credentials go to a custom `endpoint` (any one, or one it trusts). */
export function allowsCustomEndpoint(endpoint: string, policy: EndpointPolicy): boolean {
  const normalized = normalizeEndpoint(endpoint);
  return policy.allowCustom || policy.trusted.some((url) => normalizeEndpoint(url) === normalized);
}

/** The endpoint policy forbids sending a destination's credentials where its settings point. */
export class EndpointRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointRefusedError';
  }
}
