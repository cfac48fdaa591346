import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { tagsOf, Grader, gradeText, shortened, type Grade } from '../src/cli/grade';
import { gradeProblems, readExpected, labsIn } from '../src/cli/curriculum-command';
import { commandLines, findSolution, applySolution, solutionSteps } from '../src/cli/solution';
import { labSummary } from '../src/cli/labs-command';
import { createCluster } from '../src/cluster';

const tags: Array<[string[], { points: number; hint?: string }]> = [
  [[], { points: 1, hint: undefined }],
  [['@points:3'], { points: 3, hint: undefined }],
  [['@points:2', '@points:5'], { points: 5, hint: undefined }],
  [['@hint:scale-it-to-5'], { points: 1, hint: 'scale it to 5' }],
  [['@epic:Curriculum', '@points:0'], { points: 0, hint: undefined }],
];
for (const [input, want] of tags)
  test(`tagsOf ${input.join(' ') || '(none)'}`, () => assert.deepEqual(tagsOf(input, 'x'), want));

test('tagsOf: @points that is not a whole number says so', () => {
  assert.throws(
    () => tagsOf(['@points:many'], 'lab.feature "s"'),
    /lab.feature "s": @points takes a whole number, as in @points:3, not "@points:many"/,
  );
});

const messages: Array<[string, string]> = [
  [
    'Error: expected 3 pods, found 2:\n  web-1\n\nits recent history:\n  +0s create',
    'expected 3 pods, found 2:\n  web-1',
  ],
  ['boom\n    at fn (/x/y.ts:1:2)\n    at g (/x/z.ts:3:4)', 'boom'],
  [
    Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n'),
    [...Array.from({ length: 12 }, (_, i) => `line ${i}`), '  ... (8 more lines)'].join('\n'),
  ],
];
for (const [input, want] of messages)
  test(`shortened: ${JSON.stringify(input.slice(0, 20))}`, () => assert.equal(shortened(input), want));

/** A run's messages: scenarios with tags, steps (text, status, message). */
function run(scenarios: Array<{ name: string; tags?: string[]; steps: Array<[string, string, string?]> }>): Envelope[] {
  const out: any[] = [];
  scenarios.forEach((s, i) => {
    out.push({
      pickle: {
        id: `p${i}`,
        uri: 'checkpoints/a.feature',
        name: s.name,
        tags: (s.tags ?? []).map((name) => ({ name })),
        steps: s.steps.map(([text], j) => ({ id: `ps${i}.${j}`, text })),
      },
    });
    out.push({
      testCase: {
        id: `tc${i}`,
        pickleId: `p${i}`,
        testSteps: s.steps.map((_, j) => ({ id: `ts${i}.${j}`, pickleStepId: `ps${i}.${j}` })),
      },
    });
    out.push({ testCaseStarted: { id: `a${i}`, testCaseId: `tc${i}` } });
    s.steps.forEach(([, status, message], j) =>
      out.push({
        testStepFinished: {
          testCaseStartedId: `a${i}`,
          testStepId: `ts${i}.${j}`,
          testStepResult: { status, message },
        },
      }),
    );
  });
  return out;
}

test('Grader: points, hints from a step or a tag, what the first failing step found', () => {
  const g = new Grader();
  for (const e of run([
    { name: 'passes', tags: ['@points:2'], steps: [['a cluster with 3 nodes', 'PASSED']] },
    {
      name: 'fails with a hint step',
      tags: ['@points:3'],
      steps: [
        ['hint: scale it', 'PASSED'],
        ['there are 5 pods', 'FAILED', 'Error: expected 5, found 3'],
        ['later', 'SKIPPED'],
      ],
    },
    {
      name: 'fails with a hint tag',
      tags: ['@hint:name-it-web'],
      steps: [['the deployment "web" matches:', 'FAILED', 'does not exist']],
    },
    { name: 'undefined step', steps: [['there are 5 pod', 'UNDEFINED']] },
  ]))
    g.add(e);
  const grade = g.grade('lab');
  assert.equal(grade.score, 2);
  assert.equal(grade.total, 7);
  assert.deepEqual(
    grade.checkpoints.map((c) => [c.name, c.earned, c.hint]),
    [
      ['passes', 2, undefined],
      ['fails with a hint step', 0, 'scale it'],
      ['fails with a hint tag', 0, 'name it web'],
      ['undefined step', 0, undefined],
    ],
  );
  assert.equal(grade.checkpoints[1].found, 'the step "there are 5 pods" failed:\nexpected 5, found 3');
  assert.match(grade.checkpoints[3].found!, /no step definition matches it/);
  const text = gradeText(grade);
  assert.match(
    text,
    /^lab: 2\/7 points\n {2}✔ 2\/2 {2}passes\n {2}✘ 0\/3 {2}fails with a hint step\n {8}hint: scale it\n {8}found: the step "there are 5 pods" failed:\n {8}expected 5, found 3\n/,
  );
});

