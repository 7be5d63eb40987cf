/**
 * The lines the Lambda platform writes around an invocation (INIT_START, START, END, REPORT,
 * INIT_REPORT, timeouts, runtime exits), in Text and JSON log formats, byte for byte as
 * lambda-runtime-spec.md §5.5 and §5.6 give them. Pure: no Node built-ins.
 */
import type { InvocationMetrics, LogFormat, Runtime } from '../../protocol/lambda';

/** Runtime version strings as Lambda prints them in INIT_START (spec §10 item 11). */
const RUNTIME_VERSIONS: Record<Runtime, string> = {
  'nodejs20.x': 'nodejs:20.v106',
  'nodejs22.x': 'nodejs:22.mainline.v122',
  'nodejs24.x': 'nodejs:24.v48',
};

/** A stable 64-hex runtime version id, so INIT_START has the shape of a real one. */
function runtimeVersionHex(runtime: Runtime): string {
  let hash = 0x811c9dc5;
  let hex = '';
  for (let round = 0; round < 8; round++) {
    for (const char of runtime + round) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    hex += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return hex;
}

export function runtimeVersion(runtime: Runtime): string {
  return RUNTIME_VERSIONS[runtime];
}

export function runtimeVersionArn(runtime: Runtime, region: string): string {
  return `arn:aws:lambda:${region}::runtime:${runtimeVersionHex(runtime)}`;
}

/** Durations carry exactly two decimals in Text format (`27.94 ms`). */
function ms2(value: number): string {
  return value.toFixed(2);
}

/** Billed duration: whole ms rounded up; since Aug 2025 a cold start also bills init (spec §5.5). */
export function billedDuration(durationMs: number, initDurationMs: number | undefined): number {
  // Round to microseconds first so 27.940000001 does not bill 29 ms.
  const total = Math.round((durationMs + (initDurationMs ?? 0)) * 1000) / 1000;
  return Math.max(1, Math.ceil(total));
}

/** Status suffix of REPORT and INIT_REPORT for timeouts and platform-level failures. */
export interface PlatformStatus {
  status: 'timeout' | 'error';
  /** Only with status `error`. */
  errorType?: string;
}

function statusSuffix(status: PlatformStatus): string {
  return status.status === 'error' && status.errorType
    ? `Status: error\tError Type: ${status.errorType}`
    : `Status: ${status.status}`;
}

/** Formats the platform lines of one function in its log format. */
export class PlatformLines {
  constructor(
    private readonly format: LogFormat,
    private readonly runtime: Runtime,
    private readonly region: string,
    private readonly functionName: string,
    private readonly functionArn: string,
  ) {}

  initStart(now: number, instanceId: string, memorySizeMB: number, logStreamName: string): string {
    if (this.format === 'JSON') {
      return json(now, 'platform.initStart', {
        initializationType: 'on-demand',
        phase: 'init',
        runtimeVersion: runtimeVersion(this.runtime),
        runtimeVersionArn: runtimeVersionArn(this.runtime, this.region),
        functionName: this.functionName,
        functionVersion: '$LATEST',
        // 2026 captures name the environment `<date>/<function>[$LATEST]<id>` (spec §5.6).
        instanceId:
          logStreamName.replace('[$LATEST]', `${this.functionName}[$LATEST]`) || instanceId,
        instanceMaxMemory: memorySizeMB * 1024 * 1024,
      });
    }
    return (
      `INIT_START Runtime Version: ${runtimeVersion(this.runtime)}` +
      `\tRuntime Version ARN: ${runtimeVersionArn(this.runtime, this.region)}`
    );
  }

  start(now: number, requestId: string): string {
    if (this.format === 'JSON') {
      return json(now, 'platform.start', {
        requestId,
        functionArn: this.functionArn,
        version: '$LATEST',
      });
    }
    return `START RequestId: ${requestId} Version: $LATEST`;
  }

  /** END has no JSON equivalent (spec §5.6), so JSON format returns undefined. */
  end(requestId: string): string | undefined {
    return this.format === 'JSON' ? undefined : `END RequestId: ${requestId}`;
  }

  report(
    now: number,
    requestId: string,
    metrics: InvocationMetrics,
    status?: PlatformStatus,
  ): string {
    if (this.format === 'JSON') {
      const jsonMetrics: Record<string, number> = {
        durationMs: round3(metrics.durationMs),
        billedDurationMs: metrics.billedDurationMs,
        memorySizeMB: metrics.memorySizeMB,
        maxMemoryUsedMB: metrics.maxMemoryUsedMB,
      };
      if (metrics.initDurationMs !== undefined)
        jsonMetrics.initDurationMs = round3(metrics.initDurationMs);
      const record: Record<string, unknown> = {
        requestId,
        metrics: jsonMetrics,
        status: status?.status ?? 'success',
      };
      if (status?.errorType) record.errorType = status.errorType;
      return json(now, 'platform.report', record);
    }
    let line =
      `REPORT RequestId: ${requestId}\tDuration: ${ms2(metrics.durationMs)} ms` +
      `\tBilled Duration: ${metrics.billedDurationMs} ms\tMemory Size: ${metrics.memorySizeMB} MB` +
      `\tMax Memory Used: ${metrics.maxMemoryUsedMB} MB\t`;
    if (metrics.initDurationMs !== undefined)
      line += `Init Duration: ${ms2(metrics.initDurationMs)} ms\t`;
    // Captures show no trailing tab after a status (spec §5.5, §12 item 9).
    if (status) line += statusSuffix(status);
    return line;
  }

  initReport(
    now: number,
    initDurationMs: number,
    phase: 'init' | 'invoke',
    status: PlatformStatus,
  ): string {
    if (this.format === 'JSON') {
      const record: Record<string, unknown> = {
        initializationType: 'on-demand',
        phase,
        status: status.status,
        metrics: { durationMs: round3(initDurationMs) },
      };
      if (status.errorType) record.errorType = status.errorType;
      return json(now, 'platform.initReport', record);
    }
    return `INIT_REPORT Init Duration: ${ms2(initDurationMs)} ms\tPhase: ${phase}\t${statusSuffix(status)}`;
  }

  /** `<ISO ts> <request-id> Task timed out after <S.ss> seconds`, with the measured time (§5.5). */
  timedOut(now: number, requestId: string, elapsedMs: number): string {
    return `${new Date(now).toISOString()} ${requestId} Task timed out after ${(elapsedMs / 1000).toFixed(2)} seconds`;
  }

  /** The platform fault record: the message, then the error type on its own line (§5.5). */
  fault(message: string, errorType: string): string {
    return `${message}\n${errorType}`;
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function json(now: number, type: string, record: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date(now).toISOString(), type, record });
}
