// The kubelet's server (pkg/kubelet/server): the container logs and exec endpoints the API server proxies
// pods/log and pods/exec to. Clients never reach a kubelet directly; they ask the API server's subresources.

import type { KObject } from '../api/meta';
import type { ApiServer } from '../apiserver/apiserver';
import type { Kubelets } from './kubelets';
import { containerLogs, type LogLine, type LogResult } from './logs';
import { runExec, ExecNotFound, ExecUnsupported, type ExecResult } from './runtime/exec';
import type { Answer, HttpRequest } from './runtime/http';

export interface LogOptions {
  container: string;
  previous?: boolean;
}

/** An exec the kubelet could not start: the text it answers the upgrade with, or the runtime's failure. */
export type ExecOutcome =
  | { ok: true; result: ExecResult }
  | { ok: false; upgrade: true; message: string }
  | { ok: false; upgrade: false; message: string };

/** `2024-01-01T00:00:05.000000000Z`: the RFC 3339 nano timestamp `--timestamps` prefixes a line with. */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export class KubeletServer {
  constructor(
    private readonly kubelets: Kubelets,
    private readonly api: ApiServer,
  ) {}

  /** GET /containerLogs/<ns>/<pod>/<container> */
  logs(pod: KObject, opts: LogOptions): LogResult {
    const rec = this.kubelets.record(pod.metadata.namespace!, pod.metadata.name!);
    return containerLogs(pod, rec, opts.container, !!opts.previous);
  }

  /** Whether the container is still running (a followed log or an attach ends when it stops). */
  running(pod: KObject, container: string): boolean {
    const rec = this.kubelets.record(pod.metadata.namespace!, pod.metadata.name!);
    const c = rec && [...rec.containers, ...rec.init].find((x) => x.name === container);
    return !!c && c.startedAt !== undefined && !c.terminated;
  }

  /**
   * Follows the container's running instance (attach, `logs -f`): its log lines from now (or from its start) as
   * they are written, each with its stream, then `end` once the instance has stopped or the pod is gone.
   */
  follow(
    pod: KObject,
    container: string,
    from: 'now' | 'start',
    on: { lines(l: FollowedLine[]): void; end(): void },
  ): () => void {
    const ns = pod.metadata.namespace!,
      name = pod.metadata.name!;
    const find = () => {
      const r = this.kubelets.record(ns, name);
      return r && r.uid === pod.metadata.uid
        ? [...r.containers, ...r.init].find((x) => x.name === container)
        : undefined;
    };
    const c0 = find();
    const startedAt = c0?.startedAt;
    if (!c0 || startedAt === undefined || c0.terminated) {
      on.end();
      return () => {};
    }
    let sent = from === 'now' ? (c0.logs ?? []).length : 0,
      done = false;
    const stop = this.kubelets.observe(ns, name, () => check());
    const check = () => {
      if (done) return;
      const c = find();
      const mine = c && c.startedAt === startedAt;
      const logs = mine ? c!.logs : c?.lastTerminated?.startedAt === startedAt ? c!.lastLogs : undefined;
      const fresh = (logs ?? []).slice(sent) as FollowedLine[];
      sent += fresh.length;
      if (fresh.length) on.lines(fresh);
      if (!mine || c!.terminated) {
        done = true;
        stop();
        on.end();
      }
    };
    return () => {
      done = true;
      stop();
    };
  }

  /** Writes to the container's stdin (null: the input ends); false when it keeps none open. */
  stdin(pod: KObject, container: string, data: string | null): boolean {
    return this.kubelets.writeStdin(pod.metadata.namespace!, pod.metadata.name!, container, data);
  }

  /** port-forward: how the pod answers a connection to its port (runtime/serve.ts), and whether anything listens. */
  answer(pod: KObject, port: number, req: HttpRequest | undefined): Answer {
    return this.kubelets.answer(pod, port, req);
  }
  listens(pod: KObject, port: number): boolean {
    return this.kubelets.listens(pod, port);
  }

  /** POST /exec/<ns>/<pod>/<container>: runs argv in the running container. */
  exec(pod: KObject, container: string, argv: string[], stdin?: string): ExecOutcome {
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
      (c: any) => c.name === container,
    );
    const rec = this.kubelets.record(pod.metadata.namespace!, pod.metadata.name!);
    const c = rec && [...rec.containers, ...rec.init].find((x) => x.name === container);
    if (!spec || !rec || !c || c.startedAt === undefined || c.terminated)
      return { ok: false, upgrade: true, message: `container not found ("${container}")` };
    try {
      return {
        ok: true,
        result: runExec({
          api: this.api,
          pod,
          container: spec,
          record: c,
          podIP: rec.ip,
          files: this.kubelets.files,
          net: this.kubelets.net,
          argv,
          stdin,
        }),
      };
    } catch (e) {
      if (e instanceof ExecNotFound || e instanceof ExecUnsupported)
        return { ok: false, upgrade: false, message: e.message };
      throw e;
    }
  }
}

export type { LogLine };
/** A line of a container's output and the stream it was written to. */
export interface FollowedLine {
  at: number;
  text: string;
  stream?: 'stdout' | 'stderr';
}
