// kubectl exec (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go): POD [-c CONTAINER] -- COMMAND [args...],
// run by the node's kubelet in the running container (src/kubelet/runtime/exec.ts). The command's exit status
// becomes kubectl's, after "command terminated with exit code N". The user needs `get pods` and the exec
// connection (connectStream: `get pods/exec` over a WebSocket, else `create pods/exec` over SPDY).
import type { Command } from '../context';
import { StatusError } from '../../api/errors';
import { KubectlFailure, CmdError } from '../errors';
import { runExec, ExecNotFound, ExecUnsupported } from '../../kubelet/runtime/exec';
import { targetPod, findContainer, annotatedContainer, allContainerNames, connectStream } from './pod-target';

export const exec: Command = {
  path: 'kubectl exec',
  flags: {
    container: { type: 'string', short: 'c' }, stdin: { type: 'bool', short: 'i' }, tty: { type: 'bool', short: 't' },
    quiet: { type: 'bool', short: 'q' }, filename: { type: 'strings', short: 'f' }, 'pod-running-timeout': { type: 'string' },
  },
  run(ctx) {
    const { args, dashAt } = ctx.parsed;
    if (dashAt < 0 && args.length > 1) {
      throw new KubectlFailure(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`);
    }
    const podArgs = dashAt < 0 ? args : args.slice(0, dashAt);
    const argv = dashAt < 0 ? [] : args.slice(dashAt);
    if (!podArgs.length) throw new CmdError('pod, type/name or --filename must be specified');
    if (!argv.length) throw new CmdError('you must specify at least one command for the container');
    const pod = targetPod(ctx, podArgs[0]);
    connectStream(ctx, pod, 'exec');
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    let name = ctx.flag<string>('container');
    if (!name) {
      name = annotatedContainer(pod) ?? pod.spec?.containers?.[0]?.name ?? '';
      if ((pod.spec?.containers?.length ?? 0) + (pod.spec?.initContainers?.length ?? 0) > 1 && !annotatedContainer(pod) && !ctx.flag('quiet')) {
        ctx.err(`Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`);
      }
    }
    const spec = findContainer(pod, name);
    if (!spec) throw new StatusError(400, 'BadRequest', `container ${name} is not valid for pod ${pod.metadata.name}`);
    const kubelets = ctx.cluster.kubelets;
    const rec = pod.spec?.nodeName ? kubelets.record(pod.metadata.namespace!, pod.metadata.name!) : undefined;
    const c = rec && [...rec.containers, ...rec.init].find((x) => x.name === name);
    if (!rec || !c || c.startedAt === undefined || c.terminated) throw new CmdError(`unable to upgrade connection: container not found ("${name}")`);
    let r;
    try {
      r = runExec({ api: ctx.cluster.api, pod, container: spec, record: c, podIP: rec.ip, files: kubelets.files, net: kubelets.net, argv, stdin: ctx.opts.stdin });
    } catch (e) {
      if (e instanceof ExecNotFound || e instanceof ExecUnsupported) throw new CmdError(e.message);
      throw e;
    }
    ctx.out(r.stdout);
    ctx.err(r.stderr);
    if (r.exitCode !== 0) throw new KubectlFailure(`command terminated with exit code ${r.exitCode}`, r.exitCode);
  },
};
