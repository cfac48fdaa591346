// Time and the process: sleep (on the virtual clock), true, false, env, printenv, hostname, date, whoami, id.
import type { Builtin, Ctx } from './index';
import { podHostname } from '../fs';

/** sleep's operand in seconds: `30`, `1.5`, `2m`, `1h`, `1d`; Infinity for `inf`/`infinity`; NaN if invalid. */
export function sleepSeconds(a: string): number {
  if (/^inf(inity)?$/i.test(a)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
  if (!m) return NaN;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

const sleep: Builtin = function* (c) {
  const args = c.argv.slice(1);
  const busybox = c.sh.host.flavour === 'busybox';
  if (!args.length) {
    c.io.err(
      busybox
        ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n'
        : "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    );
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const s = sleepSeconds(a);
    if (Number.isNaN(s)) {
      c.io.err(
        busybox
          ? `sleep: invalid number '${a}'\n`
          : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`,
      );
      return 1;
    }
    total += s;
  }
  if (total === Infinity) {
    yield { forever: true };
    return 0;
  }
  yield { until: c.sh.proc.now + Math.round(total * 1000) };
  return 0;
};

function printEnv(c: Ctx, env: Map<string, string>): void {
  c.io.out([...env].map(([k, v]) => `${k}=${v}\n`).join(''));
}

/** env [-i] [NAME=VALUE]... [COMMAND [ARG]...] */
const env: Builtin = function* (c) {
  const args = c.argv.slice(1);
  let vars = new Map(c.env);
  while (args.length) {
    if (args[0] === '-i' || args[0] === '-') {
      vars = new Map();
      args.shift();
      continue;
    }
    if (args[0] === '-u') {
      args.shift();
      vars.delete(args.shift() ?? '');
      continue;
    }
    const eq = args[0].indexOf('=');
    if (eq <= 0) break;
    vars.set(args[0].slice(0, eq), args[0].slice(eq + 1));
    args.shift();
  }
  if (!args.length) {
    printEnv(c, vars);
    return 0;
  }
  const sub = c.sh.subshell();
  sub.exported.clear();
  sub.vars.clear();
  for (const [k, v] of vars) {
    sub.vars.set(k, v);
    sub.exported.add(k);
  }
  return yield* sub.run(args, c.io);
};

const printenv: Builtin = (c) => {
  const names = c.argv.slice(1);
  if (!names.length) {
    printEnv(c, c.env);
    return 0;
  }
  const found = names.filter((n) => c.env.has(n));
  c.io.out(found.map((n) => `${c.env.get(n)}\n`).join(''));
  return found.length === names.length ? 0 : 1;
};

const hostname: Builtin = (c) => {
  c.io.out(`${podHostname(c.sh.host.pod)}\n`);
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime for the virtual time, in UTC (a container's TZ is unset). */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  return format.replace(/%([a-zA-Z%])/g, (m, k: string) => {
    switch (k) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return p2(d.getUTCFullYear() % 100);
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case 'd':
        return p2(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2, ' ');
      case 'H':
        return p2(d.getUTCHours());
      case 'M':
        return p2(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case 's':
        return String(Math.floor(ms / 1000));
      case 'N':
        return String((ms % 1000) * 1_000_000).padStart(9, '0');
      case 'T':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 'a':
        return DAYS[d.getUTCDay()];
      case 'b':
      case 'h':
        return MONTHS[d.getUTCMonth()];
      case 'j':
        return String(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1).padStart(3, '0');
      case '%':
        return '%';
    }
    return m;
  });
}

const date: Builtin = (c) => {
  const fmt = c.argv.slice(1).find((a) => a.startsWith('+'));
  c.io.out(strftime(fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S %Z %Y', c.sh.proc.now) + '\n');
  return 0;
};

export const PROCESS_COMMANDS: Record<string, Builtin> = {
  sleep,
  env,
  printenv,
  hostname,
  date,
  true: () => 0,
  false: () => 1,
  whoami: (c) => {
    c.io.out('root\n');
    return 0;
  },
  id: (c) => {
    c.io.out('uid=0(root) gid=0(root) groups=0(root)\n');
    return 0;
  },
};
