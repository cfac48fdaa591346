#!/usr/bin/env node
// npm run test:live [-- paths...]: features through the live driver, against a cluster `kspec serve` serves
// (manual clock, 3 nodes) for the run: `kspec run --kubeconfig` with the real kubectl (KSPEC_KUBECTL, the SDK's
// kubectl 1.30, or PATH's). Default paths: features/workloads features/config. Exits as the run does.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
require(path.join(root, 'node_modules', 'ts-node')).register({
  transpileOnly: true,
  project: path.join(root, 'tsconfig.json'),
});
const { createCluster } = require(path.join(root, 'src', 'cluster'));
const { serveCluster } = require(path.join(root, 'src', 'server', 'serve'));
const { findKubectl } = require(path.join(root, 'src', 'live', 'kubectl'));

/** Serves a cluster, runs `kspec run --kubeconfig` on the paths with the output passed through; resolves to its exit code. */
async function liveFeatures(paths, opts = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-live-features-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const served = await serveCluster(createCluster({ nodes: 3 }), { clock: 'manual', kubeconfig });
  try {
    const kubectl = findKubectl('1.30');
    const env = { ...process.env, ...(kubectl ? { KSPEC_KUBECTL: kubectl } : {}) };
    return await new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(root, 'bin', 'kspec.js'), 'run', '--kubeconfig', kubeconfig, ...paths],
        { cwd: opts.cwd ?? root, env, stdio: ['ignore', opts.stdout ?? 'inherit', 'inherit'] },
      );
      opts.onChild?.(child, served);
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await served.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { liveFeatures };

if (require.main === module) {
  const paths = process.argv.slice(2);
  liveFeatures(paths.length ? paths : ['features/workloads', 'features/config']).then((code) => process.exit(code));
}
