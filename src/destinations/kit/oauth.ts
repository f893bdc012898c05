// OAuth connect as an optional capability of a definition: where to authorize, the code exchange, the account lookup.
import type { EndpointPolicy } from './endpoint-policy.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface OAuthTarget {
  /** Where the code is exchanged and the account asked. */
  apiBase: string;
  /** Not the destination's own service: its endpoint override, or a sandbox. */
  custom: boolean;
}

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The account a new token belongs to (Intercom: the workspace), as the destination's API names it. */
export interface OAuthAccount {
  idCode: string;
  name: string;
  /** Where the account lives, when the API says (a region); undefined otherwise. */
  region?: string;
}

export interface OAuthCapability<S> {
  /** Where a flow for these settings authorizes; `sandboxUrl`: the in-process sandbox in sandbox mode. */
  target(settings: S, sandboxUrl: string | undefined): OAuthTarget;
  /** Whether `apiBase` is the destination's own service (else a custom endpoint or a sandbox). */
  isOwnApi(apiBase: string): boolean;
  /** Why the client secret and codes may not be sent to `apiBase` (R22), or undefined when they may. */
  refusal(apiBase: string, policy: EndpointPolicy): string | undefined;
  /** The app's client id and secret for a flow at a `custom` target or not, or a sentence saying what is missing. */
  clientCredentials(custom: boolean, policy: EndpointPolicy, env?: NodeJS.ProcessEnv): OAuthClientCredentials | string;
  /** The page the browser is sent to (ferry adds client_id, state and redirect_uri). */
  authorizeUrl(apiBase: string): string;
  exchangeCode(apiBase: string, code: string, client: OAuthClientCredentials): Promise<Outcome<string>>;
  /** The account of a new token. */
  fetchAccount(apiBase: string, accessToken: string, settings: S): Promise<Outcome<OAuthAccount>>;
  /** The settings once connected: the token, the account, and where the flow ran when that was not the own service. */
  connectedSettings(settings: S, connection: { accessToken: string; account: OAuthAccount; target: OAuthTarget }): S;
}
