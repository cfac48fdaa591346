// `kubectl apply -k DIR` and `kubectl kustomize DIR`: the kustomization.yaml features the Kubernetes docs use,
// as kustomize v5.0 (kubectl 1.30's) builds them: resources (files and directories with their own
// kustomization), namespace, namePrefix/nameSuffix (not on Namespaces), commonLabels (labels, selectors and pod
// templates), commonAnnotations, configMapGenerator and secretGenerator (literals, envs, files; a name suffix
// hashed as kustomize's hasher does: kind, empty name, data, type), images (newName, newTag, digest),
// replicas, and the references to renamed ConfigMaps, Secrets, ServiceAccounts and claims in pod specs.
// Not modelled: patches, components, helmCharts, remote resources, vars/replacements.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load, loadAll } from 'js-yaml';
import type { KObject } from '../api/meta';
import { CmdError } from './errors';
import type { Loaded } from './manifest';
import { configMapHash, secretHash } from './util/hash';

export interface Files {
  read(file: string): string | undefined;
  isDir(dir: string): boolean;
}

/** The files kubectl sees: the scenario's local files first (`Given a file "x" with:`), then the disk. */
export function filesWith(given?: ReadonlyMap<string, string>): Files {
  return {
    read: (f) =>
      given?.get(f) ?? (fs.existsSync(f) && fs.statSync(f).isFile() ? fs.readFileSync(f, 'utf8') : undefined),
    isDir: (d) =>
      [...(given?.keys() ?? [])].some((k) => k.startsWith(d + path.sep)) ||
      (fs.existsSync(d) && fs.statSync(d).isDirectory()),
  };
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const POD_TEMPLATE_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'ReplicationController',
]);
const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** kustomize's legacy output order: these kinds first, in this order; webhooks last; the rest by kind, then name. */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string): number {
  const f = ORDER_FIRST.indexOf(kind);
  if (f >= 0) return f;
  const l = ORDER_LAST.indexOf(kind);
  return l >= 0 ? 1000 + l : 500;
}

interface Generator {
  name: string;
  namespace?: string;
  behavior?: string;
  type?: string;
  literals?: string[];
  envs?: string[];
  env?: string;
  files?: string[];
  options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string>; annotations?: Record<string, string> };
}

interface Kustomization {
  resources?: string[];
  bases?: string[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  generatorOptions?: Generator['options'];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: unknown[];
  patchesStrategicMerge?: unknown[];
  patchesJson6902?: unknown[];
  components?: unknown[];
  helmCharts?: unknown[];
}

/** `KEY=value` lines of an env file, comments and blank lines skipped. */
function envPairs(text: string): [string, string][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const i = l.indexOf('=');
      return i < 0 ? [l, ''] : [l.slice(0, i), l.slice(i + 1)];
    });
}

function generate(
  g: Generator,
  kind: 'ConfigMap' | 'Secret',
  dir: string,
  files: Files,
  options: Generator['options'],
): { obj: KObject; hash: boolean } {
  const data: Record<string, string> = {};
  const need = (f: string) => {
    const text = files.read(path.resolve(dir, f));
    if (text === undefined)
      throw new CmdError(
        `evalsymlink failure on '${path.resolve(dir, f)}' : lstat ${path.resolve(dir, f)}: no such file or directory`,
      );
    return text;
  };
  for (const l of g.literals ?? []) {
    const i = l.indexOf('=');
    data[l.slice(0, i)] = l.slice(i + 1).replace(/^"(.*)"$/, '$1');
  }
  for (const e of [...(g.envs ?? []), ...(g.env ? [g.env] : [])]) for (const [k, v] of envPairs(need(e))) data[k] = v;
  for (const f of g.files ?? []) {
    const i = f.indexOf('=');
    const [key, file] = i < 0 ? [path.basename(f), f] : [f.slice(0, i), f.slice(i + 1)];
    data[key] = need(file);
  }
  const meta = {
    name: g.name,
    ...(g.namespace ? { namespace: g.namespace } : {}),
    ...(options?.labels || g.options?.labels ? { labels: { ...options?.labels, ...g.options?.labels } } : {}),
    ...(options?.annotations || g.options?.annotations
      ? { annotations: { ...options?.annotations, ...g.options?.annotations } }
      : {}),
  };
  const obj: KObject =
    kind === 'ConfigMap'
      ? { apiVersion: 'v1', kind, metadata: meta, data }
      : {
          apiVersion: 'v1',
          kind,
          metadata: meta,
          type: g.type ?? 'Opaque',
          data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
        };
  return { obj, hash: !(g.options?.disableNameSuffixHash ?? options?.disableNameSuffixHash ?? false) };
}

