// kubectl exec (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go): POD [-c CONTAINER] -- COMMAND [args...],
// through the pods/exec subresource, which the API server proxies to the pod's kubelet. The command's exit
// status becomes kubectl's, after "command terminated with exit code N". The user needs `get pods` and the exec
// connection (`get pods/exec` over a WebSocket, else `create pods/exec` over SPDY: ApiClient.connect).
import type { Command } from '../context';
import { KubectlFailure, CmdError } from '../errors';
import { targetPod, defaultContainer } from './pod-target';

export const exec: Command = {
  path: 'kubectl exec',
  flags: {
    container: { type: 'string', short: 'c' },
    stdin: { type: 'bool', short: 'i' },
    tty: { type: 'bool', short: 't' },
    quiet: { type: 'bool', short: 'q' },
    filename: { type: 'strings', short: 'f' },
    'pod-running-timeout': { type: 'string' },
  },
  run(ctx) {
    const { args, dashAt } = ctx.parsed;
    // kubectl 1.30 still runs the command without `--`, after a warning (1.31 refuses it)
    const legacy = dashAt < 0 && args.length > 1;
    if (legacy)
      ctx.err(
        'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n',
      );
    const podArgs = legacy ? args.slice(0, 1) : dashAt < 0 ? args : args.slice(0, dashAt);
    const argv = legacy ? args.slice(1) : dashAt < 0 ? [] : args.slice(dashAt);
    if (!podArgs.length) throw new CmdError('pod, type/name or --filename must be specified');
    if (!argv.length) throw new CmdError('you must specify at least one command for the container');
    const pod = targetPod(ctx, podArgs[0]);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
      throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const name = ctx.flag<string>('container') || defaultContainer(ctx, pod);
    const stdin = ctx.opts.stdin !== undefined;
    const session = ctx.api.connect(pod.metadata.namespace!, pod.metadata.name!, 'exec', {
      container: name,
      command: argv,
      stdin: stdin ? 'true' : undefined,
      stdout: 'true',
      stderr: 'true',
    });
    const r = ctx.api.run(session, ctx.opts.stdin ?? '');
    ctx.out(r.stdout);
    ctx.err(r.stderr);
    // the error channel's Status (remotecommand errorDecoderV4): an exit code, or the failure's message
    const s = r.status;
    if (!s || s.status === 'Success') return;
    if (s.reason === 'NonZeroExitCode') {
      const code = Number(s.details?.causes?.find((c: any) => c.reason === 'ExitCode')?.message ?? 1);
      throw new KubectlFailure(`command terminated with exit code ${code}`, code);
    }
    throw new CmdError(s.message ?? 'error stream protocol error: unknown error');
  },
};
