import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShard, shardOf } from '../src/cli/shard';

const scenarios = [
  { uri: 'b.feature', line: 3 },
  { uri: 'a.feature', line: 9 },
  { uri: 'a.feature', line: 2 },
  { uri: 'c.feature', line: 1 },
  { uri: 'b.feature', line: 20 },
];

const cases: Array<[string, string[]]> = [
  ['1/1', ['a.feature:2', 'a.feature:9', 'b.feature:3', 'b.feature:20', 'c.feature:1']],
  ['1/2', ['a.feature:2', 'b.feature:3', 'c.feature:1']],
  ['2/2', ['a.feature:9', 'b.feature:20']],
  ['3/3', ['b.feature:3']],
  ['5/6', ['c.feature:1']],
  ['6/6', []],
];
for (const [shard, want] of cases)
  test(`shardOf ${shard}`, () => assert.deepEqual(shardOf(scenarios, parseShard(shard)), want));

test('shards cover every scenario once, whatever the input order', () => {
  const all = [1, 2, 3].flatMap((i) => shardOf([...scenarios].reverse(), parseShard(`${i}/3`)));
  assert.deepEqual(all.sort(), shardOf(scenarios, parseShard('1/1')).sort());
});

for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0', '']) {
  test(`parseShard rejects "${bad}"`, () => assert.throws(() => parseShard(bad), /--shard takes i\/n/));
}
