import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { validatePodDisruptionBudget } from '../src/api/validation/policy';
import {
  buildDisruptedPodMap,
  countHealthyPods,
  expectedPodCount,
  goSelectorString,
} from '../src/controllers/disruption/controller';
import { evictPod, EVICTION_REFUSED, MULTIPLE_PDBS } from '../src/apiserver/eviction';
import { filterPodsWithPDBViolation, pickOneNode } from '../src/scheduler/preemption';
import { parseToLabelSelector } from '../src/kubectl/cmd/create/pdb';
import { isStatusError } from '../src/api/errors';

const pdbYaml = (name: string, spec: string, labels = 'app: web') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {${labels}}}
  ${spec}
`;

function webCluster(replicas = 3, seed = 'pdb') {
  const c = createCluster({ nodes: 3, seed });
  c.kubectl(`create deployment web --image=nginx --replicas=${replicas}`);
  c.advance('10s');
  return c;
}

test('PodDisruptionBudget validation (ValidatePodDisruptionBudgetSpec)', () => {
  const rows: [string, any, string[]][] = [
    ['minAvailable int', { minAvailable: 2, selector: {} }, []],
    ['maxUnavailable percent', { maxUnavailable: '50%' }, []],
    ['neither is fine', { selector: { matchLabels: { app: 'web' } } }, []],
    ['negative', { minAvailable: -1 }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    [
      'over 100%',
      { maxUnavailable: '101%' },
      [
        'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"101%"}: must not be greater than 100%',
      ],
    ],
    [
      'not a percent',
      { minAvailable: 'half' },
      [
        `spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ],
    ],
    [
      'policy',
      { minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' },
      [
        'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
      ],
    ],
    ['AlwaysAllow', { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' }, []],
    [
      'bad selector operator',
      { minAvailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'Is' }] } },
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator'],
    ],
  ];
  for (const [name, spec, want] of rows)
    assert.deepEqual(
      validatePodDisruptionBudget({ metadata: { name: 'x' }, spec }).map((e) => e.text),
      want,
      name,
    );
  const both = validatePodDisruptionBudget({
    metadata: { name: 'x' },
    spec: { minAvailable: 1, maxUnavailable: 1, selector: {} },
  }).map((e) => e.text);
  assert.equal(both.length, 1);
  assert.match(
    both[0],
    /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(0xc0[0-9a-f]{8}\), Selector:\(\*v1\.LabelSelector\)\(0xc0[0-9a-f]{8}\), MaxUnavailable:\(\*intstr\.IntOrString\)\(0xc0[0-9a-f]{8}\), UnhealthyPodEvictionPolicy:\(\*policy\.UnhealthyPodEvictionPolicyType\)\(nil\)\}: minAvailable and maxUnavailable cannot be both set$/,
  );
  const c = createCluster({ nodes: 1, seed: 'v' });
  const r = c.kubectl('apply -f -', { stdin: pdbYaml('x', 'minAvailable: 1\n  maxUnavailable: 1') });
  assert.match(
    r.stderr,
    /^The PodDisruptionBudget "x" is invalid: spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(0xc0/,
  );
});

test("getExpectedPodCount: pods or their controllers' scale, and desiredHealthy", () => {
  const pod = (name: string, owner?: string) => ({
    metadata: {
      name,
      ...(owner
        ? {
            ownerReferences: [{ kind: 'ReplicaSet', name: owner, uid: owner, controller: true, apiVersion: 'apps/v1' }],
          }
        : {}),
    },
  });
  const pods = [pod('a', 'rs1'), pod('b', 'rs1'), pod('c', 'rs2')];
  const scales: Record<string, number> = { rs1: 4, rs2: 2 };
  const scaleOf = (p: any) => {
    const uid = p.metadata.ownerReferences[0].uid;
    return { uid, scale: scales[uid] };
  };
  const rows: [string, any, any[], [number, number, string[]]][] = [
    ['integer minAvailable counts the pods', { minAvailable: 2 }, pods, [3, 2, []]],
    ['percent minAvailable uses the scale, rounded up', { minAvailable: '50%' }, pods, [6, 3, []]],
    ['maxUnavailable int', { maxUnavailable: 1 }, pods, [6, 5, []]],
    ['maxUnavailable percent rounds up', { maxUnavailable: '10%' }, pods, [6, 5, []]],
    ['maxUnavailable above the scale', { maxUnavailable: 9 }, pods, [6, 0, []]],
    ['unmanaged pods are listed', { maxUnavailable: 1 }, [...pods, pod('bare')], [6, 5, ['bare']]],
    ['neither field', {}, pods, [0, 0, []]],
  ];
  for (const [name, spec, ps, [expected, desired, unmanaged]] of rows) {
    const r = expectedPodCount({ metadata: { name: 'p' }, spec }, ps, scaleOf);
    assert.deepEqual([r.expectedCount, r.desiredHealthy, r.unmanagedPods], [expected, desired, unmanaged], name);
  }
  assert.equal(
    goSelectorString({
      matchLabels: { tier: 'x', app: 'web' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }],
    }),
    '&LabelSelector{MatchLabels:map[string]string{app: web,tier: x,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[a b],},},}',
  );
});

