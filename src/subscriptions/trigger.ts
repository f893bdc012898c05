// Triggers: Segment's FQL, parsed once per mapping by @segment/destination-subscriptions and compiled to closures.
import subscriptions, { type Subscription } from '@segment/destination-subscriptions';
import { FerryError } from '../errors.js';
import { compileSubscription } from './condition.js';

export type CompiledTrigger = (event: object) => boolean;

/**
 * Segment's trigger builder writes a flat list of conditions joined by "all" or "any" (two at most on self-service
 * plans); hand-written FQL gets far more room. The bounds keep compiling a trigger to milliseconds (the FQL parser is
 * quadratic: 20,000 conditions take seconds) and evaluating a destination's 50 triggers cheap for every event.
 */
export const TRIGGER_LIMITS = { characters: 8 * 1024, conditions: 100 } as const;

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

/** Checked before parsing, and without quoting the trigger: its size is the problem. */
function refuseLargeTrigger(fql: string, mappingName: string, path: string): void {
  const refuse = (why: string) => {
    throw new FerryError('FERRY_ERR_TRIGGER_TOO_LARGE', `Mapping '${mappingName}': the trigger ${why}`, { path });
  };
  const count = (n: number) => n.toLocaleString('en-US');
  if (fql.length > TRIGGER_LIMITS.characters) {
    refuse(`is ${count(fql.length)} characters long; at most ${count(TRIGGER_LIMITS.characters)} are allowed`);
  }
  const conditions = tokens(fql).filter((token) => token === 'and' || token === 'or').length + 1;
  if (conditions > TRIGGER_LIMITS.conditions) {
    refuse(`has ${count(conditions)} conditions; at most ${TRIGGER_LIMITS.conditions} are allowed`);
  }
}

/** `path` says where the trigger sits (in a config file or API body), for the error. */
export function compileTrigger(fql: string, mappingName: string, path = 'trigger'): CompiledTrigger {
  const refuse = (why: string) =>
    new FerryError('FERRY_ERR_TRIGGER_INVALID', `Mapping '${mappingName}': invalid trigger \`${fql}\`: ${why}`, {
      path,
    });
  if (fql.trim() === '') throw refuse('the trigger is empty');
  refuseLargeTrigger(fql, mappingName, path);
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
