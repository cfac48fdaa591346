// The pod subresources that reach the node (pkg/registry/core/pod/rest: log.go, subresources.go): log, exec,
// attach and portforward go to the pod's kubelet (src/kubelet/server.ts), as the API server proxies them;
// binding and eviction are writes of the API server itself.

import type { KObject } from '../api/meta';
import type { ResourceInfo } from '../api/kinds';
import { badRequest, invalid, field } from '../api/errors';
import type { UserInfo } from '../apiserver/authorization/rbac';
import { authorizeConnect, check } from '../apiserver/authorization/as-user';
import { evictPod } from '../apiserver/eviction';
import { logTimestamp } from '../kubelet/server';
import { json, type ApiRequest, type ApiResponse, type StreamSession } from './types';
import { errs, success } from './status';
import { decodeBody } from './rest';
import type { ApiHandler } from './handler';

export function podSubresource(h: ApiHandler, req: ApiRequest, user: UserInfo, r: ResourceInfo, namespace: string, name: string, sub: string): ApiResponse {
  const api = h.cluster.api;
  const m = req.method;
  switch (sub) {
    case 'log': {
      if (m !== 'GET') throw errs.methodNotAllowed();
      check(api, user, 'get', 'pods', namespace, name, 'log');
      return podLog(h, req, api.get('pods', namespace, name));
    }
    case 'exec': case 'attach': case 'portforward': {
      if (m !== 'GET' && m !== 'POST') throw errs.methodNotAllowed();
      // a WebSocket GET on get or create (kubectl's SPDY fallback), a POST on create
      authorizeConnect(api, user, m, namespace, name, sub);
      return connect(h, req, api.get('pods', namespace, name), sub);
    }
    case 'binding': {
      if (m !== 'POST') throw errs.methodNotAllowed();
      check(api, user, 'create', 'pods', namespace, name, 'binding');
      const b = decodeBody(req);
      if (b?.metadata?.name && b.metadata.name !== name) throw badRequest(`the name of the object (${b.metadata.name}) does not match the name on the URL (${name})`);
      const target = b?.target?.name;
      if (!target) throw invalid({ kind: 'Binding', group: '' } as ResourceInfo, name, [field.required('target.name')]);
      api.bind(namespace, name, target);
      h.cluster.converge(); h.opts.afterWrite?.();
      return json(201, { ...success({}), code: 201, details: undefined });
    }
    case 'eviction': {
      if (m !== 'POST') throw errs.methodNotAllowed();
      check(api, user, 'create', 'pods', namespace, name, 'eviction');
      const e = decodeBody(req);
      if (e?.metadata?.name && e.metadata.name !== name) throw badRequest(`name in URL does not match name in Eviction object`);
      const d = e?.deleteOptions ?? {};
      const dry = (d.dryRun ?? []).length > 0;
      if (!dry) { evictPod(api, namespace, name, { gracePeriodSeconds: d.gracePeriodSeconds, uid: d.preconditions?.uid }); h.cluster.converge(); h.opts.afterWrite?.(); }
      else api.get('pods', namespace, name);
      return json(201, { ...success({}), code: 201, details: undefined });
    }
  }
  throw errs.notFoundPath();
}

