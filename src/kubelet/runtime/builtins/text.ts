// echo and printf, as the shells' own builtins print: dash's echo always reads backslash escapes (XSI), ash's
// and bash's only with -e.
import type { Builtin } from './index';

/** Backslash escapes of echo -e and printf's format; `\c` stops all output. */
export function unescape(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) { out += s[i]; continue; }
    const n = s[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '\\': out += '\\'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case 'c': return { text: out, stop: true };
      case '0': { const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0]; out += String.fromCharCode(parseInt(m || '0', 8)); i += m.length; break; }
      default: out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

const echo: Builtin = (c) => {
  const args = c.argv.slice(1);
  let newline = true, escapes = c.sh.dialect === 'dash';
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const f of args.shift()!.slice(1)) { if (f === 'n') newline = false; if (f === 'e') escapes = true; if (f === 'E') escapes = c.sh.dialect === 'dash'; }
  }
  let text = args.join(' ');
  if (escapes) { const u = unescape(text); text = u.text; if (u.stop) newline = false; }
  c.io.out(text + (newline ? '\n' : ''));
  return 0;
};

/** printf FORMAT [ARG]...: the format is reused while arguments remain. */
const printf: Builtin = (c) => {
  const [format = '', ...args] = c.argv.slice(1);
  let out = '', code = 0;
  do {
    let used = 0;
    const text = format.replace(/%([-+ #0]*)(\d*)(?:\.(\d+))?([sdifxXoc%b])/g, (_m, fl: string, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const a = args[used++] ?? '';
      let s: string;
      switch (conv) {
        case 'd': case 'i': { const n = Number.parseInt(a || '0', 10); if (Number.isNaN(n)) { c.io.err(`${c.sh.opts.name}: printf: ${a}: invalid number\n`); code = 1; } s = String(Number.isNaN(n) ? 0 : n); break; }
        case 'f': s = Number(a || 0).toFixed(prec === undefined ? 6 : Number(prec)); break;
        case 'x': s = Number(a || 0).toString(16); break;
        case 'X': s = Number(a || 0).toString(16).toUpperCase(); break;
        case 'o': s = Number(a || 0).toString(8); break;
        case 'c': s = a.slice(0, 1); break;
        case 'b': s = unescape(a).text; break;
        default: s = prec === undefined ? a : a.slice(0, Number(prec));
      }
      const w = Number(width || 0);
      return fl.includes('-') ? s.padEnd(w) : s.padStart(w, fl.includes('0') && conv !== 's' ? '0' : ' ');
    });
    const u = unescape(text);
    out += u.text;
    if (u.stop) break;
    args.splice(0, used);
    if (!used) break;
  } while (args.length);
  c.io.out(out);
  return code;
};

export const TEXT_COMMANDS: Record<string, Builtin> = { echo, printf };
