// Triggers: Segment's FQL, parsed once per mapping by @segment/destination-subscriptions and compiled to closures.
import subscriptions, { type Subscription } from '@segment/destination-subscriptions';
import { FerryError } from '../errors.js';
import { compileSubscription } from './condition.js';

export type CompiledTrigger = (event: object) => boolean;

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|>=|<=|!=|=|>|<|[(),]|[^\s()=!<>,"']+)/y;

/** The FQL as a list of tokens, with the spellings Segment's generator normalizes made canonical. */
function tokens(fql: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(fql)) !== null) {
    const token = match[1]!;
    const lower = token.toLowerCase();
    if (token === '(' || token === ')') continue;
    if (lower === 'exists') out.push('!=', 'null');
    else out.push(lower === 'and' || lower === 'or' ? lower : token);
  }
  return out;
}

/**
 * Segment's parser accepts some broken triggers silently (a dangling `and`, a missing value, `==`); printing the parsed
 * tree back and comparing it with what was written catches them.
 */
function misreadBy(fql: string, ast: unknown): boolean {
  let printed: string;
  try {
    printed = subscriptions.generateFql(ast as Parameters<typeof subscriptions.generateFql>[0]);
  } catch {
    return false;
  }
  return tokens(printed).join('\u0000') !== tokens(fql.trim()).join('\u0000');
}

/** A condition the parser left empty (it does so for forms it cannot represent): validate would throw on it per event. */
function hasHole(node: unknown): boolean {
  if (node === undefined || node === null) return true;
  const children = (node as { children?: unknown[] }).children;
  return Array.isArray(children) && children.some(hasHole);
}

/** `path` says where the trigger sits (in a config file or API body), for the error. */
export function compileTrigger(fql: string, mappingName: string, path = 'trigger'): CompiledTrigger {
  const refuse = (why: string) =>
    new FerryError('FERRY_ERR_TRIGGER_INVALID', `Mapping '${mappingName}': invalid trigger \`${fql}\`: ${why}`, {
      path,
    });
  if (fql.trim() === '') throw refuse('the trigger is empty');
  const ast = subscriptions.parseFql(fql) as { error?: Error };
  if (ast.error) throw refuse(`the FQL parser could not read it (${ast.error.message || 'syntax error'})`);
  if (hasHole(ast)) throw refuse('the FQL parser could not read part of it');
  if (misreadBy(fql, ast)) {
    throw refuse(
      `the FQL parser read it as \`${subscriptions.generateFql(ast as never)}\` — check for a missing value, ` +
        'a dangling and/or, or an operator other than = != > < >= <= exists, contains() and match()',
    );
  }
  return compileSubscription(ast as Subscription);
}
