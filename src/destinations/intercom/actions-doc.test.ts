// docs/actions.md must be what the declarations render (run `npm run docs` after changing a field).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderActionsDoc } from './actions-doc.js';

it('docs/actions.md is up to date with the action declarations', () => {
  const written = readFileSync(new URL('../../../docs/actions.md', import.meta.url), 'utf8');
  expect(written).toBe(renderActionsDoc());
});
