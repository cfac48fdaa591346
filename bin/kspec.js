#!/usr/bin/env node
// The kspec command. kspec is TypeScript, compiled on first use by src/register.js and cached (keyed by each
// source's hash), so it starts fast from a git checkout and as another project's dependency alike.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// answered before anything heavy loads
if (process.argv[2] === '--version' || process.argv[2] === '-V') {
  process.stdout.write(`${require('../package.json').version}\n`);
  return;
}
// a suite's own steps/ import '@cucumber/cucumber' and find the copy kspec runs, also when kspec is linked from a
// checkout (a `file:` dependency installs none in the suite); NODE_PATH is read after the suite's node_modules
process.env.NODE_PATH = [path.join(root, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
require('node:module')._initPaths();
require('../src/register');
require('../src/cli/main').main(process.argv).then((code) => { process.exitCode = code; });
