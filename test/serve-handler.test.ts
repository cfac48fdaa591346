// The served API's request handler in process (src/server/handler.ts): the Status of each kind of bad request,
// watch semantics (initial state, resuming, selection changes, 410, bookmarks, a client that goes away), paging,
// dry runs, Tables and discovery. The HTTP layer and the real clients are tested in serve-kubectl/client-node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../src/cluster';
import { createHandler, ADMIN, type ApiHandler } from '../src/server/handler';
import type { ApiResponse, StreamSink } from '../src/server/types';
import { withDefaultGroups } from '../src/apiserver/authorization/rbac';

const JANE = withDefaultGroups('jane', []);

function setup(opts: { watchCacheSize?: number } = {}): ApiHandler<Cluster> {
  const c = createCluster({ seed: 'handler' });
  return createHandler(c, opts);
}

interface Call {
  method?: string;
  path: string;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
  user?: typeof ADMIN | null;
}

function call(h: ApiHandler<Cluster>, c: Call): ApiResponse {
  const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  return h.handle({
    method: c.method ?? 'GET',
    path: c.path,
    query: new URLSearchParams(c.query ?? ''),
    headers: { 'content-type': 'application/json', ...c.headers },
    body,
    user: c.user === null ? undefined : (c.user ?? ADMIN),
  });
}
function bodyOf(r: ApiResponse): any {
  assert.equal(r.type, 'body');
  return r.type === 'body' && r.headers['content-type']?.startsWith('application/json')
    ? JSON.parse(r.body)
    : r.type === 'body'
      ? r.body
      : undefined;
}

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'a' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
};

