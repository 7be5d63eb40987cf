/**
 * Test harness for `dist/runtime-bootstrap.js`: a fake Runtime API that records every request
 * (method, url, headers, body, trailers) and serves events, a spawner that runs the bootstrap the
 * way the emulator does (fd 3 = telemetry pipe) and parses its frames, and the normalisation used
 * to compare output with the aws-lambda-ric oracle transcripts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The bundle under test; `node build.mjs` must have run. `LWB_BOOTSTRAP` points the suite at
 * another build (for example the minified `--production` one).
 */
export const BOOTSTRAP =
  process.env.LWB_BOOTSTRAP ?? resolve(__dirname, '../../dist/runtime-bootstrap.js');
/** Fixture handlers that are ordinary, formatted files. */
export const FIXTURES = resolve(__dirname, '../fixtures/handlers/bootstrap');
/** Per-test timeout: a bootstrap that hangs fails its test instead of blocking the suite. */
export const TEST_TIMEOUT = { timeout: 30_000 };
/** The request id the oracle transcripts used for their one invocation. */
export const ORACLE_ID = '8476a536-e9f4-4c3b-a9b5-6f2c9a7a6a11';
/** The trace header the oracle's fake Runtime API sent. */
export const TRACE_ID =
  'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
/** The function ARN the oracle's fake Runtime API sent. */
export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

/** One request received by the fake Runtime API. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Request path. */
  url: string;
  /** Header name/value pairs in arrival order, names as sent. */
  rawHeaders: [string, string][];
  /** Lower-cased header map. */
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes. */
  body: Buffer;
  /** Trailer name/value pairs (chunked streaming responses). */
  trailers: [string, string][];
}

/** An event to hand out on `GET /next`. */
export interface EventSpec {
  /** Request id; defaults to a random UUID. */
  id?: string;
  /** Raw payload; defaults to the oracle's `{"key":"value"}`. */
  payload?: string;
  /** Milliseconds until the deadline; default 3000. */
  timeoutMs?: number;
  /** Extra or replacement invoke headers (an `undefined` value removes a default one). */
  headers?: Record<string, string | undefined>;
}

interface Waiter {
  match: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
}

/** A minimal Runtime API on 127.0.0.1 that records requests and answers 202 to posts. */
export class FakeRuntimeApi {
  /** Every request, in the order it completed. */
  readonly requests: RecordedRequest[] = [];
  private readonly parked: ServerResponse[] = [];
  private readonly queue: EventSpec[] = [];
  private waiters: Waiter[] = [];

  private constructor(private readonly server: Server) {}

  /** Starts a server on an ephemeral port. */
  static async start(): Promise<FakeRuntimeApi> {
    const server = createServer();
    const api = new FakeRuntimeApi(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          rawHeaders: pairs(req.rawHeaders),
          headers: req.headers,
          body: Buffer.concat(chunks),
          trailers: pairs(req.rawTrailers),
        };
        api.requests.push(recorded);
        if (recorded.method === 'GET' && recorded.url.endsWith('/invocation/next')) {
          api.parked.push(res);
          api.pump();
        } else {
          res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
        }
        api.waiters = api.waiters.filter((waiter) => {
          if (!waiter.match(recorded)) return true;
          waiter.resolve(recorded);
          return false;
        });
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    return api;
  }

  /** `host:port` for `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues an event; resolves with the `/response` or `/error` post for it. */
  invoke(spec: EventSpec = {}): Promise<RecordedRequest> {
    const id = spec.id ?? randomUUID();
    const prefix = `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/`;
    const result = this.waitFor((r) => r.method === 'POST' && r.url.startsWith(prefix));
    this.queue.push({ ...spec, id });
    this.pump();
    return result;
  }

