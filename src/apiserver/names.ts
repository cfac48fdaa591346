// metadata.generateName (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go): the base cut to 58
// characters and 5 random characters from the apimachinery alphabet.

import type { Rng } from '../runtime/random';

const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

export function generateName(base: string, rng: Rng): string {
  if (base.length > MAX_GENERATED_NAME_LENGTH) base = base.slice(0, MAX_GENERATED_NAME_LENGTH);
  return base + rng.string(RANDOM_LENGTH);
}
