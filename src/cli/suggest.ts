// "Did you mean": the catalogue's phrases closest to a step that matched none, by edit distance over words,
// after quoted text and numbers in the step become the parameter types they would match.

/** A step as a phrase: `there are 3 pod with label "app=web"` → `there are {int} pod with label {string}`. */
export function stepShape(text: string): string[] {
  return text
    .replace(/"[^"]*"/g, '{string}')
    .replace(
      /(^|\s)(?:\d+(?:\.\d+)? ?(?:milliseconds?|seconds?|minutes?|hours?)|(?:\d+(?:ms|[smh]))+)(?=\s|$)/g,
      '$1{duration}',
    )
    .replace(/(^|\s)-?\d+(?:\.\d+)?(?=\s|$)/g, '$1{int}')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

/** A phrase as words: optional text kept (`node(s)` → `nodes`), the first of `a/b`, `{object}` as `{kind} {string}`. */
export function phraseShape(phrase: string): string[] {
  return phrase
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\{object\}/g, '{kind} {string}')
    .replace(/\(([^)]*)\)/g, '$1')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w.includes('/') && !w.includes('{') ? w.split('/')[0] : w));
}

const KIND_WORDS =
  /^(pods?|po|deployments?|deploy|replicasets?|rs|services?|svc|nodes?|no|namespaces?|ns|pvc?|persistentvolumes?|persistentvolumeclaims?|configmaps?|cm|secrets?|statefulsets?|sts|daemonsets?|ds|jobs?|cronjobs?|ingress(es)?|ing|endpoints|ep|events?|ev|storageclass(es)?|sc)$/;

function wordCost(a: string, b: string): number {
  if (a === b) return 0;
  if (b === '{kind}' && KIND_WORDS.test(a)) return 0;
  if (b === '{word}' && /^[a-z-]+$/.test(a)) return 0;
  if (a.replace(/e?s$/, '') === b.replace(/e?s$/, '')) return 0.3;
  return 1;
}

/** Edit distance between two word lists, where a word in place of a parameter type may cost nothing. */
export function wordDistance(step: string[], phrase: string[]): number {
  const d = Array.from({ length: step.length + 1 }, (_, i) => [i, ...Array(phrase.length).fill(0)]);
  for (let j = 1; j <= phrase.length; j++) d[0][j] = j;
  for (let i = 1; i <= step.length; i++) {
    for (let j = 1; j <= phrase.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + wordCost(step[i - 1], phrase[j - 1]));
    }
  }
  return d[step.length][phrase.length];
}

/** Up to `max` phrases close enough to the step text to be what its author meant, closest first. */
export function suggest(text: string, phrases: string[], max = 3): string[] {
  const step = stepShape(text);
  return phrases
    .map((phrase) => ({ phrase, distance: wordDistance(step, phraseShape(phrase)) / Math.max(step.length, 1) }))
    .filter((s) => s.distance <= 0.5)
    .sort((a, b) => a.distance - b.distance || a.phrase.localeCompare(b.phrase))
    .slice(0, max)
    .map((s) => s.phrase);
}