const grade = (failed: Record<string, string | undefined>, score: number): Grade => ({
  lab: 'l',
  score,
  total: 4,
  checkpoints: ['a', 'b', 'c'].map((name) => ({
    name,
    uri: 'u',
    points: 1,
    earned: name in failed ? 0 : 1,
    passed: !(name in failed),
    ...(name in failed ? { hint: failed[name], found: 'x' } : {}),
  })),
});

const problems: Array<[string, Grade, Parameters<typeof gradeProblems>[1], RegExp[]]> = [
  ['a reference with full marks', grade({}, 3), undefined, []],
  ['a reference that fails', grade({ b: 'h' }, 2), undefined, [/the reference solution fails "b"/]],
  ['a wrong solution as expected', grade({ b: 'hb' }, 2), { score: 2, hints: { b: 'hb' } }, []],
  ['another score', grade({ b: 'hb' }, 2), { score: 1, hints: { b: 'hb' } }, [/expected a score of 1, got 2\/4/]],
  [
    'another hint',
    grade({ b: 'other' }, 2),
    { score: 2, hints: { b: 'hb' } },
    [/"b" shows the hint "other", expected "hb"/],
  ],
  [
    'no hint where one is expected',
    grade({ b: undefined }, 2),
    { score: 2, hints: { b: 'hb' } },
    [/"b" shows the hint null/],
  ],
  [
    'an unexpected failure',
    grade({ b: 'hb', c: 'hc' }, 1),
    { score: 1, hints: { b: 'hb' } },
    [/"c" fails, which expected.json does not expect/],
  ],
  [
    'an expected failure that passes',
    grade({}, 3),
    { score: 3, hints: { a: 'ha' } },
    [/"a" passes, but expected.json expects it to fail/],
  ],
  [
    'a checkpoint that does not exist',
    grade({}, 3),
    { score: 3, hints: { zz: 'h' } },
    [/names "zz", which is no checkpoint/],
  ],
];
for (const [name, g, expected, want] of problems) {
  test(`gradeProblems: ${name}`, () => {
    const got = gradeProblems(g, expected);
    assert.equal(got.length, want.length, got.join('\n'));
    want.forEach((re, i) => assert.match(got[i], re));
  });
}

