// The shape of ferry's configuration (ferry.config.yaml / .json) after loading: defaults applied, ${ENV} expanded.

export type Region = 'us' | 'eu' | 'au';

export const REGIONS: readonly Region[] = ['us', 'eu', 'au'];

/** The Intercom API version ferry is built and tested against; a config may name another 2.x version. */
export const DEFAULT_API_VERSION = '2.11';

export interface SourceConfig {
  id: string;
  name?: string;
  writeKey: string;
}

export interface RetrySettings {
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAgeSeconds?: number;
}

export interface DestinationSettings {
  accessToken?: string;
  /** Default 'us'. */
  region: Region;
  /** An http(s) URL that replaces the region's host (the simulator, a proxy). */
  endpoint?: string;
  /** A '2.x' string; default '2.11'. */
  apiVersion: string;
  retry?: RetrySettings;
  /** The workspace the token belongs to, as GET /me named it (written by OAuth connect; informational only). */
  workspace?: IntercomWorkspace;
}

/** An Intercom workspace (GET /me's `app`): its id_code and name. Its region is the destination's `region`. */
export interface IntercomWorkspace {
  idCode: string;
  name: string;
}

export interface MappingConfig {
  name: string;
  action: string;
  /** FQL; absent = the action's default trigger. */
  trigger?: string;
  /** Mapping-kit JSON; absent = the action's default mapping. */
  mapping?: Record<string, unknown>;
  /** Default true. */
  enabled: boolean;
}

export interface DestinationConfig {
  id: string;
  type: 'intercom';
  name?: string;
  /** Default true. */
  enabled: boolean;
  settings: DestinationSettings;
  /** Absent = the default presets; an empty list = no mappings. */
  mappings?: MappingConfig[];
}

export interface FerryConfig {
  sources: SourceConfig[];
  destinations: DestinationConfig[];
}
