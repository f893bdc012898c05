// GET /api/sources/{id}/events: a source's recent events with their deliveries' states (the live view, the samples).
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.js';

export type DeliveryState = 'pending' | 'retrying' | 'leased' | 'delivered' | 'delivered-with-warnings' | 'rejected' | 'filtered';

export interface SourceEventDelivery {
  id: number;
  destinationId: string;
  /** null: no mapping matched the event. */
  mapping: string | null;
  action: string | null;
  state: DeliveryState;
}

export interface SourceEvent {
  id: number;
  receivedAt: string;
  type: string;
  /** A track's event name. */
  event?: string;
  userId?: string;
  anonymousId?: string;
  messageId: string;
  /** The event as ferry stored it. */
  payload: Record<string, unknown>;
  deliveries: SourceEventDelivery[];
}

export interface SourceEventsPage {
  events: SourceEvent[];
  nextCursor?: string;
}

export const sourceEventsKey = (sourceId: string, limit: number) => ['sources', sourceId, 'events', limit] as const;

/** `refreshMs`: how often to ask again (the live view); false: once. */
export function useSourceEvents(sourceId: string | undefined, { limit = 50, refreshMs = false as number | false } = {}) {
  return useQuery({
    queryKey: sourceEventsKey(sourceId ?? '', limit),
    queryFn: () => get<SourceEventsPage>(`/api/sources/${encodeURIComponent(sourceId ?? '')}/events?limit=${limit}`),
    enabled: sourceId !== undefined && sourceId !== '',
    refetchInterval: refreshMs,
  });
}
