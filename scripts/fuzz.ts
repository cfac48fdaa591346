// The long run of the property-based tests: `npm run fuzz -- --runs 10000 [--seed N] [--only faults|bad-input]
// [--verbose]`. Prints each fault sequence (its events and the invariant checks after each, with --verbose), each
// failure with fast-check's shrunk counterexample, and the figures: runs, events, violations, stack traces,
// JavaScript-isms, wrong-typed objects stored, spins, crashes, time.

import fc from 'fast-check';
import { runSequence, sequenceArb, type Step } from '../test/fuzz/faults';
import { runBadInput, badInputArb, type BadInput } from '../test/fuzz/bad-input';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('runs', '1000'));
const seed = Number(opt('seed', '20261207'));
const only = opt('only', '');
const verbose = args.includes('--verbose');

interface Tally {
  runs: number;
  events: number;
  failures: number;
  kinds: Map<string, number>;
  ms: number;
}
const tally = (): Tally => ({ runs: 0, events: 0, failures: 0, kinds: new Map(), ms: 0 });

/** What kind of problem a message is, for the figures. */
function kindOf(problem: string): string {
  if (/internal error|threw/.test(problem))
    return /\n\s+at /.test(problem) ? 'stack traces (internal errors)' : 'crashes';
  if (/JavaScript-ism/.test(problem)) return 'JavaScript-isms';
  if (/stored with|stored although|JSON cannot carry/.test(problem)) return 'wrong-typed objects stored';
  if (/^spin|: spin|did not converge/.test(problem)) return 'spins';
  if (/same seed/.test(problem)) return 'nondeterminism';
  if (/want:|not a kubectl error|refused, yet/.test(problem)) return 'wrong messages';
  return 'invariant violations';
}

function count(t: Tally, problems: string[]): void {
  if (!problems.length) return;
  t.failures++;
  for (const k of new Set(problems.map(kindOf))) t.kinds.set(k, (t.kinds.get(k) ?? 0) + 1);
}

function report(name: string, t: Tally): void {
  console.log(`\n${name}: ${t.runs} runs, ${t.events} events, ${t.failures} failing, ${(t.ms / 1000).toFixed(1)} s`);
  for (const k of [
    'invariant violations',
    'stack traces (internal errors)',
    'JavaScript-isms',
    'wrong-typed objects stored',
    'spins',
    'crashes',
    'nondeterminism',
    'wrong messages',
  ]) {
    console.log(`  ${k}: ${t.kinds.get(k) ?? 0}`);
  }
}

function faults(): Tally {
  const t = tally();
  const start = Date.now();
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), sequenceArb, (s: number, steps: Step[]) => {
      const r = runSequence(s, steps, { verbose });
      t.runs++;
      t.events += r.events;
      const problems = [...r.violations];
      if (t.runs % 10 === 1 && runSequence(s, steps).digest !== r.digest)
        problems.push('the same seed gave a different trace');
      if (verbose) console.log(`sequence ${t.runs} (seed ${s}):\n${r.log.join('\n')}`);
      else if (t.runs % 100 === 0)
        console.log(
          `  ${t.runs} sequences, ${t.events} events, ${t.failures} failing, ${((Date.now() - start) / 1000).toFixed(0)} s`,
        );
      if (problems.length) {
        console.log(
          `FAIL sequence ${t.runs} (seed ${s}): ${JSON.stringify(steps)}\n  ${problems.slice(0, 5).join('\n  ')}`,
        );
      }
      count(t, problems);
      return true; // keep going: every sequence is counted
    }),
    { seed, numRuns: runs },
  );
  t.ms = Date.now() - start;
  return t;
}

function badInputs(): Tally {
  const t = tally();
  const start = Date.now();
  fc.assert(
    fc.property(badInputArb, fc.nat(1000), (input: BadInput, s: number) => {
      const r = runBadInput(input, s);
      t.runs++;
      t.events++;
      if (r.problems.length)
        console.log(
          `FAIL input ${t.runs}: ${JSON.stringify(input)} (seed ${s})\n  ${r.problems.slice(0, 5).join('\n  ')}`,
        );
      else if (t.runs % 500 === 0)
        console.log(`  ${t.runs} inputs, ${t.failures} failing, ${((Date.now() - start) / 1000).toFixed(0)} s`);
      count(t, r.problems);
      return true;
    }),
    { seed, numRuns: runs },
  );
  t.ms = Date.now() - start;
  return t;
}

console.log(`fuzz: ${runs} runs each, seed ${seed}`);
const results: [string, Tally][] = [];
if (only !== 'bad-input') results.push(['fault sequences', faults()]);
if (only !== 'faults') results.push(['bad inputs', badInputs()]);
for (const [name, t] of results) report(name, t);
process.exitCode = results.some(([, t]) => t.failures) ? 1 : 0;
