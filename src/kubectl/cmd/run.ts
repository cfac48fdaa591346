// kubectl run (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go, generate/versioned/run.go BasicPod):
// a pod labelled run=NAME with one container named NAME; `pod/NAME created`.

import type { Command } from '../context';
import { CmdError, KubectlFailure } from '../errors';
import { printResult } from './output';
import { mergePatch, strategicMergePatch } from '../../apiserver/patch';
import { patched } from '../../apiserver/apiserver';
import type { JsonPatchOp } from '../../apiserver/patch';
import { TEMPLATE_FLAGS } from '../printers/template-printer';

export const run: Command = {
  path: 'kubectl run',
  flags: {
    image: { type: 'string' }, port: { type: 'string' }, labels: { type: 'string', short: 'l' }, restart: { type: 'string', default: 'Always' },
    env: { type: 'array' }, command: { type: 'bool' }, 'dry-run': { type: 'string' }, output: { type: 'string', short: 'o' }, ...TEMPLATE_FLAGS,
    'image-pull-policy': { type: 'string' }, annotations: { type: 'array' }, expose: { type: 'bool' }, stdin: { type: 'bool', short: 'i' },
    tty: { type: 'bool', short: 't' }, rm: { type: 'bool' }, attach: { type: 'bool' }, quiet: { type: 'bool', short: 'q' },
    privileged: { type: 'bool' }, overrides: { type: 'string' }, 'override-type': { type: 'string', default: 'merge' }, 'service-account': { type: 'string' }, 'pod-running-timeout': { type: 'string' },
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
    if (lt) for (const kv of lt.split(',')) {
      const [k, v] = kv.split('=');
      if (v === undefined) throw new CmdError(`invalid label spec: ${kv}`);
      labels[k] = v;
    } else labels.run = name;
    const container: any = { name, image, resources: {} };
    const rest = ctx.args.slice(1);
    if (rest.length) container[ctx.flag('command') ? 'command' : 'args'] = rest;
    const env = ctx.flag<string[]>('env');
    if (env.length) container.env = env.map((e) => { const i = e.indexOf('='); return { name: e.slice(0, i), value: e.slice(i + 1) }; });
    if (ctx.flag('port')) container.ports = [{ containerPort: Number(ctx.flag('port')) }];
    if (ctx.flag('image-pull-policy')) container.imagePullPolicy = ctx.flag('image-pull-policy');
    const annotations: Record<string, string> = {};
    for (const a of ctx.flag<string[]>('annotations')) { const i = a.indexOf('='); annotations[a.slice(0, i)] = a.slice(i + 1); }
    let pod: any = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name, namespace: ctx.namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart, ...(ctx.flag('service-account') ? { serviceAccountName: ctx.flag('service-account') } : {}) },
    };
    if (ctx.flag<string>('overrides')) pod = override(pod, ctx.flag<string>('overrides'), ctx.flag<string>('override-type'));
    const dryRun = ctx.flag<string>('dry-run');
    // the generated Pod as it is before any server saw it: no namespace, a null creationTimestamp, a zero status
    if (dryRun === 'client') { printResult(ctx, { ...pod, metadata: { ...pod.metadata, namespace: undefined, creationTimestamp: null }, status: {} }, 'created (dry run)'); return; }
    printResult(ctx, ctx.api.create(pod, { dryRun: dryRun === 'server' }), 'created');
  },
};

/** cmdutil.Merge / --override-type: the generated object patched with the --overrides JSON (a JSON merge patch by default). */
function override(obj: any, fragment: string, type: string): any {
  if (!['merge', 'strategic', 'json'].includes(type)) throw new CmdError(`--override-type must be one of [json merge strategic], got "${type}"`);
  let patch: unknown;
  try { patch = JSON.parse(fragment); } catch { throw new CmdError('Invalid JSON Patch'); }
  if (type === 'json') { const out = patched(obj, patch as JsonPatchOp[], 'json'); delete out.metadata.resourceVersion; return out; }
  return type === 'strategic' ? strategicMergePatch(obj, patch) : mergePatch(obj, patch);
}
