// kubectl rollout status|history|undo|restart|pause|resume for Deployments
// (staging/src/k8s.io/kubectl/pkg/cmd/rollout/, polymorphichelpers/{rollout_status,history,rollback}.go).

import type { Command, Ctx } from '../../context';
import { clone, type KObject } from '../../../api/meta';
import { CmdError, KubectlFailure } from '../../errors';
import { parseTargets, kindName } from '../../resources';
import { goTabwriter } from '../../../util/go/tabwriter';
import { parseDuration } from '../../../runtime/duration';
import { formatTime } from '../../../runtime/clock';
import { equalIgnoreHash, revision, skipCopyAnnotation, POD_TEMPLATE_HASH_LABEL } from '../../../api/apps';
import { CHANGE_CAUSE_ANNOTATION } from '../../record';
import { describePodTemplate } from '../../describe/pod';

function deployments(ctx: Ctx, usage: string): KObject[] {
  if (!ctx.args.length)
    throw new KubectlFailure(`error: required resource not specified\nSee '${usage} -h' for help and examples`);
  const out: KObject[] = [];
  for (const t of parseTargets(ctx.resources, ctx.args)) {
    if (t.r.resource !== 'deployments')
      throw new CmdError(
        `no ${usage.split(' ').pop()} viewer has been implemented for ${t.r.group ? t.r.group + '/' : ''}${t.r.version}, Kind=${t.r.kind}`,
      );
    if (!t.names.length) throw new CmdError('resource(s) were provided, but no name was specified');
    for (const n of t.names) out.push(ctx.api.get(t.r.resource, ctx.namespace, n));
  }
  return out;
}

function replicaSetsOf(ctx: Ctx, d: KObject): KObject[] {
  return ctx.api.list('replicasets', { namespace: d.metadata.namespace, ownerUid: d.metadata.uid });
}

/** DeploymentStatusViewer.Status: the message, and whether the rollout is done. */
export function deploymentStatus(d: KObject): [string, boolean] {
  const name = d.metadata.name,
    s = d.status ?? {},
    replicas = d.spec?.replicas ?? 1;
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return ['Waiting for deployment spec update to be observed...\n', false];
  const progressing = (s.conditions ?? []).find((c: any) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    throw new CmdError(`deployment "${name}" exceeded its progress deadline`);
  const updated = s.updatedReplicas ?? 0,
    total = s.replicas ?? 0,
    available = s.availableReplicas ?? 0;
  if (updated < replicas)
    return [
      `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`,
      false,
    ];
  if (total > updated)
    return [
      `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`,
      false,
    ];
  if (available < updated)
    return [
      `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
      false,
    ];
  return [`deployment "${name}" successfully rolled out\n`, true];
}

const status: Command = {
  path: 'kubectl rollout status',
  flags: {
    watch: { type: 'bool', short: 'w', default: true },
    timeout: { type: 'string', default: '0s' },
    revision: { type: 'int', default: 0 },
    filename: { type: 'strings', short: 'f' },
    selector: { type: 'string', short: 'l' },
    recursive: { type: 'bool', short: 'R' },
  },
  run(ctx) {
    for (const d of deployments(ctx, 'kubectl rollout status')) watchRolloutStatus(ctx, d, deploymentStatus);
  },
};

/** How long the emulated kubectl follows a rollout that --timeout does not bound (kubectl would wait for ever). */
const ROLLOUT_LIMIT_MS = 15 * 60 * 1000;

/**
 * RolloutStatusOptions.Run: watches the object (a list and watch of its name) and prints the status viewer's
 * message for every event, the current state first, until the rollout is done; without --watch, once. Time
 * passes while kubectl waits.
 */
export function watchRolloutStatus(ctx: Ctx, obj: KObject, viewer: (o: KObject) => [string, boolean]): void {
  const r = ctx.resources.forKind(obj.kind!)!;
  if (!ctx.flag('watch')) {
    ctx.out(viewer(ctx.api.get(r.resource, obj.metadata.namespace, obj.metadata.name!))[0]);
    return;
  }
  const timeout = ctx.flag<string>('timeout');
  const limit = timeout && timeout !== '0s' && timeout !== '0' ? parseDuration(timeout) : ROLLOUT_LIMIT_MS;
  let done = false,
    failed: unknown;
  const stop = ctx.api.watch(
    r,
    obj.metadata.namespace,
    { fieldSelector: `metadata.name=${obj.metadata.name}` },
    (type, o) => {
      if (done) return;
      // a deleted object ends the watch: kubectl does not follow a new object of the same name
      if (type === 'DELETED') {
        failed = new CmdError('object has been deleted');
        done = true;
        return;
      }
      if (type !== 'ADDED' && type !== 'MODIFIED') return;
      try {
        const [msg, finished] = viewer(o);
        ctx.out(msg);
        done = finished;
      } catch (e) {
        failed = e;
        done = true;
      }
    },
  );
  try {
    if (!done && !ctx.wait(() => done, limit)) throw new CmdError('timed out waiting for the condition');
  } finally {
    stop();
  }
  if (failed) throw failed;
}

const history: Command = {
  path: 'kubectl rollout history',
  flags: {
    revision: { type: 'int', default: 0 },
    output: { type: 'string', short: 'o' },
    filename: { type: 'strings', short: 'f' },
    selector: { type: 'string', short: 'l' },
    recursive: { type: 'bool', short: 'R' },
  },
  run(ctx) {
    for (const d of deployments(ctx, 'kubectl rollout history')) {
      const byRevision = new Map<number, KObject>();
      for (const rs of replicaSetsOf(ctx, d)) byRevision.set(revision(rs), rs);
      if (!byRevision.size) {
        ctx.out('No rollout history found.\n');
        continue;
      }
      const want = ctx.flag<number>('revision');
      if (want > 0) {
        const rs = byRevision.get(want);
        if (!rs) throw new CmdError('unable to find the specified revision');
        ctx.out(`deployment.apps/${d.metadata.name} with revision #${want}\n${templateText(rs)}`);
        continue;
      }
      let table = 'REVISION\tCHANGE-CAUSE\n';
      for (const r of [...byRevision.keys()].sort((a, b) => a - b))
        table += `${r}\t${byRevision.get(r)!.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>'}\n`;
      ctx.out(`deployment.apps/${d.metadata.name} \n${goTabwriter(table)}\n`);
    }
  },
};

