// PodRequests (pkg/api/v1/resource/helpers.go, v1.30): the sum of regular containers, the max with each init
// container (restartable init containers, sidecars, add up), plus overhead. For scoring, missing cpu/memory
// requests count as 100m / 200Mi (pkg/scheduler/util/pod_resources.go).
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../../api/quantity';
import { CPU, type Resources } from '../../types';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function amount(name: string, q: string | number): number {
  const v = parseQuantity(q);
  return name === CPU ? Math.ceil(Math.round(v * 1e9) / 1e6) : Math.ceil(v);
}

function containerRequests(c: Pick<Container, 'resources'>, nonZero: boolean): Resources {
  const out: Resources = {};
  for (const [k, v] of Object.entries(c.resources?.requests ?? {})) out[k] = amount(k, v as string);
  if (nonZero) {
    if (!('cpu' in out)) out.cpu = DEFAULT_MILLI_CPU_REQUEST;
    if (!('memory' in out)) out.memory = DEFAULT_MEMORY_REQUEST;
  }
  return out;
}

const add = (into: Resources, r: Resources) => {
  for (const k in r) into[k] = (into[k] ?? 0) + r[k];
};
const max = (into: Resources, r: Resources) => {
  for (const k in r) if (!(k in into) || r[k] > into[k]) into[k] = r[k];
};

/**
 * Stored pods are frozen and their versions share unchanged parts (a binding copies the spec but keeps its
 * containers): the requests are summed once per containers list, initContainers and overhead.
 */
const memo = new WeakMap<object, { init: unknown; overhead: unknown; requests: Resources; nonZero: Resources }>();

export function podRequests(spec: PodSpec | undefined, nonZero = false): Resources {
  const containers = spec?.containers;
  if (!containers || !Object.isFrozen(containers)) return sumRequests(spec, nonZero);
  let m = memo.get(containers);
  if (!m || m.init !== spec.initContainers || m.overhead !== spec.overhead) {
    m = {
      init: spec.initContainers,
      overhead: spec.overhead,
      requests: Object.freeze(sumRequests(spec, false)),
      nonZero: Object.freeze(sumRequests(spec, true)),
    };
    memo.set(containers, m);
  }
  return nonZero ? m.nonZero : m.requests;
}

function sumRequests(spec: PodSpec | undefined, nonZero: boolean): Resources {
  const reqs: Resources = {};
  for (const c of spec?.containers ?? []) add(reqs, containerRequests(c, nonZero));
  const restartable: Resources = {};
  const init: Resources = {};
  for (const c of spec?.initContainers ?? []) {
    let r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      add(reqs, r);
      add(restartable, r);
      r = { ...restartable };
    } else {
      const tmp = { ...r };
      add(tmp, restartable);
      r = tmp;
    }
    max(init, r);
  }
  max(reqs, init);
  if (spec?.overhead)
    for (const [k, v] of Object.entries(spec.overhead)) reqs[k] = (reqs[k] ?? 0) + amount(k, v as string);
  return reqs;
}

/** Node allocatable as the scheduler counts it. */
export function nodeResources(list: Record<string, string | number> | undefined): Resources {
  const out: Resources = {};
  for (const [k, v] of Object.entries(list ?? {})) out[k] = amount(k, v);
  return out;
}
