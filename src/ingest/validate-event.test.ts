// validateEvent: Segment's rules for one call, with the exact problem and path reported.
import { describe, expect, it } from 'vitest';
import { validateEvent } from './validate-event.js';

const issue = (message: string, path?: string) => ({
  ok: false,
  issue: { code: 'FERRY_ERR_EVENT_INVALID', message, ...(path === undefined ? {} : { path }) },
});

describe('validateEvent', () => {
  it('accepts each type with what it needs and takes the type from the route', () => {
    expect(validateEvent({ userId: 'u' }, 'identify')).toEqual({ ok: true, event: { userId: 'u', type: 'identify' } });
    expect(validateEvent({ anonymousId: 'a', event: 'E' }, 'track').ok).toBe(true);
    expect(validateEvent({ anonymousId: 'a' }, 'page').ok).toBe(true);
    expect(validateEvent({ anonymousId: 'a' }, 'screen').ok).toBe(true);
    expect(validateEvent({ userId: 'u', groupId: 'g' }, 'group').ok).toBe(true);
    expect(validateEvent({ userId: 'u', previousId: 'p' }, 'alias').ok).toBe(true);
    expect(validateEvent({ type: 'track', userId: 'u' }, 'identify')).toEqual({ ok: true, event: { type: 'identify', userId: 'u' } });
  });

  it('stringifies numeric ids like Segment, drops null and empty ids, and never keeps a writeKey', () => {
    const result = validateEvent({ userId: 42, anonymousId: null, groupId: 7.5, writeKey: 'wk' }, 'group');
    expect(result).toEqual({ ok: true, event: { userId: '42', groupId: '7.5', type: 'group' } });
    expect(validateEvent({ userId: '', anonymousId: 'a' }, 'identify')).toEqual({ ok: true, event: { anonymousId: 'a', type: 'identify' } });
  });

  it('requires a userId or an anonymousId', () => {
    const message = 'userId or anonymousId is required (a non-empty string)';
    expect(validateEvent({}, 'identify')).toEqual(issue(message, 'userId'));
    expect(validateEvent({ userId: '  ', anonymousId: '' }, 'identify')).toEqual(issue(message, 'userId'));
    expect(validateEvent({ userId: true }, 'identify')).toEqual(issue('userId must be a string or a number (got true)', 'userId'));
    expect(validateEvent({ anonymousId: { id: 1 } }, 'identify')).toEqual(
      issue('anonymousId must be a string or a number (got {"id":1})', 'anonymousId'),
    );
  });

  it('requires an event name on track, a groupId on group and a previousId on alias', () => {
    expect(validateEvent({ userId: 'u' }, 'track')).toEqual(
      issue('a track call needs an event name, a non-empty string (got undefined)', 'event'),
    );
    expect(validateEvent({ userId: 'u', event: 5 }, 'track')).toEqual(
      issue('a track call needs an event name, a non-empty string (got 5)', 'event'),
    );
    expect(validateEvent({ userId: 'u' }, 'group')).toEqual(issue('a group call needs a groupId', 'groupId'));
    expect(validateEvent({ userId: 'u' }, 'alias')).toEqual(issue('an alias call needs a previousId', 'previousId'));
  });

  it('requires a known type on batch items and prefixes paths with the item', () => {
    expect(validateEvent({ userId: 'u' }, undefined, 'batch[2]')).toEqual(
      issue('type is required (one of identify, track, page, screen, group, alias)', 'batch[2].type'),
    );
    expect(validateEvent({ type: 'purchase', userId: 'u' }, undefined, 'batch[0]')).toEqual(
      issue('type must be one of identify, track, page, screen, group, alias (got "purchase")', 'batch[0].type'),
    );
    expect(validateEvent('hello', undefined, 'batch[1]')).toEqual(issue('the event must be a JSON object (got "hello")', 'batch[1]'));
    expect(validateEvent([1], 'track')).toEqual(issue('the event must be a JSON object (got [1])'));
  });

  it('requires objects for properties, traits, context and integrations', () => {
    expect(validateEvent({ userId: 'u', traits: 'vip' }, 'identify')).toEqual(issue('traits must be a JSON object (got "vip")', 'traits'));
    expect(validateEvent({ userId: 'u', event: 'E', properties: [] }, 'track')).toEqual(
      issue('properties must be a JSON object (got [])', 'properties'),
    );
    expect(validateEvent({ userId: 'u', context: null, integrations: {} }, 'page').ok).toBe(true);
  });

  it('requires dates to be dates and messageIds to be short strings', () => {
    expect(validateEvent({ userId: 'u', timestamp: 'last tuesday' }, 'identify')).toEqual(
      issue('timestamp must be an ISO-8601 date or unix time (got "last tuesday")', 'timestamp'),
    );
    expect(validateEvent({ userId: 'u', sentAt: false }, 'identify')).toEqual(
      issue('sentAt must be an ISO-8601 date or unix time (got false)', 'sentAt'),
    );
    expect(validateEvent({ userId: 'u', messageId: 12 }, 'identify')).toEqual(issue('messageId must be a string (got 12)', 'messageId'));
    expect(validateEvent({ userId: 'u', messageId: 'm'.repeat(101) }, 'identify')).toEqual(
      issue('messageId must be at most 100 characters (got 101)', 'messageId'),
    );
  });

  it('does not mutate its input', () => {
    const input = { userId: 5, writeKey: 'wk', traits: { a: 1 } };
    validateEvent(input, 'identify');
    expect(input).toEqual({ userId: 5, writeKey: 'wk', traits: { a: 1 } });
  });
});
