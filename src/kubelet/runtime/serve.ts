// How a pod answers a connection that reached it (a probe, wget and curl in another pod, a traffic step): the
// program that listens on the port in one of its containers (they share the pod's network namespace) answers: an
// HTTP server with the file under its document root, `nc -l` with what its stdin holds. A port nobody listens on
// refuses the connection. A container kspec does not run (an unknown image, or a behaviour says what it does)
// accepts on any port and answers 200 with an empty body, since what it would say is not known.
import type { ContainerRecord } from '../container';
import { requestText, type Answer, type HttpRequest } from './http';

/** Whether a program in the pod listens on the port (or a container kspec does not run could). */
export function listens(containers: ContainerRecord[], port: number): boolean {
  return containers.some((c) => opaque(c) || !!c.proc?.listeners.some((l) => l.port === port));
}

/** A running container whose process kspec does not interpret: it may listen anywhere. */
const opaque = (c: ContainerRecord) =>
  c.startedAt !== undefined && !c.terminated && (!c.proc || (c.proc.running && !!c.proc.stopped));

export function answer(containers: ContainerRecord[], port: number, req: HttpRequest | undefined): Answer {
  for (const c of containers) {
    const p = c.proc;
    if (!p?.running || p.stopped) continue;
    const l = p.listeners.find((x) => x.port === port);
    if (!l) continue;
    if (l.http) return req ? l.http(req.path) : { connected: true };
    const reply = l.accept!(req ? requestText(req) : '');
    if (!req) return { connected: true };
    return reply === undefined ? { held: true } : parseResponse(reply);
  }
  if (!containers.some(opaque)) return { refused: true };
  return req ? { status: 200, body: '' } : { connected: true };
}

/** An HTTP response a raw server sent; anything else the client waits on, as for no answer at all. */
function parseResponse(text: string): Answer {
  const m = /^HTTP\/1\.[01] (\d{3})[^\n]*\n/.exec(text);
  if (!m) return { held: true };
  const sep = /\r?\n\r?\n/.exec(text);
  return { status: Number(m[1]), body: sep ? text.slice(sep.index + sep[0].length) : '' };
}
