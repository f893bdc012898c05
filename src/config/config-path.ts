// Dotted paths into a config document ('destinations[0].settings.region'): building, parsing, finding their line.

export type PathSegment = string | number;

// Keys that read unambiguously after a dot; anything else is written ["quoted"].
const PLAIN_KEY = /^[^.[\]"]+$/;

/** `parent` extended by one key or list index. */
export function childPath(parent: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${parent}[${segment}]`;
  if (!PLAIN_KEY.test(segment)) return `${parent}[${JSON.stringify(segment)}]`;
  return parent === '' ? segment : `${parent}.${segment}`;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>(childPath, '');
}

const INDEX = /^\[(\d+)\]/;
const QUOTED = /^\[("(?:[^"\\]|\\.)*")\]/;
const KEY = /^[^.[]+/;

/** The segments of a path written by `formatPath`; undefined when the text is not such a path. */
export function parsePath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let rest = path;
  while (rest !== '') {
    const index = INDEX.exec(rest);
    const quoted = index ? null : QUOTED.exec(rest);
    if (index?.[1] !== undefined) segments.push(Number(index[1]));
    else if (quoted?.[1] !== undefined) segments.push(JSON.parse(quoted[1]) as string);
    const bracket = index ?? quoted;
    if (bracket) {
      rest = rest.slice(bracket[0].length);
      continue;
    }
    if (segments.length > 0) {
      if (!rest.startsWith('.')) return undefined;
      rest = rest.slice(1);
    }
    const key = KEY.exec(rest);
    if (!key) return undefined;
    segments.push(key[0]);
    rest = rest.slice(key[0].length);
  }
  return segments;
}

/** The line recorded for `path`, else for its nearest recorded parent; undefined for text that is not a path. */
export function findLine(lines: ReadonlyMap<string, number>, path: string): number | undefined {
  const segments = parsePath(path);
  if (!segments) return undefined;
  for (let length = segments.length; length >= 0; length--) {
    const line = lines.get(formatPath(segments.slice(0, length)));
    if (line !== undefined) return line;
  }
  return undefined;
}
