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
import { hexFrom } from '../kubelet/node';
import { json, type ApiRequest, type ApiResponse, type StreamSession } from './types';
import { errs, success } from './status';
import { decodeBody } from './rest';
import type { ApiHandler } from './handler';

export function podSubresource(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string,
  name: string,
  sub: string,
): ApiResponse {
  const api = h.cluster.api;
  const m = req.method;
  switch (sub) {
    case 'log': {
      if (m !== 'GET') throw errs.methodNotAllowed();
      check(api, user, 'get', 'pods', namespace, name, 'log');
      return podLog(h, req, api.get('pods', namespace, name));
    }
    case 'exec':
    case 'attach':
    case 'portforward': {
      if (m !== 'GET' && m !== 'POST') throw errs.methodNotAllowed();
      // a WebSocket GET on get or create (kubectl's SPDY fallback), a POST on create
      authorizeConnect(api, user, m, namespace, name, sub);
      return connect(h, req, api.get('pods', namespace, name), sub);
    }
    case 'binding': {
      if (m !== 'POST') throw errs.methodNotAllowed();
      check(api, user, 'create', 'pods', namespace, name, 'binding');
      const b = decodeBody(req);
      if (b?.metadata?.name && b.metadata.name !== name)
        throw badRequest(`the name of the object (${b.metadata.name}) does not match the name on the URL (${name})`);
      const target = b?.target?.name;
      if (!target) throw invalid({ kind: 'Binding', group: '' } as ResourceInfo, name, [field.required('target.name')]);
      api.bind(namespace, name, target);
      h.cluster.converge();
      h.opts.afterWrite?.();
      return json(201, { ...success({}), code: 201, details: undefined });
    }
    case 'eviction': {
      if (m !== 'POST') throw errs.methodNotAllowed();
      check(api, user, 'create', 'pods', namespace, name, 'eviction');
      const e = decodeBody(req);
      if (e?.metadata?.name && e.metadata.name !== name)
        throw badRequest(`name in URL does not match name in Eviction object`);
      const d = e?.deleteOptions ?? {};
      const dry = (d.dryRun ?? []).length > 0;
      if (!dry) {
        evictPod(api, namespace, name, { gracePeriodSeconds: d.gracePeriodSeconds, uid: d.preconditions?.uid });
        h.cluster.converge();
        h.opts.afterWrite?.();
      } else api.get('pods', namespace, name);
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
    if (
      ![
        ...names(pod.spec?.containers),
        ...names(pod.spec?.initContainers),
        ...names(pod.spec?.ephemeralContainers),
      ].includes(name)
    )
      throw badRequest(`container ${name} is not valid for pod ${podName}`);
    return name;
  }
  const cs = names(pod.spec?.containers);
  if (cs.length === 1) return cs[0];
  if (!cs.length) throw badRequest(`a container name must be specified for pod ${podName}`);
  const inits = names(pod.spec?.initContainers);
  throw badRequest(
    `a container name must be specified for pod ${podName}, choose one of: [${cs.join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`,
  );
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
  const since =
    q.get('sinceSeconds') !== null
      ? h.cluster.clock.now() - Number(q.get('sinceSeconds')) * 1000
      : q.get('sinceTime')
        ? Date.parse(q.get('sinceTime')!)
        : undefined;
  if (tail !== undefined && (!Number.isInteger(tail) || tail < 0))
    throw invalid({ kind: 'PodLogOptions', group: '' } as ResourceInfo, '', [
      field.invalid('tailLines', tail, 'must be greater than or equal to 0'),
    ]);
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
  return {
    type: 'stream',
    status: 200,
    headers,
    open(sink) {
      sink.write(text);
      // the kubelet follows the running instance's log: each line as the container writes it, to the instance's end
      return kubelet.follow(pod, container, 'now', {
        lines: (ls) => {
          for (const l of ls) sink.write(fmt(l));
        },
        end: () => sink.end(),
      });
    },
  };
}

/** exec, attach, portforward: checked here, then carried over the transport's stream (WebSocket). */
function connect(h: ApiHandler, req: ApiRequest, pod: KObject, sub: string): ApiResponse {
  const q = req.query;
  if (sub === 'portforward') {
    if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
    return { type: 'upgrade', session: forwardSession(h, pod) };
  }
  const container = containerOf(pod, q.get('container') ?? '');
  if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    throw badRequest(
      `cannot ${sub === 'exec' ? 'exec into' : 'attach to'} a container in a completed pod; current phase is ${phase}`,
    );
  const stdin = bool(q.get('stdin'));
  if (sub === 'exec') {
    const argv = q.getAll('command');
    if (!argv.length) throw badRequest('you must specify at least one command for the container');
    // the kubelet refuses the upgrade when the container is not running
    if (!h.kubelet.running(pod, container)) return notRunning(container);
    const session: StreamSession = {
      kind: 'exec',
      stdin,
      run(input, write) {
        const current = h.cluster.api.tryGet('pods', pod.metadata.namespace, pod.metadata.name!) ?? pod;
        const out = h.kubelet.exec(current, container, argv, stdin ? input : undefined);
        h.cluster.converge();
        h.opts.afterWrite?.();
        if (!out.ok) {
          write(3, JSON.stringify(failure(out.message, 'InternalError', 500)));
          return;
        }
        if (out.result.stdout) write(1, out.result.stdout);
        if (out.result.stderr) write(2, out.result.stderr);
        write(3, JSON.stringify(exitStatus(argv, out.result.exitCode)));
      },
    };
    return { type: 'upgrade', session };
  }
  if (!h.kubelet.running(pod, container)) return notRunning(container);
  return { type: 'upgrade', session: attachSession(h, pod, container, stdin) };
}

/**
 * attach (the kubelet's streaming server, ServeAttach): the container's output from now on, stdout and stderr
 * apart, as it is written; the client's input goes to PID 1's stdin (a container with `stdin: true`), and its end
 * closes that stdin when the container asks for `stdinOnce`. The session ends with Success when the container
 * stops (whatever its exit code: kubectl run reads that from the pod).
 */
function attachSession(h: ApiHandler, pod: KObject, container: string, stdin: boolean): StreamSession {
  const spec = (pod.spec?.containers ?? [])
    .concat(pod.spec?.initContainers ?? [])
    .find((c: any) => c.name === container);
  const feed = (data: string | null) => {
    h.opts.syncClock?.();
    h.kubelet.stdin(pod, container, data);
    h.cluster.converge();
    h.opts.afterWrite?.();
  };
  return {
    kind: 'attach',
    stdin,
    open(io) {
      const stop = h.kubelet.follow(pod, container, 'now', {
        lines: (lines) => {
          for (const l of lines) io.write(l.stream === 'stderr' ? 2 : 1, l.text + '\n');
        },
        end: () => io.close(exitStatus([], 0)),
      });
      return {
        input: (data) => {
          if (stdin) feed(data);
        },
        inputEnd: () => {
          if (stdin && spec?.stdinOnce) feed(null);
        },
        stop: () => {
          stop();
          if (stdin && spec?.stdinOnce) feed(null);
        },
      };
    },
  };
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * port-forward (the kubelet's, through containerd's netns dial): each connection reaches what listens on the
 * pod's port (runtime/serve.ts) as an HTTP exchange: the client's request, the server's answer, then the close.
 * A port nobody listens on is the runtime's error, which kubectl prints for that connection.
 */
function forwardSession(h: ApiHandler, pod: KObject): StreamSession {
  // the pod sandbox's id, as containerd names it (64 hex digits), fixed per pod
  const sandbox = hexFrom(`sandbox/${pod.metadata.uid}`, 64);
  return {
    kind: 'portforward',
    stdin: true,
    forward(port) {
      h.opts.syncClock?.();
      if (!h.kubelet.listens(pod, port)) {
        return {
          error: `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-${pod.metadata.uid}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `,
        };
      }
      let buf = '';
      return {
        input(data) {
          buf += data;
          const m = /^[A-Z]+ (\S+) HTTP\/1\.[01]\r?\n([\s\S]*?)\r?\n\r?\n/.exec(buf);
          if (!m) return {};
          const header = (name: string) => new RegExp(`^${name}:\\s*(.*?)\\s*$`, 'mi').exec(m[2])?.[1] ?? '';
          const a = h.kubelet.answer(pod, port, { path: m[1], host: header('host'), agent: header('user-agent') });
          h.cluster.converge();
          h.opts.afterWrite?.();
          if ('refused' in a) return { close: true };
          if (!('status' in a)) return {};
          return {
            reply: `HTTP/1.1 ${a.status} ${REASONS[a.status] ?? ''}\r\nContent-Length: ${Buffer.byteLength(a.body)}\r\nConnection: close\r\n\r\n${a.body}`,
            close: true,
          };
        },
        end: () => ({}),
      };
    },
  };
}

/** The kubelet's streaming error for a container that is not running (streaming.WriteError): plain text, proxied as is. */
function notRunning(container: string): ApiResponse {
  return {
    type: 'body',
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `container not found ("${container}")`,
  };
}

function failure(message: string, reason: string, code: number): unknown {
  return { metadata: {}, status: 'Failure', message, reason, code };
}

/** The error channel's last word (remotecommand v4): Success, or NonZeroExitCode with the code as a cause. */
export function exitStatus(argv: string[], code: number): unknown {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}
