// A process tree on the virtual clock: the container's PID 1 and the jobs it starts in the background, each a
// generator that yields what it waits for (a time, its children, nothing ever) and is resumed by the kubelet's
// pod worker when that comes. Nothing here blocks or reads wall time: `sleep 30` is a wake-up 30 virtual seconds
// later. What the processes print is the container's log, each line stamped with the virtual time it was written.
// The threads of one process (a pipeline's commands, background jobs) run in turns: one runs until it waits, and
// threads due at the same instant take turns in the order they last ran.
import { BrokenPipe, type Stream } from './stream';

/**
 * What a step of a process waits for: a time, nothing ever, its background jobs, or a condition (data in a pipe,
 * a file that grew, a connection), checked whenever the process runs, with an optional time it gives up at.
 */
export type Wait = { until: number } | { forever: true } | { children: true } | { when: () => boolean; until?: number };
/** Why it was resumed: its time came, or a signal interrupted a `wait`. */
export type Resume = 'time' | 'signal';
export type Step = Generator<Wait, number, Resume>;

/** `exit N`, or a fatal shell error: unwinds the shell to its process. */
export class Exit {
  constructor(readonly code: number) {}
}

/** A word the model cannot run: the container is stopped with a message and a Warning event names it. */
export class Unsupported extends Error {
  constructor(
    readonly word: string,
    detail?: string,
  ) {
    super(detail ?? `kspec cannot run "${word}"`);
  }
}

export interface LogLine {
  at: number;
  text: string;
  stream: 'stdout' | 'stderr';
}

/** The kubelet keeps a container's log up to containerLogMaxSize (10Mi); kspec keeps the last lines. */
const MAX_LOG_LINES = 50_000;
/** Steps at one virtual instant before the process is taken for a busy loop. */
export const BUSY_STEPS = 20_000;
/** A loop lets the process' other threads run every so many steps. */
const TURN_STEPS = 16;

/**
 * A listening socket of a program in the container: an HTTP server answering from files under its document root
 * (`answer`), or a raw TCP server (`nc -l`) told of each connection, which answers with what it has to send.
 */
export interface Listener {
  port: number;
  /** the program, for messages */
  program: string;
  /** an HTTP server: its answer to GET path */
  http?: (path: string) => { status: number; body: string };
  /** a TCP server: takes the connection's data and returns what it sends back (undefined: nothing, it holds) */
  accept?: (data: string) => string | undefined;
}

interface Thread {
  gen: Step;
  wait: Wait | 'ready';
  resume: Resume;
  done: boolean;
  status: number /** the step count when it last ran: threads due at once take turns */;
  ran: number;
}

/** What a thread waiting forever keeps instead of its generator: a finished one (return() does nothing). */
const PARKED: Step = (function* (): Step {
  return 0;
})();
PARKED.next();
const NO_TRAPS = () => false;

export class Process {
  now: number;
  readonly log: LogLine[] = [];
  private partial = { stdout: '', stderr: '' };
  private threads: Thread[] = [];
  exitCode?: number;
  exitedAt?: number;
  /** why interpreting stopped: an unsupported word, or a busy loop (the process then runs on, unseen) */
  stopped?: Unsupported;
  /** the runtime could not start PID 1 (its program is not in the image): StartError, exit code 128 */
  startError?: string;
  /** whether the kubelet has reported why interpreting stopped */
  reported = false;
  /** the signal numbers that arrived and wait for the shell's trap */
  readonly pending: string[] = [];
  /** the signals PID 1 handles (its traps); any other is ignored, as the kernel does for a container's init */
  handles: (signal: string) => boolean = () => false;
  /** a program that is PID 1 and ends on a signal (a server's SIGTERM handler): the exit status it ends with */
  onSignal?: (signal: string) => number | undefined;
  /** the sockets its programs listen on (nginx on 80, `nc -l -p 8080` ...): what a probe or a request reaches */
  readonly listeners: Listener[] = [];
  private steps = 0;
  private stepsAt = -1;
  private stepped = 0;
  /** PID 1's standard input when the container keeps it open (`stdin: true`): what `kubectl attach -i` writes to */
  stdin?: Stream;

  /** what was written, byte for byte, when the process runs for a caller that reads its output (exec) */
  readonly captured?: { stdout: string; stderr: string };

