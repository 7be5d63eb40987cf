/**
 * One execution environment of a function: a child Node.js process running a Lambda runtime client
 * against its own Runtime API server, its own `/tmp` and its own log stream. It runs one invocation
 * at a time, stays warm between them, enforces the timeout and the memory limit, and turns every
 * fault (exit, crash, hang, out of memory) into an invocation result with every log line printed
 * before it. The process is replaced after a fault; the environment (id, `/tmp`) lives on, as on
 * Lambda (lambda-runtime-spec.md §9.1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type {
  ApplicationLogLevel,
  FunctionConfig,
  InvocationMetrics,
  InvocationResult,
  InvocationStatus,
  LambdaError,
  LogRecord,
  LogSource,
  ResponseStreamSink,
} from '../../protocol/lambda';
import { LIMITS } from '../../protocol/lambda';
import { newInstanceId, logStreamName } from '../ids';
import { isInspectorNoiseLine } from '../logs/inspectorNoise';
import { LineSplitter } from '../logs/lineSplitter';
import { LogBuffer } from '../logs/logBuffer';
import { billedDuration, type PlatformLines, type PlatformStatus } from '../logs/platformLines';
import { TelemetryParser, type TelemetryRecord } from '../logs/telemetryParser';
import {
  RuntimeApiServer,
  type RuntimeApiListener,
  type RuntimeResult,
} from '../runtime-api/runtimeApiServer';
import { instanceEnvironment } from './environment';
import { InstanceProcess } from './instanceProcess';
import type { Reaper } from './reaper';
import type { InvocationClock } from './invocationClock';
import { WallClock } from './invocationClock';

/** How an instance process is started (our bootstrap, or another runtime client in tests). */
export interface RuntimeCommand {
  command: string;
  args: string[];
}

export interface InstanceOptions {
  config: FunctionConfig;
  /** Environment shared by the function's instances. */
  baseEnv: Record<string, string>;
  runtimeCommand: RuntimeCommand;
  /** The compiled module to load instead of resolving the handler (TypeScript). */
  moduleOverride: string | undefined;
  platform: PlatformLines;
  /** Parent folder of the instances' private `/tmp` folders. */
  tmpRoot: string;
  /** Receives every log record as it is printed. */
  onLog(record: LogRecord): void;
  /** Receives process start/stop notices. */
  onProcess(event: {
    kind: 'started' | 'exited';
    pid: number | undefined;
    inspectorUrl?: string;
  }): void;
  /** Extra Node flags (for example `--inspect=127.0.0.1:0`). */
  nodeFlags: string[];
  waitForDebugger: boolean;
  /** Limit of the INIT phase (10 s on Lambda); undefined for none (while debugging). */
  initTimeoutMs: number | undefined;
  /** Freeze the process between invocations (SIGSTOP/SIGCONT) as Lambda does; POSIX only. */
  freeze: boolean;
  /** The code generation the instance was started with. */
  generation: number;
  /** Makes a clock for each invocation of this instance (pause-aware while debugging). */
  clock?: (instanceId: string) => InvocationClock;
  /** Kills the instance's processes if the emulator dies without cleaning up. */
  reaper?: Reaper;
}

/** One invocation to run. */
export interface InvocationRequest {
  requestId: string;
  payload: Buffer;
  invokedFunctionArn: string;
  traceId: string;
  clientContext?: string;
  cognitoIdentity?: string;
  tenantId?: string;
  responseStream?: ResponseStreamSink;
  signal?: AbortSignal;
  /** Called when the invocation has been handed to this instance. */
  onStart?(cold: boolean, instanceId: string): void;
}

type InitOutcome =
  | { ok: true; initDurationMs: number }
  | { ok: false; initDurationMs: number; status: PlatformStatus; error: LambdaError; body: Buffer };

/** What ended an invocation, before END/REPORT are written. */
type Ending =
  | { kind: 'next'; maxRss: number | undefined }
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'timeout' }
  | { kind: 'outOfMemory' }
  | { kind: 'aborted' };

