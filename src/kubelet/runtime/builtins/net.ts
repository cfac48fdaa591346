// The network from inside a pod: nslookup (./nslookup.ts), busybox wget and curl. A request is routed as the
// cluster routes it (src/network/traffic: DNS, kube-proxy's rules, NetworkPolicy) and answered by the container
// that serves the port (../serve.ts). A connection nobody answers takes the virtual time a client waits for it:
// the -T/--connect-timeout given, else the kernel's 127 s of SYN retries.
import type { Builtin, Ctx } from './index';
import type { NetOutcome } from '../host';
import { absPath } from '../fs';
import { nslookup } from './nslookup';

/** Linux gives up a connect() after tcp_syn_retries (6): 1+2+4+8+16+32+64 s. */
export const SYN_TIMEOUT_S = 127;
const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function request(c: Ctx, url: string): NetOutcome {
  const net = c.sh.host.net;
  if (!net) return { ok: false, error: 'unresolved' };
  return net.http(
    c.sh.host.pod,
    /^[a-z]+:\/\//.test(url) ? url : `http://${url}`,
    c.argv[0].endsWith('curl') ? 'curl' : 'wget',
  );
}

const hostOf = (url: string) => /^(?:[a-z]+:\/\/)?([^/:?#]+)/.exec(url)?.[1] ?? url;
const portOf = (url: string) =>
  Number(/^(?:[a-z]+:\/\/)?[^/:?#]+:(\d+)/.exec(url)?.[1] ?? (url.startsWith('https:') ? 443 : 80));

const wget: Builtin = function* (c) {
  let quiet = false,
    spider = false,
    output: string | undefined,
    timeout: number | undefined,
    url: string | undefined;
  const a = c.argv.slice(1);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === '-q' || x === '--quiet') quiet = true;
    else if (x === '--spider') spider = true;
    else if (x === '-O') output = a[++i];
    else if (x.startsWith('-O')) output = x.slice(2);
    else if (x.startsWith('--output-document=')) output = x.slice(18);
    else if (x === '-T') timeout = Number(a[++i]);
    else if (x.startsWith('--timeout=')) timeout = Number(x.slice(10));
    else if (/^-[qO]+-?$/.test(x)) {
      quiet = true;
      if (x.includes('O')) output = x.endsWith('-') ? '-' : a[++i];
    } else if (!x.startsWith('-')) url = x;
  }
  if (!url) {
    c.io.err(
      'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
    );
    return 1;
  }
  const host = hostOf(url),
    port = portOf(url);
  const r = request(c, url);
  if (r.error === 'unresolved') {
    c.io.err(`wget: bad address '${host}'\n`);
    return 1;
  }
  if (!quiet) c.io.err(`Connecting to ${host}${r.ip ? ` (${r.ip}:${port})` : ''}\n`);
  if (r.error === 'refused') {
    c.io.err(`wget: can't connect to remote host (${r.ip ?? host}): Connection refused\n`);
    return 1;
  }
  if (r.error === 'timeout') {
    const t = timeout && timeout < SYN_TIMEOUT_S ? timeout : SYN_TIMEOUT_S;
    yield { until: c.sh.proc.now + t * 1000 };
    c.io.err(
      t < SYN_TIMEOUT_S
        ? 'wget: download timed out\n'
        : `wget: can't connect to remote host (${r.ip ?? host}): Connection timed out\n`,
    );
    return 1;
  }
  const status = r.status ?? 200;
  if (status >= 400) {
    c.io.err(`wget: server returned error: HTTP/1.1 ${status} ${REASONS[status] ?? ''}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) c.io.err('remote file exists\n');
    return 0;
  }
  const body = r.body ?? '';
  if (output === '-') {
    if (!quiet) c.io.err('writing to stdout\n');
    c.io.out(body);
    if (!quiet) c.io.err('written to stdout\n');
    return 0;
  }
  const file =
    output ??
    (url
      .replace(/[?#].*$/, '')
      .split('/')
      .slice(3)
      .pop() ||
      'index.html');
  const w = c.sh.host.fs.write(absPath(file, c.sh.cwd), body);
  if (!w.ok) {
    c.io.err(
      `wget: can't open '${file}': ${w.error === 'EROFS' ? 'Read-only file system' : 'No such file or directory'}\n`,
    );
    return 1;
  }
  if (!quiet)
    c.io.err(
      `saving to '${file}'\n${file.padEnd(20).slice(0, 20)} 100% |********************************| ${String(body.length).padStart(5)}  0:00:00 ETA\n'${file}' saved\n`,
    );
  return 0;
};

const curl: Builtin = function* (c) {
  let silent = false,
    showError = false,
    fail = false,
    head = false,
    output: string | undefined,
    timeout: number | undefined,
    url: string | undefined;
  const a = c.argv.slice(1);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === '-o' || x === '--output') output = a[++i];
    else if (x === '--connect-timeout' || x === '-m' || x === '--max-time') timeout = Number(a[++i]);
    else if (x === '-H' || x === '-X' || x === '-d' || x === '-w' || x === '-A' || x === '--data') i++;
    else if (/^-[a-zA-Z]+$/.test(x)) {
      if (x.includes('s')) silent = true;
      if (x.includes('S')) showError = true;
      if (x.includes('f')) fail = true;
      if (x.includes('I')) head = true;
    } else if (x === '--silent') silent = true;
    else if (x === '--fail') fail = true;
    else if (!x.startsWith('-')) url = x;
  }
  if (!url) {
    c.io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const host = hostOf(url),
    port = portOf(url);
  const say = (s: string) => {
    if (!silent || showError) c.io.err(s + '\n');
  };
  const r = request(c, url);
  if (r.error === 'unresolved') {
    say(`curl: (6) Could not resolve host: ${host}`);
    return 6;
  }
  if (r.error === 'refused') {
    say(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
    return 7;
  }
  if (r.error === 'timeout') {
    const t = timeout && timeout < SYN_TIMEOUT_S ? timeout : SYN_TIMEOUT_S;
    yield { until: c.sh.proc.now + t * 1000 };
    say(
      t < SYN_TIMEOUT_S
        ? `curl: (28) Failed to connect to ${host} port ${port} after ${t * 1000} ms: Timeout was reached`
        : `curl: (28) Failed to connect to ${host} port ${port} after ${t * 1000} ms: Couldn't connect to server`,
    );
    return 28;
  }
  const status = r.status ?? 200;
  if (fail && status >= 400) {
    say(`curl: (22) The requested URL returned error: ${status}`);
    return 22;
  }
  const body = head ? `HTTP/1.1 ${status} ${REASONS[status] ?? ''}\r\n\r\n` : (r.body ?? '');
  if (output) {
    const w = c.sh.host.fs.write(absPath(output, c.sh.cwd), body);
    if (!w.ok) {
      say(`curl: (23) Failure writing output to destination`);
      return 23;
    }
  } else c.io.out(body);
  return 0;
};

export const NET_COMMANDS: Record<string, Builtin> = { nslookup, wget, curl };
