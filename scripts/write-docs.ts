// Writes the generated reference pages (npm run docs).
import { writeFileSync } from 'node:fs';
import { renderActionsDoc } from '../src/destinations/intercom/actions-doc.js';

writeFileSync(new URL('../docs/actions.md', import.meta.url), renderActionsDoc());
console.log('wrote docs/actions.md');
