// A parsed FQL subscription compiled into closures that answer as @segment/destination-subscriptions' validate does.
import type { Condition, Subscription } from '@segment/destination-subscriptions';

export type EventTest = (event: object) => boolean;
type Read = (data: Record<string, unknown>) => unknown;

/** The library's `get`: path split on `.`, `[` and `]` once here; inherited members are read like it reads them. */
function compileGet(field: 'properties' | 'traits' | 'context', path: string): Read {
  if (!path) return () => undefined;
  const keys = path.match(/([^[.\]])+/g);
  if (keys === null) {
    // A path of separators only: the library then calls reduce on null, so every event makes it throw.
    return () => {
      throw new TypeError("Cannot read properties of null (reading 'reduce')");
    };
  }
  return (data) => {
    let value: unknown = data[field];
    for (const key of keys) value = value && (value as Record<string, unknown>)[key];
    return value;
  };
}

function compileRead(condition: Condition): Read | undefined {
  switch (condition.type) {
    case 'event-type': return (data) => data.type;
    case 'event': return (data) => data.event;
    case 'name': return (data) => data.name;
    case 'userId': return (data) => data.userId;
    case 'event-property': return compileGet('properties', condition.name);
    case 'event-trait': return compileGet('traits', condition.name);
    case 'event-context': return compileGet('context', condition.name);
    default: return undefined;
  }
}

/** The library's validateValue for one operator and expected value, with String()/Number() of it computed once. */
function compileValue(operator: string, expected: unknown): (actual: unknown) => boolean {
  const text = String(expected);
  const number = Number(expected);
  const isNumber = (a: unknown): a is number => typeof a === 'number';
  switch (operator) {
    case '=': return (a) => a === text;
    case 'number_equals': return (a) => isNumber(a) && a === number;
    case '!=': return (a) => a !== text;
    case 'number_not_equals': return (a) => isNumber(a) && a !== number;
    case '<': return (a) => isNumber(a) && a < number;
    case '<=': return (a) => isNumber(a) && a <= number;
    case '>': return (a) => isNumber(a) && a > number;
    case '>=': return (a) => isNumber(a) && a >= number;
    case 'contains': return (a) => typeof a === 'string' && a.includes(text);
    case 'not_contains': return (a) => typeof a === 'string' && !a.includes(text);
    case 'starts_with': return (a) => typeof a === 'string' && a.startsWith(text);
    case 'not_starts_with': return (a) => typeof a === 'string' && !a.startsWith(text);
    case 'ends_with': return (a) => typeof a === 'string' && a.endsWith(text);
    case 'not_ends_with': return (a) => typeof a === 'string' && !a.endsWith(text);
    case 'exists': return (a) => a !== undefined && a !== null;
    case 'not_exists': return (a) => a === undefined || a === null;
    case 'is_true': return (a) => a === true;
    case 'is_false': return (a) => a === false;
    default: return () => false;
  }
}

type Test = (data: Record<string, unknown>) => boolean;

function compileGroup(operator: string, children: readonly Condition[]): Test {
  const tests = children.map(compileCondition);
  if (operator === 'and') return (data) => tests.every((test) => test(data));
  if (operator === 'or') return (data) => tests.some((test) => test(data));
  return () => false;
}

function compileCondition(condition: Condition | undefined | null): Test {
  // The parser leaves holes for some forms it does not support (contains(type, "x")); the library then throws when
  // it reaches one, and so does this (compileTrigger refuses such triggers before they get here).
  if (condition === undefined || condition === null) {
    return () => {
      throw new TypeError(`Cannot read properties of ${String(condition)} (reading 'type')`);
    };
  }
  if (condition.type === 'group') return compileGroup(condition.operator, condition.children);
  const read = compileRead(condition);
  if (read === undefined) return () => false;
  const test = compileValue(condition.operator, condition.value);
  return (data) => test(read(data));
}

/** validate(subscription, event) as a function of the event alone. */
export function compileSubscription(subscription: Subscription): EventTest {
  if ('error' in subscription && subscription.error) return () => false;
  const root = subscription as Extract<Subscription, { type: 'group' }>;
  const test = compileGroup(root.operator, root.children);
  return (event) => (event === undefined ? false : test(event as Record<string, unknown>));
}