  constructor(start: number, main: (p: Process) => Step, opts: { capture?: boolean } = {}) {
    if (opts.capture) this.captured = { stdout: '', stderr: '' };
    this.now = start;
    this.threads.push({ gen: main(this), wait: 'ready', resume: 'time', done: false, status: 0, ran: 0 });
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Starts listening on a port until `stop()` (or the process' end). */
  listen(l: Listener): () => void {
    this.listeners.push(l);
    return () => {
      const i = this.listeners.indexOf(l);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** A background job (`cmd &`): runs beside PID 1 until it ends or the container does. */
  spawn(gen: Step): void {
    this.threads.push({ gen, wait: 'ready', resume: 'time', done: false, status: 0, ran: 0 });
  }

  /**
   * Counts a step; throws on a busy loop (so many steps without virtual time passing). True every so often while
   * another thread could run: a shell loop then lets it (the reader of its pipe) have a turn, as the kernel would.
   */
  tick(): boolean {
    if (this.stepsAt !== this.now) {
      this.stepsAt = this.now;
      this.steps = 0;
    }
    if (++this.steps > BUSY_STEPS)
      throw new Unsupported(
        '',
        `kspec stopped interpreting the command after ${BUSY_STEPS} steps in one instant (a loop that never sleeps)`,
      );
    return this.steps % TURN_STEPS === 0 && this.threads.length > 1;
  }

  write(s: 'stdout' | 'stderr', text: string): void {
    if (this.captured) {
      this.captured[s] += text;
      return;
    }
    const lines = (this.partial[s] + text).split('\n');
    this.partial[s] = lines.pop()!;
    for (const l of lines) this.log.push({ at: this.now, text: l, stream: s });
    if (this.log.length > MAX_LOG_LINES) this.log.splice(0, this.log.length - MAX_LOG_LINES);
  }

  /** When a thread next needs to run: undefined when none waits for a time (all wait forever, or it ended). */
  nextWake(): number | undefined {
    if (!this.running || this.stopped) return undefined;
    let at: number | undefined;
    for (const t of this.threads) {
      const due = this.due(t);
      if (due !== undefined && (at === undefined || due < at)) at = due;
    }
    return at;
  }

  private due(t: Thread): number | undefined {
    if (t.done) return undefined;
    if (t.wait === 'ready') return this.now;
    if ('until' in t.wait) return t.wait.until;
    if ('children' in t.wait) {
      if (this.pending.length && t === this.threads[0]) {
        t.resume = 'signal';
        return this.now;
      }
      return this.threads.slice(1).every((c) => c.done) ? this.now : undefined;
    }
    if ('when' in t.wait) return t.wait.when() ? this.now : t.wait.until;
    return undefined;
  }

  /** Runs every step due up to `until`, in time order. */
  advance(until: number): void {
    while (this.running && !this.stopped) {
      let next: Thread | undefined,
        at = Infinity;
      for (const t of this.threads) {
        const due = this.due(t);
        if (due !== undefined && (due < at || (due === at && next && t.ran < next.ran))) {
          at = due;
          next = t;
        }
      }
      if (!next || at > until) break;
      this.now = Math.max(this.now, at);
      this.step(next);
    }
    // time passed for the process too, even when nothing in it woke up
    if (this.running && Number.isFinite(until)) this.now = Math.max(this.now, until);
  }

  private step(t: Thread): void {
    const resume = t.resume;
    t.resume = 'time';
    t.wait = 'ready';
    t.ran = ++this.stepped;
    try {
      const r = t.gen.next(resume);
      if (r.done) {
        t.done = true;
        t.status = r.value;
      } else t.wait = r.value;
      // a thread waiting for nothing is never resumed: only exit() returns it, which runs the interpreter's finally
      // blocks (they restore the shell's own state, nothing anyone reads after). Its frames (the shell, the
      // environment, the command's words) are let go: a server's PID 1 holds kilobytes while it runs for hours.
      // A parked PID 1 runs no trap (signals wait for it in `pending`, which it would never read), so its
      // shell's traps are let go too
      if (!r.done && 'forever' in r.value) {
        t.gen = PARKED;
        if (t === this.threads[0]) this.handles = NO_TRAPS;
      }
    } catch (e) {
      if (e instanceof Exit || e instanceof BrokenPipe) {
        t.done = true;
        t.status = e.code;
      } else if (e instanceof Unsupported) {
        this.stopped = e;
        this.flush();
        return;
      } else throw e;
    }
    if (t.done && t === this.threads[0]) this.exit(t.status);
  }

  /** A signal to PID 1 (the kubelet's SIGTERM): handled by a trap, else ignored, as for any container's init. */
  signal(name: string): void {
    if (!this.running) return;
    const code = this.onSignal?.(name);
    if (code !== undefined) {
      this.exit(code);
      return;
    }
    if (this.handles(name)) this.pending.push(name);
  }

  /** SIGKILL, or the end of the container: everything stops now. */
  kill(code = 137): void {
    if (this.running) this.exit(code);
  }

  private exit(code: number): void {
    this.flush();
    this.listeners.length = 0;
    this.exitCode = code;
    this.exitedAt = this.now;
    for (const t of this.threads) {
      if (!t.done) {
        t.done = true;
        t.gen.return(code);
      }
    }
  }

  private flush(): void {
    for (const s of ['stdout', 'stderr'] as const)
      if (this.partial[s]) {
        this.log.push({ at: this.now, text: this.partial[s], stream: s });
        this.partial[s] = '';
      }
  }
}
