// The mappings pages' admin API: the action catalog, a destination's mappings, and the changes made to them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import type { MappingSpec, Outcome } from '../../api/types.js';

export interface CatalogField {
  key: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'datetime' | 'object' | 'choice';
  required: boolean;
  description: string;
  format?: string;
  choices?: string[];
  defaultMapping?: unknown;
}

export interface CatalogAction {
  key: string;
  aliases: string[];
  title: string;
  description: string;
  defaultTrigger: string;
  fields: CatalogField[];
}

export interface MappingList {
  /** true: the destination stores no mappings; these presets apply until the first change stores them. */
  presets: boolean;
  mappings: MappingSpec[];
}

export interface MappingTestAnswer {
  matched: boolean;
  outcome: Outcome;
}

/** A mapping as the editor sends it (name optional for a test). */
export interface MappingDraft {
  name?: string;
  action: string;
  trigger?: string;
  mapping?: Record<string, unknown>;
  enabled?: boolean;
}

export const MAX_MAPPINGS = 50;

const base = (id: string) => `/api/destinations/${encodeURIComponent(id)}/mappings`;
const one = (id: string, name: string) => `${base(id)}/${encodeURIComponent(name)}`;
/** Under the destination's key: a change refreshes the destination (its `mappings`) and this list together. */
export const mappingsKey = (id: string) => [...keys.destination(id), 'mappings'] as const;

export function useMappings(id: string) {
  return useQuery({ queryKey: mappingsKey(id), queryFn: () => get<MappingList>(base(id)) });
}

export function useActions(type: string | undefined) {
  return useQuery({
    queryKey: ['actions', type],
    queryFn: async () => (await get<{ actions: CatalogAction[] }>(`/api/actions?type=${encodeURIComponent(type!)}`)).actions,
    enabled: type !== undefined,
    staleTime: Infinity,
  });
}

/** Every change refreshes the destinations (list, one, mappings): other pages show mappings too. */
function useRefreshAfter<V, R>(change: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: change, onSettled: () => client.invalidateQueries({ queryKey: keys.destinations }) });
}

export const useSetEnabled = (id: string) =>
  useRefreshAfter(({ name, enabled }: { name: string; enabled: boolean }) =>
    post<MappingSpec>(`${one(id, name)}/${enabled ? 'enable' : 'disable'}`));

export const useDeleteMapping = (id: string) => useRefreshAfter((name: string) => del(one(id, name)));

export const useReorder = (id: string) => useRefreshAfter((names: string[]) => put<MappingList>(`${base(id)}/order`, { names }));

/** Adds when `editing` is undefined, else replaces the mapping of that name (a new name renames it). */
export const useSaveMapping = (id: string) =>
  useRefreshAfter(({ draft, editing }: { draft: MappingDraft; editing?: string }) =>
    editing === undefined ? post<MappingSpec>(base(id), draft) : put<MappingSpec>(one(id, editing), draft));

export const testDraft = (id: string, draft: MappingDraft, event: unknown) =>
  post<MappingTestAnswer>(`${base(id)}/test`, { ...draft, enabled: undefined, event });

/** The recent deliveries of the destination, to pick a real event from. */
export interface RecentDelivery {
  id: number;
  eventType: string;
  person: string;
  queuedAt: string;
  mapping: string | null;
}
export function useRecentDeliveries(id: string, wanted: boolean) {
  return useQuery({
    queryKey: [...keys.destination(id), 'recent-deliveries'],
    queryFn: async () => (await get<{ items: RecentDelivery[] }>(`/api/destinations/${encodeURIComponent(id)}/deliveries?limit=20`)).items,
    enabled: wanted,
  });
}
export const eventOfDelivery = async (deliveryId: number) =>
  (await get<{ event: Record<string, unknown> }>(`/api/deliveries/${deliveryId}`)).event;