function podSpecOf(o: KObject): any {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return POD_TEMPLATE_KINDS.has(o.kind!) ? o.spec?.template?.spec : undefined;
}

function templateMetaOf(o: KObject): any[] {
  if (o.kind === 'CronJob') {
    const jt = o.spec?.jobTemplate;
    return jt?.spec?.template ? [(jt.metadata ??= {}), (jt.spec.template.metadata ??= {})] : [];
  }
  return POD_TEMPLATE_KINDS.has(o.kind!) && o.spec?.template ? [(o.spec.template.metadata ??= {})] : [];
}

/** Renames references in a pod spec: `kind` objects named `from` are now `to`. */
function renameInPodSpec(spec: any, kind: string, from: string, to: string): void {
  if (!spec) return;
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  const swap = (o: any, key: string) => {
    if (o && o[key] === from) o[key] = to;
  };
  for (const c of containers) {
    for (const e of c.env ?? [])
      swap(
        kind === 'ConfigMap' ? e.valueFrom?.configMapKeyRef : kind === 'Secret' ? e.valueFrom?.secretKeyRef : undefined,
        'name',
      );
    for (const e of c.envFrom ?? [])
      swap(kind === 'ConfigMap' ? e.configMapRef : kind === 'Secret' ? e.secretRef : undefined, 'name');
  }
  for (const v of spec.volumes ?? []) {
    if (kind === 'ConfigMap') swap(v.configMap, 'name');
    if (kind === 'Secret') swap(v.secret, 'secretName');
    if (kind === 'PersistentVolumeClaim') swap(v.persistentVolumeClaim, 'claimName');
    for (const s of v.projected?.sources ?? [])
      swap(kind === 'ConfigMap' ? s.configMap : kind === 'Secret' ? s.secret : undefined, 'name');
  }
  if (kind === 'Secret') for (const s of spec.imagePullSecrets ?? []) swap(s, 'name');
  if (kind === 'ServiceAccount') swap(spec, 'serviceAccountName');
}

interface Rename {
  kind: string;
  from: string;
  to: string;
}

