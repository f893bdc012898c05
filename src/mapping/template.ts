// @template strings, split once into text and pre-split paths; rendering only concatenates.
import { cachedGetter, compileGetter, type Getter } from './path.js';
import { MAX_DATA_DEPTH } from './values.js';

export type RenderTemplate = (data: unknown) => string;

/** Segment renders `{{{path}}}` first, then `{{path}}` over the result; neither escapes HTML. */
const TRIPLE = /\{\{\{([^}]+)\}\}\}/g;
const DOUBLE = /\{\{([^}]+)\}\}/g;

type Part = string | Getter;

function split(template: string, pattern: RegExp): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(compileGetter(match[1]!.trim()));
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/**
 * What String.prototype.replace makes of a substituted value: missing and null become '', arrays are joined with ","
 * (null items as ''), objects become "[object Object]". Written out so odd data (an object whose own `toString` key
 * is not a function) renders instead of throwing as it would in Segment.
 */
export function toText(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (depth > MAX_DATA_DEPTH) return '';
    let out = '';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + toText(value[i], depth + 1);
    return out;
  }
  return '[object Object]';
}

function render(parts: readonly Part[], data: unknown): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : toText(part(data));
  return out;
}

/** The second pass over text produced at run time: values substituted by `{{{ }}}` may themselves hold `{{ }}`. */
function renderDouble(text: string, data: unknown): string {
  if (!text.includes('{{')) return text;
  return text.replace(DOUBLE, (_match, inner: string) => toText(cachedGetter(inner.trim())(data)));
}

export function compileTemplate(template: string): RenderTemplate {
  const first = split(template, TRIPLE);
  if (first.length === 1 && typeof first[0] === 'string') {
    const parts = split(template, DOUBLE);
    if (parts.length === 1 && typeof parts[0] === 'string') {
      const text = parts[0];
      return () => text;
    }
    return (data) => render(parts, data);
  }
  if (first.length === 0) return () => '';
  return (data) => renderDouble(render(first, data), data);
}

const cache = new Map<string, RenderTemplate>();
const CACHE_LIMIT = 256;

/** Renders a template computed per event (a @template whose argument is a directive), memoising its compiled form. */
export function renderDynamicTemplate(template: string, data: unknown): string {
  let compiled = cache.get(template);
  if (compiled === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    compiled = compileTemplate(template);
    cache.set(template, compiled);
  }
  return compiled(data);
}
