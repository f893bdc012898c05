// Reads a Segment event for `ferry test-event` from a file or standard input, refusing anything that is not one.
import { readFileSync } from 'node:fs';
import { FerryError } from '../errors.js';
import { EVENT_TYPES, type SegmentEvent } from '../ingest/normalize-event.js';

function refuse(source: string, message: string): never {
  throw new FerryError('FERRY_ERR_EVENT_INVALID', `${source}: ${message}`, { file: source });
}

export function parseEvent(text: string, source: string): SegmentEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    refuse(source, `not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) refuse(source, 'the event must be a JSON object');
  const event = value as Record<string, unknown>;
  if (!EVENT_TYPES.includes(event.type as (typeof EVENT_TYPES)[number])) {
    refuse(source, `type must be one of ${EVENT_TYPES.join(', ')} (got ${JSON.stringify(event.type)})`);
  }
  const hasId = (key: string) => typeof event[key] === 'string' && event[key] !== '';
  if (!hasId('userId') && !hasId('anonymousId')) refuse(source, 'the event needs a userId or an anonymousId');
  return event as SegmentEvent;
}

/** `-` reads standard input. */
export function readEvent(file: string): SegmentEvent {
  const source = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    refuse(source, `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseEvent(text, source);
}
