// kubectl run (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go, generate/versioned/run.go BasicPod):
// a pod labelled run=NAME with one container named NAME; `pod/NAME created`. With -i (or --attach) kubectl waits
// for the pod to run, attaches to it (./attach.ts; a pod already completed: its log instead), then, under
// restartPolicy Never or OnFailure, waits for its end and exits with the container's exit code; --rm deletes it.

import type { Command } from '../context';
import { CmdError, KubectlFailure } from '../errors';
import { printResult } from './output';
import { mergePatch, strategicMergePatch } from '../../apiserver/patch';
import { patched } from '../../apiserver/apiserver';
import type { JsonPatchOp } from '../../apiserver/patch';
import { TEMPLATE_FLAGS } from '../printers/template-printer';
import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { parseDuration } from '../../runtime/duration';
import { attachTo } from './attach';

export const run: Command = {
  path: 'kubectl run',
  flags: {
    image: { type: 'string' },
    port: { type: 'string' },
    labels: { type: 'string', short: 'l' },
    restart: { type: 'string', default: 'Always' },
    env: { type: 'array' },
    command: { type: 'bool' },
    'dry-run': { type: 'string' },
    output: { type: 'string', short: 'o' },
    ...TEMPLATE_FLAGS,
    'image-pull-policy': { type: 'string' },
    annotations: { type: 'array' },
    expose: { type: 'bool' },
    stdin: { type: 'bool', short: 'i' },
    'leave-stdin-open': { type: 'bool' },
    tty: { type: 'bool', short: 't' },
    rm: { type: 'bool' },
    attach: { type: 'bool' },
    quiet: { type: 'bool', short: 'q' },
    privileged: { type: 'bool' },
    overrides: { type: 'string' },
    'override-type': { type: 'string', default: 'merge' },
    'service-account': { type: 'string' },
    'pod-running-timeout': { type: 'string' },
  },
  run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new KubectlFailure(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples`);
    const image = ctx.flag<string>('image');
    if (!image) throw new CmdError('required flag(s) "image" not set');
    const restart = ctx.flag<string>('restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CmdError(`invalid restart policy: ${restart}`);
    const labels: Record<string, string> = {};
    const lt = ctx.flag<string>('labels');
    if (lt)
      for (const kv of lt.split(',')) {
        const [k, v] = kv.split('=');
        if (v === undefined) throw new CmdError(`invalid label spec: ${kv}`);
        labels[k] = v;
      }
    else labels.run = name;
    const container: any = { name, image, resources: {} };
    const rest = ctx.args.slice(1);
    if (rest.length) container[ctx.flag('command') ? 'command' : 'args'] = rest;
    const env = ctx.flag<string[]>('env');
    if (env.length)
      container.env = env.map((e) => {
        const i = e.indexOf('=');
        return { name: e.slice(0, i), value: e.slice(i + 1) };
      });
    if (ctx.flag('port')) container.ports = [{ containerPort: Number(ctx.flag('port')) }];
    if (ctx.flag('image-pull-policy')) container.imagePullPolicy = ctx.flag('image-pull-policy');
    const stdin = !!ctx.flag('stdin'),
      tty = !!ctx.flag('tty');
    if (tty && !stdin) throw new CmdError('-i/--stdin is required for containers with -t/--tty=true');
    if (stdin) {
      container.stdin = true;
      if (!ctx.flag('leave-stdin-open')) container.stdinOnce = true;
    }
    if (tty) container.tty = true;
    const attaching = stdin || !!ctx.flag('attach');
    if (!attaching && ctx.flag('rm'))
      throw new KubectlFailure(
        `error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples`,
      );
    const annotations: Record<string, string> = {};
    for (const a of ctx.flag<string[]>('annotations')) {
      const i = a.indexOf('=');
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    let pod: any = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ctx.namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: {
        containers: [container],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: restart,
        ...(ctx.flag('service-account') ? { serviceAccountName: ctx.flag('service-account') } : {}),
      },
    };
    if (ctx.flag<string>('overrides'))
      pod = override(pod, ctx.flag<string>('overrides'), ctx.flag<string>('override-type'));
    const dryRun = ctx.flag<string>('dry-run');
    if (attaching && dryRun && dryRun !== 'none')
      throw new CmdError(
        "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
      );
    // the generated Pod as it is before any server saw it: no namespace, a null creationTimestamp, a zero status
    if (dryRun === 'client') {
      printResult(
        ctx,
        { ...pod, metadata: { ...pod.metadata, namespace: undefined, creationTimestamp: null }, status: {} },
        'created (dry run)',
      );
      return;
    }
    const created = ctx.api.create(pod, { dryRun: dryRun === 'server' });
    if (!attaching) {
      printResult(ctx, created, 'created');
      return;
    }
    try {
      runAttached(ctx, created, restart, { stdin, tty });
    } finally {
      if (ctx.flag('rm')) {
        ctx.api.delete('pods', created.metadata.namespace, name, {});
        if (!ctx.flag('quiet')) ctx.out(`pod "${name}" deleted\n`);
      }
    }
  },
};

const phaseOf = (ctx: Ctx, pod: KObject) =>
  ctx.api.tryGet('pods', pod.metadata.namespace, pod.metadata.name!)?.status?.phase;
const ready = (p: KObject | undefined) =>
  p?.status?.phase === 'Running' &&
  (p.status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

/** handleAttachPod, then the wait for the exit code (run.go Run). */
function runAttached(ctx: Ctx, pod: KObject, restart: string, opts: { stdin: boolean; tty: boolean }): void {
  const ns = pod.metadata.namespace!,
    name = pod.metadata.name!;
  const timeout = parseDuration(ctx.flag<string>('pod-running-timeout') || '1m0s');
  const get = () => ctx.api.tryGet('pods', ns, name);
  const completed = () => {
    const ph = get()?.status?.phase;
    return ph === 'Succeeded' || ph === 'Failed';
  };
  if (!ready(get()) && !completed() && !ctx.wait(() => ready(get()) || completed(), timeout))
    throw new CmdError('timed out waiting for the condition');
  if (completed()) printLog(ctx, get()!);
  else attachTo(ctx, get()!, name, { stdin: opts.stdin, tty: opts.tty, quiet: !!ctx.flag('quiet') });
  if (restart === 'Always' || ctx.flag('leave-stdin-open')) return;
  const done = restart === 'OnFailure' ? () => phaseOf(ctx, pod) === 'Succeeded' : completed;
  if (!done() && !ctx.wait(done, timeout)) throw new CmdError('timed out waiting for the condition');
  const p = get()!;
  if (p.status.phase === 'Succeeded') return;
  const t = p.status.containerStatuses?.[0]?.state?.terminated;
  if (!t || t.exitCode === 0) throw new CmdError(`pod ${ns}/${name} failed with unknown exit code`);
  throw new KubectlFailure(`pod ${ns}/${name} terminated (${t.reason ?? ''})\n${t.message ?? ''}`, t.exitCode);
}

/** logOpts: the log of a pod that completed before kubectl could attach (pods/log), stdout and stderr together. */
function printLog(ctx: Ctx, pod: KObject): void {
  ctx.out(ctx.api.logs(pod.metadata.namespace!, pod.metadata.name!, { container: pod.spec.containers[0].name }));
}

/** cmdutil.Merge / --override-type: the generated object patched with the --overrides JSON (a JSON merge patch by default). */
function override(obj: any, fragment: string, type: string): any {
  if (!['merge', 'strategic', 'json'].includes(type))
    throw new CmdError(`--override-type must be one of [json merge strategic], got "${type}"`);
  let patch: unknown;
  try {
    patch = JSON.parse(fragment);
  } catch {
    throw new CmdError('Invalid JSON Patch');
  }
  if (type === 'json') {
    const out = patched(obj, patch as JsonPatchOp[], 'json');
    delete out.metadata.resourceVersion;
    return out;
  }
  return type === 'strategic' ? strategicMergePatch(obj, patch) : mergePatch(obj, patch);
}
