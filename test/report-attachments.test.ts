import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { reportedTimeline, failureAttachments } from '../src/report/attachments';
import { clusterSnapshot, SNAPSHOT_COMMANDS } from '../src/report/snapshot';
import { objectYaml } from '../src/assert/report';
import { undefinedStepAdvice } from '../src/report/kspec-formatter';
import { referencesIn, objectsLookedAt } from '../src/report/looked-at';

function clusterWithSecret() {
  const c = createCluster({ nodes: 2, seed: 'attachments' });
  c.apply('apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: hunter2secret}\n');
  c.kubectl('create deployment web --image=nginx --replicas=2');
  return c;
}

test('failureAttachments: timeline, object, last command, snapshot and diagram, in that order', () => {
  const c = clusterWithSecret();
  const names = failureAttachments({
    cluster: c,
    failedObject: { name: 'deployment-web', yaml: objectYaml(c.get('deployment', 'web')) },
    lastCommand: c.kubectl('get pods'),
  }).map((a) => `${a.fileName} ${a.mediaType}`);
  assert.deepEqual(names, [
    'timeline.txt text/plain',
    'deployment-web.yaml application/yaml',
    'last-command.txt text/plain',
    'cluster.txt text/plain',
    'cluster.svg image/svg+xml',
  ]);
});

test('failureAttachments: no Secret value in any attachment', () => {
  const c = clusterWithSecret();
  const secret = c.get('secret', 'db');
  const lastCommand = c.kubectl('get secret db -o yaml');
  assert.match(lastCommand.stdout, /aHVudGVyMnNlY3JldA==/, 'kubectl prints the value, as it does');
  const all = failureAttachments({
    cluster: c,
    failedObject: { name: 'secret-db', yaml: objectYaml(secret) },
    lastCommand,
  });
  for (const a of all) {
    assert.doesNotMatch(a.body, /aHVudGVyMnNlY3JldA==|hunter2secret/, a.fileName);
  }
  assert.match(all.find((a) => a.fileName === 'last-command.txt')!.body, /password: <redacted>/);
  assert.match(all.find((a) => a.fileName === 'secret-db.yaml')!.body, /password: '<redacted: 13 bytes>'/);
});

test('failureAttachments: only the last entries of a long timeline, saying so', () => {
  const c = clusterWithSecret();
  const timeline = failureAttachments({ cluster: c, timelineLimit: 5 })[0].body;
  assert.match(
    timeline,
    /^\(the last 5 of \d+ entries \(the cluster's creation and Lease renewals left out: KSPEC_TIMELINE=full keeps them\)\)\n/,
  );
  assert.equal(timeline.trim().split('\n').length, 6);
});

test("failureAttachments: the timeline leaves out the cluster's creation unless asked for it", () => {
  const c = clusterWithSecret();
  const reported = reportedTimeline(c, false),
    full = reportedTimeline(c, true);
  assert.equal(full.length, c.timeline().length);
  assert.ok(reported.length < full.length);
  assert.ok(
    !reported.some((e) => e.resource === 'namespaces' && e.name === 'kube-system'),
    'bootstrap namespaces left out',
  );
  assert.ok(!reported.some((e) => e.resource === 'leases'), 'Lease renewals left out');
  assert.ok(
    reported.some((e) => e.resource === 'deployments'),
    "the scenario's own writes kept",
  );
  assert.doesNotMatch(failureAttachments({ cluster: c, fullTimeline: true })[0].body, /left out/);
});

test('clusterSnapshot: each command as kubectl prints it, without converging', () => {
  const c = clusterWithSecret();
  const before = c.timeline().length;
  const text = clusterSnapshot(c);
  for (const line of SNAPSHOT_COMMANDS) assert.ok(text.includes(`$ kubectl ${line}\n`), line);
  assert.match(text, /deployment\.apps\/web +2\/2/);
  assert.equal(c.timeline().length, before, 'reading the cluster writes nothing');
});

test('undefinedStepAdvice: each distinct step once, with suggestions or a pointer to the catalogue', () => {
  const advice = undefinedStepAdvice(
    [
      { text: 'there are 3 pod', uri: 'a.feature', scenario: 's1' },
      { text: 'there are 3 pod', uri: 'a.feature', scenario: 's2' },
      { text: 'the moon is cheese', uri: 'b.feature', scenario: 's3' },
    ],
    ['there are {int} {kind} with labels {string}', 'there are {int} pods'],
  );
  assert.equal(
    advice,
    [
      'Undefined step "there are 3 pod" (a.feature, scenario "s1").',
      '  Did you mean:\n    there are {int} pods',
      'Undefined step "the moon is cheese" (b.feature, scenario "s3").',
      '  No step in the catalogue is close; `kspec steps` lists them all.',
    ].join('\n'),
  );
});

const references: Array<[string, Array<Record<string, string | undefined>>]> = [
  ['the deployment "web" matches:', [{ resource: 'deployments', name: 'web', namespace: 'default' }]],
  ['the pod "db-0" in namespace "prod" does not exist', [{ resource: 'pods', name: 'db-0', namespace: 'prod' }]],
  ['the pv "pv01" matches:', [{ resource: 'persistentvolumes', name: 'pv01', namespace: undefined }]],
  ['there are 3 pods with labels "app=web"', [{ resource: 'pods', selector: 'app=web', namespace: 'default' }]],
  ['I delete one pod of deploy "web"', [{ resource: 'deployments', name: 'web', namespace: 'default' }]],
  ['the output contains "deployment \\"x\\""', []],
  ['I run "kubectl get pods"', []],
];
for (const [text, want] of references) {
  test(`referencesIn: ${text}`, () =>
    assert.deepEqual(
      referencesIn(text).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
      want.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
    ));
}

test('objectsLookedAt: named objects and counted ones, as YAML', () => {
  const c = clusterWithSecret();
  assert.match(objectsLookedAt(c, 'the deployment "web" matches:'), /^apiVersion: apps\/v1\nkind: Deployment\n/);
  assert.equal(objectsLookedAt(c, 'there are 5 pods with labels "app=web"').split('---\n').length, 2);
  assert.equal(objectsLookedAt(c, 'the deployment "nope" matches:'), '');
  assert.match(objectsLookedAt(c, 'the secret "db" matches:'), /password: '<redacted: 13 bytes>'/);
});

test('failureAttachments: the objects a step names, when it compared none itself', () => {
  const c = clusterWithSecret();
  const names = failureAttachments({ cluster: c, stepText: 'there are 5 pods with labels "app=web"' }).map(
    (a) => a.fileName,
  );
  assert.ok(names.includes('objects.yaml'));
});
