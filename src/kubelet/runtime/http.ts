// What reaches a pod's port and what it answers: the request a client writes on the wire and the answer's
// shapes, shared by the pod's listeners (serve.ts), the prober and the kubelet's server without importing them.

/** What reaches the port: an HTTP GET, or (undefined) a bare connection (a tcpSocket probe, a connection test). */
export interface HttpRequest {
  path: string;
  host: string;
  agent: string;
}

export type Answer = { status: number; body: string } | { refused: true } | { connected: true } | { held: true };

/** The request as the client writes it on the wire (what `nc -l` prints). */
export function requestText(r: HttpRequest): string {
  const extra = r.agent.startsWith('kube-probe/')
    ? 'Accept: */*\r\nConnection: close\r\nAccept-Encoding: gzip\r\n'
    : r.agent === 'Wget'
      ? 'Connection: close\r\n'
      : 'Accept: */*\r\n';
  return `GET ${r.path} HTTP/1.1\r\nHost: ${r.host}\r\nUser-Agent: ${r.agent}\r\n${extra}\r\n`;
}
