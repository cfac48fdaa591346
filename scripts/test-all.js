#!/usr/bin/env node
// npm test: typecheck, the code's format and lint (biome), unit tests (node:test), lint of every feature, every
// feature, then the curriculum's gradings; ends with one line `N passed, N failed`. Each phase's output streams as
// it runs; each phase and the whole run report their wall time.
// With CI set, the features run with the `ci` profile (Allure results, JUnit, HTML, messages in reports/).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let passed = 0,
  failed = 0;

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const phases = [];

/** Runs one phase, its output passed through as it comes and kept for the counts. */
function run(label, cmd, args) {
  process.stdout.write(`\n== ${label}\n`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => {
      const ms = performance.now() - started;
      phases.push(`${label.split(' ')[0]} ${seconds(ms)}`);
      process.stdout.write(`-- ${label.split(' ')[0]}: ${seconds(ms)}\n`);
      resolve({ code: code ?? 1, out });
    });
  });
}

async function main() {
  const tsc = await run('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit']);
  if (tsc.code === 0) passed++;
  else failed++;

  // the code's format and lint rules (biome.jsonc); `npm run format` rewrites what the format check refuses
  const biome = await run('code style (biome ci)', bin('biome'), ['ci', '--colors=off', '.']);
  if (biome.code === 0) passed++;
  else failed++;

  const unitFiles = fs
    .readdirSync(path.join(root, 'test'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join('test', f));
  // one process for every file (scripts/unit-tests.js): a process per file would load kspec once per file
  const unit = await run(`unit tests (${unitFiles.length} files)`, process.execPath, [
    '--test-reporter=spec',
    path.join(root, 'scripts', 'unit-tests.js'),
    ...unitFiles,
  ]);
  const num = (re, s) => {
    const m = s.match(re);
    return m ? Number(m[1]) : 0;
  };
  const unitPass = num(/^ℹ pass (\d+)/m, unit.out),
    unitFail = num(/^ℹ fail (\d+)/m, unit.out);
  passed += unitPass;
  failed += unitFail + (unit.code !== 0 && unitFail === 0 ? 1 : 0);

  // every feature and checkpoint linted before anything runs: unknown steps, unknown kinds, invalid manifests
  const lint = await run('lint (kspec lint features curriculum)', process.execPath, [
    path.join(root, 'bin', 'kspec.js'),
    'lint',
    'features',
    'curriculum',
  ]);
  const lintProblems = lint.code === 0 ? 0 : num(/^(\d+) problems? in/m, lint.out) || 1;
  if (lint.code === 0) passed++;
  else failed += lintProblems;

  const profile = process.env.CI ? ['--profile', 'ci'] : [];
  const features = await run('features (cucumber-js)', bin('cucumber-js'), profile);
  const summary = features.out.match(/^(\d+) scenarios? \(([^)]*)\)/m);
  const count = (word) => num(new RegExp(`(\\d+) ${word}`), summary ? summary[2] : '');
  const scenariosPassed = count('passed');
  const scenariosFailed = summary ? Number(summary[1]) - scenariosPassed - count('skipped') : 0;
  passed += scenariosPassed;
  failed += scenariosFailed + (features.code !== 0 && scenariosFailed === 0 ? 1 : 0);

  // the curriculum: every lab's reference solution scores full marks, every wrong one the score and hints it expects
  const labs = await run('curriculum (kspec curriculum)', process.execPath, [
    path.join(root, 'bin', 'kspec.js'),
    'curriculum',
  ]);
  const labSummary = labs.out.match(/^(\d+) passed, (\d+) failed$/m);
  const labsPassed = labSummary ? Number(labSummary[1]) : 0,
    labsFailed = labSummary ? Number(labSummary[2]) : 0;
  passed += labsPassed;
  failed += labsFailed + (labs.code !== 0 && labsFailed === 0 ? 1 : 0);

  console.log(
    `\ntypecheck ${tsc.code === 0 ? 'ok' : 'FAILED'}; lint ${lintProblems ? `${lintProblems} problems` : 'ok'}; unit tests ${unitPass} passed, ${unitFail} failed; scenarios ${scenariosPassed} passed, ${scenariosFailed} failed; lab gradings ${labsPassed} passed, ${labsFailed} failed`,
  );
  console.log(`wall time ${seconds(performance.now())} (${phases.join(', ')})`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(
    failed === 0 && tsc.code === 0 && lint.code === 0 && unit.code === 0 && features.code === 0 && labs.code === 0
      ? 0
      : 1,
  );
}

main();
