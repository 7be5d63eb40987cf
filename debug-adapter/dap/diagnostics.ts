/**
 * Our own diagnostics (house-style.md principle 21): never Lambda logs, never DAP output. The
 * session writes them through this small port; the standalone adapter sends them to stderr, and
 * the extension (inline mode) passes a two-line adapter over its LogOutputChannel
 * (`log: (level, area, message) => channel[level](`[${area}] ${message}`)`).
 */

export type DiagnosticLevel = 'trace' | 'info' | 'warn' | 'error';

/** Where diagnostics go. `area` tags the part of the adapter (`dap.session`, `dap.observer`…). */
export interface DiagnosticLog {
  log(level: DiagnosticLevel, area: string, message: string): void;
}

/** One line per diagnostic on stderr: `[lambda-workbench] error dap.session: …`. */
export const stderrDiagnostics: DiagnosticLog = {
  log(level, area, message) {
    if (level === 'trace') return;
    process.stderr.write(`[lambda-workbench] ${level} ${area}: ${message}\n`);
  },
};

/** An error with its stack, for a diagnostic line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
