// The ingress-nginx controller as the traffic model sees it: which HTTP requests reach it, and what it does with
// them. A request reaches it when its host is an IP and port the controller listens on, when the client's hosts
// file (`the host "x" resolves to the ingress controller`, like the seeds' /etc/hosts entry) maps the host to
// the controller, or when the host is one the served Ingresses name (as if the client's DNS pointed it there).

import type { ApiServer } from '../../apiserver/apiserver';
import { installed } from './classes';
import { buildServers } from './config';
import { controllerAddresses, reachesController } from './addresses';
import { matchServer, routeIngress, type IngressAnswer } from './router';
import { CATCH_ALL } from './config';

export interface HttpTarget {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

const isIP = (s: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

export class IngressNginx {
  /** the client machine's hosts file: host name -> IP */
  readonly hosts = new Map<string, string>();

  constructor(private readonly api: ApiServer) {}

  /** Adds a hosts-file line pointing the name at the controller's first address. */
  pointHostAtController(host: string): string {
    const [ip] = controllerAddresses(this.api);
    if (!ip)
      throw new Error(
        'the ingress controller has no address yet: no Ready ingress-nginx controller pod (use `Given the ingress-nginx controller is installed`)',
      );
    this.hosts.set(host.toLowerCase(), ip);
    return ip;
  }

  /** The controller's answer, or undefined when the request does not reach the controller. */
  handle(req: HttpTarget): IngressAnswer | undefined {
    if (!installed(this.api)) return undefined;
    const host = req.host.toLowerCase();
    const ip = isIP(host) ? host : this.hosts.get(host);
    if (ip !== undefined) return reachesController(this.api, ip, req.port) ? routeIngress(this.api, req) : undefined;
    const s = matchServer(buildServers(this.api), host);
    if (!s || s.host === CATCH_ALL) return undefined;
    return routeIngress(this.api, req);
  }

  /** The hook the traffic model calls (Network.ingressRouter): a backend Service port, or the controller's own answer. */
  decide(
    req: HttpTarget,
  ):
    | { backend: { namespace: string; service: string; port: number | string } }
    | { status: number; reason: string }
    | undefined {
    const a = this.handle(req);
    if (!a) return undefined;
    return a.kind === 'backend' ? { backend: a.backend } : { status: a.status, reason: a.reason };
  }
}
