// Lint rules: typescript-eslint's recommended set over the TypeScript sources, and the layers' import direction.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// ferry's layers, lowest first: a layer may import from the layers below it, never from one above (docs/architecture.md).
// config/model, config/checks and config/config-path are plain types and readers every layer may use.
const LAYERS = [
  ['mapping', ['src/mapping/**']],
  ['store', ['src/store/**']],
  ['destinations', ['src/destinations/**']],
  ['subscriptions', ['src/subscriptions/**']],
  ['config', ['src/config/**']],
  ['ingest', ['src/ingest/**']],
  ['deliver', ['src/deliver/**']],
  ['admin', ['src/admin/**']],
  ['app', ['src/app.ts', 'src/server-limits.ts', 'src/web-app.ts', 'src/commands/**', 'src/cli.ts', 'src/bin.ts']],
];
const IMPORT_PATTERNS = {
  mapping: ['**/mapping/**'],
  store: ['**/store/**'],
  destinations: ['**/destinations/**'],
  subscriptions: ['**/subscriptions/**'],
  config: ['**/config/*', '!**/config/model.js', '!**/config/checks.js', '!**/config/config-path.js'],
  ingest: ['**/ingest/**'],
  deliver: ['**/deliver/**'],
  admin: ['**/admin/**'],
  app: ['**/app.js', '**/server-limits.js', '**/web-app.js', '**/commands/**', '**/cli.js'],
};
// The simulator is reached only through its index; Intercom only through the destination registry.
const SIMULATOR = { group: ['**/sim/intercom/**', '!**/sim/intercom/index.js', '!**/sim/intercom/defaults.js'], message: 'reach the simulator through sim/intercom/index.ts (or its defaults.ts, which loads no server)' };
const INTERCOM = { group: ['**/destinations/intercom/**'], message: 'ask the destination registry (src/destinations/registry.ts) instead' };
const TESTS = ['**/*.test.ts', '**/test-support/**'];

const layerRules = LAYERS.map(([name, files], index) => {
  const above = LAYERS.slice(index + 1).map(([upper]) => ({
    group: IMPORT_PATTERNS[upper],
    message: `${name} is below ${upper}: imports point down the layers (docs/architecture.md)`,
  }));
  return {
    files,
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [...above, SIMULATOR, ...(name === 'destinations' ? [] : [INTERCOM])] }] },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  {
    // The web app: React's rules of hooks (it reaches the server only over HTTP, through web/src/api/client.ts).
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // The simulator stands in for Intercom: it knows nothing of ferry.
    files: ['sim/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'the simulator does not import ferry' }] }] },
  },
  {
    // Tests read loosely typed JSON answers; `any` there keeps assertions short.
    files: ['**/*.test.ts', '**/test-support/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
