// Lab sessions on the real kubectl (src/cli/lab-command.ts): for every lab of curriculum/, a served lab cluster
// driven by kubectl 1.30 through the reference solution (its manifests with `kubectl apply -f`, its commands.sh
// line by line) scores full marks with `kspec lab check`'s grading; after a reset, the first wrong solution gets
// the score and hints its expected.json names, as `kspec check` gives them. A session whose replay is not the
// learner's cluster says so; a lab's @speed runs its clock faster.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLab, gradeSession, labTask, labSetupOf, type LabServer } from '../src/cli/lab-command';
import { labsIn, readExpected, gradeProblems } from '../src/cli/curriculum-command';
import { findSolution, commandLines } from '../src/cli/solution';
import { tokenize } from '../src/kubectl/args';
import { RealKubectl, findKubectl, missingKubectl } from './helpers/real-kubectl';
import { runKubectl } from '../src/live/kubectl';
import type { SupportLibrary } from '../src/cli/cucumber-run';

const skip = missingKubectl('1.30');
const root = path.join(__dirname, '..');
const labs = labsIn(path.join(root, 'curriculum')).filter((l) => !fs.existsSync(path.join(l, 'PENDING')));
let support: SupportLibrary | undefined;
const open: LabServer[] = [];
after(async () => {
  for (const s of open) await s.close();
});

/** The learner at work: the solution's manifests applied and its commands run, with the real kubectl. */
async function work(kubectl: RealKubectl, dir: string): Promise<void> {
  const s = findSolution(dir);
  const lines = [
    ...s.manifests.map((m) => ['apply', '-f', m]),
    ...(s.commands ? commandLines(fs.readFileSync(s.commands, 'utf8')).map((c) => tokenize(c.command).slice(1)) : []),
  ];
  for (const args of lines) {
    const r = await runKubectl(kubectl.bin, args, { kubeconfig: kubectl.kubeconfig, home: kubectl.home, cwd: dir });
    assert.equal(r.exitCode, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  }
}

for (const lab of labs) {
  const name = path.basename(lab);
  test(`lab ${name}: the reference solution through the real kubectl scores full marks; after a reset, the wrong one scores what it expects`, {
    skip,
  }, async () => {
    const server = await startLab(lab, { support });
    support = server.support;
    open.push(server);
    const kubectl = new RealKubectl(findKubectl('1.30')!, server.served.kubeconfig);
    try {
      await work(kubectl, path.join(lab, 'solution'));
      const full = await gradeSession(server.session(), support);
      assert.deepEqual(gradeProblems(full.grade), [], JSON.stringify(full.grade, null, 2));
      assert.equal(full.grade.score, full.grade.total);
      const wrong = fs
        .readdirSync(lab)
        .filter((d) => d.startsWith('wrong'))
        .sort()[0];
      if (!wrong) return;
      await server.reset();
      assert.deepEqual(server.session().requests, [], 'a reset forgets the session');
      await work(kubectl, path.join(lab, wrong));
      const graded = await gradeSession(server.session(), support);
      assert.deepEqual(gradeProblems(graded.grade, readExpected(path.join(lab, wrong, 'expected.json'))), []);
    } finally {
      kubectl.cleanup();
      await server.close();
    }
  });
}

test("a session whose replay is not the learner's cluster fails every checkpoint, saying so", { skip }, async () => {
  const lab = path.join(root, 'curriculum', '02-deployments');
  const server = await startLab(lab, { support });
  support = server.support;
  open.push(server);
  const kubectl = new RealKubectl(findKubectl('1.30')!, server.served.kubeconfig);
  try {
    await work(kubectl, path.join(lab, 'solution'));
    const session = server.session();
    const { grade } = await gradeSession({ ...session, requests: session.requests.slice(1) }, support);
    assert.equal(grade.score, 0);
    for (const c of grade.checkpoints) assert.match(c.found ?? '', /replaying your session did not give your cluster/);
  } finally {
    kubectl.cleanup();
    await server.close();
  }
});

test("a lab's @speed runs its session's clock faster: lab 10's CronJob makes a Job a wall second", {
  skip,
}, async () => {
  const lab = path.join(root, 'curriculum', '10-cronjobs');
  assert.equal(labSetupOf(lab).speed, 60);
  const server = await startLab(lab, { support });
  support = server.support;
  open.push(server);
  const kubectl = new RealKubectl(findKubectl('1.30')!, server.served.kubeconfig);
  try {
    assert.equal(server.session().speed, 60);
    await work(kubectl, path.join(lab, 'solution'));
    await new Promise((r) => setTimeout(r, 2500));
    const jobs = await kubectl.run(['get', 'jobs', '-o', 'name']);
    assert.match(
      jobs.stdout,
      /^job\.batch\/hello-\d+$/m,
      'a Job within 2.5 wall seconds: more than two virtual minutes',
    );
  } finally {
    kubectl.cleanup();
    await server.close();
  }
});

test('the task a lab start prints is its README\'s "Your task"', () => {
  const task = labTask(path.join(root, 'curriculum', '02-deployments'));
  assert.match(task, /^1\. Create a Deployment `my-tomcat`/);
  assert.doesNotMatch(task, /## Checking your work/);
});
