// Settings forms from a type's JSON schema: the fields, the starting values, and the settings sent back.
import { describe, expect, it } from 'vitest';
import { labelOf, settingsFields, settingsFromValues, valuesOf } from './schema-fields.js';

// The shape GET /api/destination-types answers for Intercom's settings.
const schema = {
  type: 'object',
  properties: {
    region: { description: 'default us', anyOf: [{ const: 'us', type: 'string' }, { const: 'eu', type: 'string' }, { const: 'au', type: 'string' }] },
    endpoint: { format: 'uri', description: "an http(s) URL replacing the region's host", type: 'string' },
    apiVersion: { description: 'Intercom API version', type: 'string' },
    retry: { type: 'object', properties: { baseDelayMs: { minimum: 1, type: 'integer' }, maxAgeSeconds: { minimum: 1, type: 'integer' } } },
    workspace: { type: 'object', properties: { idCode: { type: 'string' }, name: { type: 'string' } } },
    accessToken: { description: 'write-only', anyOf: [{ minLength: 1, type: 'string' }, { type: 'null' }], secret: true },
  },
};
const stored = { region: 'eu', apiVersion: '2.11', accessToken: '****wxyz', workspace: { idCode: 'eu1', name: 'Europe Co' } };

describe('settings forms from a JSON schema', () => {
  it('makes labelled fields of each kind in declaration order, groups for objects, leaving out what is asked', () => {
    const entries = settingsFields(schema, ['workspace']);
    expect(entries.map((entry) => entry.path)).toEqual(['region', 'endpoint', 'apiVersion', 'retry', 'accessToken']);
    expect(entries[0]).toEqual({
      path: 'region', label: 'Region', description: 'default us', kind: 'choice',
      choices: [{ value: 'us', label: 'US' }, { value: 'eu', label: 'EU' }, { value: 'au', label: 'AU' }],
    });
    expect(entries[1]).toMatchObject({ kind: 'url', label: 'Endpoint' });
    expect(entries[2]).toMatchObject({ kind: 'text', label: 'API version' });
    expect(entries[3]).toEqual({
      path: 'retry', label: 'Retry', fields: [
        { path: 'retry.baseDelayMs', label: 'Base delay (ms)', kind: 'integer', minimum: 1 },
        { path: 'retry.maxAgeSeconds', label: 'Max age (seconds)', kind: 'integer', minimum: 1 },
      ],
    });
    expect(entries[4]).toMatchObject({ kind: 'secret', label: 'Access token' });
    expect(labelOf('my_url-id')).toBe('My URL ID');
  });

  it('starts from the stored values, secrets empty', () => {
    expect(valuesOf(settingsFields(schema, ['workspace']), { ...stored, retry: { baseDelayMs: 500 } })).toEqual({
      region: 'eu', endpoint: '', apiVersion: '2.11', 'retry.baseDelayMs': '500', 'retry.maxAgeSeconds': '', accessToken: '',
    });
  });

  it('sends back the stored settings with the changes: masked secret unchanged, connect details left to the API, empty fields out', () => {
    const entries = settingsFields(schema, ['workspace']);
    const values = { ...valuesOf(entries, stored), region: 'au', endpoint: ' ', 'retry.baseDelayMs': '250' };
    expect(settingsFromValues(stored, entries, values)).toEqual({ region: 'au', apiVersion: '2.11', accessToken: '****wxyz', retry: { baseDelayMs: 250 } });
    expect(settingsFromValues(stored, entries, { ...valuesOf(entries, stored), accessToken: 'tok_new' })).toEqual({
      region: 'eu', apiVersion: '2.11', accessToken: 'tok_new',
    });
    // An emptied group goes; a number that does not parse goes as typed, for the API to name.
    const withRetry = { ...stored, retry: { baseDelayMs: 5 } };
    expect(settingsFromValues(withRetry, entries, { ...valuesOf(entries, withRetry), 'retry.baseDelayMs': '' })).not.toHaveProperty('retry');
    expect(settingsFromValues(stored, entries, { ...valuesOf(entries, stored), 'retry.maxAgeSeconds': '1e' })).toMatchObject({ retry: { maxAgeSeconds: '1e' } });
  });
});

describe('a boolean setting (matchLeadsByEmail, createMissingAttributes)', () => {
  const withSwitch = { type: 'object', properties: { createMissingAttributes: { type: 'boolean', description: 'default false' } } };

  it('is a switch: "true" when stored true, sent back as true, left out when switched off (its default applies)', () => {
    const entries = settingsFields(withSwitch);
    expect(entries).toEqual([{ path: 'createMissingAttributes', label: 'Create missing attributes', description: 'default false', kind: 'boolean' }]);
    expect(valuesOf(entries, { createMissingAttributes: true })).toEqual({ createMissingAttributes: 'true' });
    expect(settingsFromValues({}, entries, { createMissingAttributes: 'true' })).toEqual({ createMissingAttributes: true });
    expect(settingsFromValues({ createMissingAttributes: true }, entries, { createMissingAttributes: '' })).toEqual({});
  });

  it('shows a switch on by default (coalesce) as on, and sends it switched off as false', () => {
    const entries = settingsFields({ type: 'object', properties: { coalesce: { type: 'boolean', 'x-default': true } } });
    expect(entries).toEqual([{ path: 'coalesce', label: 'Coalesce', kind: 'boolean', default: true }]);
    expect(valuesOf(entries, {})).toEqual({ coalesce: 'true' });
    expect(valuesOf(entries, { coalesce: false })).toEqual({ coalesce: 'false' });
    expect(settingsFromValues({}, entries, { coalesce: 'false' })).toEqual({ coalesce: false });
  });
});
