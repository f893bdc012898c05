// Reads the dates clients send (ISO-8601 strings, unix seconds or milliseconds) as epoch milliseconds, strictly.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Years 0000-9999: what ISO-8601's four digits can say; keeps every correction inside Date's range. */
const MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function utc(year: number, month: number, day: number, h: number, m: number, s: number, ms: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, m, s, ms);
  return date.getTime();
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digits of text[from, to) as a number, or -1 when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * What nearly every client sends, `YYYY-MM-DDTHH:MM:SS[.sss]Z` (Date#toISOString), read without a regex or Date
 * objects (ingest reads 2-3 dates per event); undefined sends the text to the general parser, which agrees on it.
 */
function parseCanonical(text: string): number | undefined {
  const n = text.length;
  if (n !== 24 && n !== 20) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[n - 1] !== 'Z') return undefined;
  if (n === 24 && text[19] !== '.') return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const ms = n === 24 ? digits(text, 20, 23) : 0;
  // Years below 100 (Date.UTC reads them as 19xx), leap seconds and anything odd: the general parser decides.
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) {
    return undefined;
  }
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function parseIso(text: string): number | undefined {
  const fast = parseCanonical(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? '0')) as number[];
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60) return undefined;
  // A date without a zone is read as UTC (not the server's local time), like Segment's API.
  const local = utc(year!, month!, day!, hour!, minute!, second!, ms);
  if (new Date(utc(year!, month!, day!, 0, 0, 0, 0)).getUTCDate() !== day) return undefined; // 2024-02-30
  const zone = m[8];
  if (zone && zone.length > 1 && (offsetMinutes(zone) > 18 * 60 || offsetMinutes(zone) < -18 * 60)) return undefined;
  return local - offsetMinutes(zone) * 60_000;
}

/**
 * Epoch milliseconds of a client-supplied date, or undefined when it is not one: an ISO-8601 string (zone optional,
 * UTC when absent), or a number of unix seconds (milliseconds when above 10^11, as R6 reads numbers).
 */
export function parseTimestamp(value: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof value === 'string') ms = parseIso(value);
  else if (typeof value === 'number' && Number.isFinite(value)) ms = Math.round(Math.abs(value) > 1e11 ? value : value * 1000);
  return ms !== undefined && ms >= MIN_MS && ms <= MAX_MS ? ms : undefined;
}
