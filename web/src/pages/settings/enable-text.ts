// What enabling a destination starts, in one sentence: which sources, which workspace, through which mappings.
import type { Destination, Source } from '../../api/types.js';
import { sourceNames } from '../destinations/destination-summary.js';

export interface EnableContext {
  destination: Pick<Destination, 'sources' | 'presets' | 'mappings'>;
  sources?: readonly Source[];
  /** The type's title ("Intercom"). */
  typeTitle: string;
  /** The workspace's name when known (stored by OAuth connect, or from a test of the connection). */
  workspace?: string;
}

function fromSources({ destination, sources }: EnableContext): string {
  const names = sourceNames(destination, sources);
  if (names === undefined) return 'Events from every source (also the ones added later)';
  if (names.length === 0) return 'Events from no source (none is picked)';
  return `Events from ${names.length === 1 ? 'source' : 'sources'} ${names.join(', ')}`;
}

function through({ destination }: EnableContext): string {
  const enabled = destination.mappings.filter((mapping) => mapping.enabled);
  if (enabled.length === 0) return 'No mapping is enabled, so nothing will be sent until you enable one.';
  const kind = destination.presets ? ' preset' : '';
  const noun = `${enabled.length}${kind} mapping${enabled.length === 1 ? '' : 's'}`;
  return `through ${noun}: ${enabled.map((mapping) => mapping.name).join(', ')}.`;
}

/** "Events from sources Website, ios will be delivered to Intercom workspace Europe Co through 3 mappings: a, b, c." */
export function enableSummary(context: EnableContext): string {
  const where = context.workspace
    ? `${context.typeTitle} workspace ${context.workspace}`
    : `${context.typeTitle} (the workspace of the stored credentials; test the connection to see which)`;
  const how = through(context);
  const joined = how.startsWith('through') ? ` ${how}` : `. ${how}`;
  return `${fromSources(context)} will be delivered to ${where}${joined}`;
}
