// A byte stream between processes: a pipe of a pipeline, a container's stdin that `kubectl attach` feeds, or the
// whole text of a file or here-document given at once. A reader waits (on the virtual clock, process.ts `when`)
// until data or the end comes; a writer to a stream whose reader has gone gets EPIPE, which kills it as SIGPIPE
// does (exit status 141), so `yes | head -n 3` ends. A pipe holds 64 KiB (Linux's default pipe capacity); a
// writer that filled it waits until the reader takes some.
import type { Resume, Wait } from './process';
import { Unsupported } from './process';

/** What a write to a pipe nobody reads any more raises: the writer dies of SIGPIPE. */
export class BrokenPipe {
  readonly code = 141;
}

/** pipe(7): the default capacity of a pipe on Linux. */
export const PIPE_CAPACITY = 65_536;

export class Stream {
  private buf = '';
  /** the writing end was closed: once the data is read, the reader sees the end */
  closed: boolean;
  /** the reading end was closed: writes fail with EPIPE */
  readerGone = false;

  constructor(text = '', closed = false) {
    this.buf = text;
    this.closed = closed;
  }

  /** A stream holding this text and nothing more (a file, a here-document, exec's stdin). */
  static of(text: string): Stream {
    return new Stream(text, true);
  }

  write(s: string): void {
    if (this.readerGone) throw new BrokenPipe();
    if (!this.closed) this.buf += s;
  }

  close(): void {
    this.closed = true;
  }
  closeRead(): void {
    this.readerGone = true;
    this.buf = '';
  }

  /** Whether a read would not wait: there is data, or the end. */
  get readable(): boolean {
    return this.buf.length > 0 || this.closed;
  }
  /** Whether a whole line (or the last bit before the end) is there. */
  get lineReady(): boolean {
    return this.buf.includes('\n') || this.closed;
  }
  get full(): boolean {
    return this.buf.length >= PIPE_CAPACITY;
  }
  get eof(): boolean {
    return this.closed && this.buf === '';
  }
  get pending(): number {
    return this.buf.length;
  }

  /** Everything there now. */
  take(): string {
    const s = this.buf;
    this.buf = '';
    return s;
  }

  /** One line with its newline, or what is left before the end; undefined when neither is there yet. */
  takeLine(): string | undefined {
    const nl = this.buf.indexOf('\n');
    if (nl < 0 && !this.closed) return undefined;
    const end = nl < 0 ? this.buf.length : nl + 1;
    const s = this.buf.slice(0, end);
    this.buf = this.buf.slice(end);
    return s;
  }

  /** What is there, without taking it (a static check of a script). */
  peek(): string {
    return this.buf;
  }
}

type Gen<T> = Generator<Wait, T, Resume>;

/** A reader gathers at most this much at one instant (`yes | wc -l` would gather for ever). */
const READ_ALL_LIMIT = 16 * 1024 * 1024;

/** All of a stream, to its end: the reader waits (the writer runs meanwhile) until the writing end closes. */
export function* readAll(s: Stream): Gen<string> {
  let out = '';
  for (;;) {
    out += s.take();
    if (s.closed) return out;
    if (out.length > READ_ALL_LIMIT)
      throw new Unsupported(
        '',
        `kspec stopped interpreting the command: more than 16 MiB came through a pipe at one instant`,
      );
    yield { when: () => s.readable };
  }
}

/** The next line of a stream with its newline, what is left before the end, or undefined at the end. */
export function* readLine(s: Stream): Gen<string | undefined> {
  while (!s.lineReady) yield { when: () => s.lineReady };
  const line = s.takeLine()!;
  return line === '' ? undefined : line;
}

/** After a write to a full pipe the writer waits until the reader took some, or went away (then EPIPE). */
export function* drain(sink: Stream | undefined): Gen<void> {
  if (sink?.full) yield { when: () => !sink.full || sink.readerGone };
}
