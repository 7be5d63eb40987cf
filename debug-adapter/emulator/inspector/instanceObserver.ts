/**
 * Watches one instance process through its V8 inspector while the user's debugger (js-debug)
 * drives it, so the timeout counts running time only (issue #4). It follows the recipe of
 * feasibility-runtime.md §1:
 *
 * - session B enables the Debugger domain for its `paused`/`resumed` events only: breakpoints
 *   inactive (else a `debugger;` statement would pause for B alone), never `setSkipAllPauses`
 *   (B would stop receiving `paused`), and never `Runtime.runIfWaitingForDebugger` (the user's
 *   debugger releases the process once its breakpoints are set);
 * - session C has no Debugger domain and carries every `Runtime.evaluate`: an evaluate on a session
 *   with the Debugger domain enabled stalls about 44 ms;
 * - both close on `NodeRuntime.waitingForDisconnect`, so a finished process can exit;
 * - when the user's debugger detaches while the process is paused, B resumes it: with B's Debugger
 *   domain still enabled, V8 would otherwise stay paused for ever.
 *
 * It drives the invocation clocks (PausableClock) and keeps the process's PAUSED_MS_GLOBAL up to
 * date. May import ./cdpConnection, ../instances/invocationClock, ../events and protocol/.
 */
import { PAUSED_MS_GLOBAL } from '../../protocol/bootstrapContract';
import { Emitter, type Disposable } from '../events';
import { PausableClock, type InvocationClock } from '../instances/invocationClock';
import { CdpConnection } from './cdpConnection';

/** Where the observer reports its own problems (never Lambda logs; house-style.md principle 21). */
export type ObserverDiagnostic = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface InstanceObserverOptions {
  /** Our own diagnostics. */
  diagnostic?: ObserverDiagnostic;
  /** Monotonic milliseconds; default `performance.now`. Tests may pass a fake. */
  now?: () => number;
}

/**
 * An invocation clock that starts paused when the process is already paused (the user stopped it
 * between invocations): the timeout must not run while nobody can.
 */
class ObservedClock extends PausableClock {
  constructor(private readonly isPaused: () => boolean) {
    super();
  }

  override start(): void {
    super.start();
    if (this.isPaused()) this.pause();
  }
}

export class InstanceObserver implements Disposable {
  private pausedSince: number | undefined;
  private pausedTotal = 0;
  private clock: PausableClock | undefined;
  private disposed = false;
  private readonly closeEmitter = new Emitter<void>();
  private readonly now: () => number;
  private readonly diagnostic: ObserverDiagnostic;

  /** Fires once, when the observer stops (the process exited, or dispose). */
  readonly onDidClose = this.closeEmitter.event;

  private constructor(
    private readonly events: CdpConnection,
    private readonly evaluator: CdpConnection,
    options: InstanceObserverOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.diagnostic = options.diagnostic ?? (() => undefined);
    events.on('Debugger.paused', () => this.paused());
    events.on('Debugger.resumed', () => this.resumed());
    // The script has ended and Node waits for every session to leave before it exits.
    events.on('NodeRuntime.waitingForDisconnect', () => this.dispose());
    events.onClose(() => this.dispose());
    evaluator.onClose(() => this.dispose());
  }

  /**
   * Connects both sessions to the inspector at `url`. Call it while the process still waits for
   * its debugger (before telling anyone else the inspector's address), so no pause is missed.
   */
  static async attach(
    url: string,
    options: InstanceObserverOptions = {},
  ): Promise<InstanceObserver> {
    const [events, evaluator] = await Promise.all([
      CdpConnection.connect(url),
      CdpConnection.connect(url),
    ]);
    const observer = new InstanceObserver(events, evaluator, options);
    try {
      await events.send('Debugger.enable');
      await events.send('Debugger.setBreakpointsActive', { active: false });
      await events
        .send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true })
        .catch((error: unknown) => {
          // Older Node versions lack it; the process then lingers until the instance is retired.
          observer.diagnostic(
            'warn',
            `NodeRuntime.notifyWhenWaitingForDisconnect failed: ${String(error)}`,
          );
        });
    } catch (error) {
      observer.dispose();
      throw error;
    }
    return observer;
  }

  /** True while the process is paused in a debugger. */
  get isPaused(): boolean {
    return this.pausedSince !== undefined;
  }

  /** Total milliseconds this process has spent paused, a pause in progress included. */
  pausedMs(now = this.now()): number {
    return this.pausedTotal + (this.pausedSince === undefined ? 0 : now - this.pausedSince);
  }

  /** A clock for the next invocation of this instance; the observer drives it. */
  createClock(): InvocationClock {
    const clock = new ObservedClock(() => this.isPaused);
    this.clock = clock;
    return clock;
  }

  /**
   * The user's debugger has gone. If it left the process paused, or never released it from
   * `waitForDebugger`, let it run: nobody else will.
   */
  async release(): Promise<void> {
    if (this.disposed) return;
    await Promise.all([
      this.events.send('Runtime.runIfWaitingForDebugger').catch(() => undefined),
      this.isPaused ? this.events.send('Debugger.resume').catch(() => undefined) : undefined,
    ]);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pausedSince !== undefined) this.resumed();
    this.events.close();
    this.evaluator.close();
    this.closeEmitter.fire();
    this.closeEmitter.dispose();
  }

  private paused(): void {
    if (this.pausedSince !== undefined) return;
    const now = this.now();
    this.pausedSince = now;
    this.clock?.pause(now);
    // While paused, the global counts up by itself: the handler may read it the moment it
    // resumes, before the exact figure below lands.
    const base = Math.round(this.pausedTotal);
    this.push(
      `void Object.defineProperty(globalThis, ${KEY}, { configurable: true, enumerable: false, ` +
        `get: ((base, since) => () => base + (Date.now() - since))(${base}, Date.now()) })`,
    );
  }

  private resumed(): void {
    if (this.pausedSince === undefined) return;
    const now = this.now();
    this.pausedTotal += now - this.pausedSince;
    this.pausedSince = undefined;
    this.clock?.resume(now);
    this.push(
      `void Object.defineProperty(globalThis, ${KEY}, { configurable: true, enumerable: false, writable: true, ` +
        `value: ${Math.round(this.pausedTotal)} })`,
    );
  }

  /**
   * Sets PAUSED_MS_GLOBAL in the process. `silent` keeps a failure from pausing in the user's
   * debugger when it breaks on caught exceptions.
   */
  private push(expression: string): void {
    if (this.disposed) return;
    this.evaluator
      .send('Runtime.evaluate', {
        expression,
        silent: true,
        includeCommandLineAPI: false,
        returnByValue: true,
      })
      .catch((error: unknown) => {
        if (!this.disposed)
          this.diagnostic(
            'warn',
            `Cannot update the paused time in the instance: ${String(error)}`,
          );
      });
  }
}

/** The global's key as a JavaScript expression: a registered symbol, invisible to `Object.keys`. */
const KEY = `Symbol.for(${JSON.stringify(PAUSED_MS_GLOBAL)})`;
