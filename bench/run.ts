// Prints the engine's figures (never asserted in tests). Each section runs in its own process.
//   npm run bench               the everyday figures (about a minute on an idle 2-core machine)
//   npm run bench -- --large    also Kubernetes' own limits: 5,000 nodes with 30k and 150k pods, scheduler_perf's
//                               5000Nodes_50000Pods, kube-proxy with 10k Services x 250 endpoints (several minutes)
//   npm run bench -- serve      only the figures of kspec serve (bench/serve.ts)
// The first lines say how busy the machine was (load average) and how fast it ran a fixed loop, so a reader can
// tell a slow machine from a slow change.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const large = process.argv.includes('--large');
const serveOnly = process.argv.includes('serve');
const figures = path.join(__dirname, 'figures.ts');

function section(name: string, ...args: (string | number)[]): void {
  execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=16000',
      '--require',
      'ts-node/register/transpile-only',
      figures,
      name,
      ...args.map(String),
    ],
    { stdio: 'inherit', cwd: path.join(__dirname, '..') },
  );
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${load()}`,
);
section('calibration');
if (!serveOnly) {
  section('small');
  section('hour');
  section('proxy', 1000, 10);
  section('proxy', 1000, 250);
  section('scheduler', 5000, 1000, 10000);
  section('converge', 667, 5000);
}
// kspec serve: start-up, requests per second, watch latency, memory
section('serve');
if (large && !serveOnly) {
  section('proxy', 10000, 250);
  section('scheduler', 5000, 5000, 50000);
  section('converge', 2000, 5000);
  section('converge', 10000, 5000);
}
section('calibration');
console.log(`load average at the end ${load()}`);
