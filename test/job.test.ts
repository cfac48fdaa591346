import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { createCluster } from '../src/cluster';
import * as u from '../src/controllers/job/util';
import { generateSelector } from '../src/apiserver/registry/job';
import { defaultJob } from '../src/api/defaults/batch';
import { create } from './replicaset.helpers';
import { capIndexes } from '../src/kubectl/cmd/describe-job';

test('SetDefaults_Job', () => {
  const rows: [any, any][] = [
    [{}, { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' }],
    [{ parallelism: 3 }, { completions: undefined, parallelism: 3, backoffLimit: 6 }],
    [{ completions: 4 }, { completions: 4, parallelism: 1 }],
    [{ backoffLimitPerIndex: 1, completions: 2, completionMode: 'Indexed' }, { backoffLimit: 2147483647 }],
    [{ podFailurePolicy: { rules: [] } }, { podReplacementPolicy: 'Failed' }],
  ];
  for (const [spec, want] of rows) {
    const job: any = { metadata: {}, spec: { ...spec, template: { spec: { containers: [] } } } };
    defaultJob(job);
    for (const [k, v] of Object.entries(want)) assert.equal(job.spec[k], v, `${JSON.stringify(spec)} → ${k}`);
  }
});

test('generateSelector: job-name and controller-uid labels, a controller-uid selector; user labels kept', () => {
  const job: KObject = { metadata: { name: 'pi', uid: 'u1' }, spec: { template: { metadata: { labels: { 'job-name': 'custom' } } } } };
  generateSelector(job);
  assert.deepEqual(job.spec.template.metadata.labels, {
    'job-name': 'custom', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u1', 'batch.kubernetes.io/controller-uid': 'u1',
  });
  assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } });
});

test('completed indexes as intervals (orderedIntervals)', () => {
  const rows: [number[], string][] = [[[], ''], [[0], '0'], [[0, 1, 2], '0-2'], [[5, 1, 3, 2], '1-3,5'], [[0, 2, 4, 5, 6, 9], '0,2,4-6,9']];
  for (const [idx, want] of rows) {
    assert.equal(u.formatIndexes(idx), want);
    assert.deepEqual([...u.parseIndexes(want)].sort((a, b) => a - b), [...new Set(idx)].sort((a, b) => a - b));
  }
  assert.deepEqual(u.firstPendingIndexes(5, new Set([0, 2]), new Set([1]), 2), [3, 4]);
  assert.deepEqual(u.firstPendingIndexes(3, new Set([0, 1, 2]), new Set(), 2), []);
});

test('pod failure back-off: 10s doubling, capped at 10 minutes', () => {
  const rows: [number, number][] = [[0, 0], [1, 10_000], [2, 20_000], [3, 40_000], [6, 320_000], [7, 600_000], [20, 600_000]];
  for (const [n, ms] of rows) assert.equal(u.podFailureBackoff(n), ms, `${n} failures`);
});

test('newJobPod: tracking finalizer; an Indexed pod gets its index, hostname and JOB_COMPLETION_INDEX', () => {
  const job: KObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid: 'u' },
    spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } };
  const plain = u.newJobPod(job, undefined);
  assert.equal(plain.metadata.generateName, 'pi-');
  assert.deepEqual(plain.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
  const indexed = u.newJobPod(job, 3);
  assert.equal(indexed.metadata.generateName, 'pi-3-');
  assert.equal(indexed.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], '3');
  assert.equal(indexed.metadata.labels?.['batch.kubernetes.io/job-completion-index'], '3');
  assert.equal(indexed.spec.hostname, 'pi-3');
  assert.equal(indexed.spec.containers[0].env[0].name, 'JOB_COMPLETION_INDEX');
  assert.equal(job.spec.template.spec.containers[0].env, undefined, 'the template is not changed');
});

const finish = (c: ReturnType<typeof createCluster>, phase: 'Succeeded' | 'Failed', n: number) => {
  for (const p of c.list('pods').filter((x) => !x.status?.phase || x.status.phase === 'Pending' || x.status.phase === 'Running').slice(0, n)) {
    c.api.updateStatus({ ...p, status: { phase, containerStatuses: [{ name: 'c', state: { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, finishedAt: c.clock.iso() } } }] } });
  }
  c.converge();
};

const JOB = (extra: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
${extra}
  template:
    spec:
      containers: [{name: c, image: perl}]
      restartPolicy: Never
`;

test('manageJob: parallelism at a time until completions succeed; finalizers removed as pods are counted', () => {
  const rows: [string, number, number[]][] = [
    // spec, pods finished per round, active count after each round
    ['  completions: 4\n  parallelism: 2', 2, [2, 2, 0]],
    ['  completions: 3\n  parallelism: 5', 3, [3, 0]],
    ['  parallelism: 2', 1, [2, 1, 0]],
  ];
  for (const [spec, perRound, actives] of rows) {
    const c = createCluster({ nodes: 0, seed: spec });
    create(c, JOB(spec));
    for (const want of actives) {
      assert.equal(c.get('jobs', 'pi').status.active, want, `${spec}: active`);
      if (want === 0) break;
      finish(c, 'Succeeded', perRound);
    }
    const job = c.get('jobs', 'pi');
    assert.equal(job.status.conditions?.[0]?.type, 'Complete', spec);
    assert.deepEqual(job.status.uncountedTerminatedPods, {});
    assert.ok(c.list('pods').every((p) => !p.metadata.finalizers?.length), `${spec}: no finalizers left`);
  }
});

test('backoffLimit: the failure past the limit fails the Job', () => {
  const c = createCluster({ nodes: 0, seed: 'backoff' });
  create(c, JOB('  backoffLimit: 1'));
  finish(c, 'Failed', 1);
  assert.equal(c.get('jobs', 'pi').status.failed, 1);
  assert.equal(c.get('jobs', 'pi').status.active, 0, 'the replacement waits out the back-off');
  c.advance('10s');
  assert.equal(c.get('jobs', 'pi').status.active, 1);
  finish(c, 'Failed', 1);
  const job = c.get('jobs', 'pi');
  assert.equal(job.status.failed, 2);
  assert.deepEqual(job.status.conditions.map((x: any) => [x.type, x.reason]), [['Failed', 'BackoffLimitExceeded']]);
});

test('the tracking finalizer is removed from pods whose Job is gone or has orphaned them', () => {
  const rows: ['Background' | 'Orphan', number][] = [['Background', 0], ['Orphan', 1]];
  for (const [propagationPolicy, left] of rows) {
    const c = createCluster({ nodes: 0, seed: propagationPolicy });
    create(c, JOB('  parallelism: 1'));
    c.api.delete('jobs', 'default', 'pi', { propagationPolicy });
    c.converge();
    const pods = c.list('pods');
    assert.equal(pods.length, left, propagationPolicy);
    for (const p of pods) assert.equal(p.metadata.finalizers, undefined, `${propagationPolicy}: an orphan keeps no finalizer`);
  }
});

test('describe: completed indexes are cut after the first comma past 50 characters (capIndexesListOrNone)', () => {
  const long = Array.from({ length: 30 }, (_, i) => String(i * 2)).join(',');
  const rows: [string | undefined, string][] = [[undefined, '<none>'], ['', '<none>'], ['0-4', '0-4'], [long, long.slice(0, long.indexOf(',', 50) + 1) + '...']];
  for (const [input, want] of rows) assert.equal(capIndexes(input), want);
});
