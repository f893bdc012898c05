// ${ENV_VAR} substitution: inside strings, escaped with $${, never in keys, never re-expanded, unset = an error.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { expandString } from './env.js';
import { loadConfigFile } from './load.js';
import { expectConfigError, makeTempDir, yaml } from './test-support/config-files.js';

const dir = makeTempDir();
afterAll(() => dir.remove());
afterEach(() => vi.unstubAllEnvs());

describe('expandString', () => {
  const env = { TOKEN: 'tok_123', A: 'a', B: 'b', EMPTY: '', NESTED: '${A}', ESCAPED: '$${A}' };
  it.each([
    ['${TOKEN}', 'tok_123'],
    ['Bearer ${TOKEN}', 'Bearer tok_123'],
    ['${A}-${B}/${A}', 'a-b/a'],
    ['$${TOKEN}', '${TOKEN}'],
    ['$${UNSET} and ${A}', '${UNSET} and a'],
    ['costs $5, $$ or ${A}$', 'costs $5, $$ or a$'],
    ['{A} $ {A}', '{A} $ {A}'],
    ['x${EMPTY}y', 'xy'],
    ['${NESTED}', '${A}'],
    ['${ESCAPED}', '$${A}'],
    ['no references', 'no references'],
  ])('%s -> %s', (text, expected) => {
    expect(expandString(text, env)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['${UNSET}', 'environment variable UNSET is not set'],
    ['Bearer ${UNSET}', 'environment variable UNSET is not set'],
    ['${A', '"${" is not closed by "}" (write $${ for a literal ${)'],
    ['${}', '"${}" is not a variable name (letters, digits and _; write $${ for a literal ${)'],
    ['${1ABC}', '"${1ABC}" is not a variable name (letters, digits and _; write $${ for a literal ${)'],
    ['${MY TOKEN}', '"${MY TOKEN}" is not a variable name (letters, digits and _; write $${ for a literal ${)'],
    ['${constructor}', 'environment variable constructor is not set'],
    ['${toString}', 'environment variable toString is not set'],
  ])('%s is refused', (text, problem) => {
    expect(expandString(text, { A: 'a' })).toEqual({ ok: false, problem });
  });
});

const config = (accessToken: string, mappingLines: string[] = []) =>
  yaml(
    'sources:',
    '  - id: web',
    '    writeKey: ${WRITE_KEY}',
    'destinations:',
    '  - id: intercom',
    '    type: intercom',
    '    settings:',
    `      accessToken: ${accessToken}`,
    '      endpoint: http://${SIM_HOST}:4010',
    ...mappingLines,
  );

describe('substitution in a config file', () => {
  const env = { WRITE_KEY: 'wk_1', TOKEN: 'tok_123', SIM_HOST: '127.0.0.1', FIELD: 'email', FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' };

  it('replaces whole values and parts of values', () => {
    const file = dir.write('ferry.config.yaml', config('"Bearer ${TOKEN}"'));
    const { config: loaded } = loadConfigFile(file, env);
    expect(loaded.sources[0]?.writeKey).toBe('wk_1');
    expect(loaded.destinations[0]?.settings).toMatchObject({ accessToken: 'Bearer tok_123', endpoint: 'http://127.0.0.1:4010' });
  });

  it('names the variable, the path and the line when a variable is not set', () => {
    const file = dir.write('ferry.config.yaml', config('${INTERCOM_ACCESS_TOKEN}'));
    expectConfigError(() => loadConfigFile(file, env), file, {
      line: 8,
      path: 'destinations[0].settings.accessToken',
      problem: 'environment variable INTERCOM_ACCESS_TOKEN is not set',
    });
  });

  it('validates the substituted value', () => {
    const file = dir.write('ferry.config.yaml', config('${TOKEN}'));
    expectConfigError(() => loadConfigFile(file, { ...env, SIM_HOST: 'bad host' }), file, {
      line: 9,
      path: 'destinations[0].settings.endpoint',
      problem: 'must be an http(s) URL, such as http://127.0.0.1:4010',
    });
    expectConfigError(() => loadConfigFile(file, { ...env, TOKEN: '' }), file, {
      line: 8,
      path: 'destinations[0].settings.accessToken',
      problem: 'must not be empty',
    });
  });

  it('substitutes inside mappings and lists but never in keys, and keeps $${ literal', () => {
    const mapping = [
      '    mappings:',
      '      - name: Track ${FIELD}',
      '        action: trackEvent',
      '        trigger: event = "$${FIELD}"',
      '        mapping:',
      '          ${FIELD}: { "@literal": "${FIELD}" }',
      '          tags: ["${FIELD}", 7, true]',
    ];
    const file = dir.write('ferry.config.yaml', config('${TOKEN}', mapping));
    const [loaded] = loadConfigFile(file, env).config.destinations[0]?.mappings ?? [];
    expect(loaded).toEqual({
      name: 'Track email',
      action: 'trackEvent',
      trigger: 'event = "${FIELD}"',
      mapping: { '${FIELD}': { '@literal': 'email' }, tags: ['email', 7, true] },
      enabled: true,
    });
  });

  it('treats a ${...} key where ferry expects its own keys as an unknown key', () => {
    const file = dir.write('ferry.config.yaml', yaml('sources:', '  - id: web', '    ${KEY}: x'));
    expectConfigError(() => loadConfigFile(file, { KEY: 'writeKey' }), file, {
      line: 3,
      path: 'sources[0].${KEY}',
      problem: 'unknown key; expected one of: id, name, writeKey',
    });
  });

  it('reads process.env when no env is given', () => {
    vi.stubEnv('FERRY_TEST_WRITE_KEY', 'from_process_env');
    const file = dir.write('ferry.config.yaml', yaml('sources:', '  - id: web', '    writeKey: ${FERRY_TEST_WRITE_KEY}'));
    expect(loadConfigFile(file).config.sources[0]?.writeKey).toBe('from_process_env');
  });
});
