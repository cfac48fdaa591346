// A control plane without scheduler, kubelets or kubectl, for the admission, endpoints, PV and namespace tests:
// the API server with its strategies, the bootstrap objects, and only the controllers a test names. Tests
// stand in for the kubelet by writing pod status themselves.
import { load } from 'js-yaml';
import { VirtualClock, DEFAULT_START } from '../src/runtime/clock';
import { Rng } from '../src/runtime/random';
import { Timeline } from '../src/apiserver/timeline';
import { Runtime } from '../src/runtime/runtime';
import { isConflict } from '../src/api/errors';
import { Store } from '../src/store/store';
import { ApiServer } from '../src/apiserver/apiserver';
import { EventRecorder } from '../src/client/recorder';
import { registerDefaults } from '../src/apiserver/register-defaults';
import { registerValidation } from '../src/apiserver/register-validation';
import { registerAdmission } from '../src/apiserver/admission';
import { bootstrap } from '../src/bootstrap';
import type { Controller, ControllerContext } from '../src/client/controller';
import type { KObject } from '../src/api/meta';
import { ServiceAccountsController } from '../src/controllers/serviceaccount/controller';

export interface Plane {
  api: ApiServer;
  runtime: Runtime;
  clock: VirtualClock;
  ctx: ControllerContext;
  converge(): void;
}

export function controlPlane(controllers: ((ctx: ControllerContext) => Controller)[] = [], seed = 'test'): Plane {
  const clock = new VirtualClock(DEFAULT_START);
  const api = new ApiServer(new Store(), clock, new Rng(seed), new Timeline());
  const runtime = new Runtime(clock, { running: (w) => api.running(w), isConflict });
  registerDefaults(api);
  registerValidation(api);
  registerAdmission(api);
  const ctx: ControllerContext = { api, runtime, recorder: new EventRecorder(api) };
  new ServiceAccountsController(ctx);
  for (const make of controllers) make(ctx);
  bootstrap(api);
  // bare Node objects for the pods the tests place (no kubelet runs them)
  for (const name of ['node-1', 'node-2', 'node-3'])
    api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
  runtime.converge();
  return { api, runtime, clock, ctx, converge: () => runtime.converge() };
}

export function createYaml(p: Plane, yaml: string): KObject[] {
  const out: KObject[] = [];
  for (const doc of yaml.split(/^---$/m)) if (doc.trim()) out.push(p.api.create(load(doc) as KObject));
  p.converge();
  return out;
}

/** The message of the error fn throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

/** Stands in for the kubelet: a pod on a node with an IP, Running, Ready or not. */
export function runPod(
  p: Plane,
  namespace: string,
  name: string,
  ip: string,
  ready: boolean,
  node = 'node-1',
): KObject {
  let pod = p.api.get('pods', namespace, name);
  if (!pod.spec.nodeName) pod = p.api.update({ ...pod, spec: { ...pod.spec, nodeName: node } });
  const now = p.clock.iso();
  pod = p.api.updateStatus({
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      hostIP: '172.18.0.3',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now }],
    },
  });
  p.converge();
  return pod;
}