const PAGE_SIZE = 4096;
const MEMORY_POLL_MS = 50;

export class Instance {
  readonly id = newInstanceId();
  readonly logStreamName = logStreamName(this.id);
  readonly tmpDir: string;
  readonly generation: number;
  /** True while an invocation runs (one at a time). */
  busy = false;
  /** True once retired; it takes no more invocations. */
  retired = false;
  lastUsed = Date.now();
  invocations = 0;

  private readonly api: RuntimeApiServer;
  /** The current process; every callback checks it is still about this one. */
  private proc: InstanceProcess | undefined;
  private needsInit = true;
  /** The environment already had its INIT phase; a later init runs in the invoke phase. */
  private initPhaseDone = false;
  private peakRss = 0;
  private logRequestId: string | undefined;
  private logBuffer: LogBuffer | undefined;
  private telemetry: TelemetryParser | undefined;
  private logWaiter: { bytes: number; resolve: () => void } | undefined;
  private listener: Partial<RuntimeApiListener> = {};
  private stderrTail = '';

  constructor(private readonly options: InstanceOptions) {
    this.generation = options.generation;
    this.tmpDir = path.join(options.tmpRoot, this.id);
    fs.mkdirSync(this.tmpDir, { recursive: true });
    this.api = new RuntimeApiServer({
      onNext: (info) => this.listener.onNext?.(info),
      onResult: (result) => this.listener.onResult?.(result),
      onStreamStart: (id, type) => this.listener.onStreamStart?.(id, type),
      onStreamChunk: (chunk) => this.listener.onStreamChunk?.(chunk),
      onStreamEnd: (trailers) => this.listener.onStreamEnd?.(trailers),
      onInitError: (body, type) => this.listener.onInitError?.(body, type),
    });
  }

  get pid(): number | undefined {
    return this.proc?.running ? this.proc.pid : undefined;
  }

  /** Whether the process is up and initialised (a warm instance). */
  get warm(): boolean {
    return !this.needsInit;
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    // The pool claims the instance (busy = true) synchronously when it picks it, so two concurrent
    // invocations can never pick the same one.
    if (this.retired) throw new Error(`instance ${this.id} is retired`);
    this.busy = true;
    this.invocations++;
    // The process may have died while idle (killed from outside): initialise a new one.
    if (!this.proc?.running) this.needsInit = true;
    const logs = new LogBuffer();
    this.logBuffer = logs;
    const startTime = Date.now();
    try {
      if (!this.api.port) await this.api.listen();
      const cold = this.needsInit;
      request.onStart?.(cold, this.id);
      let initDurationMs: number | undefined;
      let invokeStarted = performance.now();
      if (cold) {
        const init = await this.initialise(request);
        initDurationMs = init.initDurationMs;
        if (!init.ok) {
          return this.initFailure(request, init, logs, startTime, invokeStarted);
        }
        invokeStarted = performance.now();
      }
      return await this.run(request, logs, cold, initDurationMs, startTime, invokeStarted);
    } finally {
      this.logRequestId = undefined;
      this.logBuffer = undefined;
      this.listener = {};
      this.busy = false;
      this.lastUsed = Date.now();
    }
  }

  /** Stops the process and removes the environment's `/tmp`. */
  async retire(): Promise<void> {
    this.retired = true;
    await this.proc?.kill();
    this.api.close();
    await fs.promises.rm(this.tmpDir, { recursive: true, force: true }).catch(() => undefined);
  }

