// YAML or JSON text -> plain JSON-like data, with the 1-based line of every key and list item in it.
import { CST, LineCounter, Parser, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { MAX_JSON_DEPTH } from '../json-measure.js';
import { childPath } from './config-path.js';
import type { Fail } from './checks.js';

export interface SourceTree {
  /** null for an empty document; objects are own-property-only (a `__proto__` key stays a plain key). */
  value: unknown;
  /** path -> line; '' is the document itself. */
  lines: Map<string, number>;
}

// Bounds that keep hostile input (alias bombs, absurd nesting) from exhausting memory or the stack.
const MAX_DEPTH = MAX_JSON_DEPTH;
const MAX_VALUES = 100_000;

export function readTree(text: string, json: boolean, fail: Fail): SourceTree {
  refuseDeepNesting(text, fail);
  const counter = new LineCounter();
  const lineAt = (offset: number) => counter.linePos(offset).line;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return fail('', `invalid ${json ? 'JSON' : 'YAML'}: ${String((error as Error)?.message ?? error)}`, 1);
  }
  if (json) checkStrictJson(text, doc, lineAt, fail);
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = counter.linePos(syntax.pos[0]);
    fail('', `invalid ${json ? 'JSON' : 'YAML'}: ${syntax.message} (column ${col})`, line);
  }

  const lines = new Map<string, number>();
  let count = 0;
  const active = new Set<unknown>();
  const nodeLine = (node: unknown, fallback: number): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineAt(range[0]) : fallback;
  };

  const build = (node: unknown, path: string, line: number, depth: number): unknown => {
    if (++count > MAX_VALUES) fail(path, `too many values (more than ${MAX_VALUES}, counting repeats through aliases)`, line);
    if (depth > MAX_DEPTH) fail(path, `nested more than ${MAX_DEPTH} levels deep`, line);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) return fail(path, `alias *${node.source} has no anchor`, line);
      if (active.has(target)) return fail(path, `alias *${node.source} contains itself`, line);
      return build(target, path, line, depth + 1);
    }
    if (isScalar(node)) return scalarValue(node.value, node.tag, path, line, fail);
    if (isPair(node)) return buildPairs([node], path, line, depth);
    if (isMap(node)) return buildPairs(node.items, path, line, depth, node);
    if (isSeq(node)) {
      active.add(node);
      const list = node.items.map((item, index) => {
        const itemPath = childPath(path, index);
        const itemLine = nodeLine(item, line);
        lines.set(itemPath, itemLine);
        return build(item, itemPath, itemLine, depth + 1);
      });
      active.delete(node);
      return list;
    }
    return fail(path, 'unsupported YAML value', line);
  };

  const buildPairs = (pairs: readonly unknown[], path: string, line: number, depth: number, owner?: unknown) => {
    if (owner) active.add(owner);
    const object: Record<string, unknown> = {};
    for (const pair of pairs) {
      const { key, value } = pair as { key: unknown; value: unknown };
      const keyLine = nodeLine(key, nodeLine(value, line));
      const name = keyName(key, path, keyLine, fail);
      const keyPath = childPath(path, name);
      lines.set(keyPath, keyLine);
      if (Object.hasOwn(object, name)) fail(keyPath, 'duplicate key', keyLine);
      // defineProperty, not assignment: a key named __proto__ must stay data, never become the prototype.
      Object.defineProperty(object, name, {
        value: build(value, keyPath, keyLine, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (owner) active.delete(owner);
    return object;
  };

  const rootLine = nodeLine(doc.contents, 1);
  lines.set('', rootLine);
  return { value: build(doc.contents, '', rootLine, 0), lines };
}

function scalarValue(value: unknown, tag: string | undefined, path: string, line: number, fail: Fail): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : fail(path, 'must be a finite number (.inf and .nan are not supported)', line);
  }
  return fail(path, `unsupported value${tag ? ` of type ${tag}` : ''}; use a string, number, true/false or null`, line);
}

function keyName(key: unknown, path: string, line: number, fail: Fail): string {
  const value = isScalar(key) ? key.value : key;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'symbol' && value.description === '<<') {
    return fail(path, 'merge keys (<<) are not supported; repeat the keys or alias the whole value', line);
  }
  return fail(path, value === null || value === undefined ? 'empty key' : 'keys must be strings', line);
}

// YAML accepts more than JSON (comments, unquoted strings); a .json file must be strict JSON.
function checkStrictJson(text: string, doc: Document.Parsed, lineAt: (offset: number) => number, fail: Fail) {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = String((error as Error).message);
    const position = /at position (\d+)/.exec(message)?.[1];
    const yamlError = doc.errors[0];
    let line = 1;
    if (position !== undefined) line = lineAt(Number(position));
    else if (yamlError) line = lineAt(yamlError.pos[0]);
    else if (/end of JSON input/.test(message)) line = lineAt(text.length);
    // V8 quotes part of the text in some messages; a config file may hold secrets, so leave that out.
    const reason = message
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/ at position \d+.*$/s, '')
      .replace(/ in JSON$/, '');
    fail('', `invalid JSON: ${reason}`, line);
  }
}

interface Pending {
  token: CST.Token | null | undefined;
  path: string;
  depth: number;
}

/**
 * Refuses nesting past MAX_DEPTH before the document is composed: yaml composes with one level of recursion per level
 * of nesting, so a file of nested brackets would exhaust the stack. The check walks yaml's concrete syntax tree, which
 * its parser builds without recursion, with a stack of its own; paths and depths are counted as `build` counts them.
 */
function refuseDeepNesting(text: string, fail: Fail): void {
  const counter = new LineCounter();
  const stack: Pending[] = [];
  for (const token of new Parser(counter.addNewLine).parse(text)) {
    if (token.type === 'document') stack.push({ token: token.value, path: '', depth: 0 });
  }
  stack.reverse();
  while (stack.length > 0) {
    const { token, path, depth } = stack.pop()!;
    if (!token) continue;
    if (depth > MAX_DEPTH) fail(path, `nested more than ${MAX_DEPTH} levels deep`, counter.linePos(token.offset).line);
    if (!CST.isCollection(token)) continue;
    const sequence = token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[');
    for (let i = token.items.length - 1; i >= 0; i--) {
      const item = token.items[i]!;
      // In a sequence, `[a: 1]` holds a one-pair map: its value is a level further down.
      const pair = !sequence || item.key != null || item.sep !== undefined;
      const itemPath = sequence ? childPath(path, i) : path;
      const valuePath = pair ? childPath(itemPath, cstKeyName(item.key)) : itemPath;
      const valueDepth = depth + (sequence && pair ? 2 : 1);
      stack.push({ token: item.value, path: valuePath, depth: valueDepth });
      if (item.key) stack.push({ token: item.key, path: valuePath, depth: valueDepth });
    }
  }
}

function cstKeyName(key: CST.Token | null | undefined): string {
  if (!key || !CST.isScalar(key)) return '?';
  // A broken key is reported by the composer, with its line; here it only has to name a path.
  const scalar = CST.resolveAsScalar(key, false, () => undefined);
  return scalar ? scalar.value : key.source;
}
