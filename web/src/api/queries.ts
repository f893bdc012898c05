// Queries several pages share, under one key each so a change made on one page refreshes the others.
import { useQuery } from '@tanstack/react-query';
import { get } from './client.js';
import type { Destination, Source } from './types.js';

export const keys = {
  destinations: ['destinations'] as const,
  destination: (id: string) => ['destinations', id] as const,
  sources: ['sources'] as const,
};

/** Refreshed every 10 s: a destination that Intercom starts refusing shows as paused without a reload. */
export function useDestinations() {
  return useQuery({ queryKey: keys.destinations, queryFn: () => get<Destination[]>('/api/destinations'), refetchInterval: 10_000 });
}

export function useDestination(id: string) {
  return useQuery({
    queryKey: keys.destination(id),
    queryFn: () => get<Destination>(`/api/destinations/${encodeURIComponent(id)}`),
    refetchInterval: 10_000,
  });
}

export function useSources() {
  return useQuery({ queryKey: keys.sources, queryFn: () => get<Source[]>('/api/sources') });
}
