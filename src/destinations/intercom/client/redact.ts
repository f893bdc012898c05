// Keeps the access token out of everything the client returns: URLs, bodies, messages.

export const REDACTED = '[redacted]';

export function redactText(text: string, secret: string): string {
  return secret !== '' && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** A copy of a JSON value with the secret replaced in every string (keys included); the value itself when clean. */
export function redactJson<T>(value: T, secret: string): T {
  if (secret === '') return value;
  return scrub(value, secret) as T;
}

function scrub(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return redactText(value, secret);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, secret));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[redactText(key, secret)] = scrub(item, secret);
  return copy;
}
