// The registry's destination types as GET /api/destination-types answers them, and the queries that read them.
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.js';
import type { MappingSpec } from '../../api/types.js';

export interface CatalogField {
  key: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'datetime' | 'object' | 'choice';
  required: boolean;
  description: string;
}

export interface CatalogAction {
  key: string;
  title: string;
  description: string;
  defaultTrigger: string;
  fields: CatalogField[];
}

/** A JSON schema as the registry writes settings: objects, strings, integers, unions of constants; secrets marked. */
export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  format?: string;
  minimum?: number;
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  secret?: boolean;
  /** A setting's value when left out, as the server's schema tells forms. */
  'x-default'?: unknown;
}

export interface DestinationType {
  key: string;
  title: string;
  description: string;
  /** The names events use for it in Segment's `integrations` object. */
  integrationNames: string[];
  /** The settings an admin API body may give. */
  settings: JsonSchema;
  secretSettings: string[];
  /** Whether "Connect with <title>" (OAuth) is offered. */
  oauth: boolean;
  actions: CatalogAction[];
  presets: MappingSpec[];
}

export const typeKeys = {
  all: ['destination-types'] as const,
  one: (type: string) => ['destination-types', type] as const,
};

/** The declarations never change while ferry runs: read once. */
export function useDestinationTypes() {
  return useQuery({
    queryKey: typeKeys.all,
    queryFn: async () => (await get<{ types: DestinationType[] }>('/api/destination-types')).types,
    staleTime: Infinity,
  });
}

/** `type` "" (not known yet): waits. */
export function useDestinationType(type: string) {
  return useQuery({
    queryKey: typeKeys.one(type),
    enabled: type !== '',
    queryFn: () => get<DestinationType>(`/api/destination-types/${encodeURIComponent(type)}`),
    staleTime: Infinity,
  });
}

/** The fullest name of a type, as Segment's catalog lists it ("Intercom Cloud Mode (Actions)"), else its title. */
export function displayName(type: Pick<DestinationType, 'title' | 'integrationNames'>): string {
  const names = type.integrationNames.filter((name) => name.startsWith(type.title));
  return names.reduce((longest, name) => (name.length > longest.length ? name : longest), type.title);
}
