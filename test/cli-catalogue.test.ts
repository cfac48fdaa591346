import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  regexpPhrase,
  exampleFromPhrase,
  parametersOf,
  docAbove,
  docExample,
  docProblem,
  keywordAt,
  stepsInFeature,
  buildCatalogue,
  catalogueMarkdown,
  catalogueText,
} from '../src/cli/catalogue';
import { catalogue } from '../src/cli/steps-command';
import { suggest, stepShape, phraseShape, wordDistance } from '../src/cli/suggest';

const regexps: Array<[RegExp, string]> = [
  [/^"([^"]*)" does not resolve(?: from namespace "([^"]*)")?$/, '{string} does not resolve[ from namespace {string}]'],
  [
    /^a connection to "([^"]*)" reaches a pod of ([a-z]+) "([^"]*)"$/,
    'a connection to {string} reaches a pod of {word} {string}',
  ],
  [/^hint: (.+)$/, 'hint: {text}'],
  [
    /^a cluster with (\d+) nodes? in (iptables|ipvs|IPVS) mode$/,
    'a cluster with {int} node(s) in iptables/ipvs/IPVS mode',
  ],
  [
    /^a connection(?: from (outside the cluster|pod "[^"]*"|a pod of [a-z]+ "[^"]*"))? to "([^"]*)" is refused$/,
    'a connection[ from outside the cluster | pod {string} | a pod of {word} {string}] to {string} is refused',
  ],
];
for (const [re, want] of regexps) test(`regexpPhrase ${re.source}`, () => assert.equal(regexpPhrase(re), want));

const examples: Array<[string, string]> = [
  ['a cluster with {int} node(s)', 'a cluster with 3 node'],
  ['the {object} matches:', 'the deployment "web" matches:'],
  ['{duration} pass(es)', '30 seconds pass'],
  ['{string} does not resolve[ from namespace {string}]', '"web" does not resolve'],
  ['the command succeeds/fails', 'the command succeeds'],
  ['I run {string}', 'I run "web"'],
];
for (const [phrase, want] of examples)
  test(`exampleFromPhrase ${phrase}`, () => assert.equal(exampleFromPhrase(phrase), want));

test('parametersOf', () =>
  assert.deepEqual(parametersOf('within {duration} the {object} matches:'), ['duration', 'object']));

const source = [
  "import { Given } from '@cucumber/cucumber';",
  '',
  '// Creates the nodes; e.g. `Given a cluster with 2 nodes`',
  "Given('a cluster with {int} node(s)', () => {});",
  '/** Applies a manifest',
  ' *  then converges. */',
  "When('I apply the manifest:', () => {});",
  "Then('no comment', () => {});",
].join('\n');

test('docAbove: // lines, /** */ blocks, none', () => {
  assert.equal(docAbove(source, 4), 'Creates the nodes; e.g. `Given a cluster with 2 nodes`');
  assert.equal(docAbove(source, 7), 'Applies a manifest then converges.');
  assert.equal(docAbove(source, 8), '');
  assert.equal(docAbove(undefined, 3), '');
});

const docExamples: Array<[string, string | undefined]> = [
  ['Advances virtual time; e.g. `When 5 minutes pass`', '5 minutes pass'],
  ['e.g. `Then the pod "web-0" does not exist`', 'the pod "web-0" does not exist'],
  ['Counts (`kubectl get`); e.g. `* hint: scale it` and `more`', 'hint: scale it'],
  ['e.g. `  Given a cluster with 3 nodes  `', 'a cluster with 3 nodes'],
  ['what it writes, e.g. an init container', undefined],
  ['no example at all', undefined],
  ['', undefined],
];
for (const [doc, want] of docExamples)
  test(`docExample: ${doc || '(none)'}`, () => assert.equal(docExample(doc), want));

const nodes = (text: string) => /^a cluster with \d+ nodes?$/.test(text);
const docProblems: Array<[string, RegExp | undefined]> = [
  ['Creates the nodes; e.g. `Given a cluster with 3 nodes`', undefined],
  ['Creates the nodes; e.g. `a cluster with 1 node`', undefined],
  [
    'Creates the nodes; e.g. `Given a cluster with three nodes`',
    /its example "a cluster with three nodes" does not match the step/,
  ],
  ['Creates the nodes; e.g. `| name | labels |`', /does not match the step/],
  ['Creates the nodes.', /gives no example/],
  ['', /has no comment above it/],
];
for (const [doc, want] of docProblems) {
  test(`docProblem: ${doc || '(none)'}`, () => {
    const problem = docProblem(doc, nodes);
    if (want) assert.match(problem ?? '', want);
    else assert.equal(problem, undefined);
  });
}