test('countHealthyPods and buildDisruptedPodMap: disrupted pods count as gone for 2 minutes', () => {
  const now = Date.parse('2024-01-01T00:10:00Z');
  const ready = (name: string, extra: any = {}) => ({
    metadata: { name, ...extra },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  });
  const pods = [
    ready('a'),
    ready('b'),
    ready('c', { deletionTimestamp: '2024-01-01T00:09:00Z' }),
    { metadata: { name: 'd' }, status: {} },
    ready('e'),
  ];
  const pdb = {
    metadata: { name: 'p' },
    status: {
      disruptedPods: {
        a: '2024-01-01T00:09:00Z',
        b: '2024-01-01T00:07:00Z',
        c: '2024-01-01T00:09:30Z',
        gone: '2024-01-01T00:09:30Z',
      },
    },
  };
  const r = buildDisruptedPodMap(pdb, pods, now);
  assert.deepEqual(r.disrupted, { a: '2024-01-01T00:09:00Z' }, 'b expired, c is being deleted, gone is gone');
  assert.equal(r.recheckAt, Date.parse('2024-01-01T00:11:00Z'));
  assert.deepEqual(
    r.notDeleted.map((p) => p.metadata.name!),
    ['b'],
  );
  assert.equal(countHealthyPods(pods, r.disrupted, now), 2, 'b and e: a is disrupted, c deleting, d not ready');
});

test('the disruption controller: status, the DisruptionAllowed condition, and its failure', () => {
  const c = webCluster();
  c.apply(pdbYaml('web', 'minAvailable: 2'));
  const s = c.get('pdb', 'web').status;
  assert.deepEqual(
    { ...s, conditions: undefined },
    {
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: undefined,
    },
  );
  assert.deepEqual(
    s.conditions.map((x: any) => [x.type, x.status, x.reason, x.message, x.observedGeneration]),
    [['DisruptionAllowed', 'True', 'SufficientPods', '', 1]],
  );
  c.kubectl('scale deployment web --replicas=2');
  c.advance('10s');
  const after = c.get('pdb', 'web').status;
  assert.deepEqual(
    [after.expectedPods, after.currentHealthy, after.disruptionsAllowed, after.conditions[0].reason],
    [2, 2, 0, 'InsufficientPods'],
  );
  c.kubectl(`patch pdb web --type=merge -p '{"spec":{"minAvailable":"50%"}}'`);
  const pct = c.get('pdb', 'web');
  assert.deepEqual(
    [pct.metadata.generation, pct.status.observedGeneration, pct.status.desiredHealthy, pct.status.disruptionsAllowed],
    [2, 2, 1, 1],
  );
  // a Job has no scale subresource: the fail-safe status
  c.kubectl('create job agent --image=busybox');
  c.apply(pdbYaml('agent', 'maxUnavailable: 1', 'job-name: agent'));
  c.advance('10s');
  const ds = c.get('pdb', 'agent').status;
  assert.equal(ds.disruptionsAllowed, 0);
  assert.deepEqual(
    ds.conditions.map((x: any) => [x.status, x.reason, x.message]),
    [['False', 'SyncFailed', 'jobs.batch does not implement the scale subresource']],
  );
  const ev = c.kubectl('get events --field-selector reason=CalculateExpectedPodCountFailed').stdout;
  assert.match(
    ev,
    /Failed to calculate the number of expected pods: jobs\.batch does not implement the scale subresource/,
  );
  assert.match(
    c.kubectl('get pdb').stdout,
    /^NAME +MIN AVAILABLE +MAX UNAVAILABLE +ALLOWED DISRUPTIONS +AGE\nagent +N\/A +1 +0 +\S+\nweb +50% +N\/A +1 +\S+\n$/,
  );
});

