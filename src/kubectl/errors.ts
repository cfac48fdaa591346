// Errors as kubectl prints them (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go, checkErr and
// StandardErrorMessage; AddSourceToErr for errors about objects read from files).

import { StatusError, isStatusError } from '../api/errors';

/** An error whose text kubectl prints as is (already formatted, e.g. "error: ..."). */
export class KubectlFailure extends Error {
  constructor(
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text);
  }
}

/** A plain error that checkErr prefixes with "error: ". */
export class CmdError extends Error {}

/** AddSourceToErr: `error when creating "x.yaml": <message>`, keeping a StatusError a StatusError. */
export function addSource(verb: string, source: string | undefined, err: unknown): unknown {
  if (!source) return err;
  if (isStatusError(err)) {
    const e = new StatusError(err.code, err.reason, `error when ${verb} "${source}": ${err.message}`, err.details);
    return e;
  }
  if (err instanceof Error) return new CmdError(`error when ${verb} "${source}": ${err.message}`);
  return err;
}

/** StandardErrorMessage, or the error's own text. */
export function messageFor(err: unknown): string {
  if (isStatusError(err))
    return err.reason ? `Error from server (${err.reason}): ${err.message}` : `Error from server: ${err.message}`;
  if (err instanceof KubectlFailure) return err.text.replace(/\n$/, '');
  return err instanceof Error ? err.message : String(err);
}

/** checkErr: the text kubectl writes to stderr for one error, ending in a newline. */
export function formatError(err: unknown): string {
  if (isStatusError(err) && err.reason === 'Invalid') {
    const d = err.details;
    // a Status without details (a JSON patch that does not apply) says what the server's message says
    if (!d.kind && !d.name && !d.causes?.length) return `The request is invalid: ${err.message}\n`;
    let s = 'The request is invalid';
    if (d.kind || d.name) s = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
    const causes: string[] = [];
    for (const c of d.causes ?? []) if (!causes.includes(c.text)) causes.push(c.text);
    if (!causes.length) return s + '\n';
    if (causes.length === 1) return `${s}: ${causes[0]}\n`;
    return `${s}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
  }
  if (err instanceof KubectlFailure) return err.text.endsWith('\n') || !err.text ? err.text : err.text + '\n';
  if (isStatusError(err)) return messageFor(err) + '\n';
  const msg = err instanceof Error ? err.message : String(err);
  if (!(err instanceof CmdError) && !(err instanceof Error)) return `error: ${msg}\n`;
  // checkErr ends the message with one newline, keeping the one it has
  const text = msg.startsWith('error: ') ? msg : `error: ${msg}`;
  return text.endsWith('\n') ? text : text + '\n';
}

/** checkErr for the errors a command collected: one as itself, several one per line (MultipleErrors). */
export function formatErrors(errs: unknown[]): string {
  if (errs.length === 1) return formatError(errs[0]);
  return errs.map((e) => messageFor(e) + '\n').join('');
}
