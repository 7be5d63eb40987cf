/**
 * The emulator facade: the one object the CLI, the Invoke API, the debug adapter and the extension
 * drive. Define functions, invoke them, and subscribe to their logs and lifecycle. Handler failures
 * come back as data in the InvocationResult; only refusals (unknown function, throttling, a payload
 * over the limit) are thrown, as EmulatorError.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  FunctionConfig,
  FunctionInput,
  InstanceEvent,
  InvocationResult,
  InvocationStartedEvent,
  InvokeOptions,
  LogRecord,
  Runtime,
} from '../protocol/lambda';
import { LIMITS } from '../protocol/lambda';
import { EmulatorError } from './errors';
import { Emitter, type Disposable } from './events';
import { validateFunction } from './functionConfig';
import { parseHandler, typeScriptEntry } from './handler/handlerString';
import { TypeScriptBuilder } from './handler/typeScriptBuilder';
import { newRequestId, newTraceId } from './ids';
import { CodeWatcher } from './instances/codeWatcher';
import {
  defaultNodeExecutable,
  functionEnvironment,
  nodeMemoryFlags,
  nodeRuntimeFlags,
  supportedNodeFlags,
} from './instances/environment';
import { Reaper } from './instances/reaper';
import { FunctionPool } from './instances/functionPool';
import type { RuntimeCommand } from './instances/instance';
import type { InvocationClock } from './instances/invocationClock';
import { PlatformLines } from './logs/platformLines';

export interface EmulatorOptions {
  /** Default region of functions; default the host's AWS_REGION, else us-east-1. */
  region?: string;
  /** Account id in ARNs; default 123456789012. */
  accountId?: string;
  /** Retire an instance after this long without invocations; default 10 minutes. */
  idleTimeoutMs?: number;
  /** Concurrency limit for functions without reserved concurrency; default 1000 (Lambda's default quota). */
  accountConcurrency?: number;
  /** Pass the host's AWS credentials to functions; default true. */
  passHostCredentials?: boolean;
  /** The host environment to read credentials and PATH from; default process.env. */
  hostEnv?: NodeJS.ProcessEnv;
  /** Node.js executable per runtime; default the one running the emulator. */
  nodeExecutables?: Partial<Record<Runtime, string>>;
  /** Path of our runtime bootstrap bundle; default dist/runtime-bootstrap.js. */
  bootstrapPath?: string;
  /** How to start an instance's runtime client instead of our bootstrap (tests use aws-lambda-ric). */
  runtimeCommand?: (config: FunctionConfig) => RuntimeCommand;
  /** Recycle instances when the function's code changes; default true. */
  watchCode?: boolean;
  /** Freeze idle instances between invocations, as Lambda does; default true (POSIX only). */
  freezeIdleInstances?: boolean;
  /** INIT phase limit; default 10 s as on Lambda. */
  initTimeoutMs?: number;
  /** Parent folder for the instances' private `/tmp` folders; default the OS temp folder. */
  tmpRoot?: string;
}

/** How instances of one function run while it is being debugged (issue #4). */
export interface DebugRunOptions {
  /** Extra Node flags, e.g. `--inspect=127.0.0.1:0`. */
  nodeFlags: string[];
  /** Hold the handler's module until a debugger attaches. */
  waitForDebugger: boolean;
  /** A clock for each invocation of the given instance (pause-aware: see PausableClock). */
  clock?: (instanceId: string) => InvocationClock;
}

/** An instance lifecycle event with the instance's environment details. */
export interface InstanceLifecycleEvent extends InstanceEvent {
  logStreamName: string;
}

/** An invocation has ended. */
export interface InvocationEndedEvent {
  result: InvocationResult;
}

interface FunctionState {
  pool: FunctionPool;
  baseEnv: Record<string, string>;
  watcher: CodeWatcher | undefined;
  debug: DebugRunOptions | undefined;
  platform: PlatformLines;
}

export class Emulator {
  private readonly functions = new Map<string, FunctionState>();
  private readonly builder = new TypeScriptBuilder();
  private readonly logEmitter = new Emitter<LogRecord>();
  private readonly startedEmitter = new Emitter<InvocationStartedEvent>();
  private readonly endedEmitter = new Emitter<InvocationEndedEvent>();
  private readonly instanceStartedEmitter = new Emitter<InstanceLifecycleEvent>();
  private readonly instanceStoppedEmitter = new Emitter<InstanceLifecycleEvent>();
  private readonly tmpRoot: string;
  private readonly region: string;
  private readonly accountId: string;
  private disposed = false;
  private readonly reaper = new Reaper();
  private readonly hostEnv: NodeJS.ProcessEnv;

  /** Every log record of every function, as it is printed. */
  readonly onLog = this.logEmitter.event;
  readonly onInvocationStarted = this.startedEmitter.event;
  readonly onInvocationEnded = this.endedEmitter.event;
  readonly onInstanceStarted = this.instanceStartedEmitter.event;
  readonly onInstanceStopped = this.instanceStoppedEmitter.event;

