// Everything one simulator process holds: workspaces and their tokens, faults, the request log and OAuth codes.
import { randomBytes } from 'node:crypto';
import { DEFAULT_OAUTH_CLIENT, DEFAULT_RATE_LIMIT, DEFAULT_TOKEN } from './defaults.js';
import { FaultState } from './faults.js';
import { RequestLog } from './request-log.js';
import type { RateLimitSettings } from './rate-limit.js';
import { Workspace, type Region, type WorkspaceSpec } from './workspace.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface SimulatorOptions {
  /** Workspaces present at start and after every reset; default: one "Sandbox" workspace with token sim_token. */
  workspaces?: Array<Partial<WorkspaceSpec> & { name: string }>;
  /** Requests per window for each workspace; default Intercom's 167 per 10 seconds. */
  rateLimit?: RateLimitSettings;
  /** How long a write takes to become searchable; default 0. */
  searchLagMs?: number;
  /** Added to every API answer (a timer, not a busy wait), from the start and after every reset; default 0. */
  latencyMs?: number;
  oauthClients?: OAuthClient[];
  /** How long an OAuth authorization code stays valid; default 10 minutes. */
  oauthCodeTtlMs?: number;
  /** Most requests kept in the log; default 1,000,000. */
  requestLogCapacity?: number;
  /** fastify's logger; default off. */
  logger?: boolean;
}


export interface PendingCode {
  workspace: Workspace;
  clientId: string;
  redirectUri: string;
  expiresAtMs: number;
}

export { DEFAULT_OAUTH_CLIENT, DEFAULT_RATE_LIMIT, DEFAULT_TOKEN };

let adminSeq = 991_267_000;

export function completeSpec(partial: Partial<WorkspaceSpec> & { name: string }): WorkspaceSpec {
  adminSeq += 1;
  return {
    name: partial.name,
    idCode: partial.idCode ?? randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 8),
    region: (partial.region ?? 'US') as Region,
    token: partial.token ?? `sim_${randomBytes(18).toString('base64url')}`,
    adminId: partial.adminId ?? String(adminSeq),
    adminName: partial.adminName ?? 'Sandbox Admin',
    adminEmail: partial.adminEmail ?? 'admin@sandbox.example',
  };
}

export class SimulatorState {
  readonly workspaces = new Map<string, Workspace>();
  private readonly tokens = new Map<string, Workspace>();
  readonly faults: FaultState;
  readonly requests: RequestLog;
  readonly oauthCodes = new Map<string, PendingCode>();
  readonly oauthClients: OAuthClient[];
  readonly oauthCodeTtlMs: number;
  /** API requests being answered now, and the most at once since the start or the last reset. */
  readonly concurrency = { inFlight: 0, peak: 0 };
  private readonly initialSpecs: WorkspaceSpec[];

  constructor(private readonly options: SimulatorOptions = {}) {
    this.faults = new FaultState(options.searchLagMs ?? 0);
    this.requests = new RequestLog(options.requestLogCapacity ?? 1_000_000);
    this.oauthClients = options.oauthClients ?? [DEFAULT_OAUTH_CLIENT];
    this.oauthCodeTtlMs = options.oauthCodeTtlMs ?? 10 * 60_000;
    const specs = options.workspaces ?? [{ name: 'Sandbox', token: DEFAULT_TOKEN, idCode: 'sandbox1' }];
    this.initialSpecs = specs.map(completeSpec);
    this.reset();
  }

  /** Back to the state at start: initial workspaces with no data, no faults, an empty log. */
  reset(): void {
    this.workspaces.clear();
    this.tokens.clear();
    this.oauthCodes.clear();
    this.requests.clear();
    this.faults.injected = [];
    this.faults.latencyMs = this.options.latencyMs ?? 0;
    this.concurrency.peak = this.concurrency.inFlight;
    this.faults.searchLagMs = this.options.searchLagMs ?? 0;
    this.faults.rateLimit = undefined;
    for (const spec of this.initialSpecs) this.addWorkspace(spec);
  }

  addWorkspace(spec: WorkspaceSpec): Workspace {
    if (this.workspaces.has(spec.idCode)) throw new Error(`workspace id_code '${spec.idCode}' already exists`);
    if (this.tokens.has(spec.token)) throw new Error('token already belongs to another workspace');
    const rateLimit = this.faults.rateLimit ?? this.options.rateLimit ?? DEFAULT_RATE_LIMIT;
    const workspace = new Workspace(spec, rateLimit, () => this.faults.searchLagMs);
    this.workspaces.set(spec.idCode, workspace);
    this.tokens.set(spec.token, workspace);
    return workspace;
  }

  workspaceForToken(token: string): Workspace | undefined {
    return this.tokens.get(token);
  }

  /** OAuth hands out a new token per authorization; each stays valid (Intercom tokens do not expire). */
  issueToken(workspace: Workspace): string {
    const token = `sim_oauth_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, workspace);
    return token;
  }
}
