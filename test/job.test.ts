import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { createCluster } from '../src/cluster';
import * as u from '../src/controllers/job/util';
import { defaultJob } from '../src/api/defaults/batch';
import { create } from './replicaset.helpers';
import { capIndexes } from '../src/kubectl/describe/job';
import { matchPodFailurePolicy } from '../src/controllers/job/pod-failure-policy';
import {
  calculateFailedIndexes,
  indexFailureAnnotations,
  isIndexFailed,
  podsWithDelayedDeletion,
  remainingTimePerIndex,
} from '../src/controllers/job/backoff-limit-per-index';
import { validateJob } from '../src/api/validation/batch';
import { dropDisabledJobFields, generateSelector } from '../src/apiserver/registry/job';

test('SetDefaults_Job', () => {
  const rows: [any, any][] = [
    [
      {},
      {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
      },
    ],
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
  const job: KObject = {
    metadata: { name: 'pi', uid: 'u1' },
    spec: { template: { metadata: { labels: { 'job-name': 'custom' } } } },
  };
  generateSelector(job);
  assert.deepEqual(job.spec.template.metadata.labels, {
    'job-name': 'custom',
    'batch.kubernetes.io/job-name': 'pi',
    'controller-uid': 'u1',
    'batch.kubernetes.io/controller-uid': 'u1',
  });
  assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } });
});

test('completed indexes as intervals (orderedIntervals)', () => {
  const rows: [number[], string][] = [
    [[], ''],
    [[0], '0'],
    [[0, 1], '0,1'],
    [[0, 1, 2], '0-2'],
    [[5, 1, 3, 2], '1-3,5'],
    [[0, 2, 4, 5, 6, 9], '0,2,4-6,9'],
    [[7, 8, 1], '1,7,8'],
  ];
  for (const [idx, want] of rows) {
    assert.equal(u.formatIndexes(idx), want);
    assert.deepEqual(
      [...u.parseIndexes(want)].sort((a, b) => a - b),
      [...new Set(idx)].sort((a, b) => a - b),
    );
  }
  assert.deepEqual(u.firstPendingIndexes(5, new Set([0, 2]), new Set([1]), 2), [3, 4]);
  assert.deepEqual(u.firstPendingIndexes(3, new Set([0, 1, 2]), new Set(), 2), []);
});

test('pod failure back-off: 10s doubling, capped at 10 minutes', () => {
  const rows: [number, number][] = [
    [0, 0],
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [6, 320_000],
    [7, 600_000],
    [20, 600_000],
  ];
  for (const [n, ms] of rows) assert.equal(u.podFailureBackoff(n), ms, `${n} failures`);
});

test('newJobPod: tracking finalizer; an Indexed pod gets its index, hostname and JOB_COMPLETION_INDEX', () => {
  const job: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'u' },
    spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  };
  const plain = u.newJobPod(job, undefined);
  assert.equal(plain.metadata.generateName, 'pi-');
  assert.deepEqual(plain.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
  const indexed = u.newJobPod(job, 3);
  assert.equal(indexed.metadata.generateName, 'pi-3-');
  assert.equal(indexed.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], '3');
  assert.equal(indexed.metadata.labels?.['batch.kubernetes.io/job-completion-index'], '3');
  assert.equal(indexed.spec.hostname, 'pi-3');
  assert.equal(indexed.spec.containers[0].env?.[0].name, 'JOB_COMPLETION_INDEX');
  assert.equal(job.spec.template.spec.containers[0].env, undefined, 'the template is not changed');
});

const finish = (c: ReturnType<typeof createCluster>, phase: 'Succeeded' | 'Failed', n: number) => {
  for (const p of c
    .list('pods')
    .filter((x) => !x.status?.phase || x.status.phase === 'Pending' || x.status.phase === 'Running')
    .slice(0, n)) {
    c.api.updateStatus({
      ...p,
      status: {
        phase,
        containerStatuses: [
          { name: 'c', state: { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, finishedAt: c.clock.iso() } } },
        ],
      },
    });
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
    assert.ok(
      c.list('pods').every((p) => !p.metadata.finalizers?.length),
      `${spec}: no finalizers left`,
    );
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
  assert.deepEqual(
    job.status.conditions.map((x: any) => [x.type, x.reason]),
    [['Failed', 'BackoffLimitExceeded']],
  );
});

