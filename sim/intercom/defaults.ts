// The simulator's defaults (token, rate limit, OAuth client), importable without loading its HTTP server.
import type { RateLimitSettings } from './rate-limit.js';
import type { OAuthClient } from './state.js';

export const DEFAULT_TOKEN = 'sim_token';
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { limit: 167, windowSeconds: 10 };
export const DEFAULT_OAUTH_CLIENT: OAuthClient = { clientId: 'sim_client', clientSecret: 'sim_secret' };