  constructor(private readonly options: EmulatorOptions = {}) {
    const host = options.hostEnv ?? process.env;
    this.hostEnv = host;
    this.region = options.region ?? host.AWS_REGION ?? host.AWS_DEFAULT_REGION ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.tmpRoot = fs.mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'lambda-workbench-'));
  }

  /** Adds or replaces a function; throws ConfigError naming the field when a value is invalid. */
  defineFunction(input: FunctionInput): FunctionConfig {
    this.assertLive();
    const config = validateFunction(input, { region: this.region, accountId: this.accountId });
    const previous = this.functions.get(config.name);
    if (previous) void this.removeFunction(config.name);
    const host = this.options.hostEnv ?? process.env;
    const baseEnv = functionEnvironment(config, {
      passHostCredentials: this.options.passHostCredentials ?? true,
      hostEnv: host,
      runtimeDir: path.dirname(this.bootstrapPath()),
    });
    const platform = new PlatformLines(
      config.logFormat,
      config.runtime,
      config.region,
      config.name,
      config.arn,
    );
    const state: FunctionState = {
      pool: undefined!,
      baseEnv,
      watcher: undefined,
      debug: previous?.debug,
      platform,
    };
    state.pool = new FunctionPool({
      config,
      accountConcurrency: this.options.accountConcurrency ?? 1000,
      idleTimeoutMs: this.options.idleTimeoutMs ?? 10 * 60 * 1000,
      instanceOptions: () => this.instanceOptions(state),
      onLog: (record) => this.logEmitter.fire(record),
      onInstance: (event) => {
        const payload: InstanceLifecycleEvent = {
          functionName: config.name,
          instanceId: event.instance.id,
          pid: event.pid,
          logStreamName: event.instance.logStreamName,
          inspectorUrl: event.inspectorUrl,
          reason: event.reason as InstanceEvent['reason'],
        };
        (event.kind === 'started' ? this.instanceStartedEmitter : this.instanceStoppedEmitter).fire(
          payload,
        );
      },
    });
    this.functions.set(config.name, state);
    return config;
  }

  async removeFunction(name: string): Promise<void> {
    const state = this.functions.get(name);
    if (!state) return;
    this.functions.delete(name);
    state.watcher?.dispose();
    await state.pool.dispose();
  }

  getFunction(name: string): FunctionConfig | undefined {
    return this.functions.get(name)?.pool.config;
  }

  listFunctions(): FunctionConfig[] {
    return [...this.functions.values()].map((state) => state.pool.config);
  }

  /** The function's instances: id, pid, busy, warm. */
  instances(
    name: string,
  ): Array<{ id: string; pid: number | undefined; busy: boolean; warm: boolean; tmpDir: string }> {
    const state = this.functions.get(name);
    return (state?.pool.instances ?? []).map((instance) => ({
      id: instance.id,
      pid: instance.pid,
      busy: instance.busy,
      warm: instance.warm,
      tmpDir: instance.tmpDir,
    }));
  }

  /** Runs instances of a function under a debugger (or back without, with undefined); recycles them. */
  setDebug(name: string, debug: DebugRunOptions | undefined): void {
    const state = this.requireFunction(name);
    state.debug = debug;
    state.pool.recycle();
  }

  /**
   * Retires the function's instances (all functions without a name) so the next call cold-starts
   * with the code as it is now: TypeScript is rebuilt too, since a bundle may include files the
   * code watcher does not see (shared code outside `codeUri`).
   */
  recycle(name?: string): void {
    this.builder.invalidate();
    for (const [functionName, state] of this.functions) {
      if (name === undefined || name === functionName) state.pool.recycle();
    }
  }

  async invoke(
    name: string,
    payload: Buffer | string,
    options: InvokeOptions = {},
  ): Promise<InvocationResult> {
    this.assertLive();
    const state = this.functions.get(name);
    if (!state) {
      throw new EmulatorError(
        'ResourceNotFoundException',
        `Function not found: arn:aws:lambda:${this.region}:${this.accountId}:function:${name}:${options.qualifier ?? '$LATEST'}`,
      );
    }
    const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    if (bytes.length > LIMITS.syncPayloadBytes) {
      throw new EmulatorError(
        'RequestEntityTooLargeException',
        `Request must be smaller than ${LIMITS.syncPayloadBytes} bytes for the InvokeFunction operation`,
      );
    }
    const config = state.pool.config;
    if (this.options.watchCode !== false && !state.watcher) {
      state.watcher = new CodeWatcher(config.codeUri, () => {
        this.builder.invalidate();
        state.pool.recycle();
      });
    }
    const requestId = options.requestId ?? newRequestId();
    const result = await state.pool.invoke({
      requestId,
      payload: bytes,
      invokedFunctionArn: options.qualifier ? `${config.arn}:${options.qualifier}` : config.arn,
      traceId: options.traceId ?? newTraceId(),
      clientContext: options.clientContext,
      cognitoIdentity: options.cognitoIdentity,
      tenantId: options.tenantId,
      responseStream: options.responseStream,
      signal: options.signal,
      onStart: (cold, instanceId) => {
        if (!this.startedEmitter.hasListeners) return;
        this.startedEmitter.fire({
          requestId,
          functionName: config.name,
          instanceId,
          cold,
          startTime: Date.now(),
          payload: bytes.toString('utf8'),
        });
      },
    });
    this.endedEmitter.fire({ result });
    return result;
  }

  /** Stops every instance, removes their `/tmp` folders and frees the ports. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const pools = [...this.functions.values()];
    this.functions.clear();
    for (const state of pools) state.watcher?.dispose();
    await Promise.all(pools.map((state) => state.pool.dispose()));
    await this.builder.dispose();
    this.reaper.dispose();
    await fs.promises.rm(this.tmpRoot, { recursive: true, force: true }).catch(() => undefined);
    for (const emitter of [
      this.logEmitter,
      this.startedEmitter,
      this.endedEmitter,
      this.instanceStartedEmitter,
      this.instanceStoppedEmitter,
    ]) {
      (emitter as Emitter<unknown>).dispose();
    }
  }

  private async instanceOptions(state: FunctionState) {
    const config = state.pool.config;
    let moduleOverride: string | undefined;
    const parts = parseHandler(config.handler);
    const entry = 'error' in parts ? undefined : typeScriptEntry(config.codeUri, parts);
    if (entry) {
      const build = await this.builder.build(config.codeUri, entry, config.runtime);
      // A compile error surfaces at init, as a syntax error would on Lambda: the bootstrap is
      // pointed at a module that reports it.
      moduleOverride = build.ok ? build.file : undefined;
      if (!build.ok) return this.failingInstanceOptions(state, build.error);
    }
    return this.baseInstanceOptions(state, moduleOverride);
  }

  private baseInstanceOptions(state: FunctionState, moduleOverride: string | undefined) {
    const config = state.pool.config;
    const debug = state.debug;
    const configured = this.options.nodeExecutables?.[config.runtime];
    const node = configured
      ? { command: configured, env: {} }
      : defaultNodeExecutable(this.hostEnv);
    const runtimeCommand = this.options.runtimeCommand?.(config) ?? {
      command: node.command,
      args: [this.bootstrapPath()],
    };
    return {
      config,
      baseEnv: { ...state.baseEnv, ...node.env },
      runtimeCommand,
      moduleOverride,
      platform: state.platform,
      tmpRoot: this.tmpRoot,
      reaper: this.reaper,
      nodeFlags: [
        ...nodeMemoryFlags(config.memorySize, config.environment.NODE_OPTIONS),
        ...supportedNodeFlags(
          runtimeCommand.command,
          nodeRuntimeFlags(config.runtime, config.environment.NODE_OPTIONS),
        ),
        ...(debug?.nodeFlags ?? []),
      ],
      waitForDebugger: debug?.waitForDebugger ?? false,
      initTimeoutMs: debug ? undefined : (this.options.initTimeoutMs ?? 10_000),
      freeze: !debug && (this.options.freezeIdleInstances ?? true),
      clock: debug?.clock,
    };
  }

  /** Options whose process reports a build error as an init error, like a syntax error would. */
  private failingInstanceOptions(
    state: FunctionState,
    error: { errorType: string; errorMessage: string; trace?: string[] },
  ) {
    const options = this.baseInstanceOptions(state, undefined);
    const file = path.join(this.tmpRoot, `build-error-${state.pool.config.name}.cjs`);
    fs.writeFileSync(
      file,
      `const e = new SyntaxError(${JSON.stringify(error.errorMessage.replace(/^SyntaxError: /, ''))});\ne.stack = ${JSON.stringify((error.trace ?? []).join('\n').replace(/^Runtime\.UserCodeSyntaxError: /, ''))};\nthrow e;\n`,
    );
    options.moduleOverride = file;
    return options;
  }

  private bootstrapPath(): string {
    if (this.options.bootstrapPath) return this.options.bootstrapPath;
    // Bundled, we sit in dist/ beside it; from source (tests), dist/ is two folders up.
    const beside = path.join(__dirname, 'runtime-bootstrap.js');
    if (fs.existsSync(beside)) return beside;
    return path.resolve(__dirname, '..', '..', 'dist', 'runtime-bootstrap.js');
  }

  private requireFunction(name: string): FunctionState {
    const state = this.functions.get(name);
    if (!state) throw new EmulatorError('ResourceNotFoundException', `Function not found: ${name}`);
    return state;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('The emulator has been disposed.');
  }
}

export type { Disposable };
