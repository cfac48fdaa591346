// kubectl create deployment|namespace|configmap (staging/src/k8s.io/kubectl/pkg/cmd/create/): the objects
// kubectl builds, sent to the API server; `deployment.apps/web created`.

import type { Command, Ctx } from '../../context';
import type { KObject } from '../../../api/meta';
import { CmdError, KubectlFailure, addSource } from '../../errors';
import { fromFlags, isInfo } from '../../resource/builder';
import { printResult } from '../output';
import { withLastApplied } from '../apply';
import { TEMPLATE_FLAGS } from '../../printers/template-printer';

/** create_deployment.go buildPodSpec: the image's last path segment without tag or digest. */
export function containerNameFor(image: string, rng: { string(n: number): string }): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  // sanitizeAndUniquify: `_` and `.` are not allowed in a container name
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${rng.string(5)}`;
  return name;
}

/** The metadata a generator builds: the name, the zero creationTimestamp (`null`), and the namespace only when
 * -n gave one (o.EnforceNamespace); the API server puts the object in the default namespace otherwise. */
export function generatedMeta(ctx: Ctx, name: string): Record<string, any> {
  return { name, creationTimestamp: null, ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}) };
}

/**
 * Creates the generated object and prints it. Most generators word the server's refusal as their own error,
 * `failed` followed by it (`error: failed to create configmap: configmaps "a" already exists`); the others
 * (namespace, role, clusterrole, -f) print the server's error as it is. A generator's object goes where its typed
 * client sends it, without discovery (`typed`); -f's where the RESTMapper finds it.
 */
export function createObject(ctx: Ctx, obj: KObject, failed?: string, typed = true): void {
  const dryRun = ctx.flag<string>('dry-run');
  if (ctx.flag('save-config')) obj = withLastApplied(obj);
  if (dryRun === 'client') {
    printResult(ctx, obj, 'created (dry run)');
    return;
  }
  // the request goes to the command's namespace, whether or not the generated object names it
  obj = { ...obj, metadata: { ...obj.metadata, namespace: obj.metadata?.namespace ?? ctx.namespace } };
  let created: KObject;
  try {
    created = ctx.api.create(obj, { dryRun: dryRun === 'server', ...ctx.writeOptions() }, typed);
  } catch (e) {
    if (failed === undefined) throw e;
    throw new CmdError(`${failed}${(e as Error).message}`);
  }
  printResult(ctx, created, dryRun === 'server' ? 'created (server dry run)' : 'created');
}

export const COMMON = {
  output: { type: 'string' as const, short: 'o' },
  'dry-run': { type: 'string' as const },
  'save-config': { type: 'bool' as const },
  validate: { type: 'string' as const },
  'field-manager': { type: 'string' as const },
  'show-managed-fields': { type: 'bool' as const },
  ...TEMPLATE_FLAGS,
};

/** NameFromCommandArgs: the one argument before any `--`. */
export function oneName(ctx: Ctx, usage: string): string {
  const n = ctx.parsed.dashAt >= 0 ? ctx.parsed.dashAt : ctx.args.length;
  if (n !== 1)
    throw new KubectlFailure(`error: exactly one NAME is required, got ${n}\nSee '${usage} -h' for help and examples`);
  return ctx.args[0];
}

export const createDeployment: Command = {
  path: 'kubectl create deployment',
  flags: {
    ...COMMON,
    image: { type: 'strings' },
    replicas: { type: 'int', short: 'r', default: 1 },
    port: { type: 'int', default: -1 },
  },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create deployment');
    const images = ctx.flag<string[]>('image');
    if (!images.length) throw new CmdError('required flag(s) "image" not set');
    const port = ctx.flag<number>('port');
    if (port >= 0 && images.length > 1) throw new CmdError('--port can only be used with a single image');
    const labels = { app: name };
    // everything after `--` is the containers' command
    const command = ctx.parsed.dashAt >= 0 ? ctx.args.slice(ctx.parsed.dashAt) : [];
    const containers: any[] = images.map((image) => ({
      name: containerNameFor(image, ctx.env.random),
      image,
      ...(command.length ? { command } : {}),
      resources: {},
    }));
    if (port >= 0) containers[0].ports = [{ containerPort: port }];
    createObject(
      ctx,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { ...generatedMeta(ctx, name), labels: { ...labels } },
        spec: {
          replicas: ctx.flag<number>('replicas'),
          selector: { matchLabels: { ...labels } },
          strategy: {},
          template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
        },
        status: {},
      },
      'failed to create deployment: ',
    );
  },
};

export const createNamespace: Command = {
  path: 'kubectl create namespace',
  flags: { ...COMMON },
  run(ctx) {
    createObject(ctx, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: oneName(ctx, 'kubectl create namespace'), creationTimestamp: null } as any,
      spec: {},
      status: {},
    });
  },
};

/** kubectl create -f: creates each object; AlreadyExists is an error. */
export const createFromFiles: Command = {
  path: 'kubectl create',
  flags: {
    ...COMMON,
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    edit: { type: 'bool' },
    raw: { type: 'string' },
    windows: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    kustomize: { type: 'string', short: 'k' },
  },
  run(ctx) {
    const files = ctx.flag<string[]>('filename');
    if (!files.length && !ctx.flag('kustomize')) throw new KubectlFailure(`error: must specify one of -f and -k\n`);
    void ctx.fieldValidation; // GetValidationDirective: a bad --validate fails before anything is read
    for (const m of fromFlags(ctx)) {
      if (!isInfo(m)) {
        ctx.errors.push(m.error);
        continue;
      }
      // the namespace is set where metadata is a map (unstructured SetNamespace); a wrong one is the server's to refuse
      const meta = m.obj.metadata as unknown;
      const settable = meta === undefined || (!!meta && typeof meta === 'object' && !Array.isArray(meta));
      const ns = m.obj.metadata?.namespace;
      const obj = settable
        ? { ...m.obj, metadata: { ...m.obj.metadata, namespace: (typeof ns === 'string' && ns) || ctx.namespace } }
        : m.obj;
      try {
        createObject(ctx, obj, undefined, false);
      } catch (e) {
        ctx.errors.push(addSource('creating', m.source, e));
      }
    }
  },
};
