// Command-line tokenizing (as a POSIX shell splits words) and flag parsing as spf13/pflag does it:
// `--flag=value`, `--flag value`, `-n ns`, `-nns`, `-n=ns`, bool shorthands grouped (`-it`), `--` ends flags.

export class UsageError extends Error {}

/** Splits a command line into words: single quotes literal, double quotes with backslash escapes. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    inWord = false,
    i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UsageError('unterminated quoted string');
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) throw new UsageError('unterminated quoted string');
        const d = line[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          cur += line[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'array';
export interface FlagDef {
  type: FlagType;
  short?: string;
  default?: unknown;
}
export type FlagSpec = Record<string, FlagDef>;

export interface Parsed {
  args: string[];
  flags: Record<string, unknown>;
  /** flags given on the command line */
  set: Set<string>;
  /** how many arguments came before `--` (cobra's ArgsLenAtDash), or -1 */
  dashAt: number;
  /** each flag as given, in order: its long name and raw value (`true` for a bare bool), as pflag's ParseAll sees them */
  given: [string, string][];
}

/** pflag's parse: flags anywhere among the positional arguments until `--`. */
export function parseFlags(words: string[], spec: FlagSpec): Parsed {
  const flags: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(spec))
    flags[k] =
      d.default ??
      (d.type === 'bool' ? false : d.type === 'strings' || d.type === 'array' ? [] : d.type === 'int' ? undefined : '');
  const shorts = new Map<string, string>();
  for (const [k, d] of Object.entries(spec)) if (d.short) shorts.set(d.short, k);
  const args: string[] = [];
  const set = new Set<string>();
  let dashAt = -1;
  const given: [string, string][] = [];
  const assign = (name: string, raw: string, shown: string) => {
    const d = spec[name];
    set.add(name);
    given.push([name, raw]);
    switch (d.type) {
      case 'bool':
        if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False', 'T', 'F'].includes(raw)) {
          throw new UsageError(
            `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
          );
        }
        flags[name] = ['true', '1', 't', 'TRUE', 'True', 'T'].includes(raw);
        break;
      case 'int':
        if (!/^[+-]?\d+$/.test(raw))
          throw new UsageError(
            `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`,
          );
        flags[name] = Number(raw);
        break;
      case 'strings':
        (flags[name] as string[]).push(...(raw === '' ? [] : raw.split(',')));
        break;
      case 'array':
        (flags[name] as string[]).push(raw);
        break;
      default:
        flags[name] = raw;
    }
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      dashAt = args.length;
      args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const d = spec[name];
      if (!d) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) assign(name, w.slice(eq + 1), `--${name}`);
      else if (d.type === 'bool') assign(name, 'true', `--${name}`);
      else if (i + 1 < words.length) assign(name, words[++i], `--${name}`);
      else throw new UsageError(`flag needs an argument: --${name}`);
    } else if (w.startsWith('-') && w.length > 1) {
      // shorthands: -abc, -nvalue, -n value, -n=value
      for (let j = 1; j < w.length; j++) {
        const c = w[j];
        const name = shorts.get(c);
        if (!name) throw new UsageError(`unknown shorthand flag: '${c}' in ${w}`);
        const d = spec[name];
        const shown = `-${c}, --${name}`;
        if (w[j + 1] === '=') {
          assign(name, w.slice(j + 2), shown);
          break;
        }
        if (d.type === 'bool') {
          assign(name, 'true', shown);
          continue;
        }
        if (j + 1 < w.length) {
          assign(name, w.slice(j + 1), shown);
          break;
        }
        if (i + 1 < words.length) {
          assign(name, words[++i], shown);
          break;
        }
        throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
      }
    } else args.push(w);
  }
  return { args, flags, set, dashAt, given };
}

/** Flags every kubectl command accepts (kubectl's persistent flags). */
export const GLOBAL_FLAGS: FlagSpec = {
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  cluster: { type: 'string' },
  user: { type: 'string' },
  server: { type: 'string', short: 's' },
  'request-timeout': { type: 'string' },
  v: { type: 'string' },
  'insecure-skip-tls-verify': { type: 'bool' },
  token: { type: 'string' },
  as: { type: 'string' },
  'as-group': { type: 'array' },
  'as-uid': { type: 'string' },
  'warnings-as-errors': { type: 'bool' },
  'match-server-version': { type: 'bool' },
  'disable-compression': { type: 'bool' },
};