test('the Eviction API and budgets: spend one, refuse at zero with the cause, 500 for two budgets', () => {
  const c = webCluster(3, 'evict');
  c.apply(pdbYaml('web', 'minAvailable: 2'));
  const [a, b] = c.list('pods', { labelSelector: 'app=web' });
  evictPod(c.api, 'default', a.metadata.name!);
  const s = c.get('pdb', 'web').status;
  assert.equal(s.disruptionsAllowed, 0);
  assert.deepEqual(Object.keys(s.disruptedPods), [a.metadata.name]);
  assert.equal(
    s.conditions[0].reason,
    'InsufficientPods',
    'the eviction writes the condition when the budget reaches 0',
  );
  const refuse = (name: string) => {
    try {
      evictPod(c.api, 'default', name);
      return undefined;
    } catch (e) {
      if (isStatusError(e)) return e;
      throw e;
    }
  };
  const e = refuse(b.metadata.name!)!;
  assert.deepEqual([e.code, e.reason, e.message], [429, 'TooManyRequests', EVICTION_REFUSED]);
  assert.deepEqual(
    e.details.causes!.map((x) => [x.type, x.text]),
    [['DisruptionBudget', 'The disruption budget web needs 2 healthy pods and has 3 currently']],
    'the status as the controller last wrote it (it has not seen the eviction yet)',
  );
  assert.equal(c.get('pod', b.metadata.name!).metadata.deletionTimestamp, undefined, 'a refused pod is left alone');
  c.apply(pdbYaml('web-too', 'maxUnavailable: 1'));
  const two = refuse(b.metadata.name!)!;
  assert.deepEqual([two.code, two.reason, two.message], [500, '', MULTIPLE_PDBS]);
  c.kubectl('delete pdb web-too');
  assert.equal(
    c.get('pdb', 'web').status.disruptedPods,
    undefined,
    'the controller drops the entry once the pod is being deleted',
  );
  // a budget whose status is behind its spec (the controller has not run since the change) refuses
  const changed = c.get('pdb', 'web');
  c.api.update({ ...changed, spec: { ...changed.spec, minAvailable: 1 } });
  const behind = refuse(b.metadata.name!)!;
  assert.deepEqual(
    [behind.code, behind.details.causes![0].text],
    [429, 'The disruption budget web is still being processed by the server.'],
  );
});

test('unready pods: let go while the budget is healthy, or always with AlwaysAllow', () => {
  const rows: [string, string, number, boolean][] = [
    ['IfHealthyBudget and enough healthy pods', 'minAvailable: 1', 3, true],
    ['IfHealthyBudget without enough', 'minAvailable: 3', 3, false],
    ['AlwaysAllow', 'minAvailable: 3\n  unhealthyPodEvictionPolicy: AlwaysAllow', 3, true],
  ];
  for (const [name, spec, replicas, evicted] of rows) {
    const c = webCluster(replicas, name);
    c.apply(pdbYaml('web', spec));
    const p = c.list('pods', { labelSelector: 'app=web' })[0];
    // the pod is running but not ready
    const unready = {
      ...p,
      status: {
        ...p.status,
        conditions: p.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status: 'False' } : x)),
      },
    };
    c.api.updateStatus(unready);
    c.converge();
    assert.equal(
      c.get('pod', p.metadata.name!).status.conditions.find((x: any) => x.type === 'Ready').status,
      'False',
      name,
    );
    const before = c.get('pdb', 'web').status.disruptionsAllowed;
    let ok = true;
    try {
      evictPod(c.api, 'default', p.metadata.name!);
    } catch {
      ok = false;
    }
    assert.equal(ok, evicted, name);
    if (ok)
      assert.equal(
        c.get('pdb', 'web').status.disruptedPods,
        undefined,
        `${name}: the budget is not spent (was ${before})`,
      );
  }
});

test('drain retries refused evictions every 5 s, until the budget allows or --timeout passes', () => {
  const c = createCluster({ nodes: 2, seed: 'drain-pdb' });
  c.kubectl('create deployment web --image=nginx --replicas=2');
  c.apply(pdbYaml('web', 'minAvailable: 2'));
  c.advance('10s');
  const node = c.list('pods', { labelSelector: 'app=web' })[0].spec.nodeName;
  const start = c.api.clock.now();
  const r = c.kubectl(`drain ${node} --timeout=12s`);
  assert.equal(r.exitCode, 1);
  const line = (p: any) => `error when evicting pods/"${p}" -n "default" (will retry after 5s): ${EVICTION_REFUSED}\n`;
  const pod = c.list('pods', { labelSelector: 'app=web' }).find((p) => p.spec.nodeName === node)!.metadata.name;
  assert.equal(
    r.stdout,
    `node/${node} cordoned\n${`evicting pod default/${pod}\n`.repeat(4)}`,
    'tries at 0, 5 and 10 s, then finds the deadline at 15 s',
  );
  assert.ok(r.stderr.startsWith(line(pod).repeat(3)), r.stderr);
  assert.ok(
    r.stderr.includes(
      `There are pending pods in node "${node}" when an error occurred: error when evicting pods/"${pod}" -n "default": global timeout reached: 12s\npod/${pod}\n`,
    ),
    r.stderr,
  );
  // RunDrain: the node's error, the pending nodes, then checkErr of the aggregate: its errors without `error: `
  assert.ok(
    r.stderr.endsWith(
      `error: unable to drain node "${node}" due to error:error when evicting pods/"${pod}" -n "default": global timeout reached: 12s, continuing command...\n` +
        `There are pending nodes to be drained:\n ${node}\nerror when evicting pods/"${pod}" -n "default": global timeout reached: 12s\n`,
    ),
    r.stderr,
  );
  assert.equal(c.api.clock.now() - start, 15000);
  // with a third replica elsewhere the budget allows one eviction, and the drain goes through
  c.kubectl('uncordon ' + node);
  c.kubectl('scale deployment web --replicas=3');
  c.advance('10s');
  const ok = c.kubectl(`drain ${node}`);
  assert.equal(ok.exitCode, 0, ok.stderr);
  assert.match(ok.stdout, /node\/\S+ drained\n$/);
});

