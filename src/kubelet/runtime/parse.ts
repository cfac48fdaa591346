// The parser adapter: shell text to just-bash's AST (npm just-bash, pinned). Its `parse` is synchronous, loads
// from CommonJS on Node 20, and its AST keeps quoting, expansions and redirections apart, so ./interpreter.ts can
// walk it one step at a time on the virtual clock. just-bash's own interpreter is not used: it is asynchronous and
// runs on wall time. The module loads on first use (about 100 ms) and parses are cached by text: the replicas of
// a Deployment share one.
import type { Script } from './ast';

/**
 * A script the parser rejects, with the shell's message (`syntax error near unexpected token ...`); `incomplete`
 * when the text ended before the command did (an `if` without its `fi`, an open quote): a shell reading its
 * input line by line reads on.
 */
export class ShellSyntaxError extends Error {
  incomplete = false;
}

let parser: ((text: string) => Script) | undefined;
const cache = new Map<string, Script | ShellSyntaxError>();
const CACHE_MAX = 2000;

export function parseScript(text: string): Script {
  let r = cache.get(text);
  if (!r) {
    parser ??= (require('just-bash') as { parse: (t: string) => Script }).parse;
    try {
      r = parser(text);
    } catch (e) {
      const m = (e as Error).message;
      r = new ShellSyntaxError(syntaxMessage(m));
      const at = /^Parse error at (\d+):/.exec(m);
      r.incomplete = /unexpected EOF/.test(m) || (!!at && Number(at[1]) > text.replace(/\n$/, '').split('\n').length);
    }
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(text, r);
  }
  if (r instanceof ShellSyntaxError) throw r;
  return r;
}

/** just-bash says `Parse error at 1:9: syntax error near unexpected token `fi'`; a shell says the part after it. */
function syntaxMessage(m: string): string {
  return m.replace(/^Parse error at \d+:\d+: /, '').replace(/^line \d+: /, '');
}
