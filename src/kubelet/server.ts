// The kubelet's server (pkg/kubelet/server): the container logs and exec endpoints the API server proxies
// pods/log and pods/exec to. Clients never reach a kubelet directly; they ask the API server's subresources.

import type { KObject } from '../api/meta';
import type { ApiServer } from '../apiserver/apiserver';
import type { Kubelets } from './kubelets';
import { containerLogs, type LogLine, type LogResult } from './logs';
import { runExec, ExecNotFound, ExecUnsupported, type ExecResult } from './runtime/exec';

export interface LogOptions { container: string; previous?: boolean }

/** An exec the kubelet could not start: the text it answers the upgrade with, or the runtime's failure. */
export type ExecOutcome = { ok: true; result: ExecResult } | { ok: false; upgrade: true; message: string } | { ok: false; upgrade: false; message: string };

/** `2024-01-01T00:00:05.000000000Z`: the RFC 3339 nano timestamp `--timestamps` prefixes a line with. */
export function logTimestamp(ms: number): string { return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z'); }

export class KubeletServer {
  constructor(private readonly kubelets: Kubelets, private readonly api: ApiServer) {}

  /** GET /containerLogs/<ns>/<pod>/<container> */
  logs(pod: KObject, opts: LogOptions): LogResult {
    const rec = this.kubelets.record(pod.metadata.namespace!, pod.metadata.name!);
    return containerLogs(pod, rec, opts.container, !!opts.previous);
  }

  /** When the container's current instance started, to tell a restart while a log is followed. */
  instanceStart(pod: KObject, container: string): number | undefined {
    const rec = this.kubelets.record(pod.metadata.namespace!, pod.metadata.name!);
    const c = rec && [...rec.containers, ...rec.init].find((x) => x.name === container);
    return c?.startedAt;
  }

  /** Whether the container is still running (a followed log or an attach ends when it stops). */
  running(pod: KObject, container: string): boolean {
    const rec = this.kubelets.record(pod.metadata.namespace!, pod.metadata.name!);
    const c = rec && [...rec.containers, ...rec.init].find((x) => x.name === container);
    return !!c && c.startedAt !== undefined && !c.terminated;
  }

  /** POST /exec/<ns>/<pod>/<container>: runs argv in the running container. */
  exec(pod: KObject, container: string, argv: string[], stdin?: string): ExecOutcome {
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === container);
    const rec = this.kubelets.record(pod.metadata.namespace!, pod.metadata.name!);
    const c = rec && [...rec.containers, ...rec.init].find((x) => x.name === container);
    if (!spec || !rec || !c || c.startedAt === undefined || c.terminated) return { ok: false, upgrade: true, message: `container not found ("${container}")` };
    try {
      return { ok: true, result: runExec({ api: this.api, pod, container: spec, record: c, podIP: rec.ip, files: this.kubelets.files, net: this.kubelets.net, argv, stdin }) };
    } catch (e) {
      if (e instanceof ExecNotFound || e instanceof ExecUnsupported) return { ok: false, upgrade: false, message: e.message };
      throw e;
    }
  }
}

export type { LogLine };
