// Reads the dates clients send (ISO-8601 strings, unix seconds or milliseconds) as epoch milliseconds, strictly.
import { canonicalIsoMillis } from '../destinations/kit/time.js';

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

/** The usual `YYYY-MM-DDTHH:MM:SS[.sss]Z` without a regex or Date objects (ingest reads 2-3 dates per event). */
function parseIso(text: string): number | undefined {
  const fast = canonicalIsoMillis(text);
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