  /** Resolves with the first request (already received or future) that matches. */
  waitFor(match: (request: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Resolves with the `n`-th `GET /next` (1-based). */
  nthNext(n: number): Promise<RecordedRequest> {
    let count = 0;
    return this.waitFor((r) => r.method === 'GET' && ++count === n);
  }

  /** The `GET /next` requests so far. */
  get nexts(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'GET');
  }

  /** Stops the server and drops parked `/next` requests. */
  close(): void {
    for (const res of this.parked) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
  }

  private pump(): void {
    while (this.parked.length > 0 && this.queue.length > 0) {
      const res = this.parked.shift() as ServerResponse;
      const spec = this.queue.shift() as EventSpec;
      const headers: Record<string, string | undefined> = {
        'Content-Type': 'application/json',
        'Lambda-Runtime-Aws-Request-Id': spec.id,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + (spec.timeoutMs ?? 3000)),
        'Lambda-Runtime-Invoked-Function-Arn': FUNCTION_ARN,
        'Lambda-Runtime-Trace-Id': TRACE_ID,
        ...spec.headers,
      };
      for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) res.setHeader(name, value);
      }
      res.writeHead(200).end(spec.payload ?? '{"key":"value"}');
    }
  }
}

function pairs(flat: string[]): [string, string][] {
  const result: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) result.push([flat[i], flat[i + 1]]);
  return result;
}

/** One telemetry frame read from fd 3. */
export interface Frame {
  /** The 32-bit frame type (base type | level mask). */
  type: number;
  /** The declared message length. */
  length: number;
  /** Timestamp in microseconds since the epoch. */
  micros: bigint;
  /** The UTF-8 message. */
  message: string;
}

/** How to start an instance. */
export interface InstanceOptions {
  /** `_HANDLER`. */
  handler: string;
  /** `LAMBDA_TASK_ROOT` and cwd. */
  taskRoot: string;
  /** Node runtime of `AWS_EXECUTION_ENV`: 20, 22 or 24. */
  runtime: 20 | 22 | 24;
  /** Extra environment (an `undefined` value removes a default). */
  env?: Record<string, string | undefined>;
  /** Pass fd 3 as the telemetry pipe (default true). */
  telemetry?: boolean;
  /** Node arguments before the bootstrap path; default {@link lambdaNodeArgs}. */
  nodeArgs?: string[];
}

/**
 * The experimental-feature flags Lambda adds on nodejs20.x/22.x (spec §1.5): without them a recent
 * Node 20 or 22 would `require()` ES modules and detect ESM syntax in `.js` files, which those
 * runtimes do not. Nothing is documented for 24.
 */
export function lambdaNodeArgs(runtime: 20 | 22 | 24): string[] {
  if (runtime === 20) return ['--no-experimental-require-module'];
  if (runtime === 22)
    return ['--no-experimental-require-module', '--no-experimental-detect-module'];
  return [];
}

/** A running bootstrap process with its own fake Runtime API. */
export class Instance {
  /** Text written to stdout. */
  stdout = '';
  /** Text written to stderr. */
  stderr = '';
  /** Frames parsed from fd 3. */
  readonly frames: Frame[] = [];
  /** Bytes received on fd 3. */
  telemetryBytes = 0;
  /** Resolves with the exit status once the process and its pipes are closed. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private pending = Buffer.alloc(0);
  private byteWaiters: (() => void)[] = [];

  constructor(
    readonly api: FakeRuntimeApi,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.stdio[3]?.on('data', (chunk: Buffer) => this.onTelemetry(chunk));
    this.closed = new Promise((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Stdout split into lines (the last, empty element after the final newline removed). */
  get stdoutLines(): string[] {
    const lines = this.stdout.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  /**
   * Waits for the `n`-th `GET /next`, then until every telemetry byte it announces (the
   * `lambda-workbench-log-bytes` header) has arrived: the invocation is then complete.
   */
  async settle(n: number): Promise<RecordedRequest> {
    const next = await this.alive(this.api.nthNext(n));
    const announced = Number(next.headers['lambda-workbench-log-bytes']);
    while (this.telemetryBytes < announced) {
      await this.alive(new Promise<void>((resolve) => this.byteWaiters.push(resolve)));
    }
    return next;
  }

  /** Resolves like `promise`, but rejects (instead of hanging) if the process exits first. */
  alive<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([
      promise,
      this.closed.then(({ code, signal }) => {
        throw new Error(
          `bootstrap exited (${code ?? signal}) while awaited; stderr: ${this.stderr}`,
        );
      }),
    ]);
  }

