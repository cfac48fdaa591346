// Sharding across machines: shards balanced by a previous run's timings (src/cli/shard-timings.ts), and the
// shards' reports merged (src/cli/merge-reports.ts). End to end: `kspec run --ci --shard i/3` for i = 1..3, merged,
// give the same scenarios and results as one run, round-robin and balanced alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { balancedShardOf, readTimings } from '../src/cli/shard-timings';
import { parseShard } from '../src/cli/shard';
import { mergeJUnit, mergeReports } from '../src/cli/merge-reports';

const scenarios = [
  { uri: 'a.feature', line: 3 },
  { uri: 'a.feature', line: 9 },
  { uri: 'b.feature', line: 2 },
  { uri: 'b.feature', line: 30 },
  { uri: 'c.feature', line: 1 },
];
const shards = (n: number, timings: Record<string, number>) =>
  Array.from({ length: n }, (_, i) => balancedShardOf(scenarios, parseShard(`${i + 1}/${n}`), timings));

test('balanced shards: longest first, each to the least loaded shard; every scenario once, in file order', () => {
  const timings = { 'a.feature:3': 100, 'a.feature:9': 10, 'b.feature:2': 60, 'b.feature:30': 50, 'c.feature:1': 40 };
  assert.deepEqual(shards(2, timings), [
    ['a.feature:3', 'c.feature:1'],
    ['a.feature:9', 'b.feature:2', 'b.feature:30'],
  ]);
  assert.deepEqual(shards(3, timings), [
    ['a.feature:3'],
    ['a.feature:9', 'b.feature:2'],
    ['b.feature:30', 'c.feature:1'],
  ]);
  assert.deepEqual(shards(1, timings), [['a.feature:3', 'a.feature:9', 'b.feature:2', 'b.feature:30', 'c.feature:1']]);
  assert.deepEqual(shards(6, timings)[5], [], 'more shards than scenarios: some are empty');
  assert.deepEqual(shards(3, timings), shards(3, { ...timings }), 'the same timings, the same shards');
});

test('a scenario without a timing costs the median of the others; no timings at all, one each', () => {
  assert.deepEqual(shards(2, { 'a.feature:3': 100, 'b.feature:2': 10, 'b.feature:30': 20 }), [
    ['a.feature:3'],
    ['a.feature:9', 'b.feature:2', 'b.feature:30', 'c.feature:1'],
  ]);
  assert.deepEqual(shards(2, {}), [
    ['a.feature:3', 'b.feature:2', 'c.feature:1'],
    ['a.feature:9', 'b.feature:30'],
  ]);
});