  /**
   * Starts the process and waits for its first `/next` (INIT). On a failure in the INIT phase
   * Lambda retries the init once inside the invocation (a "suppressed init", spec §1.8), with
   * both attempts' log lines and INIT_REPORTs.
   */
  private async initialise(request: InvocationRequest): Promise<InitOutcome> {
    if (!this.initPhaseDone) {
      this.initPhaseDone = true;
      this.emitPlatform(
        this.options.platform.initStart(
          Date.now(),
          this.id,
          this.options.config.memorySize,
          this.logStreamName,
        ),
        'INFO',
      );
      const first = await this.startProcess(this.options.initTimeoutMs, request.requestId);
      if (first.ok) return first;
      this.emitPlatform(
        this.options.platform.initReport(Date.now(), first.initDurationMs, 'init', first.status),
        'INFO',
      );
    }
    // While debugging (no INIT limit) the retry waits for a debugger too and may sit at a
    // breakpoint: it must not be cut short by the function's timeout (issue #4).
    const remaining =
      this.options.initTimeoutMs === undefined ? undefined : this.options.config.timeout * 1000;
    const second = await this.startProcess(remaining, request.requestId);
    if (!second.ok) {
      this.emitPlatform(
        this.options.platform.initReport(
          Date.now(),
          second.initDurationMs,
          'invoke',
          second.status,
        ),
        'INFO',
      );
      if (second.status.status === 'timeout') {
        second.error = timedOutError(request.requestId, this.options.config.timeout);
        second.body = Buffer.from(JSON.stringify(second.error));
      }
    }
    return second;
  }

