// RequestInfo: the attributes an HTTP request is authorized with (rows of staging/src/k8s.io/apiserver/pkg/
// endpoints/request/requestinfo_test.go TestGetAPIRequestInfo and TestGetNonAPIRequestInfo), and the same
// answers for an HTTP request as for the in-process request it maps to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestInfo, authorizeRequest } from '../src/apiserver/authorization/request-info';
import { createCluster } from '../src/cluster';
import { withDefaultGroups } from '../src/apiserver/authorization/rbac';

test('requestInfo: resource requests', () => {
  // method, url, verb, apiGroup, apiVersion, namespace, resource, subresource, name
  const rows: [string, string, string, string, string, string, string, string, string][] = [
    ['GET', '/api/v1/namespaces', 'list', '', 'v1', '', 'namespaces', '', ''],
    ['GET', '/api/v1/namespaces/other', 'get', '', 'v1', 'other', 'namespaces', '', 'other'],
    ['GET', '/api/v1/namespaces/other/pods', 'list', '', 'v1', 'other', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods/foo', 'get', '', 'v1', 'other', 'pods', '', 'foo'],
    ['HEAD', '/api/v1/namespaces/other/pods/foo', 'get', '', 'v1', 'other', 'pods', '', 'foo'],
    ['GET', '/api/v1/pods', 'list', '', 'v1', '', 'pods', '', ''],
    ['HEAD', '/api/v1/pods', 'list', '', 'v1', '', 'pods', '', ''],
    ['GET', '/api/v1/proxy/namespaces/other/pods/foo', 'proxy', '', 'v1', 'other', 'pods', '', 'foo'],
    [
      'GET',
      '/api/v1/proxy/namespaces/other/pods/foo/subpath/not/a/subresource',
      'proxy',
      '',
      'v1',
      'other',
      'pods',
      '',
      'foo',
    ],
    ['GET', '/api/v1/watch/pods', 'watch', '', 'v1', '', 'pods', '', ''],
    ['GET', '/api/v1/pods?watch=true', 'watch', '', 'v1', '', 'pods', '', ''],
    ['GET', '/api/v1/pods?watch=false', 'list', '', 'v1', '', 'pods', '', ''],
    ['GET', '/api/v1/watch/namespaces/other/pods', 'watch', '', 'v1', 'other', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods?watch=1', 'watch', '', 'v1', 'other', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods?watch=0', 'list', '', 'v1', 'other', 'pods', '', ''],
    [
      'GET',
      '/api/v1/namespaces/other/pods?fieldSelector=metadata.name%3Dfoo',
      'list',
      '',
      'v1',
      'other',
      'pods',
      '',
      'foo',
    ],
    ['GET', '/api/v1/namespaces/other/pods/foo/status', 'get', '', 'v1', 'other', 'pods', 'status', 'foo'],
    ['GET', '/api/v1/namespaces/other/pods/foo/proxy/subpath', 'get', '', 'v1', 'other', 'pods', 'proxy', 'foo'],
    ['PUT', '/api/v1/namespaces/other/finalize', 'update', '', 'v1', 'other', 'namespaces', 'finalize', 'other'],
    ['PUT', '/api/v1/namespaces/other/status', 'update', '', 'v1', 'other', 'namespaces', 'status', 'other'],
    ['PATCH', '/api/v1/namespaces/other/pods/foo', 'patch', '', 'v1', 'other', 'pods', '', 'foo'],
    ['DELETE', '/api/v1/namespaces/other/pods/foo', 'delete', '', 'v1', 'other', 'pods', '', 'foo'],
    ['POST', '/api/v1/namespaces/other/pods', 'create', '', 'v1', 'other', 'pods', '', ''],
    ['DELETE', '/api/v1/nodes', 'deletecollection', '', 'v1', '', 'nodes', '', ''],
    ['DELETE', '/api/v1/namespaces', 'deletecollection', '', 'v1', '', 'namespaces', '', ''],
    ['DELETE', '/api/v1/namespaces/other/pods', 'deletecollection', '', 'v1', 'other', 'pods', '', ''],
    [
      'DELETE',
      '/apis/extensions/v1/namespaces/other/pods',
      'deletecollection',
      'extensions',
      'v1',
      'other',
      'pods',
      '',
      '',
    ],
    ['POST', '/apis/extensions/v1/namespaces/other/pods', 'create', 'extensions', 'v1', 'other', 'pods', '', ''],
    [
      'POST',
      '/apis/extensions/v1beta3/namespaces/other/pods',
      'create',
      'extensions',
      'v1beta3',
      'other',
      'pods',
      '',
      '',
    ],
    [
      'POST',
      '/api/v1/namespaces/default/pods/web/exec?command=env',
      'create',
      '',
      'v1',
      'default',
      'pods',
      'exec',
      'web',
    ],
    ['GET', '/api/v1/namespaces/default/pods/web/exec?command=env', 'get', '', 'v1', 'default', 'pods', 'exec', 'web'],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web/scale',
      'patch',
      'apps',
      'v1',
      'default',
      'deployments',
      'scale',
      'web',
    ],
  ];
  for (const [method, url, verb, apiGroup, apiVersion, namespace, resource, subresource, name] of rows) {
    const i = requestInfo(method, url);
    assert.deepEqual(
      {
        r: i.isResourceRequest,
        verb: i.verb,
        apiGroup: i.apiGroup,
        apiVersion: i.apiVersion,
        namespace: i.namespace,
        resource: i.resource,
        subresource: i.subresource,
        name: i.name,
      },
      { r: true, verb, apiGroup, apiVersion, namespace, resource, subresource, name },
      `${method} ${url}`,
    );
  }
});

