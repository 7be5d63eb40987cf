/**
 * Replaces the console methods with Lambda's log format (Text or JSON, level filter, request id)
 * and writes each record either as a telemetry frame to the emulator's fd or, like RIC without
 * the fd, as one stdout line (lambda-runtime-spec.md §5). Runs inside the user's process: Node
 * built-ins and protocol constants only.
 */
import { writeSync } from 'node:fs';
import { format } from 'node:util';
import { LevelMask, TelemetryFrame, type LogLevel } from '../../protocol/bootstrapContract';
import type { Generation } from './env';
import { toFormatted, type RuntimeErrors } from './errors';

interface Level {
  name: LogLevel;
  priority: number;
  mask: number;
}

const LEVELS: Record<LogLevel, Level> = {
  TRACE: { name: 'TRACE', priority: 1, mask: LevelMask.TRACE },
  DEBUG: { name: 'DEBUG', priority: 2, mask: LevelMask.DEBUG },
  INFO: { name: 'INFO', priority: 3, mask: LevelMask.INFO },
  WARN: { name: 'WARN', priority: 4, mask: LevelMask.WARN },
  ERROR: { name: 'ERROR', priority: 5, mask: LevelMask.ERROR },
  FATAL: { name: 'FATAL', priority: 6, mask: LevelMask.FATAL },
};

/**
 * The ids printed in log lines. RIC3 sets the request id when an event arrives and never clears it
 * (`undefined` before the first event); RIC4's invoke store answers `-` outside an invocation
 * (spec §5.2).
 */
export interface LogIds {
  /** Current request id; `undefined` prints as the text `undefined` (RIC3 init). */
  requestId: string | undefined;
  /** Current tenant id, added to JSON records when set (spec §5.3). */
  tenantId: string | undefined;
}

/** What the rest of the bootstrap needs from the patched console. */
export interface RuntimeLog {
  /** Logs `<label> \t<error JSON>` (Text) or the error object (JSON) at ERROR (spec §4.5). */
  logError(label: string, error: unknown): void;
  /** Total bytes written to the telemetry fd so far (frame headers included). */
  bytesWritten(): number;
}

/** Options for {@link patchConsole}. */
export interface LogOptions {
  /** Which RIC's JSON details to reproduce. */
  generation: Generation;
  /** `AWS_LAMBDA_LOG_FORMAT`, compared case-insensitively with `JSON`. */
  format: string | undefined;
  /** `AWS_LAMBDA_LOG_LEVEL`; missing or unknown means TRACE. */
  level: string | undefined;
  /** The telemetry fd, or undefined to write lines to stdout. */
  fd: number | undefined;
  /** Live ids read at each log call. */
  ids: LogIds;
  /** Error helpers of the generation, for `logError`. */
  errors: RuntimeErrors;
}

type LogFn = (message?: unknown, ...params: unknown[]) => void;

/** Patches `console` in place and returns the runtime's own logging entry points. */
export function patchConsole(options: LogOptions): RuntimeLog {
  const json = options.format?.toUpperCase() === 'JSON';
  const minLevel = LEVELS[options.level?.toUpperCase() as LogLevel] ?? LEVELS.TRACE;
  const { ids, fd, generation } = options;
  let written = 0;

  const render = json
    ? (time: string, level: Level, args: unknown[]) =>
        formatJson(generation, time, ids, level.name, args)
    : (time: string, level: Level, args: unknown[]) =>
        `${time}\t${ids.requestId}\t${level.name}\t${format(...args)}`;

  let emit: (level: Level, args: unknown[]) => void;
  if (fd !== undefined) {
    const baseType = json ? TelemetryFrame.jsonType : TelemetryFrame.textType;
    emit = (level, args) => {
      const now = new Date();
      // The text record keeps embedded newlines and ends with one; JSON has no trailing newline
      // (feasibility-runtime.md §2 "Telemetry fd").
      const message = render(now.toISOString(), level, args) + (json ? '' : '\n');
      written += writeFrame(fd, (baseType | level.mask) >>> 0, now.getTime(), message);
    };
  } else {
    emit = (level, args) => {
      const line = render(new Date().toISOString(), level, args);
      // Without the fd, RIC turns every newline into \r so one record stays one line (§5.2).
      process.stdout.write(line.replace(/\n/g, '\r') + '\n');
    };
  }

  const method = (level: Level): LogFn =>
    level.priority >= minLevel.priority
      ? (message?: unknown, ...params: unknown[]) => emit(level, [message, ...params])
      : () => {};

  // console.log and console.info share one function, and console.fatal is added (§5.1, §5.4).
  const con = console as Console & { fatal: LogFn };
  con.trace = method(LEVELS.TRACE);
  con.debug = method(LEVELS.DEBUG);
  con.info = method(LEVELS.INFO);
  con.log = con.info;
  con.warn = method(LEVELS.WARN);
  con.error = method(LEVELS.ERROR);
  con.fatal = method({ ...LEVELS.FATAL, priority: Infinity });

  return {
    logError(label, error) {
      // Looked up at call time, as RIC does, so a user's own console.error replacement is used.
      const err = options.errors.intoError(error);
      if (json) console.error(err);
      else console.error(label, toFormatted(err, options.errors));
    },
    bytesWritten: () => written,
  };
}

/** RIC's `formatJsonMessage`: keys timestamp, level, requestId, tenantId?, message (§5.3). */
function formatJson(
  generation: Generation,
  timestamp: string,
  ids: LogIds,
  level: LogLevel,
  args: unknown[],
): string {
  const record: Record<string, unknown> = { timestamp, level, requestId: ids.requestId };
  if (ids.tenantId) record.tenantId = ids.tenantId;
  if (args.length === 1) {
    record.message = args[0];
    try {
      return JSON.stringify(record, jsonErrorReplacer);
    } catch {
      record.message = format(record.message);
      return JSON.stringify(record);
    }
  }
  record.message = format(...args);
  // RIC3 looks for the first Error among all arguments, RIC4 only after the first one.
  for (let i = generation === 'ric3' ? 0 : 1; i < args.length; i++) {
    const param = args[i];
    if (param instanceof Error) {
      record.errorType = param?.constructor?.name ?? 'UnknownError';
      record.errorMessage = param.message;
      record.stackTrace = typeof param.stack === 'string' ? param.stack.split('\n') : [];
      break;
    }
  }
  return JSON.stringify(record);
}

function jsonErrorReplacer(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return Object.assign(
    {
      errorType: value?.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

/**
 * Writes one frame in a single write: uint32 type, int32 length, int64 timestamp in µs (RIC uses
 * the millisecond clock × 1000), then the UTF-8 message. Returns the bytes written.
 */
function writeFrame(fd: number, type: number, epochMs: number, message: string): number {
  const length = Buffer.byteLength(message);
  const frame = Buffer.allocUnsafe(TelemetryFrame.headerBytes + length);
  frame.writeUInt32BE(type, 0);
  frame.writeInt32BE(length, 4);
  const micros = epochMs * 1000;
  frame.writeUInt32BE(Math.floor(micros / 0x100000000), 8);
  frame.writeUInt32BE(micros % 0x100000000, 12);
  frame.write(message, TelemetryFrame.headerBytes, 'utf8');
  writeFully(fd, frame);
  return frame.length;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** `fs.writeSync` may write part of a buffer, or report EAGAIN on a non-blocking pipe: retry. */
function writeFully(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN') return; // EPIPE and friends: the emulator is gone, drop the record.
      Atomics.wait(sleeper, 0, 0, 1);
    }
  }
}
