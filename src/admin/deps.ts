// What the admin API works with: the store, the live pipeline, the destination registry, and the secrets it signs with.
import type { DestinationSettings } from '../config/model.js';
import type { EndpointPolicy } from '../destinations/kit/endpoint-policy.js';
import type { Registry } from '../destinations/registry.js';
import type { Suppressions } from '../ingest/suppressions.js';
import type {
  ConfigStore, ControlStore, DeliveryLogStore, IdentityStore, PeopleStore, StoredDestination,
} from '../store/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { ConfigManaged } from './config-managed.js';

/** The store roles the admin routes use: config reads, control-plane writes, the delivery log, the identity cache, people. */
export type AdminStore = ConfigStore & ControlStore & DeliveryLogStore & IdentityStore & PeopleStore;

export interface AdminDeps {
  store: AdminStore;
  logger: Logger;
  /** After any change of sources, destinations or mappings: recompiles routes and restarts workers (live). */
  onConfigChanged(): Promise<void>;
  /** New deliveries were queued (a replay): the delivery workers look for them now instead of at their next poll. */
  onJobsQueued?(): void;
  /** The destination types: their settings, actions, clients, connection tests and OAuth. */
  registry: Registry;
  /** The settings a destination delivers with (sandbox mode fills in its sandbox's); default: as stored. */
  settingsFor?(destination: StoredDestination): DestinationSettings;
  /** Where credentials may go (R22): set by the operator's environment, never by an API call. */
  endpointPolicy: EndpointPolicy;
  /** sha256 (hex) of the admin token; requests carry the token itself. */
  adminTokenHash: string;
  /** 32 bytes: signs OAuth states (and encrypts secrets in the store). */
  secretKey: Buffer;
  /** ferry's own URL as browsers reach it (OAuth redirect_uri); default: the listening address. */
  publicUrl: string;
  /** Browser sessions (the web app's sign-in): how long one lasts (default 12 hours, fixed from sign-in) and the clock. */
  sessions?: { ttlMs?: number; now?: () => Date };
  /** What the --config file lists (absent: started without one): changes to it are refused (409 FERRY_ERR_CONFIG_MANAGED). */
  configManaged?: ConfigManaged;
  /** R23: the suppressions ingest checks; the people routes (erasure) are served only with them. */
  suppressions?: Suppressions;
  /** The in-process sandboxes in sandbox mode, by destination type: OAuth authorizes there instead. */
  sandboxUrls?: Readonly<Record<string, string>>;
}