test("bad requests get the API server's Status", async (t) => {
  const h = setup();
  call(h, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: POD });
  const rows: {
    name: string;
    call: Call;
    code: number;
    reason?: string;
    message: string | RegExp;
    details?: unknown;
  }[] = [
    {
      name: 'missing object',
      call: { path: '/api/v1/namespaces/default/pods/nosuch' },
      code: 404,
      reason: 'NotFound',
      message: 'pods "nosuch" not found',
      details: { name: 'nosuch', kind: 'pods' },
    },
    {
      name: 'unknown resource',
      call: { path: '/api/v1/namespaces/default/foos' },
      code: 404,
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
      details: {},
    },
    {
      name: 'unknown group',
      call: { path: '/apis/nosuch.io/v1/things' },
      code: 404,
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    },
    {
      name: 'cluster-scoped kind under a namespace',
      call: { path: '/api/v1/namespaces/default/nodes' },
      code: 404,
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    },
    {
      name: 'wrong method',
      call: { method: 'POST', path: '/api/v1/namespaces/default/pods/p', body: POD },
      code: 405,
      reason: 'MethodNotAllowed',
      message: 'the server does not allow this method on the requested resource',
    },
    {
      name: 'malformed JSON',
      call: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: '{"kind": "Pod",' },
      code: 400,
      reason: 'BadRequest',
      message: /^Pod in version "v1" cannot be handled as a Pod: /,
    },
    {
      name: 'malformed YAML',
      call: {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: 'kind: [',
        headers: { 'content-type': 'application/yaml' },
      },
      code: 400,
      reason: 'BadRequest',
      message: /^Pod in version "v1" cannot be handled as a Pod: /,
    },
    {
      name: 'a body that is not an object',
      call: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: '[1]' },
      code: 400,
      reason: 'BadRequest',
      message: /cannot unmarshal array into Go value/,
    },
    {
      name: "another kind than the URL's",
      call: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...POD, apiVersion: 'apps/v1' } },
      code: 400,
      reason: 'BadRequest',
      message: 'the API version in the data (apps/v1) does not match the expected API version (v1)',
    },
    {
      name: "another namespace than the URL's",
      call: {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: { ...POD, metadata: { name: 'q', namespace: 'kube-system' } },
      },
      code: 400,
      reason: 'BadRequest',
      message: 'the namespace of the provided object does not match the namespace sent on the request',
    },
    {
      name: 'a body over 3 MiB',
      call: {
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        body: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'big' },
          data: { x: 'y'.repeat(3 * 1024 * 1024) },
        },
      },
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: limit is 3145728',
    },
    {
      name: 'an unknown patch type',
      call: {
        method: 'PATCH',
        path: '/api/v1/namespaces/default/pods/p',
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      },
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
    },
    {
      name: 'an unacceptable response type',
      call: { path: '/api/v1/namespaces/default/pods', headers: { accept: 'application/xml' } },
      code: 406,
      reason: 'NotAcceptable',
      message:
        'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    },
    {
      name: 'an existing name',
      call: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: POD },
      code: 409,
      reason: 'AlreadyExists',
      message: 'pods "p" already exists',
    },
    {
      name: 'a stale resourceVersion',
      call: {
        method: 'PUT',
        path: '/api/v1/namespaces/default/pods/p',
        body: { ...POD, metadata: { ...POD.metadata, resourceVersion: '1' } },
      },
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on pods "p": the object has been modified; please apply your changes to the latest version and try again',
    },
    {
      name: 'an invalid object',
      call: {
        method: 'POST',
        path: '/apis/apps/v1/namespaces/default/deployments',
        body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'Bad' }, spec: {} },
      },
      code: 422,
      reason: 'Invalid',
      message: /^Deployment.apps "Bad" is invalid: \[metadata.name: Invalid value: "Bad"/,
    },
    {
      name: 'a user RBAC does not allow',
      call: { path: '/api/v1/namespaces/default/pods', user: JANE },
      code: 403,
      reason: 'Forbidden',
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
    },
    {
      name: 'all namespaces, for a user RBAC does not allow',
      call: { path: '/api/v1/pods', user: JANE },
      code: 403,
      reason: 'Forbidden',
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope',
    },
    {
      name: 'anonymous discovery',
      call: { path: '/apis', user: null },
      code: 403,
      reason: 'Forbidden',
      message: 'forbidden: User "system:anonymous" cannot get path "/apis"',
    },
    {
      name: 'impersonation the user may not do',
      call: { path: '/api/v1/namespaces/default/pods', user: JANE, headers: { 'impersonate-user': 'bob' } },
      code: 403,
      reason: 'Forbidden',
      message:
        'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
    },
    {
      name: 'a field selector the kind lacks',
      call: { path: '/api/v1/namespaces/default/pods', query: 'fieldSelector=spec.image=x' },
      code: 400,
      reason: 'BadRequest',
      message: 'field label not supported: spec.image',
    },
    {
      name: 'a bad label selector',
      call: { path: '/api/v1/namespaces/default/pods', query: 'labelSelector=a%20in%20' },
      code: 400,
      reason: 'BadRequest',
      message: /^unable to parse requirement/,
    },
    {
      name: 'a list from the future',
      call: { path: '/api/v1/namespaces/default/pods', query: 'resourceVersion=999999' },
      code: 504,
      reason: 'Timeout',
      message: /^Too large resource version: 999999, current: \d+$/,
    },
    {
      name: 'a bad dryRun',
      call: { method: 'POST', path: '/api/v1/namespaces/default/pods', query: 'dryRun=Some', body: POD },
      code: 400,
      reason: 'BadRequest',
      message: 'Invalid dry run value: Some',
    },
    {
      name: 'watch-list, off in v1.30',
      call: {
        path: '/api/v1/namespaces/default/pods',
        query: 'watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan',
      },
      code: 422,
      reason: 'Invalid',
      message:
        'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
    },
    {
      name: 'server-side apply without a field manager',
      call: {
        method: 'PATCH',
        path: '/api/v1/namespaces/default/pods/p',
        body: POD,
        headers: { 'content-type': 'application/apply-patch+yaml' },
      },
      code: 422,
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    },
  ];
  for (const row of rows) {
    await t.test(row.name, () => {
      const r = call(h, row.call);
      assert.equal(r.type, 'body');
      if (r.type !== 'body') return;
      assert.equal(r.status, row.code, r.body);
      const s = JSON.parse(r.body);
      assert.equal(s.kind, 'Status');
      assert.equal(s.status, 'Failure');
      assert.equal(s.code, row.code);
      assert.equal(s.reason, row.reason);
      if (typeof row.message === 'string') assert.equal(s.message, row.message);
      else assert.match(s.message, row.message);
      if (row.details) assert.deepEqual(s.details, row.details);
    });
  }
});

