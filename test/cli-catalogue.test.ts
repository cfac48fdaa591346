import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regexpPhrase, exampleFromPhrase, parametersOf, docAbove, keywordAt, stepsInFeature, buildCatalogue, catalogueMarkdown, catalogueText } from '../src/cli/catalogue';
import { suggest, stepShape, phraseShape, wordDistance } from '../src/cli/suggest';

const regexps: Array<[RegExp, string]> = [
  [/^"([^"]*)" does not resolve(?: from namespace "([^"]*)")?$/, '{string} does not resolve[ from namespace {string}]'],
  [/^a connection to "([^"]*)" reaches a pod of ([a-z]+) "([^"]*)"$/, 'a connection to {string} reaches a pod of {word} {string}'],
  [/^hint: (.+)$/, 'hint: {text}'],
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
for (const [phrase, want] of examples) test(`exampleFromPhrase ${phrase}`, () => assert.equal(exampleFromPhrase(phrase), want));

test('parametersOf', () => assert.deepEqual(parametersOf('within {duration} the {object} matches:'), ['duration', 'object']));

const source = [
  "import { Given } from '@cucumber/cucumber';",
  '',
  '// Creates the nodes.',
  "Given('a cluster with {int} node(s)', () => {});",
  '/** Applies a manifest',
  ' *  then converges. */',
  "When('I apply the manifest:', () => {});",
  "Then('no comment', () => {});",
].join('\n');

test('docAbove: // lines, /** */ blocks, none', () => {
  assert.equal(docAbove(source, 4), 'Creates the nodes.');
  assert.equal(docAbove(source, 7), 'Applies a manifest then converges.');
  assert.equal(docAbove(source, 8), '');
  assert.equal(docAbove(undefined, 3), '');
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
  assert.deepEqual(steps.map((s) => s.text), ['a cluster with 2 nodes', 'I apply the manifest:', 'a cluster with nodes:', 'hint: scale it']);
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
    definitions, sources: { 'steps/cluster.steps.ts': source }, uses: stepsInFeature(feature),
    matches: (d, text) => (d.pattern === 'a cluster with {int} node(s)' ? /^a cluster with \d+ nodes?$/.test(text) : text === d.pattern),
  });
  assert.equal(entries[0].example, 'Given a cluster with 2 nodes');
  assert.equal(entries[0].doc, 'Creates the nodes.');
  assert.equal(entries[1].example, 'When I apply the manifest:\n  """\n  kind: Pod\n  """');
  assert.equal(entries[2].example, 'Then no comment');
  const md = catalogueMarkdown(entries);
  assert.match(md, /^# Step catalogue/);
  assert.match(md, /## cluster\n\n### Given a cluster with \{int\} node\(s\)\n\nCreates the nodes\./);
  assert.match(md, /\| `\{int\}` \| a whole number/);
  assert.doesNotMatch(md, /\{object\}/, 'only the parameter types in use are listed');
  assert.match(catalogueText(entries), /^cluster\n {2}Given a cluster with \{int\} node\(s\)\n {6}Creates the nodes\./);
});

const phrases = ['a cluster with {int} node(s)', 'there are {int} {kind} with labels {string}', 'the {object} matches:', 'I run {string}', 'the command succeeds', '{duration} pass(es)'];
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
  assert.deepEqual(stepShape('there are 3 pods with labels "a=b"'), ['there', 'are', '{int}', 'pods', 'with', 'labels', '{string}']);
  assert.deepEqual(stepShape('90 seconds pass'), ['{duration}', 'pass']);
  assert.deepEqual(stepShape('1h30m pass'), ['{duration}', 'pass']);
  assert.deepEqual(phraseShape('the {object} matches:'), ['the', '{kind}', '{string}', 'matches:']);
  assert.equal(wordDistance(['a', 'b'], ['a', 'b']), 0);
  assert.equal(wordDistance(['a'], ['a', 'b']), 1);
});
