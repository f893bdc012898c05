// The shape of ferry's configuration (ferry.config.yaml / .json) after loading: defaults applied, ${ENV} expanded.

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

/**
 * A destination's settings: the keys its definition declares (see src/destinations), plus `retry`, which ferry's
 * delivery reads for every destination.
 */
export interface DestinationSettings {
  [key: string]: unknown;
  retry?: RetrySettings;
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
  /** The key of a definition in the destination registry ('intercom'). */
  type: string;
  name?: string;
  /** Default true. */
  enabled: boolean;
  settings: DestinationSettings;
  /** Absent = the default presets; an empty list = no mappings. */
  mappings?: MappingConfig[];
  /** The ids of the sources whose events it receives; absent = every source. */
  sources?: string[];
}

export interface FerryConfig {
  sources: SourceConfig[];
  destinations: DestinationConfig[];
}