test('the tracking finalizer is removed from pods whose Job is gone or has orphaned them', () => {
  const rows: ['Background' | 'Orphan', number][] = [
    ['Background', 0],
    ['Orphan', 1],
  ];
  for (const [propagationPolicy, left] of rows) {
    const c = createCluster({ nodes: 0, seed: propagationPolicy });
    create(c, JOB('  parallelism: 1'));
    c.api.delete('jobs', 'default', 'pi', { propagationPolicy });
    c.converge();
    const pods = c.list('pods');
    assert.equal(pods.length, left, propagationPolicy);
    for (const p of pods)
      assert.equal(p.metadata.finalizers, undefined, `${propagationPolicy}: an orphan keeps no finalizer`);
  }
});

test('describe: completed indexes are cut after the first comma past 50 characters (capIndexesListOrNone)', () => {
  const long = Array.from({ length: 30 }, (_, i) => String(i * 2)).join(',');
  const rows: [string | undefined, string][] = [
    [undefined, '<none>'],
    ['', '<none>'],
    ['0-4', '0-4'],
    [long, long.slice(0, long.indexOf(',', 50) + 1) + '...'],
  ];
  for (const [input, want] of rows) assert.equal(capIndexes(input), want);
});

// --- podFailurePolicy (pkg/controller/job/pod_failure_policy_test.go, TestMatchPodFailurePolicy) ---

const terminated = (name: string, exitCode: number) => ({ name, state: { terminated: { exitCode } } });
const failedPod = (status: any): KObject => ({
  metadata: { name: 'x', namespace: 'default' },
  status: { phase: 'Failed', ...status },
});

test('matchPodFailurePolicy: the first matching rule decides the action, its FailJob message and whether the failure counts', () => {
  const exit42FailJob = {
    action: 'FailJob',
    onExitCodes: { containerName: 'main', operator: 'In', values: [1, 2, 42] },
  };
  const ignoreDisruption = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };
  const rows: [string, any, any, { message?: string; countFailed: boolean; action?: string }][] = [
    ['no policy', undefined, { containerStatuses: [terminated('main', 42)] }, { countFailed: true }],
    [
      'FailJob on exit code In',
      { rules: [exit42FailJob] },
      { containerStatuses: [terminated('main', 42)] },
      {
        message: 'Container main for pod default/x failed with exit code 42 matching FailJob rule at index 0',
        countFailed: true,
        action: 'FailJob',
      },
    ],
    [
      'another container name does not match',
      { rules: [exit42FailJob] },
      { containerStatuses: [terminated('side', 42)] },
      { countFailed: true },
    ],
    [
      'exit code not in the list',
      { rules: [exit42FailJob] },
      { containerStatuses: [terminated('main', 3)] },
      { countFailed: true },
    ],
    [
      'NotIn matches other non-zero codes',
      { rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [1] } }] },
      { containerStatuses: [terminated('main', 137)] },
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'NotIn never matches exit code 0',
      { rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [1] } }] },
      { containerStatuses: [terminated('main', 0)] },
      { countFailed: true },
    ],
    [
      'a running container has no exit code to match',
      { rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [1] } }] },
      { containerStatuses: [{ name: 'main', state: { running: {} } }] },
      { countFailed: true },
    ],
    [
      'init containers are matched after containers',
      { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [5] } }] },
      { containerStatuses: [terminated('main', 0)], initContainerStatuses: [terminated('setup', 5)] },
      {
        message: 'Container setup for pod default/x failed with exit code 5 matching FailJob rule at index 0',
        countFailed: true,
        action: 'FailJob',
      },
    ],
    [
      'Ignore on the DisruptionTarget condition',
      { rules: [ignoreDisruption] },
      { conditions: [{ type: 'DisruptionTarget', status: 'True' }], containerStatuses: [terminated('main', 137)] },
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'a condition with another status does not match',
      { rules: [ignoreDisruption] },
      { conditions: [{ type: 'DisruptionTarget', status: 'False' }] },
      { countFailed: true },
    ],
    [
      'FailJob on a pod condition',
      { rules: [exit42FailJob, { ...ignoreDisruption, action: 'FailJob' }] },
      { conditions: [{ type: 'DisruptionTarget', status: 'True' }], containerStatuses: [terminated('main', 137)] },
      {
        message: 'Pod default/x has condition DisruptionTarget matching FailJob rule at index 1',
        countFailed: true,
        action: 'FailJob',
      },
    ],
    [
      'the first matching rule wins',
      { rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [42] } }, exit42FailJob] },
      { containerStatuses: [terminated('main', 42)] },
      { countFailed: true, action: 'Count' },
    ],
    [
      'FailIndex',
      { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
      { containerStatuses: [terminated('main', 42)] },
      { countFailed: true, action: 'FailIndex' },
    ],
    [
      'an unknown action matches nothing',
      {
        rules: [
          { action: 'Other', onExitCodes: { operator: 'In', values: [42] } },
          { action: 'Ignore', onExitCodes: { operator: 'In', values: [42] } },
        ],
      },
      { containerStatuses: [terminated('main', 42)] },
      { countFailed: false, action: 'Ignore' },
    ],
  ];
  for (const [name, policy, status, want] of rows)
    assert.deepEqual(matchPodFailurePolicy(policy, failedPod(status)), want, name);
});

