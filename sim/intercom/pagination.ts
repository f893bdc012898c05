// Cursor pagination as Intercom's list and search answers have it: per_page up to 150, an opaque starting_after.
import { parameterInvalid } from './errors.js';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 150;

export interface PageRequest {
  perPage: number;
  startingAfter?: string;
}

export function readPageRequest(perPageRaw: unknown, startingAfterRaw: unknown): PageRequest {
  let perPage = DEFAULT_PER_PAGE;
  if (perPageRaw !== undefined && perPageRaw !== null) {
    const n = typeof perPageRaw === 'string' && /^\d+$/.test(perPageRaw) ? Number(perPageRaw) : perPageRaw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_PER_PAGE) {
      throw parameterInvalid(`per_page must be an integer between 1 and ${MAX_PER_PAGE}`, 'per_page');
    }
    perPage = n;
  }
  if (startingAfterRaw === undefined || startingAfterRaw === null) return { perPage };
  if (typeof startingAfterRaw !== 'string') throw parameterInvalid('starting_after must be a string', 'starting_after');
  return { perPage, startingAfter: startingAfterRaw };
}

const encodeCursor = (id: string) => Buffer.from(`after:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith('after:')) throw parameterInvalid('starting_after is not a valid cursor', 'starting_after');
  return text.slice('after:'.length);
}

/** One page of `items` (sorted by id, which sorts by age) and Intercom's `pages` object. */
export function paginate<T extends { id: string }, J>(items: T[], page: PageRequest, toJson: (item: T) => J) {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let start = 0;
  if (page.startingAfter !== undefined) {
    const afterId = decodeCursor(page.startingAfter);
    start = sorted.findIndex((item) => item.id > afterId);
    if (start < 0) start = sorted.length;
  }
  const slice = sorted.slice(start, start + page.perPage);
  const last = slice[slice.length - 1];
  const hasMore = start + page.perPage < sorted.length;
  return {
    type: 'list',
    data: slice.map(toJson),
    total_count: sorted.length,
    pages: {
      type: 'pages',
      ...(hasMore && last ? { next: { per_page: page.perPage, starting_after: encodeCursor(last.id) } } : {}),
      page: Math.floor(start / page.perPage) + 1,
      per_page: page.perPage,
      total_pages: Math.ceil(sorted.length / page.perPage),
    },
  };
}
