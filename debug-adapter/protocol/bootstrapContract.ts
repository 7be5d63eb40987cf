/**
 * The private contract between the emulator and the runtime bootstrap that runs inside each
 * instance process. Constants only: the bootstrap bundle imports this file and nothing else of ours.
 */

/**
 * Environment variables the emulator sets for the bootstrap. The bootstrap reads and deletes every
 * `_LAMBDA_WORKBENCH_*` variable before user code loads, so the handler sees Lambda's environment
 * only (as the real runtime does with `_LAMBDA_TELEMETRY_LOG_FD`).
 */
export const BootstrapEnv = {
  /** File descriptor for framed log records (same framing as Lambda's telemetry fd). */
  telemetryFd: '_LAMBDA_TELEMETRY_LOG_FD',
  /** Absolute path of the module to load instead of resolving `_HANDLER` (compiled TypeScript). */
  moduleOverride: '_LAMBDA_WORKBENCH_MODULE',
  /** Absolute path of this instance's private directory that stands in for `/tmp`. */
  tmpDir: '_LAMBDA_WORKBENCH_TMP',
  /** `1` to wait for a debugger (`inspector.waitForDebugger()`) before loading user code. */
  waitForDebugger: '_LAMBDA_WORKBENCH_WAIT_FOR_DEBUGGER',
} as const;

/**
 * Extra request headers the bootstrap adds to `GET /runtime/invocation/next`. A real Runtime API
 * ignores unknown headers; the emulator uses them to end an invocation exactly.
 */
export const BootstrapHeader = {
  /** Total bytes written to the telemetry fd so far; the emulator drains the pipe up to here. */
  logBytes: 'lambda-workbench-log-bytes',
  /** Peak resident set size of the process in bytes (`process.resourceUsage().maxRSS * 1024`). */
  maxRss: 'lambda-workbench-max-rss',
} as const;

/**
 * A global the emulator sets (through the inspector) to the total milliseconds the instance process
 * has spent paused in a debugger over its lifetime (monotonic; a getter that counts up while
 * paused). Each invocation's `getRemainingTimeInMillis()` adds back what accrued since that
 * invocation began, so paused time does not count against the timeout (issue #4).
 */
export const PAUSED_MS_GLOBAL = 'lambdaWorkbench.pausedMs';

/** Telemetry frame layout, as written by Lambda's runtime clients (see feasibility-runtime.md §2). */
export const TelemetryFrame = {
  headerBytes: 16,
  textType: 0xa55a0003,
  jsonType: 0xa55a0002,
  /** The low byte carries the level mask. */
  typeMask: 0xffffffe3,
} as const;

/** Level masks OR-ed into the frame type. */
export const LevelMask = {
  TRACE: 0x04,
  DEBUG: 0x08,
  INFO: 0x0c,
  WARN: 0x10,
  ERROR: 0x14,
  FATAL: 0x18,
} as const;

export type LogLevel = keyof typeof LevelMask;
