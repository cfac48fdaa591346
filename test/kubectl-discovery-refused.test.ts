// A discovery the server refuses (a user impersonating whom it may not): kubectl 1.30, with a fresh discovery
// cache, logs each failed try of its aggregated discovery (memcache.go:265) as often as the command tries, then
// prints what it could not decode, `Error from server (Forbidden): unknown`; commands that need no discovery show
// the server's message. Each row runs the real kubectl 1.30 as jane (--as=bob) against kspec serve, and kspec's
// kubectl as jane on a twin cluster: the same number of log lines, the same other lines, the same exit code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCluster, type Cluster } from '../src/cluster';
import { serveCluster, type ServedCluster } from '../src/server/serve';
import { RealKubectl, findKubectl, missingKubectl, words } from './helpers/real-kubectl';

const skip = missingKubectl('1.30');

const ROWS = [
  'get pods',
  'get pod web',
  'describe pod web',
  'delete pod web',
  'label pod web a=b',
  'scale deployment web --replicas=2',
  'logs web',
  'exec web -- ls',
  'rollout status deployment/web',
  'set image deployment/web web=nginx:2',
  'cordon node-1',
  'taint node node-1 a=b:NoSchedule',
  'create role r --verb=get --resource=pods',
  'run web2 --image=nginx',
  'auth can-i list pods',
  'auth can-i get configmap/settings',
  'auth can-i --list',
  'create configmap settings',
  'create deployment web3 --image=nginx',
  'create namespace team',
  'api-versions',
  'api-resources',
];

const MEMCACHE = /^E\d{4} [\d:.]+ +\d+ memcache\.go:265\] couldn't get current server API group list: unknown$/;
const split = (stderr: string) => {
  const lines = stderr.split('\n');
  return {
    tries: lines.filter((l) => MEMCACHE.test(l)).length,
    rest: lines.filter((l) => !MEMCACHE.test(l)).join('\n'),
  };
};

let served: ServedCluster, twin: Cluster, kubectl: RealKubectl;

before(async () => {
  if (skip) return;
  served = await serveCluster(createCluster({ seed: 'refused' }), { clock: 'manual', users: [{ name: 'jane' }] });
  twin = createCluster({ seed: 'refused' });
  twin.user = { name: 'jane' };
  kubectl = new RealKubectl(findKubectl('1.30')!, served.kubeconfig);
});
after(async () => {
  if (served) await served.close();
  kubectl?.cleanup();
});

test("a refused discovery: kubectl 1.30's tries, and what it prints after", { skip }, async (t) => {
  for (const [i, cmd] of ROWS.entries()) {
    await t.test(cmd, async () => {
      const cache = path.join(kubectl.home, `cache-${i}`);
      fs.mkdirSync(cache);
      const real = await kubectl.run([...words(cmd), '--as=bob'], { env: { KUBECACHEDIR: cache } });
      const emulated = twin.kubectl(`${cmd} --as=bob`);
      const ctx = `kubectl ${cmd} --as=bob\n--- real:\n${real.stderr}--- kspec:\n${emulated.stderr}`;
      assert.equal(emulated.exitCode, real.exitCode, ctx);
      assert.deepEqual(split(emulated.stderr), split(real.stderr), ctx);
      assert.equal(emulated.stdout, real.stdout, ctx);
    });
  }
});
