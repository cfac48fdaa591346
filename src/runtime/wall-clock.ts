// The wall clock: the one door to real time. The model never walks through it (it takes time from the virtual
// clock, src/runtime/clock.ts); what waits on the world outside the model does: a served cluster pacing its
// virtual time and its watch timers, a live cluster polled until it settles, a certificate's validity, and the
// person running kspec (how long they waited). Keeping every such read here lets a check find any other.

export const wallClock = {
  /** Milliseconds since the epoch. */
  now: (): number => Date.now(),
  /** Milliseconds since the process started (what a person waited for). */
  elapsed: (): number => performance.now(),
  /** Calls fn once after ms of real time. */
  after: (ms: number, fn: () => void): NodeJS.Timeout => setTimeout(fn, ms),
  /** Calls fn every ms of real time. */
  every: (ms: number, fn: () => void): NodeJS.Timeout => setInterval(fn, ms),
  clear: (t: NodeJS.Timeout | undefined): void => {
    if (t) {
      clearTimeout(t);
      clearInterval(t);
    }
  },
  /** Resolves after ms of real time. */
  sleep: (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms)),
};
