// The request headers of R19 and a flat, lower-cased view of response headers.

export interface HeaderSettings {
  accessToken: string;
  apiVersion: string;
  userAgent: string;
}

/** Exactly R19's headers; Content-Type only when a body is sent. */
export function requestHeaders(settings: HeaderSettings, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${settings.accessToken}`,
    'intercom-version': settings.apiVersion,
    accept: 'application/json',
    'user-agent': settings.userAgent,
  };
  if (hasBody) headers['content-type'] = 'application/json';
  return headers;
}

/** Header values must be visible ASCII: a stray newline or space in a pasted token would break the request. */
export function isHeaderSafe(value: string): boolean {
  return /^[\x21-\x7e]+$/.test(value);
}

export function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** A header by name, whatever its case in the record. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
