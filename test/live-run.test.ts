// The live driver end to end: `kspec run --kubeconfig` with the real kubectl (1.30) against a cluster `kspec serve`
// serves (scripts/live-features.js), on a few features: scenarios in a namespace of their own, one in a fresh
// served cluster, one skipped as model-only with its reason; and a run interrupted with SIGINT, whose namespaces
// are deleted before it exits. The whole of features/workloads and features/config: `npm run test:live`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { missingKubectl } from './helpers/real-kubectl';
import type { ServedCluster } from '../src/server/serve';
import type { ChildProcess } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { liveFeatures } = require('../scripts/live-features.js') as {
  liveFeatures(
    paths: string[],
    opts?: { stdout?: 'pipe'; onChild?: (c: ChildProcess, s: ServedCluster) => void },
  ): Promise<number>;
};

const skip = missingKubectl('1.30');

async function run(
  paths: string[],
  onChild?: (c: ChildProcess, s: ServedCluster) => void,
): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await liveFeatures(paths, {
    stdout: 'pipe',
    onChild: (child, served) => {
      child.stdout!.pipe(new PassThrough()).on('data', (d) => {
        out += d;
      });
      onChild?.(child, served);
    },
  });
  return { code, out };
}

test('features run live: in namespaces of their own, in a fresh served cluster, or skipped with the reason', {
  skip,
}, async () => {
  const { code, out } = await run([
    'features/config/configmaps.feature',
    'features/config/limit-ranges.feature',
    'features/config/secrets.feature:141',
  ]);
  assert.equal(code, 0, out);
  assert.match(
    out,
    /^live run on https:\/\/127\.0\.0\.1:\d+ \(v1\.30\.0, served by kspec with a manual clock: fresh clusters on request\), 3 schedulable nodes/m,
  );
  assert.match(out, /^14 passed, 0 failed \(1 skipped\)/m);
  assert.match(out, /^live: 13 scenarios ran in a namespace of their own, 1 in a cluster of their own; 1 skipped:$/m);
  assert.match(
    out,
    /features\/config\/secrets\.feature:141 {2}the docker-registry secret lets the private tulingmall-product image pull\n {6}"the image "[^"]+" is private" is model-only \(image behaviours\)/,
  );
});

test('an interrupted run deletes its namespaces before it exits', { skip }, async () => {
  const runNamespaces = (s: ServedCluster) =>
    s.cluster.list('namespaces').filter((n) => n.metadata.labels?.['kspec.io/run']);
  let seen = 0,
    left = -1;
  const { code, out } = await run([path.join('test', 'fixtures', 'live', 'waits.feature')], (child, served) => {
    const poll = setInterval(() => {
      const ns = runNamespaces(served);
      if (!ns.length) return;
      seen = ns.length;
      clearInterval(poll);
      child.kill('SIGINT');
    }, 20);
    child.on('exit', () => {
      clearInterval(poll);
      left = runNamespaces(served).length;
    });
  });
  assert.equal(seen, 1, 'the scenario had its namespace');
  assert.equal(code, 130, out);
  assert.match(out, /kspec: SIGINT: deleting the run's namespaces/);
  assert.equal(left, 0, 'no namespace of the run is left');
});
