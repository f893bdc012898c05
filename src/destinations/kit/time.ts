// R6: every timestamp becomes integer unix seconds, whatever form the event carried it in.
import { FerryError } from '../../errors.js';

// Numbers above this are milliseconds (10^11 seconds is the year 5138).
const MILLISECONDS_ABOVE = 1e11;

/** ISO-8601 text, unix seconds, unix milliseconds or a numeric string -> integer unix seconds. */
export function toUnixSeconds(value: string | number, fieldName: string, actionKey: string): number {
  let seconds: number;
  if (typeof value === 'number') seconds = value > MILLISECONDS_ABOVE ? value / 1000 : value;
  else if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return toUnixSeconds(Number(value), fieldName, actionKey);
  else seconds = Date.parse(value) / 1000;
  if (!Number.isFinite(seconds)) {
    throw new FerryError(
      'FERRY_ERR_PAYLOAD_INVALID',
      `${actionKey}: field '${fieldName}' is not a date Intercom can take: ${JSON.stringify(value)}`,
      { field: fieldName },
    );
  }
  return Math.floor(seconds);
}
