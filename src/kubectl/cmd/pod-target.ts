// The pod a `logs` or `exec` command talks to (polymorphichelpers AttachablePodForObject): a pod by name or
// `pod/x`, or the first pod of a workload's selector (`deploy/web`), and the container it means
// (podcmd.FindOrDefaultContainerByName).
import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { fromLabelSelector } from '../../api/selectors';
import { resolveOrFail } from '../resources';
import { KubectlFailure } from '../errors';

export function targetPod(ctx: Ctx, arg: string): KObject {
  const i = arg.indexOf('/');
  const r = i < 0 ? resolveOrFail(ctx.resources, 'pods') : resolveOrFail(ctx.resources, arg.slice(0, i));
  const name = i < 0 ? arg : arg.slice(i + 1);
  const obj = ctx.api.get(r.resource, ctx.namespace, name);
  if (r.resource === 'pods') return obj;
  const sel = obj.spec?.selector;
  if (!sel)
    throw new KubectlFailure(`error: cannot attach to *v1.${obj.kind}: selector for *v1.${obj.kind} not implemented`);
  const selector =
    sel.matchLabels || sel.matchExpressions ? fromLabelSelector(sel) : fromLabelSelector({ matchLabels: sel });
  // GetFirstPod: the pods sorted as ActivePods would put the most available first
  const pods = ctx.api
    .list('pods', { namespace: ctx.namespace, labelSelector: selector ?? undefined })
    .filter((p) => !p.metadata.deletionTimestamp)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.metadata.creationTimestamp! < b.metadata.creationTimestamp!
          ? -1
          : a.metadata.creationTimestamp! > b.metadata.creationTimestamp!
            ? 1
            : 0),
    );
  if (!pods.length) throw new KubectlFailure(`error: timed out waiting for the condition`);
  if (pods.length > 1) ctx.err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  return pods[0];
}

function rank(p: KObject): number {
  if (p.status?.phase !== 'Running') return 2;
  return p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ? 0 : 1;
}

/** All container names, with `(init)` after init containers: `nginx, tomcat, war (init)`. */
export function allContainerNames(pod: KObject): string {
  return [
    ...(pod.spec?.containers ?? []).map((c: any) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c: any) => `${c.name} (init)`),
  ].join(', ');
}

export function findContainer(pod: KObject, name: string): any {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === name);
}

/** The `kubectl.kubernetes.io/default-container` annotation's container, if it names one. */
export function annotatedContainer(pod: KObject): string | undefined {
  const n = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  return n && findContainer(pod, n) ? n : undefined;
}

/**
 * The container a command means when --container is not given (podcmd.FindOrDefaultContainerByName): the
 * annotated default, else the first; with more than one container kubectl says which it took unless --quiet.
 */
export function defaultContainer(ctx: Ctx, pod: KObject): string {
  const annotated = annotatedContainer(pod);
  const name = annotated ?? pod.spec?.containers?.[0]?.name ?? '';
  const count = (pod.spec?.containers?.length ?? 0) + (pod.spec?.initContainers?.length ?? 0);
  if (count > 1 && !annotated && !ctx.flag('quiet'))
    ctx.err(`Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`);
  return name;
}