test('validateJob: podFailurePolicy, podReplacementPolicy, backoffLimitPerIndex and maxFailedIndexes', () => {
  const base = (spec: any, rp = 'Never') => ({
    metadata: { name: 'pi' },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      completions: 2,
      ...spec,
      template: {
        metadata: { labels: { a: 'b' } },
        spec: {
          restartPolicy: rp,
          dnsPolicy: 'ClusterFirst',
          containers: [{ name: 'main', image: 'x', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }],
        },
      },
    },
  });
  const exit = (values: number[], extra: any = {}) => ({
    rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values, ...extra } }],
  });
  const rows: [string, any, string[]][] = [
    ['a valid policy', base({ podFailurePolicy: exit([1, 42]) }), []],
    [
      'restartPolicy OnFailure',
      base({ podFailurePolicy: exit([1]) }, 'OnFailure'),
      [
        'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      ],
    ],
    [
      'podReplacementPolicy with a policy',
      base({ podFailurePolicy: exit([1]), podReplacementPolicy: 'TerminatingOrFailed' }),
      ['spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"'],
    ],
    [
      'an unknown podReplacementPolicy',
      base({ podReplacementPolicy: 'Never' }),
      ['spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"'],
    ],
    [
      'no action',
      base({ podFailurePolicy: { rules: [{ onExitCodes: { operator: 'In', values: [1] } }] } }),
      ['spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]'],
    ],
    [
      'an unknown action',
      base({ podFailurePolicy: { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }] } }),
      [
        'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      ],
    ],
    [
      'FailIndex without backoffLimitPerIndex',
      base({ podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } }),
      [
        'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
      ],
    ],
    [
      'neither requirement',
      base({ podFailurePolicy: { rules: [{ action: 'Ignore' }] } }),
      ['spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required'],
    ],
    [
      'both requirements',
      base({
        podFailurePolicy: {
          rules: [
            {
              action: 'Ignore',
              onExitCodes: { operator: 'In', values: [1] },
              onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
            },
          ],
        },
      }),
      [
        'spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported',
      ],
    ],
    [
      'no operator',
      base({ podFailurePolicy: exit([1], { operator: undefined }) }),
      ['spec.podFailurePolicy.rules[0].onExitCodes.operator: Required value: valid values: ["In" "NotIn"]'],
    ],
    [
      'an unknown container',
      base({ podFailurePolicy: exit([1], { containerName: 'side' }) }),
      [
        'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "side": must be one of the container or initContainer names in the pod template',
      ],
    ],
    [
      'no values',
      base({ podFailurePolicy: exit([]) }),
      ['spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{}: at least one value is required'],
    ],
    [
      '0 for In, unordered, duplicate',
      base({ podFailurePolicy: exit([2, 0, 2]) }),
      [
        'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
        'spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 2',
        'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{2, 0, 2}: must be ordered',
      ],
    ],
    [
      'a condition pattern with a bad status',
      base({
        podFailurePolicy: {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Yes' }] }],
        },
      }),
      [
        'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "Yes": supported values: "False", "True", "Unknown"',
      ],
    ],
    [
      '21 rules',
      base({ podFailurePolicy: { rules: Array.from({ length: 21 }, () => exit([1]).rules[0]) } }),
      ['spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items'],
    ],
    [
      'backoffLimitPerIndex on a NonIndexed Job',
      base({ backoffLimitPerIndex: 1, maxFailedIndexes: 1 }),
      [
        'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
        'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode',
      ],
    ],
    [
      'maxFailedIndexes without backoffLimitPerIndex',
      base({ completionMode: 'Indexed', maxFailedIndexes: 1 }),
      ['spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified'],
    ],
    [
      'maxFailedIndexes above completions',
      base({ completionMode: 'Indexed', backoffLimitPerIndex: 1, maxFailedIndexes: 3 }),
      ['spec.maxFailedIndexes: Invalid value: 3: must be less than or equal to completions'],
    ],
    [
      'negative backoffLimitPerIndex',
      base({ completionMode: 'Indexed', backoffLimitPerIndex: -1 }),
      ['spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'a valid per-index Job',
      base({
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 2,
        podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
      }),
      [],
    ],
  ];
  for (const [name, job, want] of rows)
    assert.deepEqual(
      validateJob(job, undefined).map((e) => e.text),
      want,
      name,
    );
  const old = base({ completionMode: 'Indexed', backoffLimitPerIndex: 1, podFailurePolicy: exit([1]) });
  const changed = base({ completionMode: 'Indexed', backoffLimitPerIndex: 2, podFailurePolicy: exit([2]) });
  assert.deepEqual(
    validateJob(changed, old).map((e) => e.text),
    [
      'spec.podFailurePolicy: Invalid value: batch.PodFailurePolicy{...}: field is immutable',
      'spec.backoffLimitPerIndex: Invalid value: 2: field is immutable',
    ],
  );
});

