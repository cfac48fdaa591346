// kspec's kubectl as a client of the API (src/kubectl/env.ts, src/kubectl/client): every command reaches the
// cluster only through the served API's request handler, with the requests the real kubectl 1.30 sends for it
// (discovery, then the resource requests: Tables for human-readable get, pods/log, pods/exec, eviction, watches);
// the server's Tables rendered as kubectl's table printer does; Status answers decoded back into kubectl's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { runKubectl } from '../src/kubectl/kubectl';
import type { KubectlEnv } from '../src/kubectl/env';
import { printTable, type TableOptions } from '../src/kubectl/printers/table-printer';
import type { Table } from '../src/kubectl/client/api';
import { statusError } from '../src/kubectl/client/rest';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: web, image: nginx}]}
`;

/** The cluster's kubectl environment, with every request it sends written down (discovery left out). */
function recording(): { env: KubectlEnv; requests: string[]; cluster: ReturnType<typeof createCluster> } {
  const cluster = createCluster({ seed: 'client' });
  cluster.apply(POD);
  const requests: string[] = [];
  const inner = cluster.kubectlEnv;
  const env: KubectlEnv = {
    ...inner,
    get user() {
      return inner.user;
    },
    server: (req) => {
      if (req.path !== '/api' && req.path !== '/apis') {
        const q = [...req.query].map(([k, v]) => `${k}=${v}`).join('&');
        const table = /as=Table/.test(req.headers.accept ?? '') ? ' (Table)' : '';
        requests.push(`${req.method} ${req.path}${q ? `?${q}` : ''}${table}`);
      }
      return inner.server(req);
    },
  };
  return { env, requests, cluster };
}

test('each command is the requests the real kubectl sends, through the request handler', () => {
  const rows: [string, string[]][] = [
    ['get pods', ['GET /api/v1/namespaces/default/pods (Table)']],
    ['get pod web -o yaml', ['GET /api/v1/namespaces/default/pods/web']],
    ['get pods --sort-by=.metadata.name', ['GET /api/v1/namespaces/default/pods?includeObject=Object (Table)']],
    [
      'logs web --tail=1',
      [
        'GET /api/v1/namespaces/default/pods/web',
        'GET /api/v1/namespaces/default/pods/web/log?container=web&tailLines=1',
      ],
    ],
    [
      'exec web -- true',
      [
        'GET /api/v1/namespaces/default/pods/web',
        'GET /api/v1/namespaces/default/pods/web/exec?container=web&command=true&stdout=true&stderr=true',
      ],
    ],
    [
      'label pod web tier=front',
      ['GET /api/v1/namespaces/default/pods/web', 'PATCH /api/v1/namespaces/default/pods/web'],
    ],
    ['auth can-i get pods', ['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews']],
  ];
  for (const [line, want] of rows) {
    const { env, requests } = recording();
    const r = runKubectl(env, line);
    assert.equal(r.exitCode, 0, `${line}: ${r.stderr}`);
    assert.deepEqual(requests, want, line);
  }
});

test('kubectl --as sends Impersonate-User from the kubeconfig user, and the server authorizes both', () => {
  const { env, cluster } = recording();
  const seen: (string | undefined)[] = [];
  const server = env.server;
  const r = runKubectl(
    {
      ...env,
      user: env.user,
      server: (req) => {
        seen.push(req.headers['impersonate-user']);
        return server(req);
      },
    },
    'get pods --as=jane',
  );
  assert.equal(
    r.stderr,
    'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
  );
  assert.ok(seen.every((h) => h === 'jane'));
  assert.equal(cluster.internalErrors.length, 0);
});

test('rollout status follows a watch and prints the status of every event until done', () => {
  const c = createCluster({ seed: 'watch' });
  c.images.set('slow:1', { startDelayMs: 5000 });
  c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "slow:1"}]}
`);
  const r = c.kubectl('rollout status deployment/web');
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...');
  assert.equal(lines[lines.length - 1], 'deployment "web" successfully rolled out');
  assert.equal(c.clock.now() - Date.parse('2024-01-01T00:00:00Z') >= 5000, true, 'time passed while kubectl watched');
});

const TABLE: Table = {
  columnDefinitions: [
    { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
    { name: 'Ready', type: 'string', format: '', description: '', priority: 0 },
    { name: 'Nominated Node', type: 'string', format: '', description: '', priority: 1 },
  ],
  rows: [
    {
      cells: ['web', '1/1', '<none>'],
      object: { metadata: { name: 'web', namespace: 'prod', labels: { app: 'web', 'x.io/tier': 'front' } } },
    },
    { cells: ['db', 'line one\nline two', 'node-2'], object: { metadata: { name: 'db', namespace: 'prod' } } },
  ],
};

test("the table printer renders the server's Table as kubectl does (decorateTable, printTable)", () => {
  const base: TableOptions = {
    wide: false,
    noHeaders: false,
    withNamespace: false,
    labelColumns: [],
    showLabels: false,
  };
  const rows: [string, Partial<TableOptions>, string][] = [
    ['priority 0 columns, a cell cut at its line break', {}, 'NAME   READY\nweb    1/1\ndb     line one...\n'],
    [
      '-o wide: every column',
      { wide: true },
      'NAME   READY         NOMINATED NODE\nweb    1/1           <none>\ndb     line one...   node-2\n',
    ],
    [
      '-A: the namespace first',
      { withNamespace: true },
      'NAMESPACE   NAME   READY\nprod        web    1/1\nprod        db     line one...\n',
    ],
    ['--show-kind', { kind: 'pod' }, 'NAME      READY\npod/web   1/1\npod/db    line one...\n'],
    [
      '-L and --show-labels',
      { labelColumns: ['x.io/tier'], showLabels: true },
      'NAME   READY         TIER    LABELS\nweb    1/1           front   app=web,x.io/tier=front\ndb     line one...           <none>\n',
    ],
    ['--no-headers', { noHeaders: true }, 'web   1/1\ndb    line one...\n'],
  ];
  for (const [name, opts, want] of rows) assert.equal(printTable(TABLE, { ...base, ...opts }), want, name);
  assert.equal(printTable({ ...TABLE, rows: [] }, base), '', 'no rows: no headers either');
});

test('a Status answer becomes the error kubectl prints (apierrors.FromObject)', () => {
  const rows: [number, unknown, string, string][] = [
    [
      404,
      {
        kind: 'Status',
        status: 'Failure',
        reason: 'NotFound',
        message: 'pods "x" not found',
        code: 404,
        details: { name: 'x', kind: 'pods' },
      },
      '',
      'NotFound: pods "x" not found',
    ],
    [
      422,
      {
        kind: 'Status',
        reason: 'Invalid',
        message: 'bad',
        code: 422,
        details: { causes: [{ reason: 'FieldValueRequired', field: 'spec.x', message: 'Required value' }] },
      },
      '',
      'Invalid: bad [spec.x: Required value]',
    ],
    [
      500,
      undefined,
      'oops',
      ': the server responded with the status code 500 but did not return more information (oops)',
    ],
  ];
  for (const [code, value, body, want] of rows) {
    const e = statusError(code, value, body);
    assert.equal(
      `${e.reason}: ${e.message}${e.details.causes ? ` [${e.details.causes.map((c) => c.text).join(', ')}]` : ''}`,
      want,
    );
  }
});
