#!/usr/bin/env node
// The CLI is one bundle (scripts/bundle.mjs, made by `npm run build`); with --debug, its source maps turn stack
// traces back into src/*.ts lines — enabled before the bundle loads, as Node reads the maps of modules loaded after.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
await import('../dist/bundle/ccst.js');
