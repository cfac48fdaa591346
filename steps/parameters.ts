// Parameter types of the vocabulary:
//   {kind}      a kubectl resource name, singular, plural or short (`pod`, `pods`, `po`, `deploy`, `pvc`, ...)
//   {object}    `<kind> "<name>"`, optionally followed by ` in namespace "<ns>"` (default `default`): this is
//               where `in namespace "x"` may follow any `{kind} {string}` of VOCABULARY.md, written once
//   {duration}  `90 seconds`, `5 minutes`, `1 hour`, `2m`, `1h30m`
import { defineParameterType } from '@cucumber/cucumber';
import { RESOURCES, resolveResource, type ResourceInfo } from '../src/api/kinds';
import { parseDuration } from '../src/runtime/duration';

/** Every name kubectl accepts for a resource, longest first so the alternation prefers `pods` to `po`. */
const KIND_NAMES = [...new Set(RESOURCES.flatMap((r) => [r.resource, r.singular, ...r.short]))].sort(
  (a, b) => b.length - a.length || a.localeCompare(b),
);
/** A custom resource is named with its group (`crontabs.stable.example.com`, `crontab.stable.example.com`). */
const CUSTOM_KIND = '[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+';
const KIND = [CUSTOM_KIND, ...KIND_NAMES].join('|');

/** An object named in a step: its resource, name and namespace (undefined for cluster-scoped kinds). */
export interface ObjectRef {
  /** the word the step used (`deploy`) */
  word: string;
  info: ResourceInfo;
  name: string;
  namespace: string | undefined;
}

const unknownKind = (word: string) => new Error(`the server doesn't have a resource type "${word}"`);

/** The built-in resource a step names. */
export function kindInfo(word: string): ResourceInfo {
  const info = resolveResource(word);
  if (!info) throw unknownKind(word);
  return info;
}

/** The resource a step names; custom resources are looked up in the scenario's cluster (the World's target). */
async function anyKindInfo(
  word: string,
  world: { target: { resolveKind(n: string): Promise<ResourceInfo | undefined> } },
): Promise<ResourceInfo> {
  // built-in names need no cluster; only a custom resource's name makes the scenario's cluster exist
  const info = resolveResource(word) ?? (await world.target.resolveKind(word));
  if (!info) throw unknownKind(word);
  return info;
}

defineParameterType({
  name: 'kind',
  regexp: new RegExp(KIND),
  transformer(word: string): Promise<ResourceInfo> {
    return anyKindInfo(word, this as any);
  },
});

defineParameterType({
  name: 'object',
  regexp: new RegExp(`(${KIND}) "([^"]*)"(?: in namespace "([^"]*)")?`),
  async transformer(word: string, name: string, namespace?: string): Promise<ObjectRef> {
    const info = await anyKindInfo(word, this as any);
    if (!info.namespaced && namespace)
      throw new Error(`${info.resource} are not namespaced: drop 'in namespace "${namespace}"'`);
    return { word, info, name, namespace: info.namespaced ? namespace || 'default' : undefined };
  },
});

defineParameterType({
  name: 'duration',
  regexp: /\d+(?:\.\d+)? ?(?:milliseconds?|seconds?|minutes?|hours?)|(?:\d+(?:ms|[smh]))+/,
  transformer: (text: string): number => parseDuration(text),
});
