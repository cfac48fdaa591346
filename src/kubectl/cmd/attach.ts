// kubectl attach (staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go), and the attach of `kubectl run -i`: the
// container's output from now on, stdout and stderr apart, as pods/attach streams it from the kubelet
// (src/server/pods.ts); with -i, kubectl's stdin goes to the container's PID 1 (a container with `stdin: true`) and its end
// closes that stdin when the container asks for `stdinOnce`. On the virtual clock, time passes while kubectl
// stays attached, until the container stops; a container that never stops is left after an hour (or
// --request-timeout) of virtual time, as a user would press Ctrl-C (exit status 130).
import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { CmdError, KubectlFailure } from '../errors';
import { parseDuration } from '../../runtime/duration';
import { targetPod, findContainer, defaultContainer } from './pod-target';

/** How long the emulated kubectl stays attached to a container that does not stop. */
export const ATTACH_LIMIT_MS = 3_600_000;

export const attach: Command = {
  path: 'kubectl attach',
  flags: {
    container: { type: 'string', short: 'c' },
    stdin: { type: 'bool', short: 'i' },
    tty: { type: 'bool', short: 't' },
    quiet: { type: 'bool', short: 'q' },
    'pod-running-timeout': { type: 'string', default: '1m0s' },
  },
  run(ctx) {
    if (!ctx.args.length) throw new CmdError('at least 1 argument is required for attach');
    if (ctx.args.length > 2)
      throw new KubectlFailure(
        `error: expected POD, TYPE/NAME, or TYPE NAME, (${ctx.args.length}) as arguments\nSee 'kubectl attach -h' for help and examples`,
      );
    const pod = targetPod(ctx, ctx.args.length === 2 ? `${ctx.args[0]}/${ctx.args[1]}` : ctx.args[0]);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
      throw new CmdError(`cannot attach a container in a completed pod; current phase is ${phase}`);
    let name = ctx.flag<string>('container');
    if (!name) name = defaultContainer(ctx, pod);
    else if (!findContainer(pod, name)) throw new CmdError(`container ${name} not found in pod ${pod.metadata.name}`);
    attachTo(ctx, pod, name, { stdin: !!ctx.flag('stdin'), tty: !!ctx.flag('tty'), quiet: !!ctx.flag('quiet') });
  },
};

/** AttachOptions.Run: the prompt, then pods/attach's stream until the container stops. */
export function attachTo(
  ctx: Ctx,
  pod: KObject,
  container: string,
  opts: { stdin: boolean; tty: boolean; quiet: boolean },
): void {
  const session = ctx.api.connect(pod.metadata.namespace!, pod.metadata.name!, 'attach', {
    container,
    stdin: opts.stdin ? 'true' : undefined,
    stdout: 'true',
    stderr: opts.tty ? undefined : 'true',
    tty: opts.tty ? 'true' : undefined,
  });
  if (!opts.quiet) {
    // kubectl's stdin here is never a terminal
    if (opts.tty) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    ctx.err("If you don't see a command prompt, try pressing enter.\n");
  }
  let ended = false;
  const live = ctx.api.attach(session, {
    write: (channel, data) => {
      if (channel === 1) ctx.out(data);
      else if (channel === 2) ctx.err(data);
    },
    close: () => {
      ended = true;
    },
  });
  if (opts.stdin) {
    live.input(ctx.opts.stdin ?? '');
    live.inputEnd();
  }
  const timeout = ctx.parsed.flags['request-timeout'] as string | undefined;
  const limit = timeout && !/^0[a-z]*$/.test(timeout) ? parseDuration(timeout) : ATTACH_LIMIT_MS;
  if (!ended) ctx.wait(() => ended, limit);
  live.stop();
  if (!ended) throw new KubectlFailure('', 130);
}
