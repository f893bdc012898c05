#!/usr/bin/env node
// The bundle's entry (dist/ferry.mjs): turns on source maps (stack traces name src files), then runs the CLI.
// Node reads each chunk's map as the chunk loads (15-30 ms): validate and test-event, which print messages and never
// stacks, start without them (NODE_OPTIONS=--enable-source-maps turns them on there too).
const PRINT_NO_STACKS = new Set(['validate', 'test-event']);
if (!PRINT_NO_STACKS.has(process.argv[2] ?? '')) process.setSourceMapsEnabled(true);
await import('./cli.js');
