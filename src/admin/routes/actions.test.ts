// GET /api/actions: the catalog the web app builds its mapping forms from, and its place in the OpenAPI document.
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { admin } from '../../commands/test-support/ferry.js';
import { INTERCOM_ACTIONS } from '../../destinations/intercom/index.js';
import { UNAUTHORIZED, callWithAuth, useFerry } from '../test-support/admin-ferry.js';

const sim = useSimulator();
const ferry = useFerry(() => sim.url);

describe('GET /api/actions', () => {
  it('lists the three actions with their fields in declaration order', async () => {
    const { url } = await ferry.start();
    const res = await admin(url, 'GET', '/api/actions');
    expect(res.status).toBe(200);
    expect(res.body.actions.map((a: any) => [a.key, a.aliases, a.title, a.defaultTrigger])).toEqual([
      ['identifyContact', [], 'Identify Contact', 'type = "identify"'],
      ['identifyCompany', ['groupIdentifyContact'], 'Identify Company', 'type = "group"'],
      ['trackEvent', [], 'Track Event', 'type = "track"'],
    ]);
    for (const [i, action] of INTERCOM_ACTIONS.entries()) {
      expect(res.body.actions[i].fields.map((f: any) => f.key)).toEqual(action.fieldKeys);
      expect(res.body.actions[i].description).toBe(action.description);
    }
    const contact = res.body.actions[0].fields;
    expect(contact.slice(0, 3)).toEqual([
      {
        key: 'role', label: 'Role', type: 'choice', required: true, choices: ['user', 'lead'],
        description: "The contact's role: 'user' for someone who signed up, 'lead' for an anonymous visitor.",
        defaultMapping: { '@if': { exists: { '@path': '$.userId' }, then: 'user', else: 'lead' } },
      },
      {
        key: 'external_id', label: 'External ID', type: 'string', required: false,
        description: 'Your unique id for the user (a lead never has one).', defaultMapping: { '@path': '$.userId' },
      },
      {
        key: 'email', label: 'Email', type: 'string', required: false, format: 'email',
        description: "The contact's email address.", defaultMapping: { '@path': '$.traits.email' },
      },
    ]);
    const byKey = Object.fromEntries(contact.map((f: any) => [f.key, f]));
    expect(byKey.avatar.format).toBe('uri');
    expect(byKey.signed_up_at).toMatchObject({ type: 'datetime', defaultMapping: { '@path': '$.traits.createdAt' } });
    expect(byKey.signed_up_at.format).toBeUndefined();
    expect(byKey.owner_id.type).toBe('number');
    expect(byKey.unsubscribed_from_emails.type).toBe('boolean');
    expect(byKey.custom_attributes).toEqual({
      key: 'custom_attributes', label: 'Custom Attributes', type: 'object', required: false,
      description: 'Custom attributes of the contact (each must exist in Intercom, or the setting createMissingAttributes creates it; values string, number, boolean).',
    });
    const company = res.body.actions[1].fields;
    expect(company[0]).toMatchObject({ key: 'company_id', type: 'string', required: true, defaultMapping: { '@path': '$.groupId' } });
    expect(company.filter((f: any) => f.required).map((f: any) => f.key)).toEqual(['company_id']);
    // Every field has a label and a description the form can show.
    for (const action of res.body.actions) {
      for (const field of action.fields) expect(field.label.length * field.description.length).toBeGreaterThan(0);
    }
  });

  it('answers one action by key or alias, and 404 for an unknown one', async () => {
    const { url } = await ferry.start();
    const all = (await admin(url, 'GET', '/api/actions')).body.actions;
    expect(await admin(url, 'GET', '/api/actions/trackEvent')).toEqual({ status: 200, body: all[2] });
    expect(await admin(url, 'GET', '/api/actions/groupIdentifyContact')).toEqual({ status: 200, body: all[1] });
    expect(await admin(url, 'GET', '/api/actions/sendEmail')).toEqual({
      status: 404, body: { error: { code: 'FERRY_ERR_NOT_FOUND', message: "action 'sendEmail' does not exist" } },
    });
  });

  it('refuses calls without the admin token or with a wrong one', async () => {
    const { url } = await ferry.start();
    for (const path of ['/api/actions', '/api/actions/trackEvent']) {
      expect(await callWithAuth(url, 'GET', path)).toEqual({ status: 401, body: UNAUTHORIZED });
      expect(await callWithAuth(url, 'GET', path, 'Bearer wrong-token')).toEqual({ status: 401, body: UNAUTHORIZED });
    }
  });

  it('documents the actions, mappings and testers routes in /api/openapi.json', async () => {
    const { url } = await ferry.start();
    const res = await fetch(`${url}/api/openapi.json`);
    const doc = (await res.json()) as any;
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/actions', '/api/actions/{key}',
      '/api/destinations/{id}/mappings', '/api/destinations/{id}/mappings/{name}',
      '/api/destinations/{id}/mappings/{name}/enable', '/api/destinations/{id}/mappings/{name}/disable',
      '/api/destinations/{id}/mappings/order', '/api/destinations/{id}/mappings/validate',
      '/api/destinations/{id}/mappings/{name}/test', '/api/destinations/{id}/event-tester', '/api/destinations/{id}/mappings/test',
    ]));
    const draftTest = doc.paths['/api/destinations/{id}/mappings/test'].post;
    expect(Object.keys(draftTest.requestBody.content['application/json'].schema.properties)).toEqual(['name', 'action', 'trigger', 'mapping', 'event']);
    expect(Object.keys(draftTest.responses)).toEqual(['200', '400', '401', '404', '409']);
    const add = doc.paths['/api/destinations/{id}/mappings'].post;
    expect(Object.keys(add.requestBody.content['application/json'].schema.properties)).toEqual(['name', 'action', 'trigger', 'mapping', 'enabled']);
    expect(Object.keys(add.responses)).toEqual(['201', '400', '401', '404', '409']);
    const tester = doc.paths['/api/destinations/{id}/event-tester'].post;
    expect(tester.responses['200'].content['application/json'].schema.properties.outcomes.items.properties.requests).toBeDefined();
    const catalog = doc.paths['/api/actions'].get.responses['200'].content['application/json'].schema;
    expect(catalog.properties.actions.items.properties.fields.items.required).toEqual(['key', 'label', 'type', 'required', 'description']);
  });
});
