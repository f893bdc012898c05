// Test harness for the Intercom actions: a real simulator over HTTP, a real client, an in-memory identity cache.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { useSimulator } from '../../../../sim/intercom/test-support/harness.js';
import type { SimulatorOptions } from '../../../../sim/intercom/state.js';
import { IntercomClient } from '../client/index.js';
import type { IntercomContext } from '../context.js';
import { ActionFailure } from '../failure.js';
import { MemoryIdentityCache } from '../../kit/memory-identity-cache.js';
import type { IntercomAction } from '../index.js';
import type { AttributeMemory } from '../missing-attributes.js';

export const DESTINATION_ID = 'intercom-test';

export interface ActionRun {
  status: 'ok' | 'failed';
  warnings: string[];
  /** What perform threw, when it failed: a FerryError (validation) or an ActionFailure (classified). */
  error?: unknown;
}

/** One simulator per test file (reset before each test), a client bound to it and a fresh cache per test. */
export function useIntercom(options: SimulatorOptions = {}) {
  const sim = useSimulator(options);
  let client: IntercomClient | undefined;
  const harness = {
    sim,
    cache: new MemoryIdentityCache(),
    /** R24: set it (a fresh AttributeMemory) to run as a destination with createMissingAttributes on. */
    attributeMemory: undefined as AttributeMemory | undefined,
    get client(): IntercomClient {
      if (!client) throw new Error('the client exists only inside tests');
      return client;
    },
    /**
     * Validates `rawPayload` like the pipeline does, then performs the action against the simulator (`options`: the
     * destination's settings the actions read; default off).
     */
    async run(
      action: IntercomAction, rawPayload: unknown, event: IntercomContext['event'] = {},
      options: { matchLeadsByEmail?: boolean } = {},
    ): Promise<ActionRun> {
      const warnings: string[] = [];
      try {
        const payload = action.validate(rawPayload);
        await action.performValidated(payload, {
          intercom: { request: (method, path, body) => harness.client.request(method, path, body) },
          cache: harness.cache,
          destinationId: DESTINATION_ID,
          matchLeadsByEmail: options.matchLeadsByEmail ?? false,
          event,
          warn: (message) => warnings.push(message),
          ...(harness.attributeMemory ? { attributeMemory: harness.attributeMemory } : {}),
        });
        return { status: 'ok', warnings };
      } catch (error) {
        return { status: 'failed', warnings, error };
      }
    },
    /** The API requests the simulator answered since the last reset, as `METHOD /path` plus body and status. */
    async requests() {
      return (await sim.requests()).map((r) => ({ call: `${r.method} ${r.path}`, body: r.body, status: r.status }));
    },
    /** Creates a contact directly in Intercom (as another system would), returning its id. */
    async createContact(body: Record<string, unknown>): Promise<string> {
      const res = await sim.api('POST', '/contacts', body);
      if (res.status !== 200) throw new Error(`setup failed: ${res.text}`);
      return res.body.id as string;
    },
    /** Forgets the requests made so far (setup calls), keeping the data. */
    async clearRequests() {
      since = (await sim.requests()).at(-1)?.seq ?? since;
    },
  };
  let since = 0;
  const allRequests = sim.requests;
  sim.requests = async () => (await allRequests()).filter((r) => r.seq > since);
  beforeAll(() => {
    client = new IntercomClient({ accessToken: 'sim_token', endpoint: sim.url });
  });
  afterAll(async () => client?.close());
  beforeEach(() => {
    harness.cache = new MemoryIdentityCache();
    harness.attributeMemory = undefined;
    since = 0;
  });
  return harness;
}

export const isFailure = (error: unknown, kind: 'retry' | 'reject' | 'auth') =>
  error instanceof ActionFailure && error.classification.kind === kind;
