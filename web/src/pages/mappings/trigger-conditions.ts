// The trigger builder's model: conditions joined by all/any, to Segment's FQL and back (with Segment's own parser).
import { generateFql, parseFql, type Condition } from '@segment/destination-subscriptions';

export type Subject = 'event-type' | 'event' | 'event-property' | 'event-trait' | 'event-context' | 'userId' | 'name';
export type Operator =
  | '=' | '!=' | 'contains' | 'not_contains' | 'starts_with' | 'not_starts_with' | 'ends_with' | 'not_ends_with'
  | 'exists' | 'not_exists' | 'is_true' | 'is_false' | 'number_equals' | 'number_not_equals' | '<' | '<=' | '>' | '>=';

export interface TriggerCondition {
  subject: Subject;
  /** The property, trait or context key (only for those subjects), e.g. `plan` or `page.path`. */
  name: string;
  operator: Operator;
  value: string;
}

export interface TriggerModel {
  join: 'and' | 'or';
  conditions: TriggerCondition[];
}

export const SUBJECTS: { value: Subject; label: string; named?: boolean }[] = [
  { value: 'event-type', label: 'Event type' },
  { value: 'event', label: 'Event name' },
  { value: 'event-property', label: 'Event property', named: true },
  { value: 'event-trait', label: 'User trait', named: true },
  { value: 'event-context', label: 'Context field', named: true },
  { value: 'userId', label: 'User ID' },
  { value: 'name', label: 'Page or screen name' },
];

export const EVENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'];

export const OPERATORS: { value: Operator; label: string; takesValue: boolean; numeric?: boolean }[] = [
  { value: '=', label: 'is', takesValue: true },
  { value: '!=', label: 'is not', takesValue: true },
  { value: 'contains', label: 'contains', takesValue: true },
  { value: 'not_contains', label: 'does not contain', takesValue: true },
  { value: 'starts_with', label: 'starts with', takesValue: true },
  { value: 'not_starts_with', label: 'does not start with', takesValue: true },
  { value: 'ends_with', label: 'ends with', takesValue: true },
  { value: 'not_ends_with', label: 'does not end with', takesValue: true },
  { value: 'exists', label: 'exists', takesValue: false },
  { value: 'not_exists', label: 'does not exist', takesValue: false },
  { value: 'is_true', label: 'is true', takesValue: false },
  { value: 'is_false', label: 'is false', takesValue: false },
  { value: 'number_equals', label: '= (number)', takesValue: true, numeric: true },
  { value: 'number_not_equals', label: '≠ (number)', takesValue: true, numeric: true },
  { value: '<', label: '<', takesValue: true, numeric: true },
  { value: '<=', label: '≤', takesValue: true, numeric: true },
  { value: '>', label: '>', takesValue: true, numeric: true },
  { value: '>=', label: '≥', takesValue: true, numeric: true },
];

/** The operators a subject offers: the event type is one of a few words; names and ids are text. */
export function operatorsFor(subject: Subject) {
  if (subject === 'event-type') return OPERATORS.filter((o) => o.value === '=' || o.value === '!=');
  if (subject === 'event' || subject === 'userId' || subject === 'name') return OPERATORS.filter((o) => !o.numeric && !o.value.startsWith('is_'));
  return OPERATORS;
}

export const newCondition = (subject: Subject = 'event'): TriggerCondition =>
  ({ subject, name: '', operator: '=', value: subject === 'event-type' ? 'track' : '' });

const isNamed = (subject: Subject) => SUBJECTS.find((s) => s.value === subject)!.named === true;
const takesValue = (operator: Operator) => OPERATORS.find((o) => o.value === operator)!.takesValue;

/** What keeps the conditions from making a trigger, one sentence each ("Condition 2: give a value"); empty when none. */
export function conditionProblems(model: TriggerModel): string[] {
  if (model.conditions.length === 0) return ['Add at least one condition: a mapping without a trigger matches nothing.'];
  return model.conditions.flatMap((c, i) => {
    const problems: string[] = [];
    if (isNamed(c.subject) && c.name.trim() === '') problems.push('name the field to compare');
    const numeric = OPERATORS.find((o) => o.value === c.operator)!.numeric;
    if (takesValue(c.operator) && c.value === '') problems.push('give a value');
    else if (numeric && !Number.isFinite(Number(c.value))) problems.push(`"${c.value}" is not a number`);
    if (takesValue(c.operator) && /["\\]/.test(c.value)) problems.push('a value with " or \\ can only be written in the FQL text');
    return problems.map((p) => `Condition ${i + 1}: ${p}.`);
  });
}

function toNode(c: TriggerCondition): Condition {
  const numeric = OPERATORS.find((o) => o.value === c.operator)!.numeric;
  const value = !takesValue(c.operator) ? undefined : numeric ? Number(c.value) : c.value;
  if (isNamed(c.subject)) return { type: c.subject, name: c.name.trim(), operator: c.operator, value } as Condition;
  return { type: c.subject, operator: c.operator, value } as Condition;
}

/** The FQL of complete conditions (check conditionProblems first). */
export function conditionsToFql(model: TriggerModel): string {
  return generateFql({ type: 'group', operator: model.join, children: model.conditions.map(toNode) });
}

const squash = (fql: string) => fql.replace(/\s+/g, ' ').trim();

/**
 * The builder's view of an FQL trigger, or undefined when the builder cannot show it exactly (nested groups, other
 * functions, anything whose FQL would not come back the same): the text is then edited as it is.
 */
export function fqlToConditions(fql: string): TriggerModel | undefined {
  if (fql.trim() === '') return { join: 'and', conditions: [] };
  const ast = parseFql(fql) as { error?: Error; type?: string; operator?: 'and' | 'or'; children?: Condition[] };
  if (ast.error || ast.type !== 'group' || !ast.children) return undefined;
  const conditions: TriggerCondition[] = [];
  for (const node of ast.children) {
    if (node.type === 'group' || !SUBJECTS.some((s) => s.value === node.type)) return undefined;
    const named = node as { name?: string; value?: unknown; operator: Operator };
    conditions.push({
      subject: node.type as Subject,
      name: named.name ?? '',
      operator: named.operator,
      value: named.value === undefined ? '' : String(named.value),
    });
  }
  const model: TriggerModel = { join: ast.operator ?? 'and', conditions };
  if (conditionProblems(model).length > 0) return undefined;
  try {
    return squash(conditionsToFql(model)) === squash(fql) ? model : undefined;
  } catch {
    return undefined;
  }
}
