// Which scenarios can run on a live cluster, and how, decided before any runs (`kspec lint --target live`, and
// `kspec run --kubeconfig`, which skips or isolates each scenario by this plan):
//   model-only  a step only the embedded model can do (its definition's comment says `Model-only (<why>):`), or
//               the scenario is tagged `@model-only:<why>` (its expectations hold on the model only: kubectl's own
//               clock in an output, names from the scenario's seed): skipped on a live target, with the reason
//   namespace   only namespaced objects in the scenario's own namespace: it runs in a fresh namespace of the
//               shared cluster, which the feature still calls `default`
//   cluster     it creates or names cluster-scoped objects (namespaces, nodes, volumes, cluster roles, custom
//               resource definitions), other namespaces, or nodes by name: it needs a cluster of its own
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAll } from 'js-yaml';
import type { Pickle } from '@cucumber/messages';
import { resolveResource } from '../api/kinds';
import { tokenize } from '../kubectl/args';
import { splitDocuments } from '../kubectl/manifest';

export type Isolation = 'namespace' | 'cluster';

export type ScenarioPlan = { run: 'skip'; step: string; reason: string } | { run: Isolation; why?: string };

/** What the classifier asks of the step library. */
export interface StepLookup {
  /** the model-only reason of the definition the step text matches, if it is model-only */
  modelOnly(text: string): string | undefined;
  /** the objects and kinds the step's `{object}` and `{kind}` parameters name: `deployment "web" in namespace "x"`, `pods` */
  objects(text: string): { word: string; namespace?: string }[];
}

/** `uri:line` of a pickle (a scenario, or one example row of an outline): how plans are keyed. */
export function pickleKey(p: Pick<Pickle, 'uri' | 'location'>): string {
  return `${p.uri}:${p.location?.line ?? 0}`;
}

const KUBECTL_LINE = /^I run "(.*)"(?: as "[^"]*"(?: in group "[^"]*")?)?$/;
const MANIFEST_STEP = /^(?:the manifest|I apply the manifest|I try to apply the manifest):$/;
const MANIFEST_FILE = /^(?:the manifest|I apply the manifest) "([^"]*)"$/;
const LOCAL_FILE = /^a file "([^"]*)" with:$/;

/** Steps that act on nodes by name or shape the cluster: only a cluster of the scenario's own can give them. */
const CLUSTER_STEPS: [RegExp, string][] = [
  [/^a cluster with nodes:$/, 'it names its nodes'],
  [/^node "([^"]*)" is in zone "[^"]*"$/, 'it labels node "$1"'],
];

/** `@model-only:<why-with-dashes>` on a scenario (or its feature): what only the model gives, that no step shows. */
const MODEL_ONLY_TAG = /^@model-only(?::(.+))?$/;
/** `@own-cluster:<why>`: it needs a cluster of its own for a reason no step shows (the default namespace's own objects). */
const OWN_CLUSTER_TAG = /^@own-cluster(?::(.+))?$/;
const I_AM = /^I am (?:"[^"]*"(?: in group "[^"]*")?)$/;
const AS_ANOTHER = /(?:^|\s)--as(?:=|\s)|^I run ".*" as "[^"]*"/;

const words = (tag: string | undefined) => (tag ? ` (${tag.replace(/-/g, ' ')})` : '');