test('the apiserver drops the alpha successPolicy and managedBy of v1.30 (dropDisabledFields)', () => {
  const rows: [any, any, string[]][] = [
    [{ successPolicy: { rules: [{ succeededCount: 1 }] }, managedBy: 'x', parallelism: 1 }, undefined, ['parallelism']],
    [{ successPolicy: { rules: [] } }, { successPolicy: { rules: [] } }, ['successPolicy']],
  ];
  for (const [spec, old, keys] of rows) {
    dropDisabledJobFields(spec, old);
    assert.deepEqual(Object.keys(spec), keys);
  }
  const c = createCluster({ nodes: 0, seed: 'drop' });
  create(c, JOB('  completions: 2\n  completionMode: Indexed\n  successPolicy: {rules: [{succeededCount: 1}]}'));
  assert.equal(c.get('jobs', 'pi').spec.successPolicy, undefined);
});

test('SetDefaults_Job: an onPodConditions pattern without a status matches True', () => {
  const job: any = {
    metadata: {},
    spec: {
      podFailurePolicy: {
        rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }, { type: 'X', status: 'False' }] }],
      },
      template: { spec: { containers: [] } },
    },
  };
  defaultJob(job);
  assert.deepEqual(
    job.spec.podFailurePolicy.rules[0].onPodConditions.map((p: any) => p.status),
    ['True', 'False'],
  );
});

// --- the Job controller with a podFailurePolicy (job_controller_test.go, TestSyncJobWithJobPodFailurePolicy) ---