/**
 * printTemplate (polymorphichelpers/history.go): DescribePodTemplate written without a tabwriter, so its tabs
 * stay tabs; the RS's change-cause appears among the template's annotations, as ViewHistory puts it there.
 */
function templateText(rs: KObject): string {
  const t = clone(rs.spec?.template ?? {});
  const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
  if (cause) {
    t.metadata ??= {};
    t.metadata.annotations = { ...(t.metadata.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: cause };
  }
  const w: string[] = [];
  describePodTemplate(w, t);
  return w.join('') + '\n';
}

const undo: Command = {
  path: 'kubectl rollout undo',
  flags: {
    'to-revision': { type: 'int', default: 0 },
    'dry-run': { type: 'string' },
    output: { type: 'string', short: 'o' },
    filename: { type: 'strings', short: 'f' },
    selector: { type: 'string', short: 'l' },
    recursive: { type: 'bool', short: 'R' },
  },
  run(ctx) {
    const to = ctx.flag<number>('to-revision');
    for (const d of deployments(ctx, 'kubectl rollout undo')) {
      try {
        if (d.spec?.paused)
          throw new CmdError(
            `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`,
          );
        // deploymentRevision: the given revision, or the second newest
        let latest: KObject | undefined,
          latestRev = -1,
          previous: KObject | undefined,
          previousRev = -1,
          found: KObject | undefined;
        for (const rs of replicaSetsOf(ctx, d)) {
          const v = revision(rs);
          if (to === 0) {
            if (latestRev < v) {
              previousRev = latestRev;
              previous = latest;
              latestRev = v;
              latest = rs;
            } else if (previousRev < v) {
              previousRev = v;
              previous = rs;
            }
          } else if (v === to) found = rs;
        }
        if (to > 0 && !found) throw new CmdError(`unable to find specified revision ${to} in history`);
        const rs = found ?? previous;
        if (!rs) throw new CmdError(`no rollout history found for deployment "${d.metadata.name}"`);
        if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) {
          ctx.out(
            `deployment.apps/${d.metadata.name} skipped rollback (current template already matches revision ${to})\n`,
          );
          continue;
        }
        const template = clone(rs.spec.template);
        if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
        const annotations: Record<string, string> = {};
        for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
          if (skipCopyAnnotation(k)) annotations[k] = v;
        for (const [k, v] of Object.entries(rs.metadata.annotations ?? {}))
          if (!skipCopyAnnotation(k)) annotations[k] = v;
        ctx.api.patch(
          'deployments',
          d.metadata.namespace,
          d.metadata.name!,
          [
            { op: 'replace', path: '/spec/template', value: template },
            { op: 'replace', path: '/metadata/annotations', value: annotations },
          ],
          'json',
        );
        ctx.out(`deployment.apps/${d.metadata.name} rolled back\n`);
      } catch (e) {
        ctx.errors.push(e);
      }
    }
  },
};

function specChange(path: string, verb: string, change: (ctx: Ctx, d: KObject) => string | undefined): Command {
  return {
    path,
    flags: {
      filename: { type: 'strings', short: 'f' },
      selector: { type: 'string', short: 'l' },
      output: { type: 'string', short: 'o' },
      'field-manager': { type: 'string' },
      recursive: { type: 'bool', short: 'R' },
    },
    run(ctx) {
      for (const d of deployments(ctx, path)) {
        try {
          const next = clone(d);
          const already = change(ctx, next);
          if (already) {
            ctx.out(`${kindName(ctx.api.info('deployments'))}/${d.metadata.name} ${already}\n`);
            continue;
          }
          ctx.api.update(next);
          ctx.out(`${kindName(ctx.api.info('deployments'))}/${d.metadata.name} ${verb}\n`);
        } catch (e) {
          ctx.errors.push(e);
        }
      }
    },
  };
}

const restart = specChange('kubectl rollout restart', 'restarted', (ctx, d) => {
  if (d.spec?.paused) throw new CmdError(`can't restart paused deployment (run rollout resume first)`);
  const t = d.spec.template;
  t.metadata = t.metadata ?? {};
  t.metadata.annotations = {
    ...(t.metadata.annotations ?? {}),
    'kubectl.kubernetes.io/restartedAt': formatTime(ctx.now),
  };
  return undefined;
});
const pause = specChange('kubectl rollout pause', 'paused', (_ctx, d) => {
  // objectpauser.go: an error, printed as `error: deployments.apps "web" is already paused`
  if (d.spec?.paused) throw new CmdError(`error: deployments.apps "${d.metadata.name}" is already paused`);
  d.spec.paused = true;
  return undefined;
});
const resume = specChange('kubectl rollout resume', 'resumed', (_ctx, d) => {
  if (!d.spec?.paused) throw new CmdError(`error: deployments.apps "${d.metadata.name}" is not paused`);
  delete d.spec.paused;
  return undefined;
});

export const ROLLOUT: Record<string, Command> = { status, history, undo, restart, pause, resume };