/** The container a log or exec request means: the one named (it must exist), or the pod's only container. */
function containerOf(pod: KObject, name: string): string {
  const podName = pod.metadata.name;
  const names = (list: any[] | undefined) => (list ?? []).map((c) => c.name);
  if (name) {
    if (![...names(pod.spec?.containers), ...names(pod.spec?.initContainers), ...names(pod.spec?.ephemeralContainers)].includes(name)) throw badRequest(`container ${name} is not valid for pod ${podName}`);
    return name;
  }
  const cs = names(pod.spec?.containers);
  if (cs.length === 1) return cs[0];
  if (!cs.length) throw badRequest(`a container name must be specified for pod ${podName}`);
  const inits = names(pod.spec?.initContainers);
  throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${cs.join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`);
}

const bool = (v: string | null) => v === 'true' || v === '1';

/** pods/log: the kubelet's container log, plain text; `follow` streams new lines until the container stops. */
function podLog(h: ApiHandler, req: ApiRequest, pod: KObject): ApiResponse {
  const q = req.query;
  const container = containerOf(pod, q.get('container') ?? '');
  const previous = bool(q.get('previous'));
  const timestamps = bool(q.get('timestamps'));
  const tail = q.get('tailLines') === null ? undefined : Number(q.get('tailLines'));
  const limitBytes = q.get('limitBytes') === null ? undefined : Number(q.get('limitBytes'));
  const since = q.get('sinceSeconds') !== null ? h.cluster.clock.now() - Number(q.get('sinceSeconds')) * 1000 : q.get('sinceTime') ? Date.parse(q.get('sinceTime')!) : undefined;
  if (tail !== undefined && (!Number.isInteger(tail) || tail < 0)) throw invalid({ kind: 'PodLogOptions', group: '' } as ResourceInfo, '', [field.invalid('tailLines', tail, 'must be greater than or equal to 0')]);
  const headers = { 'content-type': 'text/plain' };
  // a pod not yet on a node has no kubelet to ask: an empty log (LogLocation returns no location)
  if (!pod.spec?.nodeName) return { type: 'body', status: 200, headers, body: '' };
  const kubelet = h.kubelet;
  const read = (p: KObject) => kubelet.logs(p, { container, previous });
  const first = read(pod);
  if (!first.ok) throw badRequest(first.message);
  const fmt = (l: { at: number; text: string }) => `${timestamps ? logTimestamp(l.at) + ' ' : ''}${l.text}\n`;
  let lines = first.lines.filter((l) => since === undefined || l.at >= since);
  if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);
  let text = lines.map(fmt).join('');
  if (limitBytes !== undefined && limitBytes > 0) text = text.slice(0, limitBytes);
  if (!bool(q.get('follow')) || previous) return { type: 'body', status: 200, headers, body: text };
  const ns = pod.metadata.namespace!, name = pod.metadata.name!;
  return {
    type: 'stream', status: 200, headers,
    open(sink) {
      sink.write(text);
      let sent = first.lines.length, started = kubelet.instanceStart(pod, container);
      const stop = h.watchCache.watch({
        filter: { resource: 'pods', namespace: ns, matches: (o) => o.metadata.name === name },
        send: (type, o) => {
          if (type === 'DELETED') { stop(); sink.end(); return; }
          const now = read(o);
          if (!now.ok) return;
          const s = kubelet.instanceStart(o, container);
          if (s !== started) { started = s; sent = 0; }
          for (const l of now.lines.slice(sent)) sink.write(fmt(l));
          sent = now.lines.length;
          if (!kubelet.running(o, container)) { stop(); sink.end(); }
        },
      }, { rv: h.cluster.store.resourceVersion() });
      if (!kubelet.running(pod, container)) { stop(); sink.end(); }
      return stop;
    },
  };
}

/** exec, attach, portforward: checked here, then carried over the transport's stream (WebSocket). */
function connect(h: ApiHandler, req: ApiRequest, pod: KObject, sub: string): ApiResponse {
  const q = req.query;
  if (sub === 'portforward') throw badRequest('pods/portforward is not served by kspec: the model has no container processes to forward ports to');
  const container = containerOf(pod, q.get('container') ?? '');
  if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw badRequest(`cannot ${sub === 'exec' ? 'exec into' : 'attach to'} a container in a completed pod; current phase is ${phase}`);
  const stdin = bool(q.get('stdin'));
  if (sub === 'exec') {
    const argv = q.getAll('command');
    if (!argv.length) throw badRequest('you must specify at least one command for the container');
    // the kubelet refuses the upgrade when the container is not running
    if (!h.kubelet.running(pod, container)) return notRunning(container);
    const session: StreamSession = {
      kind: 'exec', stdin,
      run(input, write) {
        const current = h.cluster.api.tryGet('pods', pod.metadata.namespace, pod.metadata.name!) ?? pod;
        const out = h.kubelet.exec(current, container, argv, stdin ? input : undefined);
        h.cluster.converge(); h.opts.afterWrite?.();
        if (!out.ok) { write(3, JSON.stringify(failure(out.message, 'InternalError', 500))); return; }
        if (out.result.stdout) write(1, out.result.stdout);
        if (out.result.stderr) write(2, out.result.stderr);
        write(3, JSON.stringify(exitStatus(argv, out.result.exitCode)));
      },
    };
    return { type: 'upgrade', session };
  }
  if (!h.kubelet.running(pod, container)) return notRunning(container);
  // attach: the container's output so far, then the end of the stream; the model's containers read no input, so
  // the session does not wait for stdin
  const session: StreamSession = {
    kind: 'attach', stdin: false,
    run(_input, write) {
      const log = h.kubelet.logs(pod, { container });
      if (log.ok && log.lines.length) write(1, log.lines.map((l) => l.text + '\n').join(''));
      write(3, JSON.stringify(exitStatus([], 0)));
    },
  };
  return { type: 'upgrade', session };
}

/** The kubelet's streaming error for a container that is not running (streaming.WriteError): plain text, proxied as is. */
function notRunning(container: string): ApiResponse {
  return { type: 'body', status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `container not found ("${container}")` };
}

function failure(message: string, reason: string, code: number): unknown {
  return { metadata: {}, status: 'Failure', message, reason, code };
}

/** The error channel's last word (remotecommand v4): Success, or NonZeroExitCode with the code as a cause. */
export function exitStatus(argv: string[], code: number): unknown {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}
