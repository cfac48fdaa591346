// kubectl rollout status|history|undo|restart for StatefulSets and DaemonSets (polymorphichelpers/
// rollout_status.go StatefulSetStatusViewer and DaemonSetStatusViewer, history.go printHistory over
// ControllerRevisions, rollback.go StatefulSetRollbacker and DaemonSetRollbacker, objectrestarter.go).
// withSets wraps the Deployment commands: a command naming a StatefulSet or DaemonSet runs here.

import type { Command, Ctx } from '../../context';
import { clone, deepEqual, type KObject } from '../../../api/meta';
import { CmdError } from '../../errors';
import { parseTargets, kindName } from '../../resources';
import { goTabwriter } from '../../../util/go/tabwriter';
import { sortRevisions } from '../../../api/apps';
import { formatTime } from '../../../runtime/clock';
import { describePodTemplate } from '../../describe/pod';
import { watchRolloutStatus } from './rollout';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const SETS = new Set(['statefulsets', 'daemonsets']);

/** The objects named, when they are StatefulSets or DaemonSets; undefined for other kinds. */
function sets(ctx: Ctx): KObject[] | undefined {
  if (!ctx.args.length) return undefined;
  const targets = parseTargets(ctx.resources, ctx.args);
  if (!targets.every((t) => SETS.has(t.r.resource))) return undefined;
  const out: KObject[] = [];
  for (const t of targets) {
    if (!t.names.length) throw new CmdError('resource(s) were provided, but no name was specified');
    for (const n of t.names) out.push(ctx.api.get(t.r.resource, ctx.namespace, n));
  }
  return out;
}

const slash = (ctx: Ctx, o: KObject) =>
  `${kindName(ctx.api.info(o.kind === 'StatefulSet' ? 'statefulsets' : 'daemonsets'))}/${o.metadata.name}`;

/** The status viewers: the message, and whether the rollout is done. */
export function setRolloutStatus(o: KObject): [string, boolean] {
  const s = o.status ?? {},
    spec = o.spec ?? {};
  if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate')
    throw new CmdError('rollout status is only available for RollingUpdate strategy type');
  if (o.kind === 'DaemonSet') {
    if ((o.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
      return ['Waiting for daemon set spec update to be observed...\n', false];
    const desired = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < desired)
      return [
        `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`,
        false,
      ];
    if ((s.numberAvailable ?? 0) < desired)
      return [
        `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`,
        false,
      ];
    return [`daemon set "${o.metadata.name}" successfully rolled out\n`, true];
  }
  if (!s.observedGeneration || (o.metadata.generation ?? 0) > s.observedGeneration)
    return ['Waiting for statefulset spec update to be observed...\n', false];
  const replicas = spec.replicas ?? 1;
  if ((s.readyReplicas ?? 0) < replicas)
    return [`Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`, false];
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  if (spec.updateStrategy?.rollingUpdate && partition !== undefined && partition !== null) {
    if ((s.updatedReplicas ?? 0) < replicas - partition)
      return [
        `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`,
        false,
      ];
    return [`partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`, true];
  }
  if (s.updateRevision !== s.currentRevision)
    return [
      `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...\n`,
      false,
    ];
  return [
    `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`,
    true,
  ];
}

function status(base: Command): Command {
  return {
    ...base,
    run(ctx) {
      const objs = sets(ctx);
      if (!objs) return base.run(ctx);
      for (const o of objs) watchRolloutStatus(ctx, o, setRolloutStatus);
    },
  };
}

/** controlledHistories (polymorphichelpers/history.go): the ControllerRevisions the set controls. */
function controlledHistories(ctx: Ctx, o: KObject): KObject[] {
  return ctx.api.list('controllerrevisions', { namespace: o.metadata.namespace, ownerUid: o.metadata.uid });
}

const templateOf = (rev: KObject) => {
  const t = clone(rev.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
};

function history(base: Command): Command {
  return {
    ...base,
    run(ctx) {
      const objs = sets(ctx);
      if (!objs) return base.run(ctx);
      const want = ctx.flag<number>('revision') ?? 0;
      for (const o of objs) {
        const revs = sortRevisions(controlledHistories(ctx, o));
        if (!revs.length) {
          ctx.out(`${slash(ctx, o)} \nNo rollout history found.\n`);
          continue;
        }
        if (want > 0) {
          const rev = revs.find((r) => r.revision === want);
          if (!rev) throw new CmdError('unable to find the specified revision');
          const w: string[] = [];
          describePodTemplate(w, templateOf(rev));
          ctx.out(`${slash(ctx, o)} with revision #${want}\n${w.join('')}\n`);
          continue;
        }
        let table = 'REVISION\tCHANGE-CAUSE\n';
        for (const r of revs) table += `${r.revision}\t${r.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`;
        ctx.out(`${slash(ctx, o)} \n${goTabwriter(table)}\n`);
      }
    },
  };
}

function undo(base: Command): Command {
  return {
    ...base,
    run(ctx) {
      const objs = sets(ctx);
      if (!objs) return base.run(ctx);
      const to = ctx.flag<number>('to-revision') ?? 0;
      for (const o of objs) {
        try {
          // findHistory: the given revision, or the second newest
          const revs = sortRevisions(controlledHistories(ctx, o));
          const target =
            to === 0 ? (revs.length > 1 ? revs[revs.length - 2] : undefined) : revs.find((r) => r.revision === to);
          if (!target) throw new CmdError(`unable to find specified revision ${to} in history`);
          const template = templateOf(target);
          if (deepEqual(template, o.spec?.template)) {
            ctx.out(`${slash(ctx, o)} skipped rollback (current template already matches revision ${to})\n`);
            continue;
          }
          ctx.api.patch(
            o.kind === 'StatefulSet' ? 'statefulsets' : 'daemonsets',
            o.metadata.namespace,
            o.metadata.name!,
            [{ op: 'replace', path: '/spec/template', value: template }],
            'json',
          );
          ctx.out(`${slash(ctx, o)} rolled back\n`);
        } catch (e) {
          ctx.errors.push(e);
        }
      }
    },
  };
}

function restart(base: Command): Command {
  return {
    ...base,
    run(ctx) {
      const objs = sets(ctx);
      if (!objs) return base.run(ctx);
      for (const o of objs) {
        const next = clone(o);
        const t = next.spec.template;
        t.metadata = {
          ...(t.metadata ?? {}),
          annotations: { ...(t.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': formatTime(ctx.now) },
        };
        ctx.api.update(next);
        ctx.out(`${slash(ctx, o)} restarted\n`);
      }
    },
  };
}

/** The rollout commands, with StatefulSets and DaemonSets handled here and everything else by `base`. */
export function withSets(base: Record<string, Command>): Record<string, Command> {
  const out = { ...base };
  if (base.status) out.status = status(base.status);
  if (base.history) out.history = history(base.history);
  if (base.undo) out.undo = undo(base.undo);
  if (base.restart) out.restart = restart(base.restart);
  return out;
}
