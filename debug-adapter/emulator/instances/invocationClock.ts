/**
 * The clock an invocation's timeout runs on. On Lambda it is the wall clock; while a debugger holds
 * the instance paused, a pause-aware clock stops counting (issue #4), so a user can sit at a
 * breakpoint without the invocation timing out.
 */

export interface InvocationClock {
  start(): void;
  stop(): void;
  /** Running time so far, given the wall time elapsed since start. */
  elapsedMs(wallElapsedMs: number): number;
  /** True while the instance is paused (the timeout waits for it to resume). */
  readonly paused: boolean;
  /** Called when the paused state changes, so the timeout can be re-armed. */
  onChange(listener: () => void): void;
}

/** Lambda's clock: wall time, no pauses. */
export class WallClock implements InvocationClock {
  readonly paused = false;
  start(): void {}
  stop(): void {}
  elapsedMs(wallElapsedMs: number): number {
    return wallElapsedMs;
  }
  onChange(): void {}
}

/** A clock that subtracts paused intervals; something else (an inspector observer) drives it. */
export class PausableClock implements InvocationClock {
  private pausedTotal = 0;
  private pausedSince: number | undefined;
  private listener: (() => void) | undefined;
  private running = false;

  get paused(): boolean {
    return this.pausedSince !== undefined;
  }

  start(): void {
    this.running = true;
    this.pausedTotal = 0;
  }

  stop(): void {
    this.running = false;
    this.listener = undefined;
  }

  /** Total paused milliseconds of this invocation, including a pause in progress. */
  pausedMs(now = performance.now()): number {
    return this.pausedTotal + (this.pausedSince === undefined ? 0 : now - this.pausedSince);
  }

  elapsedMs(wallElapsedMs: number): number {
    return wallElapsedMs - this.pausedMs();
  }

  pause(now = performance.now()): void {
    if (!this.running || this.pausedSince !== undefined) return;
    this.pausedSince = now;
    this.listener?.();
  }

  resume(now = performance.now()): void {
    if (this.pausedSince === undefined) return;
    this.pausedTotal += now - this.pausedSince;
    this.pausedSince = undefined;
    this.listener?.();
  }

  onChange(listener: () => void): void {
    this.listener = listener;
  }
}