// every step kspec defines says what it does with an example the step matches: a wrong example fails here
test('every step definition has a comment with an example it matches', async () => {
  const entries = await catalogue(join(__dirname, '..'));
  assert.ok(entries.length > 50, `only ${entries.length} steps loaded`);
  const problems = entries
    .filter((e) => e.problem)
    .map((e) => `${e.uri}:${e.line}: ${e.keyword} ${e.phrase}: ${e.problem}`);
  assert.deepEqual(problems, []);
});

test('keywordAt', () => {
  assert.equal(keywordAt(source, 4), 'Given');
  assert.equal(keywordAt(source, 7), 'When');
  assert.equal(keywordAt(source, 1), 'Step');
});

const feature = `Feature: f
  Scenario: s
    Given a cluster with 2 nodes
    When I apply the manifest:
      """
      kind: Pod
      """
    And a cluster with nodes:
      | name |
      | a    |
    * hint: scale it
`;

test('stepsInFeature: steps, docstrings and tables', () => {
  const steps = stepsInFeature(feature);
  assert.deepEqual(
    steps.map((s) => s.text),
    ['a cluster with 2 nodes', 'I apply the manifest:', 'a cluster with nodes:', 'hint: scale it'],
  );
  assert.equal(steps[1].argument, '  """\n  kind: Pod\n  """');
  assert.equal(steps[2].argument, '  | name |\n  | a    |');
});

test('buildCatalogue: example from the first matching use, else made from the phrase', () => {
  const definitions = [
    { pattern: 'a cluster with {int} node(s)', uri: 'steps/cluster.steps.ts', line: 4 },
    { pattern: 'I apply the manifest:', uri: 'steps/cluster.steps.ts', line: 7 },
    { pattern: 'no comment', uri: 'steps/cluster.steps.ts', line: 8 },
  ];
  const entries = buildCatalogue({
    definitions,
    sources: { 'steps/cluster.steps.ts': source },
    uses: stepsInFeature(feature),
    matches: (d, text) =>
      d.pattern === 'a cluster with {int} node(s)' ? /^a cluster with \d+ nodes?$/.test(text) : text === d.pattern,
  });
  assert.equal(entries[0].example, 'Given a cluster with 2 nodes');
  assert.equal(entries[0].doc, 'Creates the nodes; e.g. `Given a cluster with 2 nodes`');
  assert.equal(entries[0].problem, undefined);
  assert.match(entries[1].problem ?? '', /gives no example/);
  assert.match(entries[2].problem ?? '', /has no comment above it/);
  assert.equal(entries[1].example, 'When I apply the manifest:\n  """\n  kind: Pod\n  """');
  assert.equal(entries[2].example, 'Then no comment');
  const md = catalogueMarkdown(entries);
  assert.match(md, /^# Step catalogue/);
  assert.match(md, /## cluster\n\n### Given a cluster with \{int\} node\(s\)\n\nCreates the nodes; e\.g\./);
  assert.match(md, /\| `\{int\}` \| a whole number/);
  assert.doesNotMatch(md, /\{object\}/, 'only the parameter types in use are listed');
  assert.match(
    catalogueText(entries),
    /^cluster\n {2}Given a cluster with \{int\} node\(s\)\n {6}Creates the nodes; e\.g\./,
  );
});

const phrases = [
  'a cluster with {int} node(s)',
  'there are {int} {kind} with labels {string}',
  'the {object} matches:',
  'I run {string}',
  'the command succeeds',
  '{duration} pass(es)',
];
const suggestions: Array<[string, string | undefined]> = [
  ['there are 3 pod with label "app=web"', 'there are {int} {kind} with labels {string}'],
  ['a cluster with 3 node', 'a cluster with {int} node(s)'],
  ['the deployment "web" match:', 'the {object} matches:'],
  ['I runs "kubectl get pods"', 'I run {string}'],
  ['the command succeed', 'the command succeeds'],
  ['2 minutes pass', '{duration} pass(es)'],
  ['the moon is made of cheese', undefined],
];
for (const [text, want] of suggestions) test(`suggest: ${text}`, () => assert.equal(suggest(text, phrases)[0], want));

test('shapes and distance', () => {
  assert.deepEqual(stepShape('there are 3 pods with labels "a=b"'), [
    'there',
    'are',
    '{int}',
    'pods',
    'with',
    'labels',
    '{string}',
  ]);
  assert.deepEqual(stepShape('90 seconds pass'), ['{duration}', 'pass']);
  assert.deepEqual(stepShape('1h30m pass'), ['{duration}', 'pass']);
  assert.deepEqual(phraseShape('the {object} matches:'), ['the', '{kind}', '{string}', 'matches:']);
  assert.equal(wordDistance(['a', 'b'], ['a', 'b']), 0);
  assert.equal(wordDistance(['a'], ['a', 'b']), 1);
});
