// The RBAC table with the real kubectl (1.30, the reference) against `kspec serve`: each operation run as the
// user (--as, which the admin may impersonate) is Forbidden exactly when the real `kubectl auth can-i` (a
// SelfSubjectAccessReview) says one of its requests is not allowed, and the emulated kubectl's can-i gives the same
// answers. npm test runs a slice; `RBAC_REAL=all` runs every user, operation and scope (a few minutes).
// Under CI=true a missing kubectl fails instead of skipping (test/helpers/real-kubectl.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveCluster, type ServedCluster } from '../src/server/serve';
import { RealKubectl, findKubectl, missingKubectl, words } from './helpers/real-kubectl';
import { USERS, SCOPES, OPS, cluster } from './helpers/rbac-policy';

const skip = missingKubectl('1.30');
const all = process.env.RBAC_REAL === 'all';
const users = all ? USERS : USERS.filter(([u]) => ['dev', 'execer', 'ws-execer'].includes(u));
const scopes = all ? SCOPES : ['-n default', '-A'];
const ops = all
  ? OPS
  : OPS.filter((o) =>
      [
        'get configmaps -o yaml',
        'get pods -w',
        'exec web -- echo hi',
        'logs web',
        'scale deployment app --replicas=2',
      ].includes(o.line),
    );

let served: ServedCluster, kubectl: RealKubectl;

before(async () => {
  if (skip) return;
  served = await serveCluster(cluster(), { clock: 'manual' });
  kubectl = new RealKubectl(findKubectl('1.30')!, served.kubeconfig);
});
after(async () => {
  if (served) await served.close();
  kubectl?.cleanup();
});

test('real kubectl: an operation is Forbidden exactly when auth can-i says so', { skip }, async () => {
  const emulated = cluster();
  for (const [user, group] of users) {
    const as = [`--as=${user}`, ...(group ? [`--as-group=${group}`] : [])];
    for (const scope of scopes) {
      for (const op of ops) {
        const opScope = op.namespaced === false ? '' : op.namespaced && scope === '-A' ? '-n default' : scope;
        const canI = async (q: string) => {
          const real = await kubectl.run(['auth', 'can-i', ...words(q), ...words(opScope), ...as]);
          const twin = emulated.kubectl(`auth can-i ${q} ${opScope} ${as.join(' ')}`);
          assert.equal(
            real.stdout,
            twin.stdout,
            `${user} can-i ${q} ${opScope}: real ${real.stdout.trim()}, emulated ${twin.stdout.trim()}`,
          );
          return real.stdout.trim() === 'yes';
        };
        let expected = true;
        for (const group of op.requests) {
          let some = false;
          for (const q of group)
            if (await canI(q)) {
              some = true;
              break;
            }
          if (!some) {
            expected = false;
            break;
          }
        }
        // `get -w` would wait for changes: the request timeout ends it after the watch was allowed
        // the flags go after the command (kubectl's -A is get's own flag) and before a `--`
        const w = words(op.line),
          dash = w.indexOf('--');
        const line =
          dash < 0
            ? [...w, ...words(opScope), ...as]
            : [...w.slice(0, dash), ...words(opScope), ...as, ...w.slice(dash)];
        const r = await kubectl.run(op.line.includes(' -w') ? ['--request-timeout=1s', ...line] : line, {
          timeoutMs: op.line.includes(' -w') ? 5_000 : 30_000,
        });
        // refused: Forbidden, or (kubectl scale, whose GET was refused) nothing to act on; a watch ends at its timeout
        const refused = op.line.includes(' -w') ? /\(Forbidden\)|is forbidden/.test(r.stderr) : r.exitCode !== 0;
        assert.equal(
          !refused,
          expected,
          `${user} ${op.line} ${opScope}: can-i says ${expected ? 'yes' : 'no'}, kubectl was ${refused ? 'refused' : 'let through'}\n${r.stderr}`,
        );
      }
    }
  }
});
