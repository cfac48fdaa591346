// kubectl kustomize / apply -k against kubectl 1.30's own output: the expected files were made by
// `kubectl.1.30 kustomize <dir>`; where that kubectl is installed the test also runs it live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createCluster } from '../src/cluster';
import { kustomize, filesWith } from '../src/kubectl/kustomize';

const FIXTURES = path.join(__dirname, 'fixtures', 'kustomize');
const REAL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.30';

for (const dir of ['base', 'overlay']) {
  test(`kubectl kustomize ${dir}: as kubectl 1.30 builds it`, () => {
    const c = createCluster({ nodes: 1, seed: 'k' });
    const r = c.kubectl(`kustomize ${dir}`, { cwd: FIXTURES });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, fs.readFileSync(path.join(FIXTURES, `${dir}.expected.yaml`), 'utf8'));
    if (fs.existsSync(REAL))
      assert.equal(r.stdout, spawnSync(REAL, ['kustomize', path.join(FIXTURES, dir)], { encoding: 'utf8' }).stdout);
  });
}

test('kubectl apply -k creates what the kustomization builds; the generated names are referenced', () => {
  const c = createCluster({ nodes: 2, seed: 'k' });
  const r = c.kubectl('apply -k base', { cwd: FIXTURES });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(
    r.stdout,
    /^namespace\/shop created\nconfigmap\/dev-cfg-862f2b5gfm created\nsecret\/dev-creds-25k92892fb created\nservice\/dev-web created\ndeployment.apps\/dev-web created\n$/,
  );
  c.advance('1m');
  const pods = c.list('pods', { namespace: 'shop' });
  assert.equal(pods.length, 1);
  assert.equal(pods[0].status?.phase, 'Running', 'the pod finds its generated ConfigMap and Secret');
  // the model's namespace controller empties the deleted namespace at once, so the objects kubectl deletes after it
  // are already gone (docs/fidelity.md); everything the kustomization built is gone either way
  const d = c.kubectl('delete -k base', { cwd: FIXTURES });
  assert.match(d.stdout, /^namespace "shop" deleted\n/);
  assert.doesNotMatch(d.stderr, /Error from server \((?!NotFound)/, d.stderr);
  assert.equal(
    c.list('configmaps', { namespace: 'shop' }).length + c.list('deployments', { namespace: 'shop' }).length,
    0,
  );
});

const problems: Array<[string, Record<string, string>, RegExp]> = [
  [
    'no kustomization',
    { 'x.yaml': '' },
    /unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory/,
  ],
  [
    'a missing resource',
    { 'kustomization.yaml': 'resources: [nope.yaml]\n' },
    /accumulating resources: accumulation err='accumulating resources from 'nope.yaml': evalsymlink failure on '\/k\/nope.yaml' : lstat \/k\/nope.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '\/k\/nope.yaml' : lstat \/k\/nope.yaml: no such file or directory$/,
  ],
  [
    'patches are not modelled',
    { 'kustomization.yaml': 'patches: [{path: p.yaml}]\n' },
    /kspec does not model the kustomization field "patches"/,
  ],
  [
    'remote resources',
    { 'kustomization.yaml': 'resources: [https://github.com/x/y]\n' },
    /kspec does not fetch remote resources/,
  ],
];
test('kustomize: a directory that is not there', () => {
  assert.throws(
    () => kustomize('/nowhere', filesWith(new Map()), 'nowhere'),
    /must build at directory: not a valid directory: evalsymlink failure on 'nowhere' : lstat \/nowhere: no such file or directory$/,
  );
});

for (const [name, files, want] of problems) {
  test(`kustomize: ${name}`, () => {
    const given = new Map(Object.entries(files).map(([f, t]) => [path.join('/k', f), t]));
    assert.throws(() => kustomize('/k', filesWith(given)), want);
  });
}
