// echo and printf, as the shells' own builtins print: dash's echo always reads backslash escapes (XSI), ash's
// and bash's only with -e.
import type { Builtin } from './index';
import { Unsupported } from '../process';
import { drain } from '../stream';

/** Backslash escapes of echo -e and printf's format; `\c` stops all output. */
export function echoUnescape(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) {
      out += s[i];
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '\\':
        out += '\\';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'e':
        out += '\x1b';
        break;
      case 'c':
        return { text: out, stop: true };
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
        out += String.fromCharCode(parseInt(m || '0', 8));
        i += m.length;
        break;
      }
      default:
        out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

const echo: Builtin = (c) => {
  const args = c.argv.slice(1);
  let newline = true,
    escapes = c.sh.dialect === 'dash';
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const f of args.shift()!.slice(1)) {
      if (f === 'n') newline = false;
      if (f === 'e') escapes = true;
      if (f === 'E') escapes = c.sh.dialect === 'dash';
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const u = echoUnescape(text);
    text = u.text;
    if (u.stop) newline = false;
  }
  c.io.out(text + (newline ? '\n' : ''));
  return 0;
};

/** printf FORMAT [ARG]...: the format is reused while arguments remain. */
const printf: Builtin = (c) => {
  const [format = '', ...args] = c.argv.slice(1);
  let out = '',
    code = 0;
  do {
    let used = 0;
    const text = format.replace(
      /%([-+ #0]*)(\d*)(?:\.(\d+))?([sdifxXoc%b])/g,
      (_m, fl: string, width: string, prec: string | undefined, conv: string) => {
        if (conv === '%') return '%';
        const a = args[used++] ?? '';
        let s: string;
        switch (conv) {
          case 'd':
          case 'i': {
            const n = Number.parseInt(a || '0', 10);
            if (Number.isNaN(n)) {
              c.io.err(`${c.sh.opts.name}: printf: ${a}: invalid number\n`);
              code = 1;
            }
            s = String(Number.isNaN(n) ? 0 : n);
            break;
          }
          case 'f':
            s = Number(a || 0).toFixed(prec === undefined ? 6 : Number(prec));
            break;
          case 'x':
            s = Number(a || 0).toString(16);
            break;
          case 'X':
            s = Number(a || 0)
              .toString(16)
              .toUpperCase();
            break;
          case 'o':
            s = Number(a || 0).toString(8);
            break;
          case 'c':
            s = a.slice(0, 1);
            break;
          case 'b':
            s = echoUnescape(a).text;
            break;
          default:
            s = prec === undefined ? a : a.slice(0, Number(prec));
        }
        const w = Number(width || 0);
        return fl.includes('-') ? s.padEnd(w) : s.padStart(w, fl.includes('0') && conv !== 's' ? '0' : ' ');
      },
    );
    const u = echoUnescape(text);
    out += u.text;
    if (u.stop) break;
    args.splice(0, used);
    if (!used) break;
  } while (args.length);
  c.io.out(out);
  return code;
};

/**
 * yes [STRING]: writes for ever. Into a pipe it runs until the reader has had enough and it dies of SIGPIPE
 * (`yes | head -n 3`); it writes in chunks and waits while the pipe is full. Anywhere else it would only burn the
 * CPU at one instant, which kspec reports as a loop that never sleeps.
 */
const yes: Builtin = function* (c) {
  const line = (c.argv.length > 1 ? c.argv.slice(1).join(' ') : 'y') + '\n';
  const sink = c.io.sink;
  if (!sink)
    throw new Unsupported(
      '',
      'kspec stopped interpreting the command: yes writes for ever at one instant (only a pipe whose reader stops can end it)',
    );
  const chunk = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
  for (;;) {
    c.sh.proc.tick();
    c.io.out(chunk);
    yield* drain(sink);
    yield { when: () => true };
  }
};

/** seq [FIRST [INCREMENT]] LAST */
const seq: Builtin = (c) => {
  const n = c.argv.slice(1).map(Number);
  if (!n.length || n.some(Number.isNaN)) {
    c.io.err(`seq: invalid argument\n`);
    return 1;
  }
  const [first, step, last] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : n;
  let out = '';
  for (let i = first, k = 0; step > 0 ? i <= last : i >= last; i += step, k++) {
    if (k > 1_000_000) break;
    out += `${i}\n`;
  }
  c.io.out(out);
  return 0;
};

export const TEXT_COMMANDS: Record<string, Builtin> = { echo, printf, yes, seq };