/** Fails the first running pod of the Job: its container `main` exits with the code, the pod gets the conditions. */
const failOne = (c: ReturnType<typeof createCluster>, exitCode: number, conditions: any[] = []) => {
  const p = c
    .list('pods')
    .find((x) => !x.status?.phase || x.status.phase === 'Pending' || x.status.phase === 'Running')!;
  c.api.updateStatus({
    ...p,
    status: {
      phase: 'Failed',
      conditions,
      containerStatuses: [{ name: 'main', state: { terminated: { exitCode, finishedAt: c.clock.iso() } } }],
    },
  });
  c.converge();
};

test('syncJob with a podFailurePolicy: FailJob fails the Job through FailureTarget, Ignore does not count, Count counts', () => {
  const POLICY = `  backoffLimit: 1
  podFailurePolicy:
    rules:
    - {action: FailJob, onExitCodes: {containerName: main, operator: In, values: [5, 6, 7]}}
    - {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}
    - {action: Count, onExitCodes: {operator: In, values: [3]}}`;
  const disruption = [{ type: 'DisruptionTarget', status: 'True' }];
  const rows: [
    string,
    [number, any[]][],
    { failed?: number; conditions: [string, string][]; message?: RegExp; pods?: number },
  ][] = [
    [
      'exit code 5 matches FailJob',
      [[5, []]],
      {
        failed: 1,
        conditions: [
          ['FailureTarget', 'PodFailurePolicy'],
          ['Failed', 'PodFailurePolicy'],
        ],
        message:
          /^Container main for pod default\/pi-[a-z0-9]{5} failed with exit code 5 matching FailJob rule at index 0$/,
      },
    ],
    [
      'DisruptionTarget is ignored, again and again',
      [
        [137, disruption],
        [137, disruption],
        [137, disruption],
      ],
      { failed: undefined, conditions: [], pods: 4 },
    ],
    [
      'exit code 3 is counted: the second passes backoffLimit 1',
      [
        [3, []],
        [3, []],
      ],
      { failed: 2, conditions: [['Failed', 'BackoffLimitExceeded']] },
    ],
    ['no rule matches: counted as usual', [[1, []]], { failed: 1, conditions: [], pods: 2 }],
  ];
  for (const [name, failures, want] of rows) {
    const c = createCluster({ nodes: 0, seed: name });
    create(c, JOB(POLICY).replace('{name: c, image: perl}', '{name: main, image: perl}'));
    for (const [code, conds] of failures) {
      failOne(c, code, conds);
      c.advance('10m');
    }
    const job = c.get('jobs', 'pi');
    assert.equal(job.status.failed, want.failed, `${name}: failed`);
    assert.deepEqual(
      (job.status.conditions ?? []).map((x: any) => [x.type, x.reason]),
      want.conditions,
      `${name}: conditions`,
    );
    if (want.message) for (const x of job.status.conditions) assert.match(x.message, want.message, name);
    if (want.pods) assert.equal(c.list('pods').length, want.pods, `${name}: pods, the replacements included`);
  }
});

test('onlyReplaceFailedPods: with a podFailurePolicy a terminating pod is replaced only once it has failed', () => {
  const c = createCluster({ nodes: 0, seed: 'replace' });
  create(c, JOB(`  podFailurePolicy:\n    rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]`));
  const [p] = c.list('pods');
  c.api.delete('pods', 'default', p.metadata.name!);
  c.converge();
  assert.deepEqual(
    [c.list('pods').length, c.get('jobs', 'pi').status.terminating, c.get('jobs', 'pi').status.active],
    [1, 1, 0],
    'still terminating: not replaced',
  );
  const gone = c.get('pods', p.metadata.name!);
  c.api.updateStatus({
    ...gone,
    status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True' }] },
  });
  c.converge();
  const job = c.get('jobs', 'pi');
  assert.deepEqual(
    [job.status.terminating, job.status.active, job.status.failed],
    [0, 1, undefined],
    'failed: replaced, and ignored',
  );
});

