// Reads the event for `ferry test-event` from a file or standard input, with the tracking API's own checks.
import { readFileBounded } from '../config/load.js';
import { FerryError } from '../errors.js';
import { tooLarge } from '../ingest/decode-body.js';
import { LIMITS } from '../ingest/limits.js';
import type { SegmentEvent } from '../ingest/normalize-event.js';
import { readEvent } from '../ingest/read-event.js';

function refuse(source: string, message: string, path?: string): never {
  throw new FerryError('FERRY_ERR_EVENT_INVALID', `${source}: ${message}`, { file: source, ...(path === undefined ? {} : { path }) });
}

/** `-` reads standard input. The event comes back normalized, as the tracking API would store it. */
export function readEventFile(file: string): SegmentEvent {
  const source = file === '-' ? 'standard input' : file;
  let raw: Buffer | undefined;
  try {
    raw = readFileBounded(file === '-' ? 0 : file, LIMITS.eventBytes);
  } catch (error) {
    refuse(source, `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    if (raw === undefined) throw tooLarge('event');
    return readEvent(raw, new Date());
  } catch (error) {
    if (error instanceof FerryError) refuse(source, error.message, error.details.path);
    throw error;
  }
}