export function classify(pickle: Pick<Pickle, 'steps' | 'uri' | 'tags'>, lookup: StepLookup): ScenarioPlan {
  for (const { name } of pickle.tags) {
    const m = MODEL_ONLY_TAG.exec(name);
    if (m) return { run: 'skip', step: '', reason: `it is tagged @model-only${words(m[1])}` };
  }
  for (const step of pickle.steps) {
    const reason = lookup.modelOnly(step.text);
    if (reason) return { run: 'skip', step: step.text, reason: `"${step.text}" is model-only (${reason})` };
  }
  // a live cluster's kubectl acts as a scenario's user by impersonating it, and impersonation does not nest
  const me = pickle.steps.findIndex((s) => I_AM.test(s.text));
  const nested =
    me >= 0
      ? pickle.steps
          .slice(me + 1)
          .find((s) => AS_ANOTHER.test(s.text) || AS_ANOTHER.test(s.argument?.docString?.content ?? ''))
      : undefined;
  if (nested) {
    return {
      run: 'skip',
      step: nested.text,
      reason: `"${pickle.steps[me].text}" then "${nested.text}": on a live cluster kspec acts as a user by impersonating it, and an impersonator cannot be impersonated`,
    };
  }
  for (const { name } of pickle.tags) {
    const m = OWN_CLUSTER_TAG.exec(name);
    if (m) return { run: 'cluster', why: `it is tagged @own-cluster${words(m[1])}` };
  }
  const why = clusterNeed(pickle, lookup);
  return why ? { run: 'cluster', why } : { run: 'namespace' };
}

/** Why the scenario needs a cluster of its own, or undefined when a namespace is enough. */
export function clusterNeed(pickle: Pick<Pickle, 'steps' | 'uri'>, lookup: StepLookup): string | undefined {
  const dir = path.dirname(path.resolve(pickle.uri));
  const local = new Map<string, string>();
  for (const step of pickle.steps) {
    const file = LOCAL_FILE.exec(step.text)?.[1];
    if (file && step.argument?.docString) local.set(path.resolve(dir, file), step.argument.docString.content);
  }
  for (const step of pickle.steps) {
    const text = step.text;
    for (const [re, why] of CLUSTER_STEPS) if (re.test(text)) return text.replace(re, why);
    for (const o of lookup.objects(text)) {
      const why = kindNeed(o.word) ?? namespaceNeed(o.namespace);
      if (why) return why;
    }
    // a namespace a step names by other means (`there are 2 pods with labels "app=api" in namespace "prod"`)
    for (const m of text.matchAll(/ in namespace "([^"]*)"/g)) {
      const why = namespaceNeed(m[1]);
      if (why) return why;
    }
    const doc = step.argument?.docString?.content;
    if (doc !== undefined && (MANIFEST_STEP.test(text) || LOCAL_FILE.test(text))) {
      const why = manifestNeed(doc);
      if (why) return why;
    }
    const file = MANIFEST_FILE.exec(text)?.[1];
    if (file) {
      const why = filesNeed(path.resolve(dir, file), local);
      if (why) return why;
    }
    const lines = KUBECTL_LINE.test(text)
      ? [KUBECTL_LINE.exec(text)![1]]
      : text === 'I run:' && doc
        ? doc
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#'))
        : [];
    for (const line of lines) {
      const why = kubectlNeed(line, (f) => filesNeed(path.resolve(dir, f), local));
      if (why) return why;
    }
  }
  return undefined;
}

function kindNeed(word: string): string | undefined {
  const info = resolveResource(word);
  if (!info) return `it uses the custom resource "${word}"`;
  return info.namespaced ? undefined : `it uses ${info.resource}`;
}

function namespaceNeed(ns: string | undefined): string | undefined {
  return ns && ns !== 'default' ? `it uses namespace "${ns}"` : undefined;
}

/** A manifest's documents: cluster-scoped kinds or other namespaces. Text that is not a manifest needs nothing. */
export function manifestNeed(text: string): string | undefined {
  for (const doc of splitDocuments(text)) {
    let objects: unknown[];
    try {
      objects = loadAll(doc);
    } catch {
      continue;
    }
    for (const o of objects.flatMap((x: any) =>
      x?.kind === 'List' || /List$/.test(x?.kind ?? '') ? (x.items ?? []) : [x],
    )) {
      const obj = o as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: string; namespace?: string } };
      if (typeof obj?.kind !== 'string' || typeof obj.apiVersion !== 'string') continue;
      const info = resolveResource(obj.kind);
      if (!info) return `it creates a ${obj.kind}, a custom resource`;
      if (!info.namespaced) return `it creates ${info.singular} "${obj.metadata?.name ?? ''}"`;
      const why = namespaceNeed(obj.metadata?.namespace);
      if (why) return why;
    }
  }
  return undefined;
}

