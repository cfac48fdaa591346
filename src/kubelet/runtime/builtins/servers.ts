// The servers of well-known images as programs: they run until stopped, serve their port, and stop on SIGTERM
// when they are PID 1 (nginx's fast shutdown, redis' and the others' clean exit). Their start-up log lines are
// not modelled. `docker-entrypoint.sh` runs its arguments, as the official images' entrypoints `exec "$@"`.
import type { Builtin } from './index';

export interface ServerInfo { ports: number[]; docroot?: string }

export const SERVERS: Record<string, ServerInfo> = {
  nginx: { ports: [80], docroot: '/usr/share/nginx/html' },
  'httpd-foreground': { ports: [80], docroot: '/usr/local/apache2/htdocs' },
  httpd: { ports: [80], docroot: '/var/www' },
  'redis-server': { ports: [6379] },
  'catalina.sh': { ports: [8080], docroot: '/usr/local/tomcat/webapps/ROOT' },
  mysqld: { ports: [3306] },
  postgres: { ports: [5432] },
  pause: { ports: [] },
};

const serve: Builtin = function* (c) {
  // nginx -s quit/reload and the like signal a running server and return
  if (c.argv.includes('-s') || c.argv.includes('-v') || c.argv.includes('-t') || c.argv.includes('-V')) return 0;
  const sh = c.sh;
  if (sh.opts.pid1 && sh.execing) sh.proc.onSignal = (sig) => (sig === 'TERM' || sig === 'INT' || sig === 'QUIT' ? 0 : undefined);
  sh.proc.serving.add(c.argv[0].slice(c.argv[0].lastIndexOf('/') + 1));
  yield { forever: true };
  return 0;
};

/** The official images' entrypoints: `exec "$@"`, with the image's program before options (`redis:7 --port 7000`). */
const entrypoint: Builtin = function* (c) {
  const args = c.argv.slice(1);
  if (!args.length) return 0;
  const sh = c.sh;
  return yield* sh.run(args, c.io);
};

export const SERVER_COMMANDS: Record<string, Builtin> = {
  ...Object.fromEntries(Object.keys(SERVERS).map((k) => [k, serve])),
  'docker-entrypoint.sh': entrypoint,
};
