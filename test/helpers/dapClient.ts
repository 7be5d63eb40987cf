// A DAP client for the adapter's boundary tests (house-style.md principles 14 and 17): Node's
// DebugClient against dist/debug-adapter.js, patched where it falls short. DebugClient treats
// every message that is not an event as a response, so a reverse request (`startDebugging`,
// `runInTerminal`) would be dropped and the adapter would wait for ever; this wrapper answers
// each with success and records it. It also records every event, custom ones included, so a
// test can wait for one that has already arrived, and keeps the adapter's stderr.
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type {
  LambdaEventName,
  LambdaEvents,
  LambdaLaunchConfig,
} from '../../debug-adapter/protocol/dap';

export const ADAPTER = path.resolve(__dirname, '..', '..', 'dist', 'debug-adapter.js');

interface Recorded {
  event: string;
  body: unknown;
}

type Waiter = { match: (event: Recorded) => boolean; resolve: (event: Recorded) => void };

export class LambdaDapClient {
  readonly dc = new DebugClient('node', ADAPTER, 'lambda');
  /** Every event, in order of arrival. */
  readonly events: Recorded[] = [];
  /** Every reverse request the adapter sent (each answered with success). */
  readonly reverseRequests: DebugProtocol.Request[] = [];
  private stderrText = '';
  private stopping: Promise<void> | undefined;
  private waiters: Waiter[] = [];

