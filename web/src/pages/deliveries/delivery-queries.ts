// The Deliveries pages' reads and writes: the paged list (refreshed every 5 s), stats, one delivery, the actions, replays.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.js';
import { listQuery, replayBody, type DeliveryFilters } from './delivery-filters.js';
import { statsQuery, type Bucket } from './delivery-stats-view.js';
import type { CatalogAction, DeliveryDetail, DeliveryPage, ReplayManyAnswer, ReplayOneAnswer, Stats } from './delivery-types.js';

/** How often the list, the stats and an unfinished delivery refresh while the tab is visible. */
export const REFRESH_MS = 5_000;

const destinationPath = (id: string) => `/api/destinations/${encodeURIComponent(id)}`;

export const deliveryKeys = {
  all: ['deliveries'] as const,
  list: (id: string, filters: DeliveryFilters) => ['deliveries', 'list', id, filters] as const,
  stats: (id: string, bucket: Bucket, filters: DeliveryFilters) => ['deliveries', 'stats', id, bucket, filters] as const,
  one: (deliveryId: string) => ['deliveries', 'one', deliveryId] as const,
};

export function useDeliveryList(id: string, filters: DeliveryFilters) {
  return useInfiniteQuery({
    queryKey: deliveryKeys.list(id, filters),
    queryFn: ({ pageParam }) => {
      const query = listQuery(filters, Date.now(), pageParam ? { cursor: pageParam } : {});
      return get<DeliveryPage>(`${destinationPath(id)}/deliveries${query ? `?${query}` : ''}`);
    },
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: REFRESH_MS,
  });
}

export function useDeliveryStats(id: string, bucket: Bucket, filters: DeliveryFilters) {
  return useQuery({
    queryKey: deliveryKeys.stats(id, bucket, filters),
    queryFn: () => get<Stats>(`${destinationPath(id)}/stats?${statsQuery(filters, bucket, Date.now())}`),
    refetchInterval: REFRESH_MS,
  });
}

export function useDelivery(deliveryId: string) {
  return useQuery({
    queryKey: deliveryKeys.one(deliveryId),
    queryFn: () => get<DeliveryDetail>(`/api/deliveries/${encodeURIComponent(deliveryId)}`),
    // Only an unfinished delivery changes by itself.
    refetchInterval: (query) => (['pending', 'retrying', 'leased'].includes(query.state.data?.state ?? '') ? REFRESH_MS : false),
  });
}

export function useActions(type: string | undefined) {
  return useQuery({
    queryKey: ['actions', type ?? ''],
    queryFn: () => get<{ actions: CatalogAction[] }>(`/api/actions${type ? `?type=${encodeURIComponent(type)}` : ''}`),
    staleTime: Infinity,
  });
}

/** How many rejected deliveries a bulk replay would take now: those not replayed yet, up to one page of 500. */
export function useRejectedCount(id: string, filters: DeliveryFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['deliveries', 'rejected-count', id, filters],
    queryFn: async () => {
      const query = listQuery({ ...filters, states: ['rejected'] }, Date.now(), { limit: 500 });
      const page = await get<DeliveryPage>(`${destinationPath(id)}/deliveries?${query}`);
      return { count: page.items.filter((d) => d.replayedBy === null).length, more: page.nextCursor !== undefined };
    },
    enabled,
  });
}

export function useReplayRejected(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (filters: DeliveryFilters) => post<ReplayManyAnswer>(`${destinationPath(id)}/deliveries/replay`, replayBody(filters, Date.now())),
    onSuccess: () => client.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
}

export function useReplayOne(deliveryId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<ReplayOneAnswer>(`/api/deliveries/${deliveryId}/replay`),
    onSuccess: () => client.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
}