  /** Kills the process (if still running) and stops the fake API. */
  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.closed;
    this.api.close();
    running.delete(this);
  }

  private onTelemetry(chunk: Buffer): void {
    this.telemetryBytes += chunk.length;
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 16) {
      const length = this.pending.readInt32BE(4);
      if (this.pending.length < 16 + length) break;
      this.frames.push({
        type: this.pending.readUInt32BE(0),
        length,
        micros: this.pending.readBigInt64BE(8),
        message: this.pending.subarray(16, 16 + length).toString(),
      });
      this.pending = this.pending.subarray(16 + length);
    }
    const waiters = this.byteWaiters;
    this.byteWaiters = [];
    for (const wake of waiters) wake();
  }
}

const running = new Set<Instance>();

/** Kills every instance a test left behind (call from `after`). */
export async function disposeAll(): Promise<void> {
  await Promise.all([...running].map((instance) => instance.dispose()));
}

/** Starts the bootstrap with the oracle's environment and a fresh fake Runtime API. */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const api = await FakeRuntimeApi.start();
  const telemetry = options.telemetry ?? true;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    AWS_LAMBDA_RUNTIME_API: api.address,
    _HANDLER: options.handler,
    LAMBDA_TASK_ROOT: options.taskRoot,
    LAMBDA_RUNTIME_DIR: dirname(BOOTSTRAP),
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${options.runtime}.x`,
    AWS_LAMBDA_FUNCTION_NAME: 'fn',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn',
    AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[$LATEST]abc',
    AWS_REGION: 'us-east-1',
    ...(telemetry ? { _LAMBDA_TELEMETRY_LOG_FD: '3' } : {}),
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const nodeArgs = options.nodeArgs ?? lambdaNodeArgs(options.runtime);
  const child = spawn(process.execPath, [...nodeArgs, BOOTSTRAP], {
    cwd: options.taskRoot,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe', telemetry ? 'pipe' : 'ignore'],
  });
  const instance = new Instance(api, child);
  running.add(instance);
  return instance;
}

/** Creates a temporary directory (under the real /tmp) with the given files. */
export function makeTree(files: Record<string, string>, prefix = 'lwb-bootstrap-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

/** Removes a directory made by {@link makeTree}. */
export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
const RUNTIME_PATH = /- \S*?(?:aws-lambda-ric\/\S*index\.mjs|runtime-bootstrap\.js)/g;

/**
 * Replaces the function directories with `$FN`, ISO timestamps with `<TS>`, the runtime's own path
 * in `Require stack` lists with `$RUNTIME` and measured timer delays with `<N>`: the only parts
 * allowed to differ from the oracle.
 */
export function normalizeText(text: string, roots: readonly string[]): string {
  let out = text;
  for (const root of roots) out = out.split(root).join('$FN');
  return out
    .replace(TIMESTAMP, '<TS>')
    .replace(RUNTIME_PATH, '- $RUNTIME')
    .replace(/fired after \d+ ms/g, 'fired after <N> ms');
}

/**
 * Keeps the lines of a stack that are not frames, plus the frames in user code (`$FN`): frames of
 * the runtime itself (RIC's index.mjs, our bundle) and of Node internals naturally differ.
 */
export function userFrames(lines: readonly string[]): string[] {
  return lines.filter((line) => !/^\s+at /.test(line) || line.includes('$FN'));
}

/** Normalises a parsed JSON value: every `stack`/`trace`/`stackTrace` array keeps user frames. */
function normalizeJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (
        (key === 'stack' || key === 'trace' || key === 'stackTrace') &&
        Array.isArray(inner) &&
        inner.every((line) => typeof line === 'string')
      ) {
        out[key] = userFrames(inner as string[]);
      } else {
        out[key] = normalizeJson(inner);
      }
    }
    return out;
  }
  return value;
}

/** Normalises a JSON document (error body, JSON log record), keeping key order. */
export function normalizeJsonText(text: string, roots: readonly string[]): string {
  return JSON.stringify(normalizeJson(JSON.parse(normalizeText(text, roots))));
}

/**
 * Normalises one log record (a stdout line or a frame message): a trailing `\t{json}` error payload
 * or a whole-line JSON record is normalised as JSON; a multi-line message (joined by `\n` on the
 * telemetry fd, by `\r` on stdout) keeps its user frames only.
 */
export function normalizeRecord(text: string, roots: readonly string[]): string {
  const normalized = normalizeText(text, roots);
  try {
    if (normalized.startsWith('{')) return normalizeJsonText(normalized, []);
    const tab = normalized.indexOf('\t{');
    if (tab >= 0) {
      return normalized.slice(0, tab + 1) + normalizeJsonText(normalized.slice(tab + 1), []);
    }
  } catch {
    // Not JSON after all (for example `console.log({ a: 1 })`): treat it as plain text.
  }
  const separator = normalized.includes('\r') ? '\r' : '\n';
  return userFrames(normalized.split(separator)).join(separator);
}

/** The X-Ray cause header with only user-code stack entries and paths kept. */
export function normalizeXRay(text: string, roots: readonly string[]): string {
  const cause = JSON.parse(normalizeText(text, roots)) as {
    working_directory: string;
    exceptions: { stack: { path: string }[] }[];
    paths: string[];
  };
  for (const exception of cause.exceptions) {
    exception.stack = exception.stack.filter((entry) => entry.path.startsWith('$FN'));
  }
  cause.paths = cause.paths.filter((path) => path.startsWith('$FN'));
  return JSON.stringify(cause);
}

/** How one invocation (or the init before it) ended. */
export interface Outcome {
  /** The instance, still running unless it exited; dispose it. */
  instance: Instance;
  /** `response`/`error` = the invocation's post; `init-error` = `/init/error`; `exit` = neither. */
  kind: 'response' | 'error' | 'init-error' | 'exit';
  /** The post that decided the outcome. */
  request?: RecordedRequest;
  /** The body of that post as text. */
  body?: string;
  /** The exit code, when the process exited. */
  exitCode?: number | null;
}

/**
 * Starts an instance and runs one invocation: resolves once the result is posted and the next
 * `GET /next` has drained the logs, or once the process has exited (init errors, crashes).
 */
export async function runOnce(options: InstanceOptions, event: EventSpec = {}): Promise<Outcome> {
  const instance = await startInstance(options);
  const { api } = instance;
  const exited = instance.closed.then((status) => ({ exited: true as const, status }));
  const first = await Promise.race([
    api.waitFor((r) => r.method === 'GET' || r.url.endsWith('/init/error')),
    exited,
  ]);
  if ('exited' in first) return { instance, kind: 'exit', exitCode: first.status.code };
  if (first.method === 'POST') {
    const { code } = await instance.closed;
    return {
      instance,
      kind: 'init-error',
      request: first,
      body: first.body.toString(),
      exitCode: code,
    };
  }
  const posted = await Promise.race([api.invoke(event), exited]);
  if ('exited' in posted) return { instance, kind: 'exit', exitCode: posted.status.code };
  const settled = await Promise.race([instance.settle(2), exited]);
  const outcome: Outcome = {
    instance,
    kind: posted.url.endsWith('/error') ? 'error' : 'response',
    request: posted,
    body: posted.body.toString(),
  };
  if ('exited' in settled) outcome.exitCode = settled.status.code;
  return outcome;
}
