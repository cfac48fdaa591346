// The fast run of the property-based tests (fast-check, seeded, shrinking): random fault sequences on the library
// API with the controllers' invariants checked after each converge, and generated bad input through every door.
// `npm run fuzz -- --runs 10000` is the long run (scripts/fuzz.ts).
import { test } from 'node:test';
import fc from 'fast-check';
import { faultProperty } from './fuzz/faults';
import { badInputProperty } from './fuzz/bad-input';

const SEED = 20261207;

test("fault sequences keep the controllers' invariants (fast-check, 200 sequences)", () => {
  fc.assert(faultProperty(), { seed: SEED, numRuns: 200, endOnFailure: true });
});

test('bad input is refused with a real message or stored well-typed (fast-check, 300 inputs)', () => {
  fc.assert(badInputProperty(), { seed: SEED, numRuns: 300 });
});