/** The references in `o` to an object that was renamed (pod specs, Ingress backends, RBAC bindings). */
function renameReferences(o: KObject, r: Rename): void {
  renameInPodSpec(podSpecOf(o), r.kind, r.from, r.to);
  if (r.kind === 'Service' && o.kind === 'Ingress') {
    for (const rule of o.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? []) if (p.backend?.service?.name === r.from) p.backend.service.name = r.to;
  }
  if (
    (r.kind === 'Role' || r.kind === 'ClusterRole') &&
    (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') &&
    o.roleRef?.kind === r.kind &&
    o.roleRef.name === r.from
  )
    o.roleRef.name = r.to;
  if (r.kind === 'ServiceAccount' && (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding'))
    for (const s of o.subjects ?? []) if (s.kind === 'ServiceAccount' && s.name === r.from) s.name = r.to;
}

function readKustomization(dir: string, files: Files): Kustomization {
  for (const name of KUSTOMIZATION_FILES) {
    const text = files.read(path.join(dir, name));
    if (text !== undefined) return (load(text) as Kustomization | null) ?? {};
  }
  throw new CmdError(
    `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`,
  );
}

/** Generated ConfigMaps and Secrets whose names take a hash suffix, once every overlay has renamed them. */
const toHash = new WeakSet<KObject>();

/** The objects a kustomization directory builds, in kustomize's output order; `shown` is the directory as given. */
export function kustomize(dir: string, files: Files, shown = dir): KObject[] {
  if (!files.isDir(path.resolve(dir)))
    throw new CmdError(
      `must build at directory: not a valid directory: evalsymlink failure on '${shown}' : lstat ${path.resolve(dir)}: no such file or directory`,
    );
  const objects = build(path.resolve(dir), files);
  // the hash goes last, after every prefix and suffix (dev-cfg-v2-862f2b5gfm)
  const renames = objects
    .filter((o) => toHash.has(o))
    .map((o) => {
      const from = o.metadata.name!;
      o.metadata.name = `${from}-${o.kind === 'ConfigMap' ? configMapHash({ metadata: { name: '' }, data: o.data, binaryData: o.binaryData }) : secretHash({ metadata: { name: '' }, type: o.type, data: o.data })}`;
      return { kind: o.kind!, from, to: o.metadata.name };
    });
  for (const o of objects) for (const r of renames) renameReferences(o, r);
  return objects.sort(
    (a, b) =>
      rank(a.kind!) - rank(b.kind!) ||
      (rank(a.kind!) === 500 ? a.kind!.localeCompare(b.kind!) : 0) ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

function build(dir: string, files: Files): KObject[] {
  const k = readKustomization(dir, files);
  for (const field of ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'components', 'helmCharts'] as const) {
    if (k[field]?.length)
      throw new CmdError(`kspec does not model the kustomization field "${field}" (docs/fidelity.md)`);
  }
  const objects: KObject[] = [];
  for (const r of [...(k.resources ?? []), ...(k.bases ?? [])]) {
    if (/^(https?:|git@|github\.com\/)/.test(r))
      throw new CmdError(`kspec does not fetch remote resources ("${r}"): there is no network`);
    const full = path.resolve(dir, r);
    if (files.isDir(full)) {
      objects.push(...build(full, files));
      continue;
    }
    const text = files.read(full);
    if (text === undefined) {
      const missing = `evalsymlink failure on '${full}' : lstat ${full}: no such file or directory`;
      throw new CmdError(
        `accumulating resources: accumulation err='accumulating resources from '${r}': ${missing}': must build at directory: not a valid directory: ${missing}`,
      );
    }
    for (const doc of loadAll(text)) if (doc && typeof doc === 'object') objects.push(doc as KObject);
  }
  const generated: { obj: KObject; hash: boolean }[] = [
    ...(k.configMapGenerator ?? []).map((g) => generate(g, 'ConfigMap', dir, files, k.generatorOptions)),
    ...(k.secretGenerator ?? []).map((g) => generate(g, 'Secret', dir, files, k.generatorOptions)),
  ];
  objects.push(...generated.map((g) => g.obj));
  for (const g of generated) if (g.hash) toHash.add(g.obj);
  // names: prefix and suffix (not a Namespace's); references follow
  const renames: Rename[] = [];
  for (const o of objects) {
    const from = o.metadata.name!;
    const to =
      o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition'
        ? from
        : `${k.namePrefix ?? ''}${from}${k.nameSuffix ?? ''}`;
    if (to !== from) {
      o.metadata.name = to;
      renames.push({ kind: o.kind!, from, to });
    }
  }
  for (const o of objects) {
    for (const r of renames) renameReferences(o, r);
    if (k.namespace && o.kind !== 'Namespace' && !CLUSTER_SCOPED.has(o.kind!)) o.metadata.namespace = k.namespace;
    if (k.commonLabels) {
      o.metadata.labels = { ...o.metadata.labels, ...k.commonLabels };
      if (o.kind === 'Service' && o.spec) o.spec.selector = { ...o.spec.selector, ...k.commonLabels };
      if (SELECTOR_KINDS.has(o.kind!) && o.spec)
        o.spec.selector = { ...o.spec.selector, matchLabels: { ...o.spec.selector?.matchLabels, ...k.commonLabels } };
      if (o.kind === 'PodDisruptionBudget' && o.spec?.selector)
        o.spec.selector.matchLabels = { ...o.spec.selector.matchLabels, ...k.commonLabels };
      for (const m of templateMetaOf(o)) m.labels = { ...m.labels, ...k.commonLabels };
    }
    if (k.commonAnnotations) {
      o.metadata.annotations = { ...o.metadata.annotations, ...k.commonAnnotations };
      for (const m of templateMetaOf(o)) m.annotations = { ...m.annotations, ...k.commonAnnotations };
    }
    const spec = podSpecOf(o);
    for (const img of k.images ?? []) {
      for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
        const m = String(c.image ?? '').match(/^([^@]*?)(?::([^:@/]+))?(?:@(.+))?$/);
        if (!m || m[1] !== img.name) continue;
        const name = img.newName ?? m[1];
        c.image = img.digest
          ? `${name}@${img.digest}`
          : img.newTag
            ? `${name}:${img.newTag}`
            : `${name}${m[2] ? `:${m[2]}` : ''}${m[3] ? `@${m[3]}` : ''}`;
      }
    }
    for (const r of k.replicas ?? [])
      if (o.metadata.name === `${k.namePrefix ?? ''}${r.name}${k.nameSuffix ?? ''}` && o.spec && 'replicas' in o.spec)
        o.spec.replicas = r.count;
  }
  return objects;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'CSIDriver',
  'VolumeAttachment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

/** `-k DIR` as the resource builder reads it: the built objects, each with the directory as its source. */
export function loadKustomization(dir: string, opts: { cwd?: string; given?: ReadonlyMap<string, string> }): Loaded {
  try {
    return {
      items: kustomize(path.resolve(opts.cwd ?? process.cwd(), dir), filesWith(opts.given), dir).map((obj) => ({
        obj,
        source: dir,
      })),
    };
  } catch (e) {
    return { items: [{ error: e }] };
  }
}
