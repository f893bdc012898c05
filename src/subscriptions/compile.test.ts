// Compiling a destination's mappings: presets, defaults for omitted fields, the 50 limit, unknown actions and fields.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { checkMappingLimit, compileRoute, compileRoutes, MAX_MAPPINGS } from './compile.js';

function errorOf(run: () => unknown): FerryError {
  try {
    run();
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('expected a FerryError');
}

describe('compileRoutes', () => {
  it('uses the three presets when a destination lists no mappings', () => {
    const routes = compileRoutes(undefined);
    expect(routes.map((r) => [r.name, r.action.key, r.enabled])).toEqual([
      ['Identify Contact', 'identifyContact', true],
      ['Identify Company', 'identifyCompany', true],
      ['Track Event', 'trackEvent', true],
    ]);
    const [contact, company, trackRoute] = routes;
    expect(contact!.trigger({ type: 'identify' })).toBe(true);
    expect(company!.trigger({ type: 'group' })).toBe(true);
    expect(trackRoute!.trigger({ type: 'track' })).toBe(true);
    expect(contact!.evaluate({ type: 'identify', anonymousId: 'a1', traits: { email: 'x@y.io' } })).toEqual({
      role: 'lead', email: 'x@y.io',
    });
  });

  it('keeps an empty list empty', () => {
    expect(compileRoutes([])).toEqual([]);
  });

  it('fills the fields a mapping leaves out with their defaults, and takes the action alias', () => {
    const route = compileRoute(
      { name: 'Group', action: 'groupIdentifyContact', mapping: { name: { '@path': '$.traits.company_name' } } },
      'mappings[0]',
    );
    expect(route.action.key).toBe('identifyCompany');
    expect(route.evaluate({ type: 'group', groupId: 'g1', userId: 'u1', traits: { company_name: 'Acme', name: 'x' } })).toEqual({
      company_id: 'g1', name: 'Acme', external_id: 'u1',
    });
    expect(route.trigger({ type: 'group' })).toBe(true);
  });

  it('keeps a disabled mapping, marked disabled', () => {
    expect(compileRoute({ name: 'Off', action: 'trackEvent', enabled: false }, 'm').enabled).toBe(false);
  });

  it('refuses the 51st mapping with FERRY_ERR_MAPPING_LIMIT', () => {
    const specs = Array.from({ length: MAX_MAPPINGS + 1 }, (_, i) => ({ name: `M${i}`, action: 'trackEvent' }));
    expect(compileRoutes(specs.slice(0, MAX_MAPPINGS))).toHaveLength(50);
    const error = errorOf(() => compileRoutes(specs));
    expect(error.toJSON()).toEqual({
      code: 'FERRY_ERR_MAPPING_LIMIT',
      message: 'A destination holds at most 50 mappings; this one has 51',
      path: 'mappings[50]',
    });
    expect(() => checkMappingLimit(50)).not.toThrow();
  });

  it('refuses an unknown action, a field the action does not have, a bad trigger and a bad directive, with their paths', () => {
    expect(errorOf(() => compileRoutes([{ name: 'A', action: 'sendSms' }])).toJSON()).toEqual({
      code: 'FERRY_ERR_UNKNOWN_ACTION',
      message: "Mapping 'A': unknown action 'sendSms' (known: identifyContact, identifyCompany, trackEvent)",
      path: 'mappings[0].action',
    });
    const field = errorOf(() => compileRoutes([{ name: 'B', action: 'trackEvent', mapping: { colour: 'red' } }]));
    expect(field.code).toBe('FERRY_ERR_MAPPING_DIRECTIVE');
    expect(field.details.path).toBe('mappings[0].mapping.colour');
    const trigger = errorOf(() => compileRoutes([{ name: 'C', action: 'trackEvent', trigger: 'type =' }], 'destinations[1].mappings'));
    expect(trigger.details.path).toBe('destinations[1].mappings[0].trigger');
    const directive = errorOf(() =>
      compileRoutes([{ name: 'D', action: 'trackEvent', mapping: { event_name: { '@path': 5 } } }]),
    );
    expect(directive.code).toBe('FERRY_ERR_MAPPING_DIRECTIVE');
    expect(directive.details.path).toBe('mappings[0].mapping.event_name.@path');
  });
});

describe('mapping size', () => {
  const withMetadata = (metadata: unknown) => ({ name: 'Big', action: 'trackEvent', mapping: { metadata } });
  /** `levels` arrays around a 1: with the mapping object and its metadata key, the mapping nests levels + 1 deep. */
  const nested = (levels: number) => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };

  it('accepts a mapping of 64 KB as JSON, nested 64 levels deep', () => {
    // {"metadata":{"@literal":"…"}} is 28 bytes around the string.
    const literal = (length: number) => withMetadata({ '@literal': 'x'.repeat(length) });
    expect(compileRoute(literal(64 * 1024 - 28), 'mappings[0]').evaluate({}).metadata).toHaveLength(64 * 1024 - 28);
    expect(compileRoute(withMetadata(nested(63)), 'mappings[0]').name).toBe('Big');
  });

  it('refuses one byte or one level more, and a mapping nested 100,000 deep, naming the mapping and its path', () => {
    const big = errorOf(() => compileRoute(withMetadata({ '@literal': 'x'.repeat(64 * 1024 - 27) }), 'mappings[4]'));
    expect([big.code, big.message, big.details]).toEqual(['FERRY_ERR_MAPPING_TOO_LARGE',
      "Mapping 'Big': the mapping is 65,537 bytes as JSON; a mapping may be at most 64 KB", { path: 'mappings[4].mapping' }]);
    for (const levels of [64, 100_000]) {
      const deep = errorOf(() => compileRoute(withMetadata(nested(levels)), 'mappings[4]'));
      expect([deep.code, deep.message, deep.details]).toEqual(['FERRY_ERR_MAPPING_TOO_LARGE',
        "Mapping 'Big': the mapping is nested deeper than 64 levels", { path: 'mappings[4].mapping' }]);
    }
  });
});
