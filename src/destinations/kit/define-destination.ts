// defineDestination: one object holding everything ferry knows about a destination (Segment's DestinationDefinition).
import type { TObject } from '@sinclair/typebox';
import type { Fail } from '../../config/checks.js';
import type { ActionSpec } from './action.js';
import type { PersonIdentifier } from '../../store/types.js';
import type { EndpointPolicy } from './endpoint-policy.js';
import type { DestinationApi, DestinationClient } from './exchange.js';
import type { IdentityCache } from './identity-cache.js';
import type { OAuthCapability } from './oauth.js';
import { checkSettingsBySchema, secretSettingsOf } from './settings.js';

/** A destination's settings as stored: its own keys, plus `retry`, which ferry's delivery reads for every destination. */
export type Settings = Record<string, unknown>;

/** What building a client, checking settings or testing a connection may depend on besides the settings. */
export interface DestinationContext {
  /** Where credentials may go (R22): set by the operator's environment, never by an API call. */
  endpointPolicy: EndpointPolicy;
}

/** What every action's perform gets from ferry, before the definition shapes it (`actionContext`). */
export interface DeliveryContext {
  /** The definition's client; every exchange is recorded on the delivery. */
  api: DestinationApi;
  cache: IdentityCache;
  destinationId: string;
  /** The destination's settings, as checked (an action may read its options from them). */
  settings: Settings;
  /** The Segment identities of the event being delivered. */
  event: { userId?: string | null; anonymousId?: string | null };
  /** Records a warning on the delivery: the data arrived, but not all of it. */
  warn(message: string): void;
  /**
   * True when no other process delivers to this destination (one node): what this process remembers sending is what
   * the destination last got from ferry. Absent: it may not be.
   */
  onlyProcess?: boolean;
}

/** R18's outcomes for a failed delivery, as the definition reads its own errors. */
export type Verdict =
  | { kind: 'retry'; reason: string; code?: string; retry?: { delayMs?: number; windowMs?: number; finalReason?: string } }
  /** The destination said when to come back (a 429 with its reset). */
  | { kind: 'rate-limited'; reason: string; code?: string; delayMs: number }
  | { kind: 'rejected'; reason: string; code?: string }
  /** The credentials were refused: the destination pauses, its events wait. */
  | { kind: 'paused'; reason: string; code?: string };

export type ConnectionResult =
  | { ok: true; workspace: { name: string; id_code: string; region: string } }
  | { ok: false; status: number; error: string };

/** A mapping a destination without configured mappings uses: one per action, its default trigger and fields. */
export interface PresetMapping {
  name: string;
  action: string;
  trigger: string;
  mapping: Record<string, unknown>;
  enabled: boolean;
}

/** Sandbox mode: a stand-in for the destination's API, started in-process when a destination has no credentials. */
export interface SandboxCapability {
  start(options: { port: number; host: string }): Promise<Sandbox>;
}

export interface Sandbox {
  url: string;
  /** The settings a destination without credentials delivers with: the sandbox's endpoint and credentials. */
  settings(settings: Settings): Settings;
  /** What the start banner says about it. */
  banner: readonly string[];
  /** Where it listens. */
  address(): { address: string; port: number };
  close(): Promise<void>;
}

export interface DestinationDefinition<S extends Settings = Settings, Context = unknown> {
  /** The `type` of a destination in a config file and the admin API. */
  key: string;
  title: string;
  description: string;
  /** The names Segment's `integrations` object uses for this destination (`{"All": false, "Intercom": true}`). */
  integrationNames: readonly string[];
  /** TypeBox schema of the settings as stored; secret fields carry `secret: true` (see `secret()`). */
  settings: TObject;
  /** The settings as an admin API body may give them (default: `settings`). */
  settingsBody?: TObject;
  /** Reads settings with path-exact messages, defaults applied (default: checked against `settings`). */
  checkSettings?(value: unknown, path: string, fail: Fail, context: DestinationContext): S;
  /** The settings of the destination a first start creates (`env`: the operator's environment). */
  initialSettings?(env: NodeJS.ProcessEnv): S;
  actions: readonly ActionSpec<Context>[];
  /** The mappings a destination without any uses (default: one per action, its default trigger and fields). */
  presets?: readonly PresetMapping[];
  /** Whether the settings hold credentials to deliver with (without: no worker, or the sandbox in sandbox mode). */
  hasCredentials(settings: S): boolean;
  /** The path and sentence for a command that needs credentials the settings lack. */
  missingCredentials: { path: string; message: string };
  /** Throws EndpointRefusedError when the policy forbids the settings' endpoint (R22). */
  createClient(settings: S, context: DestinationContext): DestinationClient;
  /** Why the policy refuses the settings' endpoint, or undefined (checked at load, and by the API). */
  endpointRefusal?(settings: S, policy: EndpointPolicy): string | undefined;
  /** Where the credentials are sent: a stored secret never follows a new target (R22). */
  credentialTarget?(settings: S): string | undefined;
  /** Settings that describe the credentials (the account a token belongs to): kept and dropped with them. */
  credentialDetails?: readonly string[];
  /** Shapes what perform gets from ferry's delivery context. */
  actionContext(base: DeliveryContext): Context;
  /** R18: what an error thrown by perform or the client means; undefined for one the definition does not know. */
  classify(error: unknown): Verdict | undefined;
  testConnection(settings: S, context: DestinationContext): Promise<ConnectionResult>;
  /** Destinations with the same key share one rate pacer (R20): the same account on the same host. */
  rateLimitKey(settings: S): string;
  /**
   * R21: removes a person (by userId, anonymousId or email) from the destination, by the destination's own id for
   * them; throws what `classify` reads when the destination refuses.
   */
  onDelete?(person: PersonIdentifier, context: Context): Promise<'deleted' | 'not-found'>;
  oauth?: OAuthCapability<S>;
  sandbox?: SandboxCapability;
}

/** A definition with everything derived filled in: what the registry holds. */
export interface Destination extends Omit<DestinationDefinition, 'presets' | 'checkSettings' | 'settingsBody'> {
  presets: readonly PresetMapping[];
  settingsBody: TObject;
  /** Settings keys whose values are encrypted at rest and never shown (marked `secret` in the schema). */
  secretSettings: readonly string[];
  checkSettings(value: unknown, path: string, fail: Fail, context: DestinationContext): Settings;
  /** An action by key or alias. */
  findAction(key: string): ActionSpec<unknown> | undefined;
}

export function defineDestination<S extends Settings, Context>(definition: DestinationDefinition<S, Context>): Destination {
  const byKey = new Map<string, ActionSpec<Context>>(
    definition.actions.flatMap((action) => [action.key, ...(action.aliases ?? [])].map((key) => [key, action] as const)),
  );
  const presets = definition.presets ?? definition.actions.map((action) => ({
    name: action.title,
    action: action.key,
    trigger: action.defaultTrigger,
    mapping: action.defaultMapping,
    enabled: true,
  }));
  // Settings are checked on the way in, so every function below receives the definition's own shape.
  const erased = definition as unknown as DestinationDefinition;
  return {
    ...erased,
    presets,
    settingsBody: definition.settingsBody ?? definition.settings,
    secretSettings: secretSettingsOf(definition.settings),
    checkSettings: definition.checkSettings ?? ((value, path, fail) => checkSettingsBySchema(definition.settings, value, path, fail)),
    findAction: (key) => byKey.get(key) as ActionSpec<unknown> | undefined,
  };
}