// --- backoffLimitPerIndex (job_controller_test.go TestSyncJobWithJobBackoffLimitPerIndex, indexed_job_utils_test.go) ---

const indexPod = (
  index: number,
  phase: string,
  failures?: number,
  extra: { ignored?: number; exitCode?: number; finishedAt?: string; uid?: string } = {},
): KObject => ({
  metadata: {
    name: `pi-${index}-${extra.uid ?? 'x'}`,
    namespace: 'default',
    uid: extra.uid ?? `${index}-${failures}`,
    annotations: {
      'batch.kubernetes.io/job-completion-index': String(index),
      ...(failures === undefined ? {} : { 'batch.kubernetes.io/job-index-failure-count': String(failures) }),
      ...(extra.ignored ? { 'batch.kubernetes.io/job-index-ignored-failure-count': String(extra.ignored) } : {}),
    },
  },
  status: {
    phase,
    containerStatuses: [
      {
        name: 'main',
        state:
          phase === 'Running'
            ? { running: {} }
            : {
                terminated: {
                  exitCode: extra.exitCode ?? (phase === 'Succeeded' ? 0 : 1),
                  finishedAt: extra.finishedAt ?? '2024-01-01T00:00:10Z',
                },
              },
      },
    ],
  },
});
const perIndexJob = (spec: any = {}): KObject => ({
  metadata: { name: 'pi', namespace: 'default' },
  spec: {
    completions: 3,
    completionMode: 'Indexed',
    backoffLimitPerIndex: 1,
    podReplacementPolicy: 'TerminatingOrFailed',
    ...spec,
  },
  status: {},
});

test('isIndexFailed and calculateFailedIndexes: an index fails once a pod past its retries fails, or a FailIndex rule matches', () => {
  const failIndex42 = {
    rules: [
      { action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } },
      { action: 'Ignore', onExitCodes: { operator: 'In', values: [7] } },
    ],
  };
  const rows: [string, any, KObject, boolean][] = [
    ['first failure of the index', {}, indexPod(0, 'Failed', 0), false],
    ['the failure past backoffLimitPerIndex', {}, indexPod(0, 'Failed', 1), true],
    ['a running pod', {}, indexPod(0, 'Running', 5), false],
    ['a succeeded pod', {}, indexPod(0, 'Succeeded', 5), false],
    ['backoffLimitPerIndex 0: the first failure', { backoffLimitPerIndex: 0 }, indexPod(0, 'Failed', 0), true],
    [
      'FailIndex at the first failure',
      { podFailurePolicy: failIndex42 },
      indexPod(0, 'Failed', 0, { exitCode: 42 }),
      true,
    ],
    [
      'an ignored failure never fails the index',
      { podFailurePolicy: failIndex42 },
      indexPod(0, 'Failed', 1, { exitCode: 7 }),
      false,
    ],
  ];
  for (const [name, spec, pod, want] of rows) assert.equal(isIndexFailed(perIndexJob(spec), pod), want, name);
  const job = perIndexJob();
  job.status = { failedIndexes: '2' };
  assert.deepEqual(
    [
      ...calculateFailedIndexes(job, [indexPod(0, 'Failed', 1), indexPod(1, 'Failed', 0), indexPod(5, 'Failed', 1)]),
    ].sort(),
    [0, 2],
    'kept, added, out of range dropped',
  );
});

