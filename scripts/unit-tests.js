#!/usr/bin/env node
// Every unit test file (test/*.test.ts, or those named) in this one process: node:test's --test would start a
// process per file, each loading kspec's ~340 modules again (most of the unit tests' CPU time). The files'
// top-level tests run one after another, in file order, as one run with one summary.
//   node scripts/unit-tests.js [--test-reporter=spec] [test/x.test.ts ...]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

require('../src/register');
const root = path.resolve(__dirname, '..');
const named = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = named.length
  ? named.map((f) => path.resolve(f))
  : fs
      .readdirSync(path.join(root, 'test'))
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => path.join(root, 'test', f));
for (const file of files) require(file);