  private async startProcess(
    timeoutMs: number | undefined,
    requestId: string,
  ): Promise<InitOutcome> {
    await this.proc?.kill();
    this.api.reset();
    this.stderrTail = '';
    this.peakRss = 0;
    const started = performance.now();
    const { config } = this.options;
    const env = instanceEnvironment(this.options.baseEnv, {
      runtimeApi: `127.0.0.1:${this.api.port}`,
      logStreamName: this.logStreamName,
      tmpDir: this.tmpDir,
      moduleOverride: this.options.moduleOverride,
      waitForDebugger: this.options.waitForDebugger,
    });
    const { command, args } = this.options.runtimeCommand;
    let proc: InstanceProcess;
    try {
      proc = InstanceProcess.spawn(
        command,
        [...this.options.nodeFlags, ...args],
        { cwd: config.codeUri, env },
        this.options.reaper,
      );
    } catch (error) {
      return this.spawnFailure(started, error);
    }
    this.proc = proc;
    this.attachOutput(proc);

    // Listen before anything else can happen: the runtime may call /next at once.
    const outcome = new Promise<InitOutcome>((resolve) => {
      let initError: { body: Buffer; errorType: string | undefined } | undefined;
      let timer: NodeJS.Timeout | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      let settled = false;
      let timedOut = false;
      const done = (result: InitOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(killTimer);
        if (this.proc === proc) this.listener = {};
        resolve(result);
      };
      const elapsed = (): number => performance.now() - started;
      this.listener = {
        onNext: (info) => {
          if (info.maxRss) this.peakRss = Math.max(this.peakRss, info.maxRss);
          this.needsInit = false;
          void this.drainLogs(info.logBytes).then(() =>
            done({ ok: true, initDurationMs: elapsed() }),
          );
        },
        onInitError: (body, errorType) => {
          initError = { body, errorType };
          // The runtime exits after reporting; give it a moment, then make sure (this process only).
          killTimer = setTimeout(() => void proc.kill(), 2000);
          killTimer.unref();
        },
      };
      void proc.ended.then((exit) => {
        if (settled || timedOut) return;
        const initDurationMs = elapsed();
        if (exit.error && proc.pid === undefined) {
          done(this.spawnFailure(started, exit.error));
          return;
        }
        if (initError) {
          const error = parseError(initError.body) ?? {
            errorType: initError.errorType ?? 'Runtime.Unknown',
            errorMessage: '',
          };
          const errorType = initError.errorType ?? error.errorType;
          done({
            ok: false,
            initDurationMs,
            status: { status: 'error', errorType },
            error,
            body: initError.body,
          });
          return;
        }
        // Died without reporting: Lambda says Runtime.ExitError (spec §1.8).
        const message = exitMessage(requestId, exit.code, exit.signal);
        const error = { errorType: 'Runtime.ExitError', errorMessage: message };
        this.emitPlatform(this.options.platform.fault(message, 'Runtime.ExitError'), 'ERROR');
        done({
          ok: false,
          initDurationMs,
          status: { status: 'error', errorType: 'Runtime.ExitError' },
          error,
          body: Buffer.from(JSON.stringify(error)),
        });
      });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          timedOut = true;
          if (this.proc === proc) this.listener = {};
          void proc.kill().then(() =>
            done({
              ok: false,
              initDurationMs: elapsed(),
              status: { status: 'timeout' },
              error: { errorType: 'Runtime.InitTimeout', errorMessage: 'Init timed out' },
              body: Buffer.alloc(0),
            }),
          );
        }, timeoutMs);
      }
    });
    const inspectorUrl = this.options.nodeFlags.some((flag) => flag.startsWith('--inspect'))
      ? await inspectorUrlOf(proc)
      : undefined;
    this.options.onProcess({ kind: 'started', pid: proc.pid, inspectorUrl });
    return outcome;
  }

  /** Runs an invocation on an initialised process. */
  private run(
    request: InvocationRequest,
    logs: LogBuffer,
    cold: boolean,
    initDurationMs: number | undefined,
    startTime: number,
    invokeStarted: number,
  ): Promise<InvocationResult> {
    const { config, platform } = this.options;
    const proc = this.proc!;
    const clock = this.options.clock?.(this.id) ?? new WallClock();
    this.logRequestId = request.requestId;
    this.emitPlatform(platform.start(Date.now(), request.requestId), 'INFO');
    proc.thaw();
    clock.start();

    return new Promise<InvocationResult>((resolve) => {
      let posted: RuntimeResult | undefined;
      let streamed:
        | {
            contentType: string;
            chunks: Buffer[];
            size: number;
            error?: LambdaError;
            ended: boolean;
            overflow: boolean;
          }
        | undefined;
      let finished = false;
      let timer: NodeJS.Timeout | undefined;
      const timeoutMs = config.timeout * 1000;

      const finish = async (ending: Ending): Promise<void> => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        if (memoryTimer) clearInterval(memoryTimer);
        request.signal?.removeEventListener('abort', onAbort);
        clock.stop();
        this.listener = {};
        const durationMs =
          ending.kind === 'timeout'
            ? timeoutMs
            : Math.max(0, clock.elapsedMs(performance.now() - invokeStarted));
        if (ending.kind === 'next') {
          if (ending.maxRss) this.peakRss = Math.max(this.peakRss, ending.maxRss);
        } else {
          // Stop it and wait for its pipes, so every line it printed lands in this invocation.
          await proc.kill();
          this.needsInit = true;
          this.api.reset();
        }
        if (streamed && !streamed.ended) {
          streamed.ended = true;
          request.responseStream?.end();
        }
        const outcome = this.outcome(request, ending, posted, streamed);
        if (ending.kind === 'next' && this.options.freeze) proc.freeze();
        const metrics: InvocationMetrics = {
          durationMs,
          billedDurationMs: billedDuration(durationMs, initDurationMs),
          memorySizeMB: config.memorySize,
          maxMemoryUsedMB: Math.max(1, Math.round(this.peakRss / (1024 * 1024))),
        };
        if (initDurationMs !== undefined) metrics.initDurationMs = initDurationMs;
        const now = Date.now();
        const end = platform.end(request.requestId);
        if (end) this.emitPlatform(end, 'INFO');
        this.emitPlatform(
          platform.report(now, request.requestId, metrics, outcome.reportStatus),
          'INFO',
        );
        if (ending.kind === 'timeout') {
          // In the captures the timeout line follows REPORT (spec §5.5, §12 item 8).
          this.emitPlatform(
            platform.timedOut(
              now,
              request.requestId,
              clock.elapsedMs(performance.now() - invokeStarted),
            ),
            'ERROR',
          );
        }
        resolve({
          requestId: request.requestId,
          functionName: config.name,
          version: '$LATEST',
          payload: outcome.payload,
          contentType: outcome.contentType,
          functionError: outcome.error ? 'Unhandled' : undefined,
          error: outcome.error,
          status: outcome.status,
          reportErrorType: outcome.reportStatus?.errorType,
          metrics,
          instanceId: this.id,
          cold,
          logs: logs.records(),
          droppedLogRecords: logs.dropped,
          startTime,
          endTime: Date.now(),
        });
      };

      const onAbort = (): void => void finish({ kind: 'aborted' });
      request.signal?.addEventListener('abort', onAbort, { once: true });

      this.listener = {
        onResult: (result) => {
          posted ??= result;
        },
        onStreamStart: (_id, contentType) => {
          streamed = { contentType, chunks: [], size: 0, ended: false, overflow: false };
          request.responseStream?.start(contentType);
        },
        onStreamChunk: (chunk) => {
          if (!streamed) return;
          request.responseStream?.write(chunk);
          // Without a streaming caller the response is buffered, up to the synchronous limit;
          // past it the whole response is refused, never cut (spec §4.3).
          if (request.responseStream || streamed.overflow) return;
          if (streamed.size + chunk.length > LIMITS.runtimeResponseBytes) {
            streamed.overflow = true;
            streamed.chunks = [];
            return;
          }
          streamed.chunks.push(chunk);
          streamed.size += chunk.length;
        },
        onStreamEnd: (trailers) => {
          if (!streamed || streamed.ended) return;
          streamed.ended = true;
          if (trailers.errorBody) {
            streamed.error = parseError(trailers.errorBody) ?? {
              errorType: trailers.errorType ?? 'Runtime.Unknown',
              errorMessage: trailers.errorBody.toString('utf8'),
            };
          }
          request.responseStream?.end(streamed.error);
        },
        onNext: (info) => {
          void this.drainLogs(info.logBytes).then(() =>
            finish({ kind: 'next', maxRss: info.maxRss }),
          );
        },
      };
      void proc.ended.then(
        (exit) => void finish({ kind: 'exit', code: exit.code, signal: exit.signal }),
      );

      const armTimer = (): void => {
        const remaining = timeoutMs - clock.elapsedMs(performance.now() - invokeStarted);
        if (remaining <= 0 && !clock.paused) {
          void finish({ kind: 'timeout' });
          return;
        }
        // While paused in a debugger the clock stands still: check again when it resumes.
        timer = setTimeout(armTimer, Math.max(remaining, 10));
      };
      timer = setTimeout(armTimer, timeoutMs);
      clock.onChange(() => {
        if (finished) return;
        clearTimeout(timer);
        armTimer();
      });

      const memoryTimer = this.watchMemory(
        proc,
        config.memorySize,
        () => void finish({ kind: 'outOfMemory' }),
      );

      this.api.deliver({
        requestId: request.requestId,
        payload: request.payload,
        // The deadline the runtime sees; paused time is added back inside the instance (issue #4).
        deadlineMs: Date.now() + timeoutMs,
        invokedFunctionArn: request.invokedFunctionArn,
        traceId: request.traceId,
        clientContext: request.clientContext,
        cognitoIdentity: request.cognitoIdentity,
        tenantId: request.tenantId,
      });
    });
  }

  /** The caller's payload and the REPORT status for how the invocation ended. */
  private outcome(
    request: InvocationRequest,
    ending: Ending,
    posted: RuntimeResult | undefined,
    streamed:
      { contentType: string; chunks: Buffer[]; error?: LambdaError; overflow: boolean } | undefined,
  ): {
    payload: Buffer;
    contentType: string;
    error: LambdaError | undefined;
    status: InvocationStatus;
    reportStatus: PlatformStatus | undefined;
  } {
    const fail = (
      error: LambdaError,
      status: InvocationStatus,
      reportStatus?: PlatformStatus,
      body?: Buffer,
    ) => ({
      payload: body ?? Buffer.from(JSON.stringify(error)),
      contentType: 'application/json',
      error,
      status,
      reportStatus,
    });
    const { requestId } = request;
    if (ending.kind === 'timeout') {
      return fail(timedOutError(requestId, this.options.config.timeout), 'timeout', {
        status: 'timeout',
      });
    }
    if (ending.kind === 'outOfMemory') {
      const error = {
        errorType: 'Runtime.OutOfMemory',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
      };
      this.emitPlatform(this.options.platform.fault(error.errorMessage, error.errorType), 'ERROR');
      return fail(error, 'error', { status: 'error', errorType: error.errorType });
    }
    if (ending.kind === 'aborted') {
      const error = {
        errorType: 'Runtime.Aborted',
        errorMessage: `RequestId: ${requestId} Error: Invocation was cancelled`,
      };
      return fail(error, 'error', { status: 'error', errorType: error.errorType });
    }
    let reportStatus: PlatformStatus | undefined;
    let exitError: LambdaError | undefined;
    if (ending.kind === 'exit') {
      // A heap exhaustion aborts the process (spec §4.3): report it as running out of memory.
      const outOfMemory = /JavaScript heap out of memory|Reached heap limit/.test(this.stderrTail);
      const errorType = outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
      const message = exitMessage(requestId, ending.code, ending.signal);
      this.emitPlatform(this.options.platform.fault(message, errorType), 'ERROR');
      exitError = { errorType, errorMessage: message };
      reportStatus = { status: 'error', errorType };
    }
    if (streamed) {
      if (streamed.error) return fail(streamed.error, 'error', reportStatus);
      // Without a streaming caller the response is buffered, and held to the synchronous limit.
      if (streamed.overflow) return this.tooLarge(fail);
      const body = Buffer.concat(streamed.chunks);
      if (!exitError || posted)
        return {
          payload: body,
          contentType: streamed.contentType,
          error: undefined,
          status: 'success',
          reportStatus,
        };
    }
    if (posted?.kind === 'response') {
      return {
        payload: posted.body,
        contentType: posted.contentType,
        error: undefined,
        status: reportStatus ? 'error' : 'success',
        reportStatus,
      };
    }
    if (posted?.kind === 'error') {
      const error = parseError(posted.body) ?? {
        errorType: posted.errorType ?? 'Runtime.Unknown',
        errorMessage: posted.body.toString('utf8'),
      };
      return fail(error, 'error', reportStatus, posted.body);
    }
    if (posted?.kind === 'tooLarge') return this.tooLarge(fail);
    return fail(
      exitError ?? {
        errorType: 'Runtime.Unknown',
        errorMessage: 'The runtime ended the invocation without a result',
      },
      'error',
      reportStatus,
    );
  }

  private tooLarge<T>(
    fail: (
      error: LambdaError,
      status: InvocationStatus,
      reportStatus?: PlatformStatus,
      body?: Buffer,
    ) => T,
  ): T {
    // Key order as recorded on AWS: errorMessage first (spec §4.3).
    const body = Buffer.from(
      JSON.stringify({
        errorMessage: `Response payload size exceeded maximum allowed payload size (${LIMITS.runtimeResponseBytes} bytes).`,
        errorType: 'Function.ResponseSizeTooLarge',
      }),
    );
    return fail(
      parseError(body)!,
      'error',
      { status: 'error', errorType: 'Function.ResponseSizeTooLarge' },
      body,
    );
  }

  /** Reports the init failure as the invocation's result, with START/END/REPORT (spec §1.8). */
  private initFailure(
    request: InvocationRequest,
    init: Extract<InitOutcome, { ok: false }>,
    logs: LogBuffer,
    startTime: number,
    invokeStarted: number,
  ): InvocationResult {
    const { config, platform } = this.options;
    const timedOut = init.status.status === 'timeout';
    const durationMs = timedOut ? config.timeout * 1000 : performance.now() - invokeStarted;
    this.emitPlatform(platform.start(Date.now(), request.requestId), 'INFO');
    const metrics: InvocationMetrics = {
      durationMs,
      billedDurationMs: billedDuration(durationMs, undefined),
      memorySizeMB: config.memorySize,
      maxMemoryUsedMB: Math.max(1, Math.round(this.peakRss / (1024 * 1024))),
    };
    const end = platform.end(request.requestId);
    if (end) this.emitPlatform(end, 'INFO');
    this.emitPlatform(platform.report(Date.now(), request.requestId, metrics, init.status), 'INFO');
    return {
      requestId: request.requestId,
      functionName: config.name,
      version: '$LATEST',
      payload: init.body.length ? init.body : Buffer.from(JSON.stringify(init.error)),
      contentType: 'application/json',
      functionError: 'Unhandled',
      error: init.error,
      status: timedOut ? 'timeout' : 'error',
      reportErrorType: init.status.errorType,
      metrics,
      instanceId: this.id,
      cold: true,
      logs: logs.records(),
      droppedLogRecords: logs.dropped,
      startTime,
      endTime: Date.now(),
    };
  }

  private spawnFailure(started: number, error: unknown): InitOutcome {
    const failure = {
      errorType: 'Runtime.ExitError',
      errorMessage: `Cannot start the runtime: ${(error as Error).message ?? String(error)}`,
    };
    return {
      ok: false,
      initDurationMs: performance.now() - started,
      status: { status: 'error', errorType: 'Runtime.ExitError' },
      error: failure,
      body: Buffer.from(JSON.stringify(failure)),
    };
  }

  private attachOutput(proc: InstanceProcess): void {
    const telemetry = new TelemetryParser((record) => this.onTelemetry(record));
    this.telemetry = telemetry;
    proc.stdio(3)?.on('data', (chunk: Buffer) => {
      telemetry.push(chunk);
      if (
        this.logWaiter &&
        this.telemetry === telemetry &&
        telemetry.bytesRead >= this.logWaiter.bytes
      ) {
        const waiter = this.logWaiter;
        this.logWaiter = undefined;
        waiter.resolve();
      }
    });
    const raw = (source: 'stdout' | 'stderr', index: 1 | 2): void => {
      const stream = proc.stdio(index);
      if (!stream) return;
      // Node's own notices about the inspector are not the function's output.
      const inspecting =
        source === 'stderr' && this.options.nodeFlags.some((flag) => flag.startsWith('--inspect'));
      const splitter = new LineSplitter((line) => {
        if (!inspecting || !isInspectorNoiseLine(line)) this.emit(source, undefined, line);
      });
      const decoder = source === 'stderr' ? new StringDecoder('utf8') : undefined;
      stream.on('data', (chunk: Buffer) => {
        if (decoder) this.stderrTail = (this.stderrTail + decoder.write(chunk)).slice(-2048);
        splitter.push(chunk);
      });
      stream.on('end', () => splitter.flush());
    };
    raw('stdout', 1);
    raw('stderr', 2);
    void proc.ended.then(() => this.options.onProcess({ kind: 'exited', pid: proc.pid }));
  }

  private onTelemetry(record: TelemetryRecord): void {
    let text = record.message;
    if (record.format === 'text' && text.endsWith('\n')) text = text.slice(0, -1);
    this.emit('function', record.level, text, record.time);
  }

  private emitPlatform(text: string, level: ApplicationLogLevel): void {
    this.emit('platform', level, text);
  }

  private emit(
    source: LogSource,
    level: ApplicationLogLevel | undefined,
    text: string,
    time = Date.now(),
  ): void {
    const record: LogRecord = {
      time,
      functionName: this.options.config.name,
      instanceId: this.id,
      requestId: this.logRequestId,
      source,
      level,
      text,
    };
    this.logBuffer?.add(record);
    this.options.onLog(record);
  }

  /**
   * Waits until the runtime's log records up to its `/next` have been read, so END and REPORT
   * follow every line of the invocation. Our bootstrap says how many bytes it wrote; for other
   * runtime clients one turn of the event loop lets pending pipe reads land.
   */
  private drainLogs(logBytes: number | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const afterPipes = (): void => void setImmediate(() => setImmediate(resolve));
      if (logBytes === undefined || !this.telemetry || this.telemetry.bytesRead >= logBytes)
        return afterPipes();
      const timer = setTimeout(() => {
        this.logWaiter = undefined;
        afterPipes();
      }, 1000);
      this.logWaiter = {
        bytes: logBytes,
        resolve: () => {
          clearTimeout(timer);
          afterPipes();
        },
      };
    });
  }

  /**
   * Enforces the memory size on the process's resident memory, as Lambda does for the whole
   * environment. Linux only (it reads /proc); elsewhere the V8 heap limits still apply.
   */
  private watchMemory(
    proc: InstanceProcess,
    memorySizeMB: number,
    onExceeded: () => void,
  ): NodeJS.Timeout | undefined {
    const pid = proc.pid;
    if (process.platform !== 'linux' || pid === undefined) return undefined;
    const limit = memorySizeMB * 1024 * 1024;
    const file = `/proc/${pid}/statm`;
    const timer = setInterval(() => {
      fs.readFile(file, 'utf8', (error, text) => {
        if (error) return;
        const rss = Number(text.split(' ')[1]) * PAGE_SIZE;
        if (rss > this.peakRss) this.peakRss = rss;
        if (rss > limit) onExceeded();
      });
    }, MEMORY_POLL_MS);
    timer.unref();
    return timer;
  }
}