test('requestInfo: non-resource requests', () => {
  for (const [method, url, verb] of [
    ['GET', '/api', 'get'],
    ['GET', '/healthz', 'get'],
    ['GET', '/', 'get'],
    ['GET', '/apis', 'get'],
    ['GET', '/apis/extensions', 'get'],
    ['GET', '/apis/extensions/v1', 'get'],
    ['POST', '/version', 'post'],
    ['GET', '/api/v1', 'get'],
  ]) {
    const i = requestInfo(method, url);
    assert.equal(i.isResourceRequest, false, url);
    assert.equal(i.verb, verb, url);
    assert.equal(i.path, url, url);
  }
  assert.throws(() => requestInfo('GET', '/api/v1/watch'), /unable to determine kind and namespace from url/);
});

test('an HTTP request is answered as the in-process request it maps to', () => {
  const c = createCluster({ nodes: 1, seed: 'request-info' });
  c.kubectl('create rolebinding dev-view --clusterrole=view --user=dev');
  const dev = withDefaultGroups('dev', []);
  const ok = (m: string, u: string) => {
    try {
      authorizeRequest(c.api, dev, m, u);
      return 'allowed';
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(ok('GET', '/api/v1/namespaces/default/configmaps'), 'allowed');
  assert.equal(
    ok('GET', '/api/v1/configmaps'),
    'configmaps is forbidden: User "dev" cannot list resource "configmaps" in API group "" at the cluster scope',
  );
  assert.equal(ok('GET', '/api/v1/namespaces/default/pods?watch=true'), 'allowed');
  assert.equal(
    ok('POST', '/api/v1/namespaces/default/pods/web/exec'),
    'pods "web" is forbidden: User "dev" cannot create resource "pods/exec" in API group "" in the namespace "default"',
  );
  assert.equal(ok('GET', '/api/v1/namespaces/default/pods/web/log'), 'allowed');
  assert.equal(ok('GET', '/healthz'), 'allowed');
  assert.equal(ok('GET', '/metrics'), 'forbidden: User "dev" cannot get path "/metrics"');
});