test('preemption and budgets: violating victims are reprieved first, fewer violations win', () => {
  const usage = (name: string, priority: number, labels: Record<string, string>) => ({
    key: name,
    uid: name,
    node: 'n',
    requested: {},
    nonZero: {},
    priority,
    pod: { metadata: { name, namespace: 'default', labels } },
  });
  const pdb = (allowed: number, selector: any, disruptedPods?: Record<string, string>) => ({
    metadata: { name: 'p', namespace: 'default' },
    spec: { selector },
    status: { disruptionsAllowed: allowed, ...(disruptedPods ? { disruptedPods } : {}) },
  });
  const web = { matchLabels: { app: 'web' } };
  const pods = [usage('w1', 1, { app: 'web' }), usage('w2', 1, { app: 'web' }), usage('db', 1, { app: 'db' })];
  const rows: [string, any[], string[]][] = [
    ['one allowed: the second web pod violates', [pdb(1, web)], ['w2']],
    ['none allowed', [pdb(0, web)], ['w1', 'w2']],
    ['a pod already in disruptedPods does not spend the budget', [pdb(1, web, { w1: 't' })], []],
    ['an empty selector matches nothing here', [pdb(0, {})], []],
    ['no budgets', [], []],
  ];
  for (const [name, pdbs, want] of rows)
    assert.deepEqual(
      filterPodsWithPDBViolation(pods, pdbs).violating.map((u) => u.key),
      want,
      name,
    );
  const cand = (node: string, numPDBViolations: number, ...ps: number[]) => ({
    node,
    numPDBViolations,
    victims: ps.map((p, i) => usage(`${node}-${i}`, p, {})),
  });
  assert.equal(
    pickOneNode([cand('a', 1, 0), cand('b', 0, 5, 5)]).node,
    'b',
    'fewer violations first, whatever the priorities',
  );
  assert.equal(pickOneNode([cand('a', 0, 5), cand('b', 0, 1)]).node, 'b', 'then the lowest highest priority');
});

test('kubectl create poddisruptionbudget: selector parsing and flag checks', () => {
  // metav1.ParseToLabelSelector: requirements come sorted by key; != and > < have no LabelSelector form
  assert.deepEqual(parseToLabelSelector('app=web,tier notin (db),env in (a,b),!legacy'), {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['a', 'b'] },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'tier', operator: 'NotIn', values: ['db'] },
    ],
  });
  assert.throws(() => parseToLabelSelector('tier!=db'), { message: '"!=" is not a valid label selector operator' });
  assert.throws(() => parseToLabelSelector('replicas>1'), { message: '"gt" isn\'t supported in label selectors' });
  assert.throws(() => parseToLabelSelector('a in b'), {
    message: "couldn't parse the selector string \"a in b\": unable to parse requirement: found 'b' expected: '('",
  });
  const c = createCluster({ nodes: 1, seed: 'create-pdb' });
  const rows: [string, string][] = [
    ['create pdb web --selector=app=web --min-available=50%', 'poddisruptionbudget.policy/web created\n'],
    [
      'create poddisruptionbudget api --selector=app=api --max-unavailable=1',
      'poddisruptionbudget.policy/api created\n',
    ],
    ['create pdb x --selector=app=x', 'error: one of min-available or max-unavailable must be specified\n'],
    ['create pdb x --min-available=1', 'error: a selector must be specified\n'],
    [
      'create pdb x --selector=app=x --min-available=1 --max-unavailable=1',
      'error: min-available and max-unavailable cannot be both specified\n',
    ],
    ['create pdb x --selector=app=x --max-unavailable=2Gi', 'error: invalid format specified for max-unavailable\n'],
  ];
  for (const [line, want] of rows) {
    const r = c.kubectl(line);
    assert.equal(r.stdout + r.stderr, want, line);
  }
  assert.deepEqual(c.get('pdb', 'web').spec, { selector: { matchLabels: { app: 'web' } }, minAvailable: '50%' });
  assert.deepEqual(c.get('pdb', 'api').spec, { selector: { matchLabels: { app: 'api' } }, maxUnavailable: 1 });
});
