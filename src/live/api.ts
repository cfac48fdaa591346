// A live cluster's REST API, read and written as JSON: @kubernetes/client-node loads the kubeconfig and
// authenticates each request (certificates, tokens, exec plugins); the objects come back exactly as the server
// sent them (client-node's typed models would turn times into Dates and drop unknown fields, and `matches:`
// compares the server's own JSON).
import * as https from 'node:https';
import * as http from 'node:http';
import type { ResourceInfo } from '../api/kinds';
import type { KObject } from '../api/meta';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const k8s = () => require('@kubernetes/client-node') as typeof import('@kubernetes/client-node');

export type KubeConfig = InstanceType<ReturnType<typeof k8s>['KubeConfig']>;

/** The kubeconfig at `file`, with `context` (default: its current context) made current. */
export function loadKubeconfig(file: string, context?: string): KubeConfig {
  const kc = new (k8s().KubeConfig)();
  kc.loadFromFile(file);
  if (context) {
    if (!kc.getContextObject(context)) throw new Error(`context "${context}" is not in the kubeconfig ${file}`);
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster())
    throw new Error(`the kubeconfig ${file} names no cluster for context "${kc.getCurrentContext()}"`);
  return kc;
}

export interface Response {
  status: number;
  body: any;
}

/** An API error, with the Status the server answered. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: any,
    what: string,
  ) {
    super(`${what}: ${body?.message ?? `HTTP ${status}`}`);
    this.name = 'ApiError';
  }
}

/** `/api/v1/namespaces/web/pods/x`, `/apis/apps/v1/deployments` */
export function resourcePath(
  info: Pick<ResourceInfo, 'group' | 'version' | 'resource' | 'namespaced'>,
  namespace?: string,
  name?: string,
): string {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${info.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

export class LiveApi {
  readonly server: string;

  constructor(readonly kc: KubeConfig) {
    this.server = kc.getCurrentCluster()!.server.replace(/\/+$/, '');
  }

  async request(method: string, path: string, body?: unknown, query: Record<string, string> = {}): Promise<Response> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const opts: https.RequestOptions = { method, headers: { accept: 'application/json' } };
    await this.kc.applyToHTTPSOptions(opts);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined)
      Object.assign(opts.headers!, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      });
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { ...opts, timeout: 60_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* a non-JSON answer stays text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${this.server} within 60s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The answer's body when 2xx, else an ApiError naming what was asked. */
  async ok(method: string, path: string, body?: unknown, query?: Record<string, string>): Promise<any> {
    const r = await this.request(method, path, body, query);
    if (r.status < 200 || r.status > 299) throw new ApiError(r.status, r.body, `${method} ${path}`);
    return r.body;
  }

  async get(info: ResourceInfo, name: string, namespace?: string): Promise<KObject | undefined> {
    const r = await this.request('GET', resourcePath(info, namespace, name));
    if (r.status === 404) return undefined;
    if (r.status !== 200) throw new ApiError(r.status, r.body, `get ${info.resource} ${name}`);
    return r.body as KObject;
  }

  /** Every object of a kind (all pages), sorted by namespace and name as the model lists them. */
  async list(info: ResourceInfo, opts: { namespace?: string; labelSelector?: string } = {}): Promise<KObject[]> {
    const items: KObject[] = [];
    let cont: string | undefined;
    do {
      const query: Record<string, string> = {
        limit: '500',
        ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
        ...(cont ? { continue: cont } : {}),
      };
      const page = await this.ok('GET', resourcePath(info, opts.namespace), undefined, query);
      // a List's items carry neither apiVersion nor kind: put them back, as `kubectl get -o yaml` shows them
      for (const o of page.items ?? [])
        items.push({ apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: info.kind, ...o });
      cont = page.metadata?.continue || undefined;
    } while (cont);
    const key = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}
