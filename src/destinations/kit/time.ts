// R6: every timestamp becomes integer unix seconds, whatever form the event carried it in.
import { FerryError } from '../../errors.js';

// Numbers above this are milliseconds (10^11 seconds is the year 5138).
const MILLISECONDS_ABOVE = 1e11;
const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * Whether text is a number in decimal notation (surrounding spaces allowed). An ASCII character other than a digit,
 * '.', '-' or a space answers no without the regex: ISO-8601 text ('T', ':') is the usual case.
 */
function isNumericText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const possible = (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 32 || (c >= 9 && c <= 13) || c >= 128;
    if (!possible) return false;
  }
  return NUMERIC_TEXT.test(text);
}

/** ISO-8601 text, unix seconds, unix milliseconds or a numeric string -> integer unix seconds. */
export function toUnixSeconds(value: string | number, fieldName: string, actionKey: string): number {
  let seconds: number;
  if (typeof value === 'number') seconds = value > MILLISECONDS_ABOVE ? value / 1000 : value;
  else if (isNumericText(value)) return toUnixSeconds(Number(value), fieldName, actionKey);
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
