// The trigger builder's FQL: written like Segment's builder writes it, read back only when it comes back the same.
import { describe, expect, it } from 'vitest';
import { conditionProblems, conditionsToFql, fqlToConditions, newCondition, type TriggerModel } from './trigger-conditions.js';

const orders: TriggerModel = {
  join: 'and',
  conditions: [
    { subject: 'event-type', name: '', operator: '=', value: 'track' },
    { subject: 'event', name: '', operator: '=', value: 'Order Completed' },
    { subject: 'event-property', name: 'plan', operator: 'contains', value: 'pro' },
    { subject: 'event-property', name: 'total', operator: '>=', value: '100' },
    { subject: 'event-trait', name: 'email', operator: 'exists', value: '' },
  ],
};

describe('conditionsToFql', () => {
  it("writes Segment's FQL: quoted text, bare numbers, contains(), != null for exists, or between them", () => {
    expect(conditionsToFql(orders)).toBe(
      'type = "track" and event = "Order Completed" and contains(properties.plan, "pro") and properties.total >= 100 and traits.email != null',
    );
    expect(conditionsToFql({ join: 'or', conditions: [
      { subject: 'event', name: '', operator: 'starts_with', value: 'Order' },
      { subject: 'event-context', name: 'page.path', operator: '!=', value: '/admin' },
      { subject: 'userId', name: '', operator: 'not_exists', value: '' },
    ] })).toBe('match(event, "Order*") or context.page.path != "/admin" or userId = null');
  });
});

describe('fqlToConditions', () => {
  it('reads back what the builder writes', () => {
    expect(fqlToConditions(conditionsToFql(orders))).toEqual(orders);
    expect(fqlToConditions('type = "identify"')).toEqual({ join: 'and', conditions: [{ subject: 'event-type', name: '', operator: '=', value: 'identify' }] });
    expect(fqlToConditions('  ')).toEqual({ join: 'and', conditions: [] });
  });

  it('gives up on what it cannot show exactly: groups, mixed joins, invalid FQL', () => {
    expect(fqlToConditions('type = "track" and (event = "A" or event = "B")')).toBeUndefined();
    expect(fqlToConditions('type = "track" and')).toBeUndefined();
    expect(fqlToConditions('type = "track" and event = "A" or event = "B"')).toBeUndefined();
    expect(fqlToConditions('properties.a = "x" and')).toBeUndefined();
  });
});

describe('conditionProblems', () => {
  it('names each incomplete condition, as Segment refuses an incomplete trigger', () => {
    expect(conditionProblems(orders)).toEqual([]);
    expect(conditionProblems({ join: 'and', conditions: [] })).toEqual(['Add at least one condition: a mapping without a trigger matches nothing.']);
    expect(conditionProblems({ join: 'and', conditions: [
      newCondition('event'),
      { subject: 'event-property', name: ' ', operator: '>', value: 'lots' },
      { subject: 'event', name: '', operator: '=', value: 'say "hi"' },
    ] })).toEqual([
      'Condition 1: give a value.',
      'Condition 2: name the field to compare.',
      'Condition 2: "lots" is not a number.',
      'Condition 3: a value with " or \\ can only be written in the FQL text.',
    ]);
  });
});
