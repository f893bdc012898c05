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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by text[from, to), or -1 when a character there is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS[.sss]Z` (what Date#toISOString and ingest write), read by position;
 * undefined for anything else or anything odd (years before 100, 24:00, Feb 30), which Date.parse then reads.
 */
export function canonicalIsoMillis(text: string): number | undefined {
  const n = text.length;
  if ((n !== 24 && n !== 20) || text.charCodeAt(n - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return undefined;
  const dash = 45;
  const colon = 58;
  if (text.charCodeAt(4) !== dash || text.charCodeAt(7) !== dash || text.charCodeAt(13) !== colon || text.charCodeAt(16) !== colon) return undefined;
  if (n === 24 && text.charCodeAt(19) !== 46 /* . */) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  const ms = n === 24 ? digitsAt(text, 20, 23) : 0;
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  if (second < 0 || second > 59 || ms < 0) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return undefined;
  return ((((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000) + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (year >= 1): integer arithmetic, no Date call. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** ISO-8601 text, unix seconds, unix milliseconds or a numeric string -> integer unix seconds. */
export function toUnixSeconds(value: string | number, fieldName: string, actionKey: string): number {
  let seconds: number;
  if (typeof value === 'number') seconds = value > MILLISECONDS_ABOVE ? value / 1000 : value;
  else if (isNumericText(value)) return toUnixSeconds(Number(value), fieldName, actionKey);
  else seconds = (canonicalIsoMillis(value) ?? Date.parse(value)) / 1000;
  if (!Number.isFinite(seconds)) {
    throw new FerryError(
      'FERRY_ERR_PAYLOAD_INVALID',
      `${actionKey}: field '${fieldName}' is not a date Intercom can take: ${JSON.stringify(value)}`,
      { field: fieldName },
    );
  }
  return Math.floor(seconds);
}