test('an Invalid Status lists its causes by field, as kubectl prints them', () => {
  const h = setup();
  const s = bodyOf(
    call(h, {
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: { metadata: { labels: { a: 'c' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
        },
      },
    }),
  );
  assert.deepEqual(s.details.causes, [
    {
      reason: 'FieldValueInvalid',
      message: 'Invalid value: map[string]string{"a":"c"}: `selector` does not match template `labels`',
      field: 'spec.template.metadata.labels',
    },
  ]);
});

/** A watch opened in process: its events, parsed, as they arrive. */
function watch(h: ApiHandler, path: string, query: string, headers: Record<string, string> = {}) {
  const r = h.handle({ method: 'GET', path, query: new URLSearchParams(`watch=1&${query}`), headers, user: ADMIN });
  assert.equal(r.type, 'stream', r.type === 'body' ? r.body : '');
  const events: any[] = [];
  let ended = false;
  const sink: StreamSink = {
    write: (c) => {
      for (const l of c.split('\n').filter((x) => x)) events.push(JSON.parse(l));
    },
    end: () => {
      ended = true;
    },
  };
  const stop = r.type === 'stream' ? r.open(sink) : () => {};
  return {
    events,
    stop,
    ended: () => ended,
    types: () => events.map((e) => `${e.type} ${e.object.metadata?.name ?? e.object.code}`),
  };
}

test('watch: the current objects first without a resourceVersion, then changes; a selection change is ADDED or DELETED', () => {
  const h = setup();
  const c = h.cluster;
  c.kubectl('create configmap one --from-literal=a=b');
  c.kubectl('label configmap one team=x');
  const w = watch(h, '/api/v1/namespaces/default/configmaps', 'labelSelector=team%3Dx');
  assert.deepEqual(w.types(), ['ADDED one']);
  c.kubectl('create configmap two --from-literal=a=b');
  c.kubectl('label configmap two team=x');
  c.kubectl('annotate configmap two note=1');
  c.kubectl('label configmap one team=y --overwrite');
  c.kubectl('delete configmap two');
  assert.deepEqual(w.types(), ['ADDED one', 'ADDED two', 'MODIFIED two', 'DELETED one', 'DELETED two']);
  const deleted = w.events[4].object;
  assert.equal(
    Number(deleted.metadata.resourceVersion),
    c.store.resourceVersion(),
    'a deletion carries the resourceVersion of the delete',
  );
  assert.equal(h.watchCache.watcherCount(), 1);
  w.stop();
  assert.equal(h.watchCache.watcherCount(), 0, 'a client that goes away stops its watch');
});

test('watch from a resourceVersion replays what followed it; one older than the cache window is 410 Expired', () => {
  const h = setup({ watchCacheSize: 5 });
  const c = h.cluster;
  c.kubectl('create configmap a --from-literal=x=1');
  const rv = c.get('configmap', 'a').metadata.resourceVersion!;
  c.kubectl('create configmap b --from-literal=x=1');
  const w = watch(h, '/api/v1/namespaces/default/configmaps', `resourceVersion=${rv}`);
  assert.deepEqual(w.types(), ['ADDED b']);
  w.stop();
  for (let i = 0; i < 6; i++) c.kubectl(`create configmap f${i} --from-literal=x=1`);
  const old = watch(h, '/api/v1/namespaces/default/configmaps', `resourceVersion=${rv}`);
  assert.equal(old.events.length, 1);
  assert.equal(old.events[0].type, 'ERROR');
  assert.deepEqual(
    { ...old.events[0].object, message: undefined },
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      reason: 'Expired',
      code: 410,
      message: undefined,
      details: {},
    },
  );
  assert.match(old.events[0].object.message, new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`));
  assert.ok(old.ended(), 'the stream ends after the error');
});

test('watch as a Table: the first event carries the column definitions, later ones only rows', () => {
  const h = setup();
  const w = watch(h, '/api/v1/namespaces/default/configmaps', '', {
    accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
  });
  h.cluster.kubectl('create configmap t --from-literal=a=b');
  const [first, second] = w.events;
  assert.equal(first.object.kind, 'Table');
  assert.deepEqual(
    first.object.columnDefinitions.map((c: any) => c.name),
    ['Name', 'Data', 'Age'],
  );
  assert.equal(second.object.columnDefinitions, undefined);
  assert.deepEqual(second.object.rows[0].cells, ['t', '1', '0s']);
  assert.equal(second.object.rows[0].object.kind, 'PartialObjectMetadata');
});

test('bookmarks come to watches that allow them; timeoutSeconds ends a watch', async () => {
  const c = createCluster({ seed: 'bookmarks' });
  const h = createHandler(c, { bookmarkIntervalMs: 20 });
  const w = watch(
    h,
    '/api/v1/namespaces/default/pods',
    'allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=' + c.store.resourceVersion(),
  );
  await new Promise((r) => setTimeout(r, 70));
  const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
  assert.deepEqual(bookmark?.object, {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { resourceVersion: String(c.store.resourceVersion()), creationTimestamp: null },
  });
  assert.equal(w.ended(), false);
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok(w.ended(), 'the watch ended at its timeout');
});

test('list: limit and continue page through in key order, with the remaining count', () => {
  const h = setup();
  for (const n of ['a', 'b', 'c', 'd', 'e']) h.cluster.kubectl(`create configmap ${n} --from-literal=x=1`);
  const names: string[] = [];
  let cont = '',
    pages = 0;
  do {
    const page = bodyOf(
      call(h, {
        path: '/api/v1/namespaces/default/configmaps',
        query: `limit=2${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
      }),
    );
    names.push(...page.items.map((o: any) => o.metadata.name));
    if (page.metadata.continue) assert.equal(page.metadata.remainingItemCount, 6 - names.length);
    cont = page.metadata.continue ?? '';
    pages++;
  } while (cont);
  assert.deepEqual(names, ['a', 'b', 'c', 'd', 'e', 'kube-root-ca.crt']);
  assert.equal(pages, 3);
});

