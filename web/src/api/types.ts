// The admin API's answers the pages share (the OpenAPI document at /api/openapi.json has them all).

export interface Source {
  id: string;
  name?: string;
  /** The full key only in the answers of create and rotate; elsewhere "****" and its last 4 characters. */
  writeKey: string;
  /** Listed in the --config file, applied again at every start: the API refuses edits (409 FERRY_ERR_CONFIG_MANAGED). */
  managedByConfig?: boolean;
}

export interface MappingSpec {
  name: string;
  action: string;
  trigger?: string;
  mapping?: Record<string, unknown>;
  enabled: boolean;
}

export interface Destination {
  id: string;
  type: string;
  name?: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** true: the destination stores no mappings; its type's presets apply. */
  presets: boolean;
  mappings: MappingSpec[];
  /** Set while the destination refuses the credentials: nothing is sent until fixed. */
  pausedReason: string | null;
  /** The sources whose events it receives; null: every source. */
  sources?: string[] | null;
  /** Listed in the --config file, applied again at every start: the API refuses edits (409 FERRY_ERR_CONFIG_MANAGED). */
  managedByConfig?: boolean;
}

export interface Session {
  who: 'admin';
  signedInAt: string;
  expiresAt: string;
  csrfToken: string;
}

/** One request ferry made to the destination's API and its answer (no credentials are ever recorded). */
export interface Exchange {
  method: string;
  url: string;
  body?: unknown;
  /** 0: no answer arrived (timeout, network error). */
  status: number;
  response?: unknown;
  durationMs: number;
}

export type OutcomeStatus = 'delivered' | 'delivered-with-warnings' | 'retrying' | 'rejected' | 'filtered';

/** What one mapping did with one event (the Event Tester, the Mappings Tester). */
export interface Outcome {
  mapping: string;
  action: string;
  status: OutcomeStatus;
  warnings: string[];
  reason?: string;
  error?: { code?: string; message: string; field?: string };
  payload?: Record<string, unknown>;
  requests: Exchange[];
  retry?: { delayMs?: number; windowMs?: number; finalReason?: string };
  pauseDestination?: boolean;
}
