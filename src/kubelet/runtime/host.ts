// What a container gives the processes that run in it: its pod and spec, its files, which kind of userland its
// image has (busybox's applets and messages, or GNU coreutils'), and the pod's network as src/network/traffic
// routes it (wired in by the cluster, since the kubelet and the network are peers).
import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import type { ContainerFS } from './fs';

/** A connection or HTTP request from the pod: what src/network/traffic answers, reduced to what wget and curl print. */
export interface NetOutcome {
  ok: boolean;
  error?: 'refused' | 'timeout' | 'unresolved';
  /** the address the name resolved to */
  ip?: string;
  /** the HTTP status and body of the server that answered, when one did */
  status?: number;
  body?: string;
}

export interface NetAccess {
  /** an HTTP GET from the pod (wget's or curl's, as the server sees it) */
  http(pod: KObject, url: string, client?: 'wget' | 'curl'): NetOutcome;
  /** a TCP connection from the pod, opened and closed (nc -z) */
  connect?(pod: KObject, host: string, port: number): NetOutcome;
}

export interface Host {
  api: ApiServer;
  pod: KObject;
  /** the container's spec */
  container: any;
  fs: ContainerFS;
  flavour: 'busybox' | 'gnu';
  workingDir?: string;
  net?: NetAccess;
}
