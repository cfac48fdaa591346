#!/usr/bin/env node
// The kspec command. kspec is TypeScript run through ts-node (transpile only), so it works from a git checkout
// and as another project's dev dependency; kspec's own files are compiled even under node_modules/.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(root, 'tsconfig.json');
process.env.TS_NODE_IGNORE = process.env.TS_NODE_IGNORE || '(?:^|/)node_modules/(?!kspec/)';
// a suite's own steps/ import '@cucumber/cucumber' and find the copy kspec runs, also when kspec is linked from a
// checkout (a `file:` dependency installs none in the suite); NODE_PATH is read after the suite's node_modules
process.env.NODE_PATH = [path.join(root, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
require('node:module')._initPaths();
require('ts-node/register/transpile-only');
require('../src/cli/main').main(process.argv).then((code) => { process.exitCode = code; });