/** The inspector's WebSocket URL, read from what Node prints on stderr when it starts one. */
function inspectorUrlOf(proc: InstanceProcess): Promise<string | undefined> {
  return new Promise((resolve) => {
    const stderr = proc.stdio(2);
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const match = /Debugger listening on (ws:\/\/\S+)/.exec(text);
      if (match) {
        stderr?.off('data', onData);
        resolve(match[1]);
      }
    };
    stderr?.on('data', onData);
    void proc.ended.then(() => resolve(undefined));
  });
}

/** Lambda's platform words for signals are Go's (spec §4.3: `signal: killed`). */
const SIGNAL_NAMES: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted (core dumped)',
  SIGTERM: 'terminated',
  SIGSEGV: 'segmentation fault',
  SIGINT: 'interrupt',
  SIGHUP: 'hangup',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGQUIT: 'quit',
  SIGPIPE: 'broken pipe',
  SIGUSR1: 'user defined signal 1',
  SIGUSR2: 'user defined signal 2',
  SIGXCPU: 'CPU time limit exceeded',
};

function timedOutError(requestId: string, timeoutSeconds: number): LambdaError {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/** Lambda's words for a runtime that died (spec §4.3). */
function exitMessage(
  requestId: string | undefined,
  code: number | null,
  signal: NodeJS.Signals | null,
): string {
  const prefix = requestId ? `RequestId: ${requestId} Error: ` : 'Error: ';
  if (signal)
    return `${prefix}Runtime exited with error: signal: ${SIGNAL_NAMES[signal] ?? signal}`;
  if (code === 0) return `${prefix}Runtime exited without providing a reason`;
  return `${prefix}Runtime exited with error: exit status ${code}`;
}

function parseError(body: Buffer): LambdaError | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Partial<LambdaError>;
    if (parsed && typeof parsed === 'object' && typeof parsed.errorType === 'string') {
      return {
        errorType: parsed.errorType,
        errorMessage:
          typeof parsed.errorMessage === 'string'
            ? parsed.errorMessage
            : String(parsed.errorMessage ?? ''),
        ...(Array.isArray(parsed.trace) ? { trace: parsed.trace } : {}),
      };
    }
  } catch {
    // Not JSON: the caller falls back to the raw text.
  }
  return undefined;
}