  /** Spawns the adapter (stdio), or connects to one started with `--server=PORT`. */
  async start(port?: number): Promise<void> {
    this.dc.defaultTimeout = 15_000;
    const client = this.dc as unknown as {
      dispatch(body: string): void;
      outputStream: NodeJS.WritableStream;
      _adapterProcess: ChildProcess | null;
    };
    const dispatch = client.dispatch.bind(this.dc);
    client.dispatch = (body: string) => {
      const message = JSON.parse(body) as DebugProtocol.ProtocolMessage;
      if (message.type === 'request') {
        const request = message as DebugProtocol.Request;
        this.reverseRequests.push(request);
        const reply = JSON.stringify({
          type: 'response',
          seq: 0,
          request_seq: request.seq,
          command: request.command,
          success: true,
        });
        client.outputStream.write(`Content-Length: ${Buffer.byteLength(reply)}\r\n\r\n${reply}`);
        return;
      }
      if (message.type === 'event') this.record(message as DebugProtocol.Event);
      dispatch(body);
    };
    await this.dc.start(port);
    client._adapterProcess?.stderr?.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
    });
  }

  /** initialize + launch; resolves with the launch response (rejects with its error message). */
  async launch(config: LambdaLaunchConfig): Promise<DebugProtocol.LaunchResponse> {
    await this.dc.initializeRequest({
      adapterID: 'lambda',
      clientID: 'test',
      linesStartAt1: true,
      columnsStartAt1: true,
      pathFormat: 'path',
      supportsStartDebuggingRequest: true,
    });
    const launched = this.dc.launchRequest({
      type: 'lambda',
      request: 'launch',
      name: 'test',
      ...config,
    } as DebugProtocol.LaunchRequestArguments);
    await this.dc.configurationDoneRequest();
    return launched;
  }

  /** The launch's raw response, error or not (DebugClient rejects on errors and drops the body). */
  async launchResponse(config: LambdaLaunchConfig): Promise<DebugProtocol.Response> {
    await this.dc.initializeRequest();
    const client = this.dc as unknown as {
      doSend(
        command: string,
        args: unknown,
        callback: (response: DebugProtocol.Response) => void,
      ): void;
    };
    return new Promise((resolve) => client.doSend('launch', config, resolve));
  }

  /** A custom request's raw response. */
  request(command: string, args: unknown): Promise<DebugProtocol.Response> {
    const client = this.dc as unknown as {
      doSend(
        command: string,
        args: unknown,
        callback: (response: DebugProtocol.Response) => void,
      ): void;
    };
    return new Promise((resolve) => client.doSend(command, args, resolve));
  }

  /** The next (or an already received) custom event matching `predicate`. */
  waitFor<K extends LambdaEventName>(
    event: K,
    predicate: (body: LambdaEvents[K]) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<LambdaEvents[K]> {
    return this.waitForEvent(event, predicate as (body: unknown) => boolean, timeoutMs) as Promise<
      LambdaEvents[K]
    >;
  }

  /** Any event by name, e.g. `output` or `terminated`. */
  waitForEvent(
    event: string,
    predicate: (body: unknown) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<unknown> {
    const match = (recorded: Recorded): boolean =>
      recorded.event === event && predicate(recorded.body);
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen.body);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(
          new Error(
            `no '${event}' event within ${timeoutMs} ms; events so far: ${this.events.map((e) => e.event).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const entry: Waiter = {
        match,
        resolve: (recorded) => {
          clearTimeout(timer);
          resolve(recorded.body);
        },
      };
      this.waiters.push(entry);
    });
  }

  /** Bodies of every custom event of one kind received so far. */
  all<K extends LambdaEventName>(event: K): Array<LambdaEvents[K]> {
    return this.events
      .filter((recorded) => recorded.event === event)
      .map((recorded) => recorded.body as LambdaEvents[K]);
  }

  /** The Debug Console's text so far: every output event, in order. */
  get output(): string {
    return this.events
      .filter((recorded) => recorded.event === 'output')
      .map((recorded) => (recorded.body as DebugProtocol.OutputEvent['body']).output)
      .join('');
  }

  /** Output events as [category, text] pairs. */
  get outputEvents(): Array<[string | undefined, string]> {
    return this.events
      .filter((recorded) => recorded.event === 'output')
      .map((recorded) => {
        const body = recorded.body as DebugProtocol.OutputEvent['body'];
        return [body.category, body.output];
      });
  }

  /** What the adapter wrote on stderr (its diagnostics). */
  get stderr(): string {
    return this.stderrText;
  }

  /** The adapter's own process (stdio mode). */
  get adapterProcess(): ChildProcess | undefined {
    return (
      (this.dc as unknown as { _adapterProcess: ChildProcess | null })._adapterProcess ?? undefined
    );
  }

  /** Process ids of every instance process the adapter reported. */
  get pids(): number[] {
    return this.all('lambda/instanceStarted')
      .map((event) => event.pid)
      .filter((pid): pid is number => pid !== undefined);
  }

  /** Disconnects (the adapter stops its instances) and waits for the adapter process to exit. */
  async stop(): Promise<void> {
    this.stopping ??= this.disconnectAndWait();
    return this.stopping;
  }

  private async disconnectAndWait(): Promise<void> {
    const adapter = (this.dc as unknown as { _adapterProcess: ChildProcess | null })
      ._adapterProcess;
    if (!adapter) {
      // Server mode: disconnect (the session stops its instances), then close the connection.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.dc.disconnectRequest({ terminateDebuggee: true }).catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
      ]);
      clearTimeout(timer);
      (this.dc as unknown as { _socket: { end(): void } | null })._socket?.end();
      return;
    }
    const running = (): boolean => adapter.exitCode === null && adapter.signalCode === null;
    if (!running()) return;
    const exited = new Promise<void>((resolve) => adapter.once('exit', () => resolve()));
    // A request to an adapter that has exited would wait for ever: nothing answers it.
    await Promise.race([
      this.dc.disconnectRequest({ terminateDebuggee: true }).catch(() => undefined),
      exited,
    ]);
    // After `disconnect` a stdio adapter exits by itself; make sure of it.
    const timer = setTimeout(() => adapter.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  private record(event: DebugProtocol.Event): void {
    const recorded = { event: event.event, body: event.body };
    this.events.push(recorded);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(recorded)) continue;
      this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
      waiter.resolve(recorded);
    }
  }
}
