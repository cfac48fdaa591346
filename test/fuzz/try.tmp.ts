import fc from 'fast-check';
import { runSequence, sequenceArb } from './faults';
const samples = fc.sample(fc.tuple(fc.integer({min:0,max:1e9}), sequenceArb), { seed: 42, numRuns: Number(process.argv[2] ?? 5) });
let i = 0;
for (const [seed, steps] of samples) {
  const t = Date.now();
  const r = runSequence(seed, steps, { verbose: false });
  console.log(i++, steps.length, r.events, Date.now() - t, 'ms', r.violations.slice(0, 3).map((v) => v.slice(0, 400)).join('\n   '));
}
