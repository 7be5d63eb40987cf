/**
 * The `lambda` debug session (GitHub issue #4). It orchestrates and delegates (house-style.md
 * principle 5): it owns one Emulator for its life, runs invocations, streams their logs and
 * results as DAP output and custom events, serves an Invoke API, and asks the extension to attach
 * js-debug (`pwa-node`) to each instance process, which holds the handler's module until then.
 * Breakpoints, stacks and variables belong to those child sessions; this one has no threads.
 *
 * One class, three hosts (principle 3): `dist/debug-adapter.js` over stdio, the same over
 * `--server=PORT`, and inline in the extension host. Every request handler runs through `guard`,
 * so each request is answered, with an error response when it fails (principle 19). May import
 * emulator/, sam/, protocol/ and @vscode/debugadapter; never vscode.
 */
import {
  DebugSession,
  InitializedEvent,
  OutputEvent,
  TerminatedEvent,
  type Event as DapEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Emulator, type EmulatorOptions, type InstanceLifecycleEvent } from '../emulator/emulator';
import { EmulatorError } from '../emulator/errors';
import type { Disposable } from '../emulator/events';
import { CdpConnection } from '../emulator/inspector/cdpConnection';
import { InstanceObserver } from '../emulator/inspector/instanceObserver';
import { WallClock } from '../emulator/instances/invocationClock';
import { InvokeApiServer } from '../emulator/invoke-api/invokeApiServer';
import {
  ErrorCode,
  type AttachRequestedEvent,
  type DebuggerDetachedArguments,
  type DebuggerDetachedResponseBody,
  type InvokeRequestArguments,
  type InvokeResponseBody,
  type LambdaEventName,
  type LambdaEvents,
  type LambdaLaunchArguments,
} from '../protocol/dap';
import { inspectorPort, pwaNodeAttachConfig } from './attachConfig';
import { describeError, stderrDiagnostics, type DiagnosticLog } from './diagnostics';
import { eventText, resolveLaunch, UserError, type LaunchPlan } from './launchConfig';
import {
  isInspectorNoise,
  outputCategory,
  resultText,
  summarize,
  type OutputCategory,
} from './output';

/** Node flag of a debugged instance: its own inspector, on loopback, on a free port. */
const INSPECT_FLAG = '--inspect=127.0.0.1:0';

/** How long `shutdown` waits for the instances to stop before the process exits anyway. */
const DISPOSE_LIMIT_MS = 5000;

export interface LambdaDebugSessionOptions {
  /** Our own diagnostics; default stderr. Inline, the extension routes them to its LogOutputChannel. */
  diagnostics?: DiagnosticLog;
  /** Folder relative paths resolve against when the launch has no `cwd`; default process.cwd(). */
  cwd?: string;
  /** Options of the session's Emulator (tests and benchmarks). */
  emulator?: EmulatorOptions;
}

/** What the session knows about one instance process it asked a debugger to attach to. */
interface DebuggedInstance {
  inspectorUrl: string;
  port: number;
  observer: InstanceObserver | undefined;
}

/** The session after a successful launch. */
interface Running {
  emulator: Emulator;
  plan: LaunchPlan;
  functionName: string;
  codeUri: string;
  invokeApi: InvokeApiServer;
  subscriptions: Disposable[];
}

export class LambdaDebugSession extends DebugSession {
  private running: Running | undefined;
  private readonly instances = new Map<string, DebuggedInstance>();
  private readonly diagnostics: DiagnosticLog;
  private disposing: Promise<void> | undefined;