test("readTimings: kspec's JSON, or a Cucumber messages file; anything else is refused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-timings-'));
  fs.writeFileSync(path.join(dir, 't.json'), '{"a.feature:3": 12.5}\n');
  assert.deepEqual(readTimings(path.join(dir, 't.json')), { 'a.feature:3': 12.5 });
  const ts = (s: number, ms: number) => ({ seconds: s, nanos: ms * 1e6 });
  const messages = [
    {
      pickle: {
        id: 'p1',
        uri: 'a.feature',
        location: { line: 3 },
        name: 'x',
        language: 'en',
        steps: [],
        tags: [],
        astNodeIds: [],
      },
    },
    { testCase: { id: 'c1', pickleId: 'p1', testSteps: [] } },
    { testCaseStarted: { id: 's1', testCaseId: 'c1', attempt: 0, timestamp: ts(10, 0) } },
    { testCaseFinished: { testCaseStartedId: 's1', timestamp: ts(10, 250), willBeRetried: false } },
  ];
  fs.writeFileSync(path.join(dir, 'messages.ndjson'), messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
  assert.deepEqual(readTimings(path.join(dir, 'messages.ndjson')), { 'a.feature:3': 250 });
  fs.writeFileSync(path.join(dir, 'bad'), 'not timings');
  assert.throws(() => readTimings(path.join(dir, 'bad')), /is neither kspec's timings/);
  assert.throws(() => readTimings(path.join(dir, 'none')), /--timings: no file/);
});

test('mergeJUnit: one testsuite, counts and times summed, the earliest timestamp, the testcases in order', () => {
  const suite = (tests: number, failures: number, time: number, t: string, cases: string) =>
    `<?xml version="1.0"?>\n<testsuite name="Cucumber" time="${time}" tests="${tests}" skipped="0" failures="${failures}" errors="0" timestamp="${t}">\n${cases}\n</testsuite>\n`;
  const merged = mergeJUnit([
    suite(1, 0, 0.5, '2026-01-01T00:00:02Z', '  <testcase classname="F" name="a" time="0.5"/>'),
    suite(
      2,
      1,
      1.25,
      '2026-01-01T00:00:01Z',
      '  <testcase classname="F" name="b" time="1"/>\n  <testcase classname="G" name="c" time="0.25"><failure/></testcase>',
    ),
  ]);
  assert.equal(
    merged,
    '<?xml version="1.0"?>\n<testsuite name="Cucumber" time="1.75" tests="3" skipped="0" failures="1" errors="0" timestamp="2026-01-01T00:00:01Z">\n' +
      '  <testcase classname="F" name="a" time="0.5"/>\n  <testcase classname="F" name="b" time="1"/>\n  <testcase classname="G" name="c" time="0.25"><failure/></testcase>\n</testsuite>\n',
  );
});

const root = path.join(__dirname, '..');
// features whose expectations do not depend on the folder kspec runs from (a scenario's seed is its path from there)
const FEATURES = ['configmaps', 'limit-ranges', 'quota-scopes', 'secrets'].map((f) =>
  path.join(root, 'features', 'config', `${f}.feature`),
);

function kspec(cwd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'kspec.js'), ...args], { cwd, stdio: 'ignore' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The testcases of a JUnit file, `class / name: status`, sorted. */
function junitCases(file: string): string[] {
  const xml = fs.readFileSync(file, 'utf8');
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)]
    .map(
      (m) =>
        `${m[1]} / ${m[2]}: ${/<failure/.test(m[4] ?? '') ? 'failed' : /<skipped/.test(m[4] ?? '') ? 'skipped' : 'passed'}`,
    )
    .sort();
}

/** The Allure test results of a folder, `fullName: status`, sorted. */
function allureResults(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .map((r) => `${r.fullName}: ${r.status}`)
    .sort();
}

test('shards 1/3, 2/3 and 3/3, round-robin or balanced by the timings of a run, merge into that run', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-shards-'));
  const dir = (name: string) => {
    const d = path.join(work, name);
    fs.mkdirSync(d);
    return d;
  };
  const full = dir('full');
  assert.equal(await kspec(full, ['run', '--ci', ...FEATURES]), 0);
  const timings = path.join(full, 'reports', 'timings.json');
  for (const [label, extra] of [
    ['round-robin', []],
    ['balanced', ['--timings', timings]],
  ] as const) {
    const shardDirs = [1, 2, 3].map((i) => dir(`${label}-${i}`));
    const codes = await Promise.all(
      shardDirs.map((d, i) => kspec(d, ['run', '--ci', '--shard', `${i + 1}/3`, ...extra, ...FEATURES])),
    );
    assert.deepEqual(codes, [0, 0, 0], label);
    const parts = shardDirs.map((d) => junitCases(path.join(d, 'reports', 'junit.xml')));
    assert.ok(
      parts.every((p) => p.length > 0),
      `${label}: every shard ran some scenarios`,
    );
    const out = path.join(work, `${label}-merged`);
    mergeReports(
      shardDirs.map((d) => path.join(d, 'reports')),
      out,
    );
    assert.deepEqual(
      junitCases(path.join(out, 'junit.xml')),
      junitCases(path.join(full, 'reports', 'junit.xml')),
      `${label}: JUnit`,
    );
    assert.deepEqual(
      allureResults(path.join(out, 'allure-results')),
      allureResults(path.join(full, 'reports', 'allure-results')),
      `${label}: Allure`,
    );
    assert.deepEqual(
      Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'timings.json'), 'utf8'))).sort(),
      Object.keys(JSON.parse(fs.readFileSync(timings, 'utf8'))).sort(),
      `${label}: timings`,
    );
  }
  fs.rmSync(work, { recursive: true, force: true });
});