function tmp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-grade-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('readExpected: a clear message for a malformed file', () => {
  const dir = tmp({ 'bad.json': '{"score": "x"}', 'broken.json': '{' });
  assert.throws(() => readExpected(path.join(dir, 'bad.json')), /expected \{"score": <number>, "hints"/);
  assert.throws(() => readExpected(path.join(dir, 'broken.json')), /broken.json: /);
});

test('labsIn: folders with checkpoints/, in order; a missing folder says so', () => {
  const dir = tmp({ 'b/checkpoints/x.feature': '', 'a/checkpoints/x.feature': '', 'notes/readme.md': '' });
  assert.deepEqual(
    labsIn(dir).map((d) => path.basename(d)),
    ['a', 'b'],
  );
  assert.throws(() => labsIn(path.join(dir, 'nope')), /no curriculum folder at/);
});

test('commandLines: comments and blanks skipped, a leading $ dropped', () => {
  assert.deepEqual(commandLines('# setup\n\n$ kubectl create ns dev\n  kubectl get ns  \n'), [
    { line: 3, command: 'kubectl create ns dev' },
    { line: 4, command: 'kubectl get ns' },
  ]);
});

test('findSolution: manifests in name order, a commands file, or one file', () => {
  const dir = tmp({ 'b.yaml': '', 'a.yml': '', 'commands.sh': '', 'notes.md': '' });
  assert.deepEqual(findSolution(dir), {
    manifests: [path.join(dir, 'a.yml'), path.join(dir, 'b.yaml')],
    commands: path.join(dir, 'commands.sh'),
  });
  assert.deepEqual(findSolution(path.join(dir, 'b.yaml')), { manifests: [path.join(dir, 'b.yaml')] });
  assert.throws(
    () => findSolution(tmp({ 'x.md': '' })),
    /has no manifests \(\*\.yaml\) and no commands.sh or commands.txt/,
  );
  assert.throws(() => findSolution(path.join(dir, 'nope')), /does not exist/);
});

test("applySolution: every line runs; the learner's mistakes come back in kubectl's words, naming their files and lines", async () => {
  const c = createCluster({ nodes: 1, seed: 'solution' });
  const ok = await applySolution(c, tmp({ 'commands.sh': 'kubectl create namespace dev\n' }));
  assert.equal(ok.last?.exitCode, 0);
  assert.deepEqual(ok.problems, []);
  assert.ok(c.tryGet('namespace', 'dev'));
  const mixed = await applySolution(
    c,
    tmp({ 'commands.sh': 'rm -rf /\nkubectl create namespace dev\nkubectl create namespace qa\n' }),
  );
  assert.equal(mixed.problems[0], 'commands.sh line 1: only kubectl commands run here, not "rm -rf /"');
  assert.match(
    mixed.problems[1],
    /^commands.sh line 2: `kubectl create namespace dev` failed:\nError from server \(AlreadyExists\)/,
  );
  assert.ok(c.tryGet('namespace', 'qa'), 'the lines after a failing one still run');
  const bad = await applySolution(c, tmp({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n' }));
  assert.match(
    bad.problems[0],
    /^your manifest pod.yaml was rejected:\n.*"p" is invalid: spec.containers: Required value/s,
  );
});

const steps: Array<[string, Record<string, string>, string[]]> = [
  [
    'manifests first, then commands',
    { 'b.yaml': '', 'a.yaml': '', 'commands.sh': 'kubectl get pods\n' },
    ['kubectl apply -f a.yaml', 'kubectl apply -f b.yaml', 'kubectl get pods'],
  ],
  [
    'a manifest applied by a command line runs there',
    { 'ns.yaml': '', 'pod.yaml': '', 'commands.sh': 'kubectl create namespace dev\nkubectl apply -f pod.yaml\n' },
    ['kubectl apply -f ns.yaml', 'kubectl create namespace dev', 'kubectl apply -f pod.yaml'],
  ],
  [
    '--filename= and -fFILE count too',
    { 'x.yaml': '', 'y.yaml': '', 'commands.sh': 'kubectl create --filename=x.yaml\nkubectl apply -fy.yaml\n' },
    ['kubectl create --filename=x.yaml', 'kubectl apply -fy.yaml'],
  ],
  [
    'a steps file gives the order',
    { 'a.yaml': '', 'b.yaml': '', 'commands.sh': '', steps: 'b.yaml\nkubectl create ns x\na.yaml\n' },
    ['kubectl apply -f b.yaml', 'kubectl create ns x', 'kubectl apply -f a.yaml'],
  ],
];
for (const [name, files, want] of steps) {
  test(`solutionSteps: ${name}`, () =>
    assert.deepEqual(
      solutionSteps(findSolution(tmp(files))).map((s) => s.command),
      want,
    ));
}

test("labSummary: checkpoints and points as the grader counts them, the README's title", () => {
  const dir = tmp({
    'lab/README.md': '# Lab 9: things\n\ntext',
    'lab/checkpoints/a.feature':
      'Feature: a\n  @points:3\n  Scenario: one\n    Given a cluster with 1 node\n  Scenario: two\n    Given a cluster with 1 node\n',
    'lab/checkpoints/b.feature':
      '@points:2\nFeature: b\n  Scenario Outline: o <n>\n    Given a cluster with <n> node\n    Examples:\n      | n |\n      | 1 |\n      | 2 |\n',
  });
  assert.deepEqual(labSummary(path.join(dir, 'lab')), {
    name: 'lab',
    title: 'Lab 9: things',
    checkpoints: 4,
    points: 8,
    pending: false,
  });
});
