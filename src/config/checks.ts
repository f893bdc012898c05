// Structural checks for one config object at a time; every problem names the exact path of what is wrong.
import { childPath } from './config-path.js';
import type { RetrySettings } from './model.js';

/** Reports a problem at `path` (a line given by the caller wins over the path's own line); never returns. */
export type Fail = (path: string, message: string, line?: number) => never;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** 'a string', 'a list', ... — never the value itself, which may be a secret. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}

/** The allowed key closest to a typo (case or up to two edits), if any. */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  return (
    allowed.find((candidate) => candidate.toLowerCase() === lower) ??
    allowed.find((candidate) => key.length > 2 && editDistance(lower, candidate.toLowerCase()) <= 2)
  );
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Reads the fields of one object: unknown keys refused first (typos explain "is required" best), then types. */
export class ObjectReader {
  private constructor(
    private readonly object: Record<string, unknown>,
    readonly path: string,
    private readonly fail: Fail,
  ) {}

  static open(value: unknown, path: string, allowed: readonly string[], fail: Fail, what = 'an object') {
    if (!isPlainObject(value)) return fail(path, `must be ${what}, got ${describe(value)}`);
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const suggestion = suggestKey(key, allowed);
      const hint = suggestion ? `did you mean "${suggestion}"?` : `expected one of: ${allowed.join(', ')}`;
      fail(childPath(path, key), `unknown key; ${hint}`);
    }
    return new ObjectReader(value, path, fail);
  }

  at(key: string): string {
    return childPath(this.path, key);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.object, key);
  }

  value(key: string): unknown {
    return this.has(key) ? this.object[key] : undefined;
  }

  required(key: string): unknown {
    return this.has(key) ? this.object[key] : this.fail(this.at(key), 'is required');
  }

  requiredString(key: string): string {
    this.required(key);
    return this.string(key) as string;
  }

  /** A non-empty string; numbers and booleans are refused with a hint, since YAML reads 2.11 or 12345 as numbers. */
  string(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const value = this.object[key];
    if (typeof value === 'number' || typeof value === 'boolean') {
      return this.fail(this.at(key), `must be a string, got ${describe(value)}; put it in quotes`);
    }
    if (typeof value !== 'string') return this.fail(this.at(key), `must be a string, got ${describe(value)}`);
    if (value === '') return this.fail(this.at(key), 'must not be empty');
    return value;
  }

  /** Any string, empty included. */
  text(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined || typeof value === 'string') return value;
    return this.fail(this.at(key), `must be a string, got ${describe(value)}`);
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.value(key);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    return this.fail(this.at(key), `must be true or false, got ${describe(value)}`);
  }

  positiveInteger(key: string): number | undefined {
    const value = this.value(key);
    if (value === undefined || (Number.isSafeInteger(value) && (value as number) > 0)) return value as number;
    const got = typeof value === 'number' ? String(value) : describe(value);
    return this.fail(this.at(key), `must be a positive integer, got ${got}`);
  }

  list(key: string): unknown[] | undefined {
    const value = this.value(key);
    if (value === undefined || Array.isArray(value)) return value;
    return this.fail(this.at(key), `must be a list, got ${describe(value)}`);
  }
}

/** `retry` (R18's schedule): ferry's own setting, which every destination's settings may carry. */
export function checkRetry(value: unknown, path: string, fail: Fail): RetrySettings {
  const retry = ObjectReader.open(value, path, ['baseDelayMs', 'maxDelayMs', 'maxAgeSeconds'], fail);
  const result: RetrySettings = {};
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxAgeSeconds'] as const) {
    const number = retry.positiveInteger(key);
    if (number !== undefined) result[key] = number;
  }
  if (result.baseDelayMs !== undefined && result.maxDelayMs !== undefined && result.baseDelayMs > result.maxDelayMs) {
    fail(retry.at('baseDelayMs'), `must not be greater than maxDelayMs (${result.maxDelayMs})`);
  }
  return result;
}
