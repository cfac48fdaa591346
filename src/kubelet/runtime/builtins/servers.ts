// Servers as programs: the well-known images' (nginx, httpd, tomcat, redis ...) and the ones a command starts
// (busybox `httpd`, `nc -l`, `python3 -m http.server`). Each listens on its port (process.ts Listener) for as long
// as it runs: a probe, a request from another pod or a traffic step reaches it there, and a port nobody listens on
// refuses the connection. The image servers stop on SIGTERM when they are PID 1 (nginx's fast shutdown, redis'
// and the others' clean exit). Their start-up and access log lines are not modelled. `docker-entrypoint.sh` runs
// its arguments, as the official images' entrypoints `exec "$@"`.
import type { Builtin, Ctx } from './index';
import type { Listener } from '../process';
import type { ContainerFS } from '../fs';
import { absPath } from '../fs';
import { Unsupported } from '../process';

export type HttpAnswer = { status: number; body: string };

/** GET path from the files under a document root: the file, a directory's index.html (or `listing`), else 404. */
export function fileServer(
  fs: ContainerFS,
  docroot: string,
  listing?: (entries: string[], path: string) => string,
): (path: string) => HttpAnswer {
  return (path) => {
    const rel = decodeURIComponent(path.replace(/[?#].*$/, '') || '/');
    let full = absPath(rel.replace(/^\/+/, ''), docroot);
    if (fs.kind(full) === 'dir') {
      const index = absPath('index.html', full);
      if (fs.kind(index) !== 'file' && listing) {
        const l = fs.list(full);
        return { status: 200, body: listing(l.ok ? l.entries : [], rel) };
      }
      full = index;
    }
    const r = fs.read(full);
    return r.ok ? { status: 200, body: r.content } : { status: 404, body: '' };
  };
}

/**
 * Tomcat's webapps: `/` is the ROOT application, `/name/...` the application `name`, from its exploded directory,
 * or deployed from `name.war` (whose pages are not modelled: 200 with an empty body); nothing deployed is 404.
 */
function webapps(fs: ContainerFS, dir: string): (path: string) => HttpAnswer {
  const files = fileServer(fs, dir);
  return (path) => {
    const app = /^\/([^/?#]+)/.exec(path)?.[1];
    if (!app) return files('/ROOT/');
    if (fs.kind(absPath(app, dir)) !== 'dir' && fs.kind(absPath(`${app}.war`, dir)) === 'file')
      return { status: 200, body: '' };
    return files(path);
  };
}

type Serves = { port: number; http?: (path: string) => HttpAnswer };

/**
 * nginx's configuration (/etc/nginx/nginx.conf and /etc/nginx/conf.d/*.conf, which a ConfigMap may replace): each
 * server block's `listen` ports, serving its `root`. Without any configuration, port 80.
 */
export function nginxServes(fs: ContainerFS): Serves[] {
  const confs: string[] = [];
  const main = fs.read('/etc/nginx/nginx.conf');
  if (main.ok) confs.push(main.content);
  const d = fs.list('/etc/nginx/conf.d');
  for (const f of d.ok ? d.entries.filter((e) => e.endsWith('.conf')) : []) {
    const r = fs.read(`/etc/nginx/conf.d/${f}`);
    if (r.ok) confs.push(r.content);
  }
  const out: Serves[] = [];
  for (const conf of confs) {
    const text = conf.replace(/#[^\n]*/g, '');
    for (const block of text.split(/\bserver\s*\{/).slice(1)) {
      const root = /\broot\s+([^;\s]+)\s*;/.exec(block)?.[1] ?? '/usr/share/nginx/html';
      for (const m of block.matchAll(/\blisten\s+(?:\[[^\]]*\]:|[\d.]+:)?(\d+)[^;]*;/g)) {
        const port = Number(m[1]);
        if (!out.some((x) => x.port === port)) out.push({ port, http: fileServer(fs, root) });
      }
    }
  }
  return out.length || confs.length ? out : [{ port: 80, http: fileServer(fs, '/usr/share/nginx/html') }];
}

/** The image servers: what they listen on and, for the HTTP ones, what they serve. */
const IMAGE_SERVERS: Record<string, (c: Ctx) => Serves[]> = {
  nginx: (c) => nginxServes(c.sh.host.fs),
  'httpd-foreground': (c) => [{ port: 80, http: fileServer(c.sh.host.fs, '/usr/local/apache2/htdocs') }],
  // catalina.sh in $CATALINA_HOME/bin: the webapps beside it
  'catalina.sh': (c) => {
    const bin = c.argv[0].includes('/')
      ? absPath('..', absPath(c.argv[0], c.sh.cwd).replace(/\/[^/]*$/, ''))
      : undefined;
    return [
      {
        port: 8080,
        http: webapps(c.sh.host.fs, absPath('webapps', bin ?? c.env.get('CATALINA_HOME') ?? '/usr/local/tomcat')),
      },
    ];
  },
  'redis-server': () => [{ port: 6379 }],
  mysqld: () => [{ port: 3306 }],
  postgres: () => [{ port: 5432 }],
  pause: () => [],
};

/** Listens on the ports for as long as the thread runs (the process' end stops them too). */
function* serveOn(c: Ctx, listeners: Listener[]): Generator<any, number, any> {
  const stops = listeners.map((l) => c.sh.proc.listen(l));
  try {
    yield { forever: true };
  } finally {
    stops.forEach((s) => s());
  }
  return 0;
}

const imageServer: Builtin = function* (c) {
  // nginx -s quit/reload and the like signal a running server and return
  if (c.argv.includes('-s') || c.argv.includes('-v') || c.argv.includes('-t') || c.argv.includes('-V')) return 0;
  const sh = c.sh;
  const program = c.argv[0].slice(c.argv[0].lastIndexOf('/') + 1);
  if (sh.opts.pid1 && sh.execing)
    sh.proc.onSignal = (sig) => (sig === 'TERM' || sig === 'INT' || sig === 'QUIT' ? 0 : undefined);
  return yield* serveOn(
    c,
    IMAGE_SERVERS[program](c).map((x) => ({
      port: x.port,
      program,
      ...(x.http ? { http: x.http } : { accept: () => undefined }),
    })),
  );
};

/** `-p PORT`, `-pPORT`, `-p IP:PORT` */
function portOption(argv: string[], flag: string): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i].startsWith(flag) && argv[i].length > flag.length && !argv[i].startsWith('--'))
      return argv[i].slice(flag.length);
  }
  return undefined;
}

/**
 * httpd: busybox's (`httpd [-f] [-p [IP:]PORT] [-h HOME]`: port 80, the working directory) or Apache's in
 * the httpd image (`-DFOREGROUND`). Without -f (-DFOREGROUND) it goes to the background and the command returns
 * at once; the server lives on until the container ends (so, as PID 1, the container ends at once, as it does).
 */
const httpd: Builtin = function* (c) {
  const busybox = c.sh.host.flavour === 'busybox';
  const p = portOption(c.argv, '-p');
  const port = Number(p?.replace(/^.*:/, '') ?? 80);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    c.io.err(`httpd: invalid port '${p}'\n`);
    return 1;
  }
  const home = absPath(busybox ? (portOption(c.argv, '-h') ?? '.') : '/usr/local/apache2/htdocs', c.sh.cwd);
  const listener: Listener = { port, program: 'httpd', http: fileServer(c.sh.host.fs, home) };
  const foreground = busybox ? c.argv.includes('-f') : c.argv.includes('-DFOREGROUND');
  if (foreground) return yield* serveOn(c, [listener]);
  c.sh.proc.spawn(serveOn(c, [listener]));
  return 0;
};

const pyListing = (entries: string[], path: string) => `<!DOCTYPE HTML>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Directory listing for ${path}</title>
</head>
<body>
<h1>Directory listing for ${path}</h1>
<hr>
<ul>
${entries.map((e) => `<li><a href="${e}">${e}</a></li>`).join('\n')}
</ul>
<hr>
</body>
</html>
`;

/** python3 -m http.server [PORT] [-d DIR] [-b ADDR]: the working directory on 8000, with listings. Nothing else of Python. */
const python: Builtin = function* (c) {
  const a = c.argv.slice(1);
  if (a[0] !== '-m' || a[1] !== 'http.server')
    throw new Unsupported(c.argv[0], `kspec cannot run "${c.argv.join(' ')}": of Python it runs only -m http.server`);
  let port = 8000,
    dir = c.sh.cwd;
  for (let i = 2; i < a.length; i++) {
    if (a[i] === '-d' || a[i] === '--directory') dir = absPath(a[++i] ?? '.', c.sh.cwd);
    else if (a[i] === '-b' || a[i] === '--bind') i++;
    else if (/^\d+$/.test(a[i])) port = Number(a[i]);
  }
  return yield* serveOn(c, [{ port, program: 'python3', http: fileServer(c.sh.host.fs, dir, pyListing) }]);
};

/**
 * nc (netcat), busybox's: `nc -l -p PORT` (or `-lp PORT`, `-l PORT`) waits for one connection, sends what its
 * stdin holds, writes what it received to stdout, and exits; `-k` (`-lk`) goes on listening. `nc -z HOST PORT`
 * only checks that something listens. Data sent over a connection it opens itself is not modelled.
 */
const nc: Builtin = function* (c) {
  const flags = new Set<string>(),
    rest: string[] = [];
  let port: string | undefined, wait: number | undefined;
  const a = c.argv.slice(1);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === '-p') port = a[++i];
    else if (x === '-w') wait = Number(a[++i]);
    else if (/^-[a-zA-Z]+$/.test(x)) {
      for (const f of x.slice(1)) {
        if (f === 'p') port = a[++i];
        else if (f === 'w') wait = Number(a[++i]);
        else flags.add(f);
      }
    } else rest.push(x);
  }
  if (flags.has('l')) {
    const p = Number(port ?? rest[0]);
    if (!Number.isInteger(p) || p <= 0) {
      c.io.err('nc: bad port spec\n');
      return 1;
    }
    const received: string[] = [];
    let served = 0;
    const stop = c.sh.proc.listen({
      port: p,
      program: 'nc',
      accept: (data) => {
        received.push(data);
        served++;
        return c.io.stdin.take() || undefined;
      },
    });
    try {
      for (let handled = 0; ; ) {
        yield { when: () => served > handled };
        for (; handled < served; handled++) c.io.out(received[handled]);
        if (!flags.has('k')) return 0;
      }
    } finally {
      stop();
    }
  }
  if (flags.has('z') && rest.length >= 2) {
    const net = c.sh.host.net;
    const r = net?.connect?.(c.sh.host.pod, rest[0], Number(rest[1]));
    if (r?.ok) return 0;
    if (r?.error === 'timeout') yield { until: c.sh.proc.now + (wait ?? 127) * 1000 };
    if (flags.has('v'))
      c.io.err(
        r?.error === 'unresolved'
          ? `nc: bad address '${rest[0]}'\n`
          : `nc: ${rest[0]} (${r?.ip ?? rest[0]}:${rest[1]}): ${r?.error === 'timeout' ? 'Connection timed out' : 'Connection refused'}\n`,
      );
    return 1;
  }
  throw new Unsupported('nc', `kspec runs nc only to listen (-l) or to check a port (-z)`);
};

/** The official images' entrypoints: `exec "$@"`, with the image's program before options (`redis:7 --port 7000`). */
const entrypoint: Builtin = function* (c) {
  const args = c.argv.slice(1);
  if (!args.length) return 0;
  const sh = c.sh;
  return yield* sh.run(args, c.io);
};

export const SERVER_COMMANDS: Record<string, Builtin> = {
  ...Object.fromEntries(Object.keys(IMAGE_SERVERS).map((k) => [k, imageServer])),
  httpd,
  nc,
  python,
  python3: python,
  'docker-entrypoint.sh': entrypoint,
};

/** Programs that are not in a busybox image. */
export const NOT_BUSYBOX_SERVERS = [
  'nginx',
  'redis-server',
  'httpd-foreground',
  'catalina.sh',
  'mysqld',
  'postgres',
  'docker-entrypoint.sh',
  'python',
  'python3',
];
