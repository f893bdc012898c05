// Words for a destination's state, its sources and its mappings, shared by the Destinations list and Settings.
import type { Destination, Source } from '../../api/types.js';

export type DestinationState = { label: 'Enabled' | 'Disabled' | 'Paused'; badge: string; reason?: string };

export function stateOf(destination: Pick<Destination, 'enabled' | 'pausedReason'>): DestinationState {
  if (destination.pausedReason) return { label: 'Paused', badge: 'badge-paused', reason: destination.pausedReason };
  return destination.enabled ? { label: 'Enabled', badge: 'badge-on' } : { label: 'Disabled', badge: 'badge-off' };
}

/** The names of the sources feeding it ("Website, ios"), or undefined when every source does. */
export function sourceNames(destination: Pick<Destination, 'sources'>, sources: readonly Source[] = []): string[] | undefined {
  if (destination.sources === null || destination.sources === undefined) return undefined;
  return destination.sources.map((id) => sources.find((source) => source.id === id)?.name ?? id);
}

/** "Every source" or "Website, ios"; "No source" for an empty list. */
export function sourcesText(destination: Pick<Destination, 'sources'>, sources: readonly Source[] = []): string {
  const names = sourceNames(destination, sources);
  if (names === undefined) return 'Every source';
  return names.length === 0 ? 'No source' : names.join(', ');
}

/** "3 presets", or "4 mappings, 2 enabled". */
export function mappingsText(destination: Pick<Destination, 'presets' | 'mappings'>): string {
  const count = destination.mappings.length;
  if (destination.presets) return `${count} preset${count === 1 ? '' : 's'}`;
  const enabled = destination.mappings.filter((mapping) => mapping.enabled).length;
  return `${count} mapping${count === 1 ? '' : 's'}, ${enabled} enabled`;
}
