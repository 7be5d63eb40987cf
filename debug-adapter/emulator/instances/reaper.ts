/**
 * A watchdog that kills the emulator's instance processes if the emulator itself dies without
 * cleaning up (killed hard, or crashed), which matters because idle instances are frozen
 * (SIGSTOP) and would otherwise stay stopped forever. It is a tiny Node process that is never
 * frozen: it learns the instance pids on its stdin and kills their process groups when that pipe
 * closes. Started lazily, once per emulator; POSIX only (Windows has no freeze).
 */
import { spawn, type ChildProcess } from 'node:child_process';

// Runs in the watchdog process; plain JavaScript with no dependencies.
const SCRIPT = `
const pids = new Set();
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\\n')) !== -1) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    const pid = Number(line.slice(1));
    if (line[0] === '+') pids.add(pid); else pids.delete(pid);
  }
});
process.stdin.on('end', () => {
  for (const pid of pids) {
    for (const target of [-pid, pid]) { try { process.kill(target, 'SIGKILL'); } catch {} }
  }
  process.exit(0);
});
`;

export class Reaper {
  private child: ChildProcess | undefined;

  add(pid: number): void {
    this.send(`+${pid}\n`);
  }

  remove(pid: number): void {
    if (this.child) this.send(`-${pid}\n`);
  }

  /** Ends the watchdog without killing anything (the emulator cleaned up itself). */
  dispose(): void {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }

  private send(line: string): void {
    if (process.platform === 'win32') return;
    if (!this.child) {
      this.child = spawn(process.execPath, ['-e', SCRIPT], {
        stdio: ['pipe', 'ignore', 'ignore'],
        env: { PATH: process.env.PATH ?? '' },
        detached: true,
      });
      // The watchdog must never keep the emulator's process alive.
      this.child.unref();
      (this.child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      this.child.on('error', () => (this.child = undefined));
      this.child.stdin?.on('error', () => undefined);
    }
    this.child.stdin?.write(line);
  }
}
