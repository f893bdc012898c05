// Paths such as `$.traits.email` or `properties.products[0]['sku']`: split once, then read own properties only.

export type Getter = (root: unknown) => unknown;

/** Segments that would reach an object's prototype machinery; a path naming one of them reads nothing. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function isAnchor(ch: string | undefined): boolean {
  return ch === '"' || ch === "'" || (ch !== undefined && ch >= '0' && ch <= '9');
}

/**
 * Splits like Segment's `get`: on every ".", on a "[" followed by a quote or digit, and on a run of "]" preceded by a
 * quote or digit. Empty segments are dropped, then every quote character is removed (so quotes never protect a dot).
 */
export function splitPath(path: string): string[] {
  const raw: string[] = [];
  let current = '';
  let i = 0;
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '.' || (ch === '[' && isAnchor(path[i + 1]))) {
      raw.push(current);
      current = '';
      i += 1;
    } else if (ch === ']' && isAnchor(path[i - 1])) {
      raw.push(current);
      current = '';
      while (path[i] === ']') i += 1;
    } else {
      current += ch;
      i += 1;
    }
  }
  raw.push(current);
  return raw.filter((segment) => segment !== '').map((segment) => segment.replace(/['"]/g, ''));
}

/** @path and @arrayPath strip the first "$." anywhere in the string (not only a leading one), like Segment. */
export function stripRoot(path: string): string {
  return path.replace('$.', '');
}

/**
 * Reads a path the way Segment's `get` does — a falsy value along the way is returned as is (`a.b` over `{a: 0}` is 0,
 * over `{a: null}` is null) — except that only own properties are read: Segment would return inherited members
 * (`$.traits.toString` gives a function), ferry gives undefined.
 */
export function compileGetter(path: string): Getter {
  if (path === '' || path === '.') return (root) => root;
  const segments = splitPath(path);
  if (segments.some((segment) => FORBIDDEN.has(segment))) return () => undefined;
  if (segments.length === 1) {
    const key = segments[0]!;
    return (root) => (root ? (Object.hasOwn(root as object, key) ? (root as Record<string, unknown>)[key] : undefined) : root);
  }
  if (segments.length === 2) {
    // `$.traits.email`, `$.properties.revenue`: most default mappings' paths, read without a loop.
    const [first, second] = segments as [string, string];
    return (root) => {
      if (!root) return root;
      const parent = Object.hasOwn(root as object, first) ? (root as Record<string, unknown>)[first] : undefined;
      if (!parent) return parent;
      return Object.hasOwn(parent as object, second) ? (parent as Record<string, unknown>)[second] : undefined;
    };
  }
  return (root) => {
    let value = root;
    for (const key of segments) {
      if (!value) return value;
      value = Object.hasOwn(value as object, key) ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value;
  };
}

const cache = new Map<string, Getter>();
const CACHE_LIMIT = 512;

/** Getter for a path computed per event (a @path whose argument is itself a directive), memoised. */
export function cachedGetter(path: string): Getter {
  let getter = cache.get(path);
  if (getter === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    getter = compileGetter(path);
    cache.set(path, getter);
  }
  return getter;
}
