// The admin API's answers the pages share (the OpenAPI document at /api/openapi.json has them all).

export interface Source {
  id: string;
  name?: string;
  /** The full key only in the answers of create and rotate; elsewhere "****" and its last 4 characters. */
  writeKey: string;
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
}

export interface Session {
  who: 'admin';
  signedInAt: string;
  expiresAt: string;
  csrfToken: string;
}
