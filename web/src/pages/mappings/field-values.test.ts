// The field-mapping form's values to mapping-kit JSON and back, the draft's request, and where API errors belong.
import { describe, expect, it } from 'vitest';
import { initialDraft, requestOf } from './editor-draft.js';
import { buildMapping, fieldValueOf, pathsOf, placeOfError, savedFieldValues, valueAtPath } from './field-values.js';
import { ACTIONS } from './test-fixtures.js';

const [identifyContact, , trackEvent] = ACTIONS as [typeof ACTIONS[0], typeof ACTIONS[0], typeof ACTIONS[0]];

describe('fieldValueOf and buildMapping', () => {
  it('shows a lone @path as a path, scalars as static values, anything else as JSON, and writes them back', () => {
    expect(fieldValueOf({ '@path': '$.traits.email' })).toEqual({ mode: 'path', text: '$.traits.email' });
    expect(fieldValueOf('lead')).toEqual({ mode: 'static', text: 'lead' });
    expect(fieldValueOf({ '@if': { exists: { '@path': '$.userId' }, then: 'user', else: 'lead' } }).mode).toBe('json');
    expect(fieldValueOf(undefined)).toEqual({ mode: 'unset', text: '' });
    const saved = { role: 'lead', owner_id: 7, unsubscribed_from_emails: false, email: { '@template': '{{traits.email}}' } };
    const values = savedFieldValues(identifyContact.fields, saved);
    expect(buildMapping(identifyContact.fields, values)).toEqual({ mapping: saved, problems: {} });
  });

  it('types static values by the field (number, boolean) and names what is wrong per field', () => {
    const values = {
      event_name: { mode: 'static' as const, text: 'Signed Up' },
      created_at: { mode: 'path' as const, text: 'timestamp' },
      revenue: { mode: 'static' as const, text: '12.5' },
      metadata: { mode: 'json' as const, text: '{"plan": ' },
    };
    expect(buildMapping(trackEvent.fields, values)).toEqual({
      mapping: { event_name: 'Signed Up', revenue: 12.5 },
      problems: {
        created_at: 'A path starts with "$." (such as $.traits.email).',
        metadata: expect.stringMatching(/^Not valid JSON: /),
      },
    });
    expect(buildMapping(trackEvent.fields, { revenue: { mode: 'static', text: 'lots' } }).problems).toEqual({ revenue: '"lots" is not a number.' });
  });
});

describe('paths of the sample event', () => {
  it('lists the paths to suggest and previews the value at one', () => {
    const event = { type: 'track', event: 'Order Completed', properties: { plan: 'pro', 'odd key': 1 }, context: { page: { path: '/' } } };
    expect(pathsOf(event)).toEqual(['$.type', '$.event', '$.properties', '$.properties.plan', '$.context', '$.context.page', '$.context.page.path']);
    expect(valueAtPath(event, '$.properties.plan')).toBe('pro');
    expect(valueAtPath(event, '$.properties.none')).toBeUndefined();
    expect(valueAtPath(event, 'properties.plan')).toBeUndefined();
    expect(valueAtPath(event, '$.properties.constructor')).toBeUndefined();
  });
});

describe('requestOf', () => {
  it('sends the draft with enabled only when saving, and refuses an unnamed save or an incomplete trigger', () => {
    const draft = { ...initialDraft(trackEvent), name: ' Orders ' };
    const { body } = requestOf(draft, trackEvent, 'save');
    expect(body).toEqual({ name: 'Orders', action: 'trackEvent', trigger: 'type = "track"', enabled: false, mapping: {
      event_name: { '@path': '$.event' }, created_at: { '@path': '$.timestamp' }, user_id: { '@path': '$.userId' }, email: { '@path': '$.properties.email' },
      revenue: { '@path': '$.properties.revenue' }, currency: { '@path': '$.properties.currency' }, metadata: { '@path': '$.properties' },
    } });
    expect(requestOf({ ...draft, name: '' }, trackEvent, 'test').body).toEqual({ ...body, name: undefined, enabled: undefined });
    expect(requestOf({ ...draft, name: '', triggerProblems: ['Condition 1: give a value.'] }, trackEvent, 'save').problems).toEqual([
      { place: 'name', message: 'Give the mapping a name.' },
      { place: 'trigger', message: 'Condition 1: give a value.' },
    ]);
  });

  it('places API errors by their path', () => {
    expect(placeOfError('mapping.email.@if')).toEqual({ part: 'field', field: 'email' });
    expect(placeOfError('mapping')).toEqual({ part: 'mapping' });
    expect(placeOfError('trigger')).toEqual({ part: 'trigger' });
    expect(placeOfError('event.type')).toEqual({ part: 'event' });
    expect(placeOfError(undefined)).toEqual({ part: 'other' });
  });
});