function filesNeed(full: string, local: Map<string, string>): string | undefined {
  if (local.has(full)) return manifestNeed(local.get(full)!);
  if (!fs.existsSync(full)) return undefined;
  const files = fs.statSync(full).isDirectory()
    ? fs
        .readdirSync(full)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => path.join(full, f))
    : [full];
  for (const f of files) {
    const why = manifestNeed(fs.readFileSync(f, 'utf8'));
    if (why) return why;
  }
  return undefined;
}

/** Commands whose first argument names a resource (`get pods`, `delete ns/dev`, `label node node-1 ...`). */
const RESOURCE_VERBS = new Set([
  'get',
  'describe',
  'delete',
  'edit',
  'patch',
  'label',
  'annotate',
  'scale',
  'expose',
  'autoscale',
  'wait',
  'taint',
  'top',
  'events',
  'replace',
]);
/** Commands whose subcommand comes first (`rollout status deployment/web`, `set image deploy/web ...`). */
const GROUP_VERBS = new Set(['rollout', 'set']);
/** Commands that act on nodes or cluster-wide objects by their nature. */
const CLUSTER_VERBS: Record<string, string> = {
  cordon: 'it cordons a node',
  uncordon: 'it uncordons a node',
  drain: 'it drains a node',
  certificate: 'it approves a CertificateSigningRequest',
};
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-l',
  '--selector',
  '-c',
  '--container',
  '-f',
  '--filename',
  '--context',
  '--field-selector',
  '-p',
  '--patch',
  '--type',
  '--for',
  '--timeout',
  '--as',
  '--as-group',
  '--kubeconfig',
]);

/** Why a kubectl line needs a cluster of its own: other namespaces, all namespaces, cluster-scoped kinds. */
export function kubectlNeed(
  line: string,
  files: (file: string) => string | undefined = () => undefined,
): string | undefined {
  let words: string[];
  try {
    words = tokenize(line.trim());
  } catch {
    return undefined;
  }
  if (words[0] === 'kubectl') words = words.slice(1);
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const flag = w.includes('=') ? w.slice(0, w.indexOf('=')) : w;
    const value = w.includes('=')
      ? w.slice(w.indexOf('=') + 1)
      : /^-n./.test(w)
        ? w.slice(2)
        : VALUE_FLAGS.has(w)
          ? words[i + 1]
          : undefined;
    if (w === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (w === '-A' || w === '--all-namespaces') return 'it lists every namespace';
    if (flag === '-n' || flag === '--namespace' || /^-n./.test(w)) {
      const why = namespaceNeed(value);
      if (why) return why;
    }
    if ((flag === '-f' || flag === '--filename') && value && value !== '-') {
      const why = files(value);
      if (why) return why;
    }
    if (w.startsWith('-')) {
      if (!w.includes('=') && VALUE_FLAGS.has(w)) i++;
      continue;
    }
    positional.push(w);
  }
  const [verb, ...args] = positional;
  if (!verb) return undefined;
  if (CLUSTER_VERBS[verb]) return CLUSTER_VERBS[verb];
  let resource: string | undefined;
  if (verb === 'create') resource = args[0];
  else if (GROUP_VERBS.has(verb)) resource = args[1];
  else if (RESOURCE_VERBS.has(verb)) resource = args[0];
  for (const word of (resource ?? '')
    .split(',')
    .map((r) => r.split('/')[0])
    .filter(Boolean)) {
    const info = resolveResource(word);
    if (info && !info.namespaced) return `\`kubectl ${verb} ${resource}\` uses ${info.resource}`;
    // a dotted word names a custom resource (`crontabs.stable.example.com`)
    if (!info && word.includes('.')) return `it uses the custom resource "${word}"`;
  }
  return undefined;
}
