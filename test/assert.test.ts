// Table-driven tests of the subset matcher, its differences and the failure report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches, differences, scalarEquals } from '../src/assert/match';
import { describeDifferences } from '../src/assert/diff';
import { matchFailureMessage, timelineLine } from '../src/assert/report';
import { normaliseOutput, firstDifferentLine } from '../src/assert/output';

const deployment = {
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.25', resources: { requests: { memory: '1024Mi', cpu: '500m' } } }],
      },
    },
  },
  status: {
    availableReplicas: 2,
    replicas: 3,
    conditions: [
      { type: 'Available', status: 'True' },
      { type: 'Progressing', status: 'True' },
    ],
  },
};

const matchRows: [string, unknown, unknown, boolean][] = [
  ['empty expectation', deployment, {}, true],
  ['one key, equal', deployment, { spec: { replicas: 3 } }, true],
  ['one key, different', deployment, { spec: { replicas: 5 } }, false],
  ['missing key', deployment, { spec: { paused: true } }, false],
  ['null means absent', deployment, { spec: { paused: null } }, true],
  ['null but present', deployment, { spec: { replicas: null } }, false],
  [
    'quantity by value (1Gi == 1024Mi)',
    deployment,
    { spec: { template: { spec: { containers: [{ resources: { requests: { memory: '1Gi' } } }] } } } },
    true,
  ],
  [
    'quantity by value (0.5 == 500m)',
    deployment,
    { spec: { template: { spec: { containers: [{ resources: { requests: { cpu: 0.5 } } }] } } } },
    true,
  ],
  [
    'quantity different',
    deployment,
    { spec: { template: { spec: { containers: [{ resources: { requests: { memory: '2Gi' } } }] } } } },
    false,
  ],
  [
    'number vs numeric string (annotation)',
    deployment,
    { metadata: { annotations: { 'deployment.kubernetes.io/revision': 1 } } },
    true,
  ],
  ['string vs number other way', { a: 8080 }, { a: '8080' }, true],
  ['boolean vs string', { a: 'true' }, { a: true }, true],
  [
    'list element by element, subset of each',
    deployment,
    { status: { conditions: [{ type: 'Available' }, { status: 'True' }] } },
    true,
  ],
  ['list with empty elements counts items', deployment, { status: { conditions: [{}, {}] } }, true],
  ['list too short', deployment, { status: { conditions: [{ type: 'Available' }] } }, false],
  ['list too long', deployment, { status: { conditions: [{}, {}, {}] } }, false],
  [
    'list order matters',
    deployment,
    { status: { conditions: [{ type: 'Progressing' }, { type: 'Available' }] } },
    false,
  ],
  ['object expected, scalar found', { a: 1 }, { a: { b: 1 } }, false],
  ['different strings', { a: 'web' }, { a: 'db' }, false],
  ['IPs are not quantities', { ip: '10.244.1.5' }, { ip: '10.244.1.50' }, false],
];

for (const [name, actual, expected, want] of matchRows) {
  test(`match: ${name}`, () => assert.equal(matches(actual, expected), want));
}

const diffRows: [string, unknown, unknown, string[]][] = [
  ['scalar', deployment, { status: { availableReplicas: 3 } }, ['status.availableReplicas: expected 3, found 2']],
  [
    'missing',
    deployment,
    { metadata: { labels: { tier: 'web' } } },
    ['metadata.labels.tier: expected "web", found nothing'],
  ],
  [
    'annotation key in brackets',
    deployment,
    { metadata: { annotations: { 'deployment.kubernetes.io/revision': '2' } } },
    ['metadata.annotations[deployment.kubernetes.io/revision]: expected "2", found "1"'],
  ],
  [
    'list index',
    deployment,
    { spec: { template: { spec: { containers: [{ image: 'nginx:1.26' }] } } } },
    ['spec.template.spec.containers[0].image: expected "nginx:1.26", found "nginx:1.25"'],
  ],
  [
    'list length and missing element',
    deployment,
    { status: { conditions: [{}, {}, { type: 'ReplicaFailure' }] } },
    [
      'status.conditions: expected 3 items, found 2 items',
      'status.conditions[2]: expected {"type":"ReplicaFailure"}, found nothing',
    ],
  ],
  [
    'two fields',
    deployment,
    { spec: { replicas: 4 }, status: { replicas: 4 } },
    ['spec.replicas: expected 4, found 3', 'status.replicas: expected 4, found 3'],
  ],
  ['no differences', deployment, { spec: { replicas: 3 } }, []],
];

for (const [name, actual, expected, want] of diffRows) {
  test(`diff: ${name}`, () => assert.deepEqual(describeDifferences(differences(actual, expected)), want));
}

const scalarRows: [unknown, unknown, boolean][] = [
  ['1Gi', '1024Mi', true],
  ['4', 4, true],
  ['100m', '0.1', true],
  ['10M', '10Mi', false],
  ['Running', 'Running', true],
  [undefined, 'x', false],
];
for (const [a, b, want] of scalarRows)
  test(`scalarEquals(${String(a)}, ${String(b)})`, () => assert.equal(scalarEquals(a, b), want));

test('report: differing paths, the object as YAML and its history', () => {
  const start = Date.UTC(2024, 0, 1);
  const text = matchFailureMessage({
    subject: 'deployment "web" in namespace "default"',
    differences: differences(deployment, { status: { availableReplicas: 3 } }),
    object: deployment,
    start,
    history: [
      {
        time: start,
        kind: 'write',
        verb: 'create',
        resource: 'deployments',
        namespace: 'default',
        name: 'web',
        actor: 'kubectl',
      },
      {
        time: start + 12_000,
        kind: 'event',
        verb: 'Normal',
        resource: 'deployments',
        namespace: 'default',
        name: 'web',
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set web-5d4f8b7c9 to 3',
      },
    ],
  });
  assert.match(
    text,
    /^deployment "web" in namespace "default" does not match:\n {2}status\.availableReplicas: expected 3, found 2\n/,
  );
  assert.match(text, /\n {2,}availableReplicas: 2\n/);
  assert.match(text, /\n {2}\+12s {2}Normal {2}ScalingReplicaSet {2}Scaled up replica set web-5d4f8b7c9 to 3/);
  assert.match(text, /\n {2}\+0s {2}create {2}deployments\/default\/web {2}by kubectl/);
});

test('report: a timeline line for an event', () => {
  assert.equal(
    timelineLine(
      {
        time: 90_000,
        kind: 'event',
        verb: 'Warning',
        resource: 'pods',
        name: 'big',
        reason: 'FailedScheduling',
        message: '0/3 nodes are available',
      },
      0,
    ),
    '+1m30s  Warning  FailedScheduling  0/3 nodes are available',
  );
});

const outputRows: [string, string, string, number][] = [
  ['trailing spaces and newlines', 'NAME   READY   \nweb    1/1\n\n', 'NAME   READY\nweb    1/1', 0],
  ['CRLF', 'a\r\nb\r\n', 'a\nb', 0],
  ['different second line', 'NAME\nweb', 'NAME\ndb', 2],
  ['expected longer', 'NAME\nweb', 'NAME', 2],
  ['leading spaces count', '  a', 'a', 1],
];
for (const [name, actual, expected, line] of outputRows) {
  test(`output: ${name}`, () => {
    assert.equal(firstDifferentLine(expected, actual), line);
    if (line === 0) assert.equal(normaliseOutput(actual), normaliseOutput(expected));
  });
}