test('the replacement of a failed pod carries the index failure counts on; the index waits out its own back-off', () => {
  const ignore7 = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [7] } }] };
  const rows: [string, any, KObject | undefined, Record<string, string>][] = [
    ['no pod to replace', {}, undefined, { 'batch.kubernetes.io/job-index-failure-count': '0' }],
    ['a counted failure', {}, indexPod(0, 'Failed', 2), { 'batch.kubernetes.io/job-index-failure-count': '3' }],
    [
      'an ignored failure',
      { podFailurePolicy: ignore7 },
      indexPod(0, 'Failed', 1, { exitCode: 7 }),
      {
        'batch.kubernetes.io/job-index-failure-count': '1',
        'batch.kubernetes.io/job-index-ignored-failure-count': '1',
      },
    ],
  ];
  for (const [name, spec, replaced, want] of rows)
    assert.deepEqual(indexFailureAnnotations(perIndexJob(spec), replaced), want, name);
  const at10 = Date.parse('2024-01-01T00:00:10Z');
  const waits: [KObject | undefined, number, number][] = [
    [undefined, at10, 0],
    [indexPod(0, 'Failed', 0), at10, 10_000],
    [indexPod(0, 'Failed', 0), at10 + 4_000, 6_000],
    [indexPod(0, 'Failed', 1, { ignored: 1 }), at10, 40_000],
    [indexPod(0, 'Failed', 0), at10 + 60_000, 0],
  ];
  for (const [pod, now, want] of waits)
    assert.equal(
      remainingTimePerIndex(pod, now),
      want,
      `${JSON.stringify(pod?.metadata.annotations)} at ${now - at10}`,
    );
});

test('podsWithDelayedDeletion: the last failed pod of each index still to be retried', () => {
  const job = perIndexJob();
  const older = indexPod(0, 'Failed', 0, { uid: 'a', finishedAt: '2024-01-01T00:00:05Z' });
  const newer = indexPod(0, 'Failed', 1, { uid: 'b', finishedAt: '2024-01-01T00:00:20Z' });
  const got = podsWithDelayedDeletion(
    job,
    [older, newer, indexPod(1, 'Failed', 0, { uid: 'c' }), indexPod(2, 'Failed', 0, { uid: 'd' })],
    { succeeded: new Set([1]), failed: new Set(), active: new Set([2]) },
  );
  assert.deepEqual(
    [...got].map(([i, p]) => [i, p.metadata.uid]),
    [[0, 'b']],
    'index 1 succeeded, index 2 is running again',
  );
});

test('syncJob with backoffLimitPerIndex: a failed pod is counted once replaced; a failed index is not retried', () => {
  const c = createCluster({ nodes: 0, seed: 'per-index' });
  create(c, JOB('  completions: 2\n  parallelism: 2\n  completionMode: Indexed\n  backoffLimitPerIndex: 1'));
  const byIndex = (i: number) =>
    c.list('pods').filter((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === String(i));
  const failIndex = (i: number) => {
    const p = byIndex(i).find((x) => !x.status?.phase || x.status.phase === 'Pending')!;
    c.api.updateStatus({
      ...p,
      status: {
        phase: 'Failed',
        containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 1, finishedAt: c.clock.iso() } } }],
      },
    });
    c.converge();
  };
  assert.equal(c.get('jobs', 'pi').status.failedIndexes, '');
  failIndex(0);
  let job = c.get('jobs', 'pi');
  assert.deepEqual(
    [job.status.failed, job.status.active, byIndex(0)[0].metadata.finalizers],
    [undefined, 1, ['batch.kubernetes.io/job-tracking']],
    'kept until replaced',
  );
  c.advance('10s');
  job = c.get('jobs', 'pi');
  assert.deepEqual(
    [job.status.failed, job.status.active, byIndex(0).length],
    [1, 2, 2],
    'replaced after 10s, then counted',
  );
  assert.equal(
    byIndex(0).find((p) => p.status?.phase !== 'Failed')?.metadata.annotations?.[
      'batch.kubernetes.io/job-index-failure-count'
    ],
    '1',
  );
  failIndex(0);
  job = c.get('jobs', 'pi');
  assert.deepEqual(
    [job.status.failed, job.status.failedIndexes, job.status.active],
    [2, '0', 1],
    'index 0 failed for good',
  );
  c.advance('10m');
  assert.equal(byIndex(0).length, 2, 'a failed index is not retried');
  finish(c, 'Succeeded', 1);
  job = c.get('jobs', 'pi');
  assert.deepEqual(
    [job.status.succeeded, job.status.completedIndexes, job.status.conditions.map((x: any) => [x.type, x.reason])],
    [1, '1', [['Failed', 'FailedIndexes']]],
  );
});