  constructor(private readonly options: LambdaDebugSessionOptions = {}) {
    super();
    this.diagnostics = options.diagnostics ?? stderrDiagnostics;
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  // ---- lifecycle requests ---------------------------------------------------------------------

  protected override initializeRequest(
    response: DebugProtocol.InitializeResponse,
    _args: DebugProtocol.InitializeRequestArguments,
  ): void {
    this.guard(
      response,
      () => ({
        supportsConfigurationDoneRequest: true,
        supportsTerminateRequest: true,
        supportsRestartRequest: true,
        supportsEvaluateForHovers: false,
        supportsConditionalBreakpoints: false,
        supportsFunctionBreakpoints: false,
      }),
      () => this.sendEvent(new InitializedEvent()),
    );
  }

  protected override launchRequest(
    response: DebugProtocol.LaunchResponse,
    args: DebugProtocol.LaunchRequestArguments,
  ): void {
    this.guard(
      response,
      () => this.launch((args ?? {}) as LambdaLaunchArguments),
      () => this.invokeFirstEvent(),
    );
  }

  protected override attachRequest(response: DebugProtocol.AttachResponse): void {
    this.guard(response, () => {
      throw new UserError(
        ErrorCode.NotSupported,
        'A "lambda" configuration launches the function: set "request": "launch" in launch.json.',
      );
    });
  }

  protected override configurationDoneRequest(
    response: DebugProtocol.ConfigurationDoneResponse,
  ): void {
    this.guard(response, () => undefined);
  }

  /** Restart recycles the instances, so the next invocation loads the code as it is now. */
  protected override restartRequest(
    response: DebugProtocol.RestartResponse,
    args: DebugProtocol.RestartArguments,
  ): void {
    this.guard(
      response,
      () => this.restart(args?.arguments as LambdaLaunchArguments | undefined),
      () => this.invokeFirstEvent(),
    );
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.guard(
      response,
      () => this.disposeAll(),
      () => this.sendEvent(new TerminatedEvent()),
    );
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.guard(
      response,
      () => this.disposeAll(),
      () => this.shutdown(),
    );
  }

  // ---- requests a session without threads still answers ------------------------------------

  /** Breakpoints belong to the js-debug child sessions; VS Code needs an array all the same. */
  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse): void {
    this.guard(response, () => ({ breakpoints: [] }));
  }

  protected override setExceptionBreakPointsRequest(
    response: DebugProtocol.SetExceptionBreakpointsResponse,
  ): void {
    this.guard(response, () => ({ breakpoints: [] }));
  }

  protected override setFunctionBreakPointsRequest(
    response: DebugProtocol.SetFunctionBreakpointsResponse,
  ): void {
    this.guard(response, () => ({ breakpoints: [] }));
  }

