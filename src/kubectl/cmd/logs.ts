// kubectl logs (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go, polymorphichelpers/logsforobject.go): a pod's
// container log from the pods/log subresource (which the API server proxies to the pod's kubelet); -c,
// --previous, --tail, --timestamps, --prefix, --all-containers. Without -c, the default-container annotation's
// container, else the first.
import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { KubectlFailure, CmdError } from '../errors';
import { targetPod, findContainer, annotatedContainer, allContainerNames } from './pod-target';

export const logs: Command = {
  path: 'kubectl logs',
  flags: {
    container: { type: 'string', short: 'c' },
    previous: { type: 'bool', short: 'p' },
    follow: { type: 'bool', short: 'f' },
    tail: { type: 'int', default: -1 },
    timestamps: { type: 'bool' },
    prefix: { type: 'bool' },
    'all-containers': { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    since: { type: 'string' },
    'since-time': { type: 'string' },
    'limit-bytes': { type: 'int' },
    'max-log-requests': { type: 'int' },
    'pod-running-timeout': { type: 'string' },
    'ignore-errors': { type: 'bool' },
    'insecure-skip-tls-verify-backend': { type: 'bool' },
    'all-pods': { type: 'bool' },
  },
  run(ctx) {
    const args = ctx.args;
    const selector = ctx.flag<string>('selector');
    if (!args.length && !selector) {
      throw new KubectlFailure(
        `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`,
      );
    }
    if (args.length > 2)
      throw new KubectlFailure(
        `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`,
      );
    let container = ctx.flag<string>('container');
    if (args.length === 2) {
      if (container) throw new CmdError(`only one of -c or an inline [CONTAINER] arg is allowed`);
      container = args[1];
    }
    const pods = selector
      ? ctx.api.list('pods', { namespace: ctx.namespace, labelSelector: selector })
      : [targetPod(ctx, args[0])];
    if (selector && !pods.length) {
      ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
      return;
    }
    for (const pod of pods) {
      const names = ctx.flag<boolean>('all-containers')
        ? [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].map((c: any) => c.name)
        : [containerFor(ctx, pod, container)];
      for (const c of names) printLog(ctx, pod, c, ctx.flag<boolean>('prefix'));
    }
  },
};

/**
 * logsForObjectWithClient: -c must name a container; without it, the default-container annotation's, else the
 * first container, saying so when the pod has others (as exec does since kubectl 1.24).
 */
function containerFor(ctx: Ctx, pod: KObject, container: string): string {
  const name = pod.metadata.name;
  if (container) {
    if (!findContainer(pod, container)) throw new CmdError(`container ${container} is not valid for pod ${name}`);
    return container;
  }
  const wanted = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const annotated = annotatedContainer(pod);
  if (annotated) return annotated;
  if (wanted) ctx.err(`Default container name "${wanted}" not found in pod ${name}\n`);
  const first = pod.spec?.containers?.[0]?.name ?? '';
  if ((pod.spec?.containers?.length ?? 0) + (pod.spec?.initContainers?.length ?? 0) > 1)
    ctx.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}

function printLog(ctx: Ctx, pod: KObject, container: string, prefix: boolean): void {
  // with a selector, kubectl shows the last 10 lines unless --tail says otherwise
  const tail = ctx.has('tail') ? ctx.flag<number>('tail') : ctx.flag<string>('selector') ? 10 : -1;
  const text = ctx.api.logs(pod.metadata.namespace!, pod.metadata.name!, {
    container,
    previous: ctx.flag<boolean>('previous'),
    timestamps: ctx.flag<boolean>('timestamps'),
    tailLines: tail,
  });
  if (!prefix) {
    ctx.out(text);
    return;
  }
  // --prefix: each line with its source (DefaultConsumeRequest's line writer)
  for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined))
    ctx.out(`[pod/${pod.metadata.name}/${container}] ${line}\n`);
}
