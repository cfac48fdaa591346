import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagramModel, renderSvg, escapeXml, type DiagramInput } from '../src/report/diagram';
import { createCluster } from '../src/cluster';
import { clusterDiagram } from '../src/report/attachments';

const node = (name: string, ready = true) => ({
  metadata: { name },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown' }] },
});
const pod = (name: string, nodeName: string | undefined, phase: string, ready: boolean, extra: object = {}) => ({
  metadata: { name, namespace: 'default' },
  spec: { nodeName, ...extra },
  status: {
    phase,
    podIP: nodeName ? '10.244.1.2' : undefined,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  },
});

const input: DiagramInput = {
  nodes: [node('node-1'), node('node-2', false)],
  pods: [
    pod('web-1', 'node-1', 'Running', true, { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] }),
    pod('web-2', 'node-1', 'Running', false),
    pod('web-3', undefined, 'Pending', false),
    { ...pod('coredns', 'node-1', 'Running', true), metadata: { name: 'coredns', namespace: 'kube-system' } },
  ],
  services: [
    {
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', clusterIP: '10.96.4.5', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
    },
    { kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1' } },
  ],
  endpointSlices: [
    {
      metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      endpoints: [
        { conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'web-1' } },
        { conditions: { ready: false }, targetRef: { kind: 'Pod', name: 'web-2' } },
      ],
    },
  ],
  pvcs: [
    {
      metadata: { name: 'data', namespace: 'default' },
      spec: { volumeName: 'pv1', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound' },
    },
  ],
  pvs: [
    {
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '1Gi' }, storageClassName: 'nfs' },
      status: { phase: 'Bound' },
    },
  ],
};

test('diagramModel: nodes hold their pods, an unscheduled pod stands alone, system objects are left out', () => {
  const m = diagramModel(input);
  assert.deepEqual(
    m.groups.map((g) => [g.id, g.health]),
    [
      ['node/node-1', 'ok'],
      ['node/node-2', 'bad'],
    ],
  );
  const parents = Object.fromEntries(m.boxes.filter((b) => b.kind === 'pod').map((b) => [b.id, b.parent]));
  assert.deepEqual(parents, {
    'pod/default/web-1': 'node/node-1',
    'pod/default/web-2': 'node/node-1',
    'pod/default/web-3': undefined,
  });
  assert.ok(!m.boxes.some((b) => b.id.includes('kubernetes') || b.id.includes('coredns')));
});

test('diagramModel: endpoints, not-ready ones dashed; pod → claim → volume', () => {
  const m = diagramModel(input);
  assert.deepEqual(m.links, [
    { from: 'pod/default/web-1', to: 'pvc/default/data' },
    { from: 'svc/default/web', to: 'pod/default/web-1', dashed: false },
    { from: 'svc/default/web', to: 'pod/default/web-2', dashed: true },
    { from: 'pvc/default/data', to: 'pv//pv1' },
  ]);
  const svc = m.boxes.find((b) => b.id === 'svc/default/web')!;
  assert.deepEqual(svc.lines, ['svc web', 'NodePort 10.96.4.5', '80:30080/TCP']);
  assert.equal(svc.health, 'ok');
  assert.equal(m.boxes.find((b) => b.id === 'pod/default/web-3')!.health, 'wait');
});

test('diagramModel: a Service without ready endpoints waits', () => {
  const m = diagramModel({ ...input, endpointSlices: [] });
  assert.equal(m.boxes.find((b) => b.id === 'svc/default/web')!.health, 'wait');
});

test('renderSvg: a laid-out SVG with every box, the same on every run', () => {
  const svg = renderSvg(diagramModel(input), 'when <it> failed');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
  for (const label of ['node node-1', 'pod web-1', 'svc web', 'pvc data', 'pv pv1', 'when &lt;it&gt; failed'])
    assert.ok(svg.includes(label), label);
  assert.equal((svg.match(/<path class="edge"/g) ?? []).length, 4);
  assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 1);
  assert.doesNotMatch(svg, /NaN|undefined/);
  assert.equal(renderSvg(diagramModel(input), 'when <it> failed'), svg);
});

test('renderSvg: an empty node still has a size', () => {
  const svg = renderSvg(
    diagramModel({ nodes: [node('node-1')], pods: [], services: [], endpointSlices: [], pvcs: [], pvs: [] }),
  );
  assert.match(svg, /\(no pods\)/);
  assert.doesNotMatch(svg, /NaN/);
});

test('escapeXml', () => assert.equal(escapeXml('a<b>&"c"'), 'a&lt;b&gt;&amp;&quot;c&quot;'));

test('clusterDiagram of a real cluster: a Deployment behind a Service', () => {
  const c = createCluster({ nodes: 2, seed: 'diagram' });
  c.kubectl('create deployment web --image=nginx --replicas=2');
  c.kubectl('expose deployment web --port=80');
  const svg = clusterDiagram(c, 't');
  assert.equal((svg.match(/<g class="pod">/g) ?? []).length, 2);
  assert.equal((svg.match(/<g class="service">/g) ?? []).length, 1);
  assert.equal((svg.match(/<path class="edge"/g) ?? []).length, 2, 'one endpoint per pod');
});