  /**
   * No threads: the function's code runs in the child sessions, which VS Code lists under this
   * one. A dummy thread would show as a running thread nobody can pause.
   */
  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    this.guard(response, () => ({ threads: [] }));
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse): void {
    this.guard(response, () => {
      throw new UserError(
        ErrorCode.NotSupported,
        'Select an instance of the function (its child session) in the Call Stack view to evaluate expressions.',
      );
    });
  }

  protected override customRequest(
    command: string,
    response: DebugProtocol.Response,
    args: unknown,
  ): void {
    switch (command) {
      case 'lambda/invoke':
        this.guard(response, () => this.invoke((args ?? {}) as InvokeRequestArguments));
        return;
      case 'lambda/debuggerDetached':
        this.guard(response, () =>
          this.debuggerDetached((args ?? {}) as DebuggerDetachedArguments),
        );
        return;
      default:
        super.customRequest(command, response, args);
    }
  }

  // ---- process ends -------------------------------------------------------------------------

  /** Stops every instance before the adapter process exits (stdio) or the connection ends (server). */
  override shutdown(): void {
    const limit = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_LIMIT_MS).unref());
    void Promise.race([this.disposeAll(), limit]).finally(() => super.shutdown());
  }

  /** Inline mode: VS Code disposes the adapter when the session ends. */
  override dispose(): void {
    void this.disposeAll();
    super.dispose();
  }

  // ---- the work ----------------------------------------------------------------------------

  private async launch(args: LambdaLaunchArguments): Promise<void> {
    if (this.running || this.disposing) {
      throw new UserError(ErrorCode.NotSupported, 'This Lambda session has already been launched.');
    }
    const plan = resolveLaunch(args, this.options.cwd ?? process.cwd());
    const emulator = new Emulator(this.options.emulator);
    let invokeApi: InvokeApiServer | undefined;
    try {
      const config = emulator.defineFunction(plan.input);
      const subscriptions = this.subscribe(emulator);
      invokeApi = new InvokeApiServer({
        target: emulator,
        onDiagnostic: (diagnostic) =>
          this.diagnostics.log(
            diagnostic.level,
            'invoke-api',
            diagnostic.error
              ? `${diagnostic.message} ${describeError(diagnostic.error)}`
              : diagnostic.message,
          ),
      });
      const address = await invokeApi
        .start({ port: plan.invokeApiPort })
        .catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
          throw new UserError(
            ErrorCode.PortInUse,
            `"invokeApiPort" ${plan.invokeApiPort} is in use on 127.0.0.1. Pick another port, or 0 for any free port, in the launch configuration (launch.json).`,
          );
        });
      this.running = {
        emulator,
        plan,
        functionName: config.name,
        codeUri: config.codeUri,
        invokeApi,
        subscriptions,
      };
      this.applyDebugOptions();
      for (const warning of plan.warnings) this.output(`${warning}\n`, 'console');
      this.sendCustomEvent('lambda/endpoint', {
        url: address.url,
        port: address.port,
        functionName: config.name,
      });
      this.output(
        `Invoke API for this session: ${address.url} (function ${config.name})\n`,
        'console',
      );
      if (plan.event === undefined) {
        this.output(
          'No "event" in the launch configuration: invoke the function from the Invoke command, the log panel or the Invoke API.\n',
          'console',
        );
      }
    } catch (error) {
      await invokeApi?.close().catch(() => undefined);
      await emulator.dispose().catch(() => undefined);
      this.running = undefined;
      throw error;
    }
  }

  /** Debug run options of the session's function: inspector, held module, pause-aware clock. */
  private applyDebugOptions(): void {
    const running = this.running!;
    if (!running.plan.debug) return;
    running.emulator.setDebug(running.functionName, {
      nodeFlags: [INSPECT_FLAG],
      waitForDebugger: true,
      clock: running.plan.pauseTimeout
        ? (instanceId) => this.instances.get(instanceId)?.observer?.createClock() ?? new WallClock()
        : undefined,
    });
  }

  private async restart(args: LambdaLaunchArguments | undefined): Promise<void> {
    const running = this.requireRunning();
    if (args) {
      // VS Code sends the configuration as it is now: apply what changed (the port stays).
      const plan = resolveLaunch(args, this.options.cwd ?? process.cwd());
      if (plan.input.name !== running.functionName) {
        await running.emulator.removeFunction(running.functionName);
      }
      const config = running.emulator.defineFunction(plan.input);
      running.plan = { ...plan, invokeApiPort: running.plan.invokeApiPort };
      running.functionName = config.name;
      running.codeUri = config.codeUri;
      running.emulator.setDebug(config.name, undefined);
      this.applyDebugOptions();
    }
    running.emulator.recycle();
    this.output(
      'Restarted: the instances were recycled; the next invocation loads the current code.\n',
      'console',
    );
  }

  /** Runs the launch's event, if any, once the launch (or restart) response has gone out. */
  private invokeFirstEvent(): void {
    const running = this.running;
    if (!running || running.plan.event === undefined) return;
    void this.runInvocation(running.functionName, running.plan.event).catch((error: unknown) => {
      // A refusal (throttling) has been printed already; anything else is our bug.
      if (!(error instanceof UserError)) this.reportBug('first invocation', error);
    });
  }

  private async invoke(args: InvokeRequestArguments): Promise<InvokeResponseBody> {
    const running = this.requireRunning();
    const payload =
      eventText(args.event, args.eventFile, running.plan.cwd, 'in the lambda/invoke request') ??
      '{}';
    const name = args.functionName ?? running.functionName;
    return this.runInvocation(name, payload);
  }

  /** One invocation; its logs, result and events are sent by the emulator subscriptions. */
  private async runInvocation(name: string, payload: string): Promise<InvokeResponseBody> {
    const running = this.requireRunning();
    try {
      return summarize(await running.emulator.invoke(name, payload));
    } catch (error) {
      if (!(error instanceof EmulatorError)) throw error;
      this.output(`Invocation refused: ${error.code}: ${error.message}\n`, 'stderr');
      throw new UserError(ErrorCode.InvokeRefused, `${error.code}: ${error.message}`);
    }
  }

  private async debuggerDetached(
    args: DebuggerDetachedArguments,
  ): Promise<DebuggerDetachedResponseBody> {
    const instance = this.instances.get(args.instanceId);
    const stale = args.inspectorPort !== undefined && args.inspectorPort !== instance?.port;
    if (!instance || stale) return { released: false };
    if (instance.observer) {
      await instance.observer.release();
      return { released: true };
    }
    // Without an observer V8 resumes by itself when the debugger leaves; only a process still
    // waiting for its first debugger needs letting go.
    const connection = await CdpConnection.connect(instance.inspectorUrl).catch(() => undefined);
    if (!connection) return { released: false };
    try {
      await connection.send('Runtime.runIfWaitingForDebugger');
    } finally {
      connection.close();
    }
    return { released: true };
  }

  // ---- emulator events ------------------------------------------------------------------------

  private subscribe(emulator: Emulator): Disposable[] {
    return [
      emulator.onLog((record) => {
        if (isInspectorNoise(record)) return;
        this.sendCustomEvent('lambda/log', record);
        this.output(`${record.text}\n`, outputCategory(record));
      }),
      emulator.onInvocationStarted((event) =>
        this.sendCustomEvent('lambda/invocationStarted', event),
      ),
      emulator.onInvocationEnded(({ result }) => {
        const summary = summarize(result);
        this.sendCustomEvent('lambda/invocationEnded', summary);
        const { text, category } = resultText(summary);
        this.output(text, category);
      }),
      emulator.onInstanceStarted((event) => {
        this.sendCustomEvent('lambda/instanceStarted', instanceBody(event));
        if (event.inspectorUrl) {
          void this.announceInstance(event, event.inspectorUrl).catch((error: unknown) =>
            this.reportBug('attach', error),
          );
        }
      }),
      emulator.onInstanceStopped((event) => {
        this.sendCustomEvent('lambda/instanceStopped', instanceBody(event));
        this.instances.get(event.instanceId)?.observer?.dispose();
        this.instances.delete(event.instanceId);
      }),
    ];
  }

  /**
   * An instance process waits for its debugger. The observer attaches first (it must see every
   * pause); then the extension is asked to attach js-debug, which releases the process.
   */
  private async announceInstance(
    event: InstanceLifecycleEvent,
    inspectorUrl: string,
  ): Promise<void> {
    const running = this.running;
    if (!running || this.disposing) return;
    let observer: InstanceObserver | undefined;
    if (running.plan.pauseTimeout) {
      try {
        observer = await InstanceObserver.attach(inspectorUrl, {
          diagnostic: (level, message) => this.diagnostics.log(level, 'dap.observer', message),
        });
      } catch (error) {
        this.diagnostics.log(
          'warn',
          'dap.observer',
          `cannot observe ${event.instanceId}: ${describeError(error)}`,
        );
        this.output(
          `Cannot watch instance ${event.instanceId} for pauses; its timeout runs on the wall clock.\n`,
          'console',
        );
      }
    }
    if (this.disposing) {
      observer?.dispose();
      return;
    }
    this.instances.get(event.instanceId)?.observer?.dispose();
    const port = inspectorPort(inspectorUrl);
    const instance: DebuggedInstance = { inspectorUrl, port, observer };
    this.instances.set(event.instanceId, instance);
    observer?.onDidClose(() => {
      if (instance.observer === observer) instance.observer = undefined;
    });
    const body: AttachRequestedEvent = {
      instanceId: event.instanceId,
      functionName: event.functionName,
      pid: event.pid,
      inspectorPort: port,
      inspectorUrl,
      attachConfig: pwaNodeAttachConfig({
        instanceId: event.instanceId,
        functionName: event.functionName,
        inspectorUrl,
        codeUri: running.codeUri,
        cwd: running.plan.cwd,
      }),
    };
    this.sendCustomEvent('lambda/attachRequested', body);
    this.output(
      `Instance ${event.instanceId} (pid ${event.pid}) waits for the debugger on 127.0.0.1:${port}.\n`,
      'console',
    );
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /**
   * Runs a handler's work and answers the request exactly once: with the body it returns, or
   * with an error response (a UserError as is and shown to the user; anything else as our bug,
   * logged with its stack). `after` runs once the response has been sent.
   */
  private guard<R extends DebugProtocol.Response>(
    response: R,
    work: () => R['body'] | void | Promise<R['body'] | void>,
    after?: () => void,
  ): void {
    void (async () => {
      try {
        const body = await work();
        if (body !== undefined) response.body = body;
        this.sendResponse(response);
      } catch (error) {
        this.sendError(response, error);
        return;
      }
      try {
        after?.();
      } catch (error) {
        this.reportBug(response.command, error);
      }
    })();
  }

  private sendError(response: DebugProtocol.Response, error: unknown): void {
    if (error instanceof UserError) {
      this.diagnostics.log('info', 'dap.session', `${response.command} refused: ${error.message}`);
      this.sendErrorResponse(response, { id: error.code, format: error.message, showUser: true });
      return;
    }
    this.diagnostics.log(
      'error',
      'dap.session',
      `${response.command} failed: ${describeError(error)}`,
    );
    const message = error instanceof Error ? error.message : String(error);
    this.sendErrorResponse(response, {
      id: ErrorCode.Internal,
      format: `Lambda Workbench could not handle "${response.command}": ${message}`,
      showUser: true,
    });
  }

  private reportBug(what: string, error: unknown): void {
    this.diagnostics.log('error', 'dap.session', `${what} failed: ${describeError(error)}`);
    this.output(
      `Lambda Workbench: ${what} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      'stderr',
    );
  }

  private sendCustomEvent<K extends LambdaEventName>(event: K, body: LambdaEvents[K]): void {
    if (this.disposing) return;
    this.sendEvent({ seq: 0, type: 'event', event, body } as DapEvent);
  }

  private output(text: string, category: OutputCategory): void {
    if (this.disposing) return;
    this.sendEvent(new OutputEvent(text, category));
  }

  private requireRunning(): Running {
    if (!this.running || this.disposing) {
      throw new UserError(
        ErrorCode.NotLaunched,
        'The Lambda session is not running: launch it first.',
      );
    }
    return this.running;
  }

  /** Stops the Invoke API and every instance process; idempotent. */
  private disposeAll(): Promise<void> {
    this.disposing ??= (async () => {
      const running = this.running;
      for (const instance of this.instances.values()) instance.observer?.dispose();
      this.instances.clear();
      if (!running) return;
      for (const subscription of running.subscriptions) subscription.dispose();
      await running.invokeApi
        .close()
        .catch((error: unknown) =>
          this.diagnostics.log('warn', 'dap.session', describeError(error)),
        );
      await running.emulator
        .dispose()
        .catch((error: unknown) =>
          this.diagnostics.log('error', 'dap.session', describeError(error)),
        );
    })();
    return this.disposing;
  }
}

function instanceBody(event: InstanceLifecycleEvent): LambdaEvents['lambda/instanceStarted'] {
  const { functionName, instanceId, pid, inspectorUrl, reason } = event;
  return {
    functionName,
    instanceId,
    pid,
    ...(inspectorUrl ? { inspectorUrl } : {}),
    ...(reason ? { reason } : {}),
  };
}
