/**
 * One operating-system process of an instance, with everything that belongs to that process alone:
 * its exit (settled only after its pipes are drained, so no line it printed is lost), killing it
 * together with any child it started, and freezing it between invocations. Callbacks that outlive
 * the process can check `instance.process === proc` and never act on a successor by mistake.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Reaper } from './reaper';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

/** How long to wait for the pipes after exit, for a grandchild that inherited them. */
const DRAIN_GRACE_MS = 500;

// On POSIX each instance leads its own process group, so a kill, a freeze or a thaw reaches the
// child processes a handler started too, as Lambda's sandbox would.
const GROUPS = process.platform !== 'win32';

export class InstanceProcess {
  readonly pid: number | undefined;
  /** Settles once the process has exited and its output is drained (bounded). */
  readonly ended: Promise<ProcessExit>;
  /** Set as soon as the process has exited (before its pipes are drained). */
  exit: ProcessExit | undefined;
  private frozen = false;

  private constructor(
    readonly child: ChildProcess,
    reaper: Reaper | undefined,
  ) {
    this.pid = child.pid;
    if (this.pid !== undefined) reaper?.add(this.pid);
    this.ended = new Promise<ProcessExit>((resolve) => {
      let settled = false;
      const settle = (): void => {
        if (settled) return;
        settled = true;
        if (this.pid !== undefined) reaper?.remove(this.pid);
        resolve(this.exit!);
      };
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        this.frozen = false;
        setTimeout(settle, DRAIN_GRACE_MS).unref();
      });
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.exit ??= { code, signal };
        settle();
      });
      child.once('error', (error) => {
        this.exit ??= { code: null, signal: null, error };
        // 'close' may never come for a process that never started.
        if (this.pid === undefined) settle();
      });
    });
  }

  static spawn(
    command: string,
    args: string[],
    options: { cwd: string; env: Record<string, string> },
    reaper: Reaper | undefined,
  ): InstanceProcess {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
      detached: GROUPS,
    });
    return new InstanceProcess(child, reaper);
  }

  get running(): boolean {
    return this.exit === undefined && this.pid !== undefined;
  }

  stdio(index: 1 | 2 | 3): Readable | null {
    return this.child.stdio[index] as Readable | null;
  }

  /** Kills the process (and its group) and waits until it is gone and drained. */
  kill(): Promise<ProcessExit> {
    if (this.running) this.signal('SIGKILL');
    return this.ended;
  }

  /** Lambda freezes an environment between invocations (spec §9.2); SIGSTOP does the same. */
  freeze(): void {
    if (!GROUPS || !this.running || this.frozen) return;
    if (this.signal('SIGSTOP')) this.frozen = true;
  }

  thaw(): void {
    if (!this.frozen) return;
    this.frozen = false;
    this.signal('SIGCONT');
  }

  private signal(signal: NodeJS.Signals): boolean {
    if (this.pid === undefined) return false;
    try {
      process.kill(GROUPS ? -this.pid : this.pid, signal);
      return true;
    } catch {
      try {
        // The group may be gone while the leader is not (or the other way round).
        process.kill(this.pid, signal);
        return true;
      } catch {
        return false;
      }
    }
  }
}
