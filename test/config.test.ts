// kubectl create configmap / secret: env-file parsing, the docker config JSON, and each source's result or
// kubectl's error (with nothing created).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { parseEnvFile } from '../src/kubectl/cmd/create/configmap';
import { dockerConfigJson } from '../src/kubectl/cmd/create/secret';

test('parseEnvFile', () => {
  const rows: [string, [string, string][] | RegExp][] = [
    [
      'A=1\nB=two words\n',
      [
        ['A', '1'],
        ['B', 'two words'],
      ],
    ],
    ['# comment\n\n  C=3\r\n', [['C', '3']]],
    ['\uFEFFD=x=y', [['D', 'x=y']]],
    ['E', [['E', '']]],
    ['export F=1', /"export F" is not a valid key name/],
    ['1X=1', /"1X" is not a valid key name/],
  ];
  for (const [text, want] of rows) {
    if (want instanceof RegExp) assert.throws(() => parseEnvFile(text), want, text);
    else assert.deepEqual(parseEnvFile(text), want, text);
  }
});

test('dockerConfigJson: auth is user:password, email only when given', () => {
  assert.equal(
    dockerConfigJson('r.io', 'u', 'p', ''),
    '{"auths":{"r.io":{"username":"u","password":"p","auth":"dTpw"}}}',
  );
  assert.equal(
    dockerConfigJson('r.io', 'u', 'p', 'e@x'),
    '{"auths":{"r.io":{"username":"u","password":"p","email":"e@x","auth":"dTpw"}}}',
  );
});

test('kubectl create configmap and secret: results and errors', () => {
  const rows: {
    cmd: string;
    files?: Record<string, string>;
    kind: string;
    data?: Record<string, string>;
    type?: string;
    err?: string;
  }[] = [
    { cmd: 'create cm m --from-literal=a=1 --from-literal=b==x', kind: 'configmaps', data: { a: '1', b: '=x' } },
    {
      cmd: 'create cm m --from-file=f.conf',
      files: { 'f.conf': 'x\n' },
      kind: 'configmaps',
      data: { 'f.conf': 'x\n' },
    },
    { cmd: 'create cm m --from-file=k=f.conf', files: { 'f.conf': 'x\n' }, kind: 'configmaps', data: { k: 'x\n' } },
    {
      cmd: 'create cm m --from-file=d',
      files: { 'd/a': '1', 'd/b': '2' },
      kind: 'configmaps',
      data: { a: '1', b: '2' },
    },
    {
      cmd: 'create cm m --from-file=k=d',
      files: { 'd/a': '1' },
      kind: 'configmaps',
      err: 'error: cannot give a key name for a directory path\n',
    },
    { cmd: 'create cm m --from-env-file=e', files: { e: 'A=1\n' }, kind: 'configmaps', data: { A: '1' } },
    {
      cmd: 'create cm m --from-file=none',
      kind: 'configmaps',
      err: 'error: error reading none: no such file or directory\n',
    },
    { cmd: 'create secret generic m --from-literal=u=admin', kind: 'secrets', data: { u: 'YWRtaW4=' }, type: 'Opaque' },
    {
      cmd: 'create secret generic m --from-literal=u=a --from-literal=u=b',
      kind: 'secrets',
      err: 'error: cannot add key u, another key by that name already exists in Data for Secret "m"\n',
    },
    {
      cmd: 'create secret generic m --type=kubernetes.io/tls --from-literal=a=b',
      kind: 'secrets',
      err: 'error: failed to create secret Secret "m" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]\n',
    },
    {
      cmd: 'create secret docker-registry m --docker-username=u --docker-password=p',
      kind: 'secrets',
      type: 'kubernetes.io/dockerconfigjson',
      data: {
        '.dockerconfigjson': Buffer.from(
          '{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","auth":"dTpw"}}}',
        ).toString('base64'),
      },
    },
    { cmd: 'create secret tls m --cert=c', kind: 'secrets', err: 'error: key and cert must be specified\n' },
    {
      cmd: 'create secret tls m --cert=c --key=k',
      files: { c: 'nothing', k: 'nothing' },
      kind: 'secrets',
      err: 'error: tls: failed to find any PEM data in certificate input\n',
    },
    {
      cmd: 'create secret bogus m',
      kind: 'secrets',
      err: 'error: unknown command "bogus" for "kubectl create secret"\n',
    },
  ];
  for (const row of rows) {
    const c = createCluster({ nodes: 1, seed: row.cmd });
    for (const [f, content] of Object.entries(row.files ?? {})) c.localFiles.set(`/feature/${f}`, content);
    const r = c.kubectl(row.cmd, { cwd: '/feature' });
    const obj = c.tryGet(row.kind, 'm');
    if (row.err) {
      assert.equal(r.exitCode, 1, row.cmd);
      assert.equal(r.stderr, row.err, row.cmd);
      assert.equal(obj, undefined, row.cmd);
    } else {
      assert.equal(r.stderr, '', row.cmd);
      assert.deepEqual(obj?.data, row.data, row.cmd);
      if (row.type) assert.equal(obj?.type, row.type, row.cmd);
    }
  }
});

test('service-account-token Secrets: filled for an existing account, deleted otherwise', () => {
  const rows: [string, boolean][] = [
    ['robot', true],
    ['nobody', false],
  ];
  for (const [account, kept] of rows) {
    const c = createCluster({ nodes: 1, seed: account });
    c.apply('{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"robot"}}');
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 't', annotations: { 'kubernetes.io/service-account.name': account } },
        type: 'kubernetes.io/service-account-token',
      }),
    );
    const s = c.tryGet('secrets', 't');
    assert.equal(!!s, kept, account);
    if (!s) continue;
    assert.equal(
      s.metadata.annotations!['kubernetes.io/service-account.uid'],
      c.get('serviceaccounts', 'robot').metadata.uid,
    );
    const claims = JSON.parse(
      Buffer.from(Buffer.from(s.data.token, 'base64').toString().split('.')[1], 'base64url').toString(),
    );
    assert.equal(claims.sub, 'system:serviceaccount:default:robot');
    assert.equal(claims['kubernetes.io/serviceaccount/secret.name'], 't');
  }
});

test('--append-hash: kubectl hash.go names (values from kubectl v1.32)', () => {
  const rows: [string, string][] = [
    ['create configmap game --from-literal=lives=3 --append-hash', 'configmap/game-b4gf5fm9f7 created\n'],
    ['create configmap game --from-literal=lives=5 --append-hash', 'configmap/game-2b7787tfb5 created\n'],
    [
      'create configmap game --from-literal=a=b --from-literal=x=<&> --append-hash',
      'configmap/game-hd5d9ff6mb created\n',
    ],
    ['create secret generic db --from-literal=password=s3cret --append-hash', 'secret/db-4gfhb7c4m4 created\n'],
    [
      'create secret generic db2 --from-literal=password=s3cret --type=Opaque --append-hash',
      'secret/db2-689226gkd7 created\n',
    ],
  ];
  const c = createCluster({ nodes: 1, seed: 'hash' });
  for (const [cmd, want] of rows) assert.equal(c.kubectl(cmd).stdout, want, cmd);
});
