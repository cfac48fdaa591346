// Time while served. `real`: virtual time follows the wall clock (times `speed`): before each request the
// cluster catches up, and a wake-up is set for the next timer of the virtual clock, so watchers see a pod start
// when its start-up delay has passed. `manual`: virtual time moves only when asked (`kspec time advance`).
// The model still takes time only from its virtual clock; only this pacing reads the wall clock.

import type { Cluster } from '../cluster';
import { wallClock } from '../runtime/wall-clock';

export type ClockMode = 'real' | 'manual';

export class ServedClock {
  private wallStart = wallClock.now();
  private virtualStart: number;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly cluster: Cluster,
    readonly mode: ClockMode = 'real',
    readonly speed = 1,
  ) {
    if (!(speed > 0)) throw new Error(`--speed must be a positive number, not ${speed}`);
    this.virtualStart = cluster.clock.now();
  }

  /** Catches the virtual clock up with the wall clock (real mode), firing what falls due. */
  sync(): void {
    if (this.mode !== 'real' || this.stopped) return;
    const target = this.virtualStart + Math.floor((wallClock.now() - this.wallStart) * this.speed);
    const now = this.cluster.clock.now();
    if (target > now) this.cluster.advance(target - now);
  }

  /** Sets the wake-up for the next virtual timer (real mode). */
  schedule(): void {
    if (this.mode !== 'real' || this.stopped) return;
    wallClock.clear(this.timer);
    const next = this.cluster.clock.nextDue();
    if (next === undefined) return;
    const wall = this.wallStart + (next - this.virtualStart) / this.speed;
    const delay = Math.min(Math.max(0, Math.ceil(wall - wallClock.now())), 2 ** 31 - 1);
    this.timer = wallClock.after(delay, () => {
      this.timer = undefined;
      this.sync();
      this.schedule();
    });
  }

  /** Moves virtual time forward by ms (manual mode's only way; in real mode it also shifts the wall mapping). */
  advance(ms: number): void {
    if (this.mode === 'real') {
      this.sync();
      this.virtualStart += ms;
    }
    this.cluster.advance(ms);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    wallClock.clear(this.timer);
  }
}
