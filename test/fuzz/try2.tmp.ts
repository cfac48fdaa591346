import fc from 'fast-check';
import { runBadInput, badInputArb } from './bad-input';
const samples = fc.sample(fc.tuple(badInputArb, fc.nat(1000)), { seed: Number(process.argv[3] ?? 7), numRuns: Number(process.argv[2] ?? 5) });
let i = 0, bad = 0; const t0 = Date.now();
for (const [input, seed] of samples) {
  const r = runBadInput(input, seed);
  if (r.problems.length) { bad++; console.log(i, JSON.stringify(input), '\n   ', r.problems.slice(0, 3).map((v) => v.slice(0, 600)).join('\n    ')); }
  i++;
}
console.log('runs', i, 'bad', bad, 'ms', Date.now() - t0);