test('dryRun=All answers as the write would, and stores nothing', () => {
  const h = setup();
  const r = call(h, { method: 'POST', path: '/api/v1/namespaces/default/pods', query: 'dryRun=All', body: POD });
  assert.equal(r.type === 'body' && r.status, 201);
  assert.equal(bodyOf(r).metadata.name, 'p');
  assert.equal(h.cluster.tryGet('pod', 'p'), undefined);
  call(h, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: POD });
  const patched = bodyOf(
    call(h, {
      method: 'PATCH',
      path: '/api/v1/namespaces/default/pods/p',
      query: 'dryRun=All',
      body: { metadata: { labels: { dry: 'run' } } },
      headers: { 'content-type': 'application/merge-patch+json' },
    }),
  );
  assert.equal(patched.metadata.labels.dry, 'run');
  assert.equal(h.cluster.get('pod', 'p').metadata.labels!.dry, undefined);
  call(h, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/p', query: 'dryRun=All' });
  assert.ok(h.cluster.tryGet('pod', 'p'));
});

test('delete answers the object while it is still there (a graceful pod), else a Success Status', () => {
  const h = setup();
  h.cluster.kubectl('run gone --image=nginx');
  const pod = bodyOf(call(h, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/gone' }));
  assert.equal(pod.kind, 'Pod');
  assert.ok(pod.metadata.deletionTimestamp);
  h.cluster.kubectl('create configmap cm --from-literal=a=b');
  const uid = h.cluster.get('configmap', 'cm').metadata.uid;
  assert.deepEqual(bodyOf(call(h, { method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/cm' })), {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: 'cm', group: '', kind: 'configmaps', uid },
    code: 200,
  });
});

test('the scale subresource reads and writes the replicas of a workload', () => {
  const h = setup();
  h.cluster.kubectl('create deployment web --image=nginx --replicas=2');
  const scale = bodyOf(call(h, { path: '/apis/apps/v1/namespaces/default/deployments/web/scale' }));
  assert.deepEqual(
    [scale.kind, scale.apiVersion, scale.spec, scale.status],
    ['Scale', 'autoscaling/v1', { replicas: 2 }, { replicas: 2, selector: 'app=web' }],
  );
  const after = bodyOf(
    call(h, {
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/deployments/web/scale',
      body: { spec: { replicas: 4 } },
      headers: { 'content-type': 'application/merge-patch+json' },
    }),
  );
  assert.equal(after.spec.replicas, 4);
  assert.equal(h.cluster.list('pods', { labelSelector: 'app=web' }).length, 4);
});

test('discovery: legacy and aggregated; a custom resource is served once its CRD is Established', () => {
  const h = setup();
  const core = bodyOf(call(h, { path: '/api/v1' }));
  const pods = core.resources.find((r: any) => r.name === 'pods');
  assert.deepEqual(pods, {
    name: 'pods',
    singularName: 'pod',
    namespaced: true,
    kind: 'Pod',
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['po'],
    categories: ['all'],
  });
  assert.deepEqual(
    core.resources.find((r: any) => r.name === 'pods/eviction'),
    {
      name: 'pods/eviction',
      singularName: '',
      namespaced: true,
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
      verbs: ['create'],
    },
  );
  h.cluster.apply(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: crontabs.stable.example.com}
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {cronSpec: {type: string}}}}}}
`);
  const r = call(h, {
    path: '/apis',
    headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' },
  });
  assert.equal(
    r.type === 'body' && r.headers['content-type'],
    'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  );
  const agg = bodyOf(r);
  const group = agg.items.find((g: any) => g.metadata.name === 'stable.example.com');
  assert.deepEqual(group.versions[0].resources[0], {
    resource: 'crontabs',
    responseKind: { group: 'stable.example.com', version: 'v1', kind: 'CronTab' },
    scope: 'Namespaced',
    singularResource: 'crontab',
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ct'],
  });
  const created = call(h, {
    method: 'POST',
    path: '/apis/stable.example.com/v1/namespaces/default/crontabs',
    body: {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'c' },
      spec: { cronSpec: '* * * * *' },
    },
  });
  assert.equal(created.type === 'body' && created.status, 201);
  const smp = call(h, {
    method: 'PATCH',
    path: '/apis/stable.example.com/v1/namespaces/default/crontabs/c',
    body: {},
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
  });
  assert.equal(smp.type === 'body' && smp.status, 415, 'custom resources take no strategic merge patch');
});

test("OpenAPI v3: a document per group version, with each kind's schema and the fieldValidation parameter kubectl looks for", () => {
  const h = setup();
  const root = bodyOf(call(h, { path: '/openapi/v3' }));
  assert.match(root.paths['apis/apps/v1'].serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9a-f]+$/);
  const doc = bodyOf(call(h, { path: '/openapi/v3/apis/apps/v1' }));
  const d = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
  assert.deepEqual(d['x-kubernetes-group-version-kind'], [{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
  assert.equal(doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas.type, 'integer');
  assert.deepEqual(doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].required, ['selector', 'template']);
  const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
  assert.ok(patch.parameters.some((p: any) => p.name === 'fieldValidation'));
  assert.ok(doc.components.schemas['io.k8s.api.core.v1.PodSpec'], 'the schemas a kind reaches come along');
});
