// Readers for request bodies that answer bad input the way Intercom does: a 400 naming the parameter.
import { badParameter, badRequest, parameterInvalid } from './errors.js';
import type { Scalar } from './contacts/model.js';

export type Body = Record<string, unknown>;

export function requireObject(value: unknown, what = 'Request body'): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`${what} must be a JSON object`);
  }
  return value as Body;
}

/** Intercom refuses parameters it does not know: "bad 'x' parameter". */
export function rejectUnknown(body: Body, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(body)) if (!allowed.has(key)) throw badParameter(key);
}

const has = (body: Body, key: string) => Object.prototype.hasOwnProperty.call(body, key);

interface StringOptions {
  nullable?: boolean;
  maxLength?: number;
}

/** undefined when absent; null when sent as null (unless nullable is false); otherwise the string. */
export function readString(body: Body, key: string, options: StringOptions & { nullable: false }): string | undefined;
export function readString(body: Body, key: string, options?: StringOptions): string | null | undefined;
export function readString(body: Body, key: string, options: StringOptions = {}): string | null | undefined {
  if (!has(body, key)) return undefined;
  const value = body[key];
  if (value === null && options.nullable !== false) return null;
  if (typeof value !== 'string') throw parameterInvalid(`${key} must be a string`, key);
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    throw parameterInvalid(`${key} must be at most ${options.maxLength} characters`, key);
  }
  return value;
}

export function readInteger(body: Body, key: string, options: { truncate?: boolean; min?: number; max?: number } = {}) {
  if (!has(body, key)) return undefined;
  const value = body[key];
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw parameterInvalid(`${key} must be an integer`, key);
  if (!Number.isInteger(value) && !options.truncate) throw parameterInvalid(`${key} must be an integer`, key);
  const integer = Math.trunc(value);
  if ((options.min !== undefined && integer < options.min) || (options.max !== undefined && integer > options.max)) {
    throw parameterInvalid(`${key} is out of range`, key);
  }
  return integer;
}

export function readBoolean(body: Body, key: string) {
  if (!has(body, key)) return undefined;
  const value = body[key];
  if (value === null) return null;
  if (typeof value !== 'boolean') throw parameterInvalid(`${key} must be a boolean`, key);
  return value;
}

/** Unix seconds, as Intercom stores every timestamp. */
export const readTimestamp = (body: Body, key: string) => readInteger(body, key, { min: 0, max: 2 ** 40 });

export const MAX_ATTRIBUTE_LENGTH = 255;

/** A custom_attributes object: every value a string (<= 255 chars), number, boolean or null. */
export function readCustomAttributes(body: Body, key = 'custom_attributes'): Record<string, Scalar> | undefined {
  if (!has(body, key) || body[key] === null) return undefined;
  const value = body[key];
  if (typeof value !== 'object' || Array.isArray(value)) throw parameterInvalid(`${key} must be an object`, key);
  const entries = Object.entries(value as Body);
  for (const [name, attribute] of entries) {
    const scalar = attribute === null || ['string', 'number', 'boolean'].includes(typeof attribute);
    if (!scalar || (typeof attribute === 'number' && !Number.isFinite(attribute))) {
      throw parameterInvalid(
        `Custom attribute '${name}' must be a string, number, boolean or null`,
        `${key}.${name}`,
      );
    }
    if (typeof attribute === 'string' && attribute.length > MAX_ATTRIBUTE_LENGTH) {
      throw parameterInvalid(`Custom attribute '${name}' is longer than 255 characters`, `${key}.${name}`);
    }
  }
  // fromEntries defines own properties, so a key named __proto__ stays a plain key.
  return Object.fromEntries(entries) as Record<string, Scalar>;
}
