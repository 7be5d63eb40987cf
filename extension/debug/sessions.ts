/**
 * Tracks the live `lambda` debug sessions and routes their custom events: starts a js-debug
 * (`pwa-node`) child session for each instance that waits for a debugger, tells the adapter when
 * such a child ends, and fans the log stream out to the log panel and the "Lambda" channel.
 */
import * as vscode from 'vscode';
import type {
  AttachRequestedEvent,
  EndpointEventBody,
  InstanceEventBody,
  InvocationEndedEventBody,
  InvocationStartedEventBody,
  InvokeRequestArguments,
  InvokeResponseBody,
  LambdaEvents,
  PwaNodeAttachConfig,
} from '../../debug-adapter/protocol/dap';
import type { LogRecord } from '../../debug-adapter/protocol/lambda';
import { ContextKeys, LAMBDA_DEBUG_TYPE } from '../contributions';

/** What the log panel and the output channel listen to, from sessions and full-speed runs alike. */
export interface InvocationFeed {
  onInvocationStarted: vscode.Event<InvocationStartedEventBody>;
  onLog: vscode.Event<LogRecord>;
  onInvocationEnded: vscode.Event<InvocationEndedEventBody>;
  onInstance: vscode.Event<{ state: 'started' | 'stopped'; instance: InstanceEventBody }>;
}

export class FeedEmitter implements InvocationFeed, vscode.Disposable {
  readonly started = new vscode.EventEmitter<InvocationStartedEventBody>();
  readonly log = new vscode.EventEmitter<LogRecord>();
  readonly ended = new vscode.EventEmitter<InvocationEndedEventBody>();
  readonly instance = new vscode.EventEmitter<{
    state: 'started' | 'stopped';
    instance: InstanceEventBody;
  }>();
  readonly onInvocationStarted = this.started.event;
  readonly onLog = this.log.event;
  readonly onInvocationEnded = this.ended.event;
  readonly onInstance = this.instance.event;
  dispose(): void {
    for (const emitter of [this.started, this.log, this.ended, this.instance]) emitter.dispose();
  }
}

interface LiveSession {
  session: vscode.DebugSession;
  functionName: string | undefined;
  endpoint: string | undefined;
}

export class LambdaSessions implements vscode.Disposable {
  private readonly live = new Map<string, LiveSession>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly feed: FeedEmitter,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.debug.onDidStartDebugSession((session) => {
        if (session.type === LAMBDA_DEBUG_TYPE) this.track(session);
      }),
      vscode.debug.onDidTerminateDebugSession((session) => this.terminated(session)),
      vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
        if (event.session.type !== LAMBDA_DEBUG_TYPE) return;
        try {
          this.customEvent(event.session, event.event as keyof LambdaEvents, event.body);
        } catch (error) {
          this.log.error(`handling ${event.event}: ${String(error)}`);
        }
      }),
    );
  }

  /** The live session running a function of this name, if any. */
  sessionFor(functionName: string): vscode.DebugSession | undefined {
    for (const live of this.live.values())
      if (live.functionName === functionName) return live.session;
    return undefined;
  }

  /** Runs an invocation in a live session (warm instances, breakpoints). */
  async invokeInSession(
    session: vscode.DebugSession,
    args: InvokeRequestArguments,
  ): Promise<InvokeResponseBody> {
    return (await session.customRequest('lambda/invoke', args)) as InvokeResponseBody;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private customEvent(session: vscode.DebugSession, name: keyof LambdaEvents, body: unknown): void {
    const live = this.live.get(session.id);
    switch (name) {
      case 'lambda/attachRequested':
        void this.attach(session, body as AttachRequestedEvent);
        break;
      case 'lambda/endpoint': {
        // Sent while the launch request runs, so before VS Code reports the session started.
        const entry = live ?? this.track(session);
        entry.functionName = (body as EndpointEventBody).functionName;
        entry.endpoint = (body as EndpointEventBody).url;
        break;
      }
      case 'lambda/invocationStarted':
        if (live) live.functionName ??= (body as InvocationStartedEventBody).functionName;
        this.feed.started.fire(body as InvocationStartedEventBody);
        break;
      case 'lambda/log':
        this.feed.log.fire(body as LogRecord);
        break;
      case 'lambda/invocationEnded':
        this.feed.ended.fire(body as InvocationEndedEventBody);
        break;
      case 'lambda/instanceStarted':
      case 'lambda/instanceStopped':
        this.feed.instance.fire({
          state: name === 'lambda/instanceStarted' ? 'started' : 'stopped',
          instance: body as InstanceEventBody,
        });
        break;
    }
  }

  /**
   * Starts js-debug on the instance's inspector as a child of the Lambda session. (The DAP
   * `startDebugging` reverse request cannot: VS Code gives the child the parent's debug type.)
   */
  private async attach(parent: vscode.DebugSession, event: AttachRequestedEvent): Promise<void> {
    this.log.info(
      `attaching js-debug to ${event.functionName} instance ${event.instanceId} on port ${event.inspectorPort}`,
    );
    const started = await vscode.debug.startDebugging(
      parent.workspaceFolder,
      event.attachConfig as unknown as vscode.DebugConfiguration,
      {
        parentSession: parent,
        lifecycleManagedByParent: true,
        consoleMode: vscode.DebugConsoleMode.MergeWithParent,
        compact: true,
      },
    );
    if (!started) {
      this.log.error(`js-debug did not start for instance ${event.instanceId}`);
      await this.detached(parent, event.attachConfig);
    }
  }

  private track(session: vscode.DebugSession): LiveSession {
    let live = this.live.get(session.id);
    if (!live) {
      live = { session, functionName: undefined, endpoint: undefined };
      this.live.set(session.id, live);
      void vscode.commands.executeCommand('setContext', ContextKeys.sessionActive, true);
    }
    return live;
  }

  private terminated(session: vscode.DebugSession): void {
    if (session.type === LAMBDA_DEBUG_TYPE) {
      this.live.delete(session.id);
      if (this.live.size === 0)
        void vscode.commands.executeCommand('setContext', ContextKeys.sessionActive, false);
      return;
    }
    const config = session.configuration as Partial<PwaNodeAttachConfig>;
    const parent = session.parentSession;
    if (config.__lambdaInstanceId && parent && this.live.has(parent.id))
      void this.detached(parent, config as PwaNodeAttachConfig);
  }

  /** Tells the adapter the child debugger is gone, so a paused instance is released. */
  private async detached(parent: vscode.DebugSession, config: PwaNodeAttachConfig): Promise<void> {
    try {
      await parent.customRequest('lambda/debuggerDetached', {
        instanceId: config.__lambdaInstanceId,
        inspectorPort: config.port,
      });
    } catch (error) {
      this.log.debug(`debuggerDetached: ${String(error)}`);
    }
  }
}
