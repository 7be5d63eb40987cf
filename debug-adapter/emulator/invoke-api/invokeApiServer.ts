/**
 * The Lambda Invoke API over HTTP, for the AWS SDKs and the AWS CLI pointed at us with an endpoint
 * override (lambda-runtime-spec.md §8): Invoke (RequestResponse, Event, DryRun, LogType Tail) and
 * InvokeWithResponseStream, with AWS's status codes, headers and error bodies. It talks to the
 * emulator only through the InvokeTarget port. May import node:http, ../errors, ../logs/tail,
 * ../../protocol and this folder; never vscode.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  FunctionConfig,
  InvocationResult,
  InvokeOptions,
  LambdaError,
} from '../../protocol/lambda';
import { LIMITS } from '../../protocol/lambda';
import { EmulatorError } from '../errors';
import { logTailBase64 } from '../logs/tail';
import {
  InvokeApiError,
  fromEmulatorError,
  functionNotFound,
  invalidParameter,
  invalidRequestContent,
  requestTooLarge,
  resourceNotFound,
  serviceError,
  unknownOperation,
  validationError,
} from './apiErrors';
import { MAX_CHUNK_PAYLOAD, invokeCompleteEvent, payloadChunkEvent } from './eventStream';
import type { InvokeCompleteFields } from './eventStream';
import { checkQualifier, parseFunctionName } from './functionName';
import { findJsonError, formatJsonError } from './jsonValidator';
import type { InvokeTarget } from './invokeTarget';

/** The two operations this server answers. */
export type InvokeOperation = 'Invoke' | 'InvokeWithResponseStream';

/** `X-Amz-Invocation-Type` values (§8.1). */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** Construction options of {@link InvokeApiServer}. */
export interface InvokeApiServerOptions {
  /** The emulator (or a test fake) that runs invocations. */
  target: InvokeTarget;
  /** Region for the ARN in "Function not found" messages about unknown functions; default `us-east-1`. */
  region?: string;
  /** Account id for the same ARNs; default `123456789012` (SAM CLI's local account). */
  accountId?: string;
  /**
   * Extra attempts after an Event invocation fails, 0-2; default 0. Lambda retries a failed async
   * invocation twice, about 1 and 2 minutes later (§9.2); locally that mostly re-runs a breakpoint
   * session the developer has already seen, so it is opt-in.
   */
  asyncRetries?: number;
  /** Delays before the first and second retry, in ms; default `[60000, 120000]` (§9.2). */
  asyncRetryDelaysMs?: readonly number[];
  /** Called once per HTTP request, after its response has been sent. */
  onRequest?: (record: InvokeApiRequestRecord) => void;
  /** Our own diagnostics: background Event failures and internal errors (never Lambda logs). */
  onDiagnostic?: (diagnostic: InvokeApiDiagnostic) => void;
}

/** A summary of one HTTP request, for the diagnostics channel. */
export interface InvokeApiRequestRecord {
  /** The operation, or undefined when the route was unknown. */
  operation: InvokeOperation | undefined;
  /** HTTP method as received. */
  method: string;
  /** Request URL (path and query) as received. */
  url: string;
  /** Function name as resolved, when the request got that far. */
  functionName: string | undefined;
  /** Invocation type, when the request got that far. */
  invocationType: InvocationType | undefined;
  /** HTTP status sent. */
  status: number;
  /** `x-amzn-ErrorType` sent, for refusals. */
  errorCode: string | undefined;
  /** `x-amzn-RequestId` sent. */
  requestId: string | undefined;
  /** Milliseconds from the request's arrival to the end of the response. */
  durationMs: number;
}

/** One diagnostic line from the server. */
export interface InvokeApiDiagnostic {
  /** `error` means a bug on our side; `warn` a background invocation that failed. */
  level: 'info' | 'warn' | 'error';
  /** A sentence saying what happened. */
  message: string;
  /** The function concerned, if any. */
  functionName?: string;
  /** The request id concerned, if any. */
  requestId?: string;
  /** The underlying error, if any. */
  error?: unknown;
}

/** Where {@link InvokeApiServer.start} listens. */
export interface ListenOptions {
  /** Interface to bind; default `127.0.0.1` so nothing outside this machine can invoke code. */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
}

/** Where the server ended up listening. */
export interface ListeningAddress {
  /** Base URL to give an SDK as `endpoint` or the CLI as `--endpoint-url`. */
  url: string;
  /** The bound port. */
  port: number;
}

/** One HTTP exchange: the request, its response and what the onRequest record reports. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Set once the route is known. */
  operation: InvokeOperation | undefined;
  /** Set once URL and headers have passed. */
  call: Call | undefined;
  /** `x-amzn-RequestId` as sent. */
  requestId: string | undefined;
  /** `x-amzn-ErrorType` as sent. */
  errorCode: string | undefined;
}

/** Everything a request needs once its URL and headers have been checked. */
interface Call {
  operation: InvokeOperation;
  fn: FunctionConfig;
  type: InvocationType;
  /** The caller's qualifier (only `$LATEST` gets this far), undefined when unqualified. */
  qualifier: string | undefined;
  tail: boolean;
  clientContext: string | undefined;
  traceId: string;
  tenantId: string | undefined;
  /** Request payload limit for this invocation type. */
  limit: number;
}

const INVOKE_PREFIX = '/2015-03-31/functions/';
const INVOKE_SUFFIX = '/invocations';
const STREAM_PREFIX = '/2021-11-15/functions/';
const STREAM_SUFFIX = '/response-streaming-invocations';

/** What the function receives for an empty request body, as LocalStack does (§8.1, unconfirmed). */
const EMPTY_EVENT = Buffer.from('{}');
/** Client context limit: 3,583 bytes of base64 (§8.1, §9.3). */
const MAX_CLIENT_CONTEXT = 3583;
/**
 * After refusing a request we keep reading (and dropping) its body so the connection stays usable
 * and the client reads our answer instead of a reset; past this many bytes we cut the connection.
 */
const DRAIN_LIMIT = 16 * 1024 * 1024;
const DEFAULT_RETRY_DELAYS_MS = [60_000, 120_000] as const;
const PARSE_ERROR_PREFIX =
  'Could not parse request body into json: Could not parse payload into json: ';

/**
 * The Invoke API server. One instance per emulator; `start` binds, `close` unbinds and drops every
 * connection (keep-alive ones included).
 */
export class InvokeApiServer {
  private server: Server | undefined;
  private readonly target: InvokeTarget;
  private readonly region: string;
  private readonly accountId: string;
  private readonly asyncRetries: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly onRequest: InvokeApiServerOptions['onRequest'];
  private readonly onDiagnostic: InvokeApiServerOptions['onDiagnostic'];
  /** Pending async retries, cancelled by `close`. */
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(options: InvokeApiServerOptions) {
    this.target = options.target;
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.asyncRetries = Math.max(0, Math.min(2, Math.floor(options.asyncRetries ?? 0)));
    this.retryDelaysMs = options.asyncRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.onRequest = options.onRequest;
    this.onDiagnostic = options.onDiagnostic;
  }

  /** Binds (127.0.0.1 and a free port unless told otherwise) and resolves once listening. */
  async start(options: ListenOptions = {}): Promise<ListeningAddress> {
    if (this.server) throw new Error('InvokeApiServer already started');
    const host = options.host ?? '127.0.0.1';
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    this.closed = false;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('InvokeApiServer: not listening on a TCP port');
    }
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { url: `http://${urlHost}:${address.port}`, port: address.port };
  }

  /** Stops listening, cancels pending async retries and closes every connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // In-flight invocations are not awaited: their sockets close now and their results are
      // dropped when they arrive.
      server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    // A client that disconnects mid-body makes `req` emit an error; that is not ours to report.
    req.on('error', ignore);
    const ex: Exchange = {
      req,
      res,
      operation: undefined,
      call: undefined,
      requestId: undefined,
      errorCode: undefined,
    };
    if (this.onRequest) this.recordWhenDone(ex);
    let call: Call;
    try {
      call = this.parse(ex);
    } catch (error) {
      this.refuse(ex, error);
      return;
    }
    ex.call = call;
    this.readBody(ex, call);
  }

  /** Checks route, names and headers, and finds the function; throws InvokeApiError. */
  private parse(ex: Exchange): Call {
    const req = ex.req;
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    let operation: InvokeOperation;
    let rawName: string;
    if (path.startsWith(INVOKE_PREFIX) && path.endsWith(INVOKE_SUFFIX)) {
      operation = 'Invoke';
      rawName = path.slice(INVOKE_PREFIX.length, path.length - INVOKE_SUFFIX.length);
    } else if (path.startsWith(STREAM_PREFIX) && path.endsWith(STREAM_SUFFIX)) {
      operation = 'InvokeWithResponseStream';
      rawName = path.slice(STREAM_PREFIX.length, path.length - STREAM_SUFFIX.length);
    } else {
      throw unknownOperation(req.method ?? '', path);
    }
    if (req.method !== 'POST' || rawName.includes('/')) {
      throw unknownOperation(req.method ?? '', path);
    }
    ex.operation = operation;

    // SDKs percent-encode the label (`:` as %3A, §8.1).
    const name = rawName.includes('%') ? decode(rawName, 'functionName') : rawName;
    const ref = parseFunctionName(name);
    let qualifier = ref.qualifier;
    if (queryAt >= 0) {
      const fromQuery = queryParam(url, queryAt + 1, 'Qualifier');
      if (fromQuery !== undefined && fromQuery !== '') {
        checkQualifier(fromQuery);
        if (qualifier !== undefined && qualifier !== fromQuery) {
          // LocalStack's AWS-validated wording for this case.
          throw invalidParameter(
            'The derived qualifier from the function name does not match the specified qualifier.',
          );
        }
        qualifier = fromQuery;
      }
    }

    const headers = req.headers;
    const type = invocationType(headers['x-amz-invocation-type'], operation);
    const tail = logType(headers['x-amz-log-type']);
    const clientContextHeader = headers['x-amz-client-context'];
    const clientContext =
      clientContextHeader === undefined || clientContextHeader === ''
        ? undefined
        : decodeClientContext(clientContextHeader);

    const fn = this.target.getFunction(ref.name);
    const region = fn?.region ?? this.region;
    if (ref.region !== undefined && ref.region !== region) {
      // LocalStack's AWS-validated wording for an ARN from another region.
      throw resourceNotFound(
        `Functions from '${ref.region}' are not reachable in this region ('${region}')`,
      );
    }
    if (!fn) {
      const account = ref.accountId ?? this.accountId;
      throw functionNotFound(
        `arn:aws:lambda:${region}:${account}:function:${ref.name}:${qualifier ?? '$LATEST'}`,
      );
    }
    // Only $LATEST exists locally: no published versions, no aliases.
    if (qualifier !== undefined && qualifier !== '$LATEST') {
      throw functionNotFound(`${fn.arn}:${qualifier}`);
    }

    const traceHeader = headers['x-amzn-trace-id'];
    const tenantId = headers['x-amz-tenant-id'];
    return {
      operation,
      fn,
      type,
      qualifier,
      tail,
      clientContext,
      traceId: typeof traceHeader === 'string' && traceHeader !== '' ? traceHeader : newTraceId(),
      tenantId: typeof tenantId === 'string' && tenantId !== '' ? tenantId : undefined,
      limit: type === 'Event' ? LIMITS.asyncPayloadBytes : LIMITS.syncPayloadBytes,
    };
  }

  /**
   * Buffers the body up to the limit. Oversized requests are answered as soon as that is known
   * (from Content-Length, or when the count passes the limit) and never buffered.
   */
  private readBody(ex: Exchange, call: Call): void {
    const req = ex.req;
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > call.limit) {
      this.refuse(ex, tooLarge(call, Number(declared)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= call.limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      if (call.type === 'Event') {
        // The Event message names the full size, which a chunked body only tells at its end.
        drain(req, size, (total) => this.send(ex, tooLarge(call, total)));
      } else {
        this.refuse(ex, tooLarge(call, size));
      }
    };
    const onEnd = (): void => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      void this.dispatch(ex, call, body);
    };
    req.on('data', onData);
    req.on('end', onEnd);
  }

  private async dispatch(ex: Exchange, call: Call, body: Buffer): Promise<void> {
    const res = ex.res;
    try {
      if (body.length === 0) {
        body = EMPTY_EVENT;
      } else {
        // Validate only; the bytes go to the function untouched (no parse/stringify round trip).
        const error = findJsonError(body);
        if (error) throw invalidRequestContent(PARSE_ERROR_PREFIX + formatJsonError(error));
      }
      switch (call.type) {
        case 'DryRun':
          ex.requestId = crypto.randomUUID();
          res.writeHead(204, {
            'Content-Type': 'application/json',
            'x-amzn-RequestId': ex.requestId,
          });
          res.end();
          return;
        case 'Event':
          this.invokeEvent(ex, call, body);
          return;
        default:
          if (call.operation === 'Invoke') await this.invokeSync(ex, call, body);
          else await this.invokeStreaming(ex, call, body);
      }
    } catch (error) {
      this.fail(ex, call, error);
    }
  }

  /** RequestResponse: 200 with the function's bytes exactly as it produced them (§8.2). */
  private async invokeSync(ex: Exchange, call: Call, body: Buffer): Promise<void> {
    const res = ex.res;
    const options: InvokeOptions = {
      clientContext: call.clientContext,
      traceId: call.traceId,
      qualifier: call.qualifier,
      tenantId: call.tenantId,
    };
    const result = await this.target.invoke(call.fn.name, body, options);
    if (res.destroyed) return; // The caller hung up; Lambda would have run the function anyway.
    ex.requestId = result.requestId;
    const headers: Record<string, string | number> = {
      'Content-Type': result.contentType,
      'Content-Length': result.payload.length,
      'X-Amz-Executed-Version': result.version,
      'x-amzn-RequestId': result.requestId,
      'x-amzn-Remapped-Content-Length': 0,
      'X-Amzn-Trace-Id': call.traceId,
    };
    // Function failures are still 200; only this header tells them apart (§4.2).
    if (result.functionError !== undefined) headers['X-Amz-Function-Error'] = result.functionError;
    if (call.tail) headers['X-Amz-Log-Result'] = logTailBase64(result.logs);
    res.writeHead(200, headers);
    res.end(result.payload);
  }

  /** Event: 202 at once, then the invocation runs in the background (§8.2, §9.2). */
  private invokeEvent(ex: Exchange, call: Call, body: Buffer): void {
    const res = ex.res;
    // The 202's request id is the one the function sees (LS-SNAP `test_request_id_async_invoke`).
    const requestId = crypto.randomUUID();
    ex.requestId = requestId;
    res.writeHead(202, {
      'Content-Type': 'application/json',
      'Content-Length': 0,
      'x-amzn-RequestId': requestId,
      'X-Amzn-Trace-Id': call.traceId,
    });
    res.end();
    // No client context: Lambda passes it to synchronous invocations only (§8.1).
    const options: InvokeOptions = {
      requestId,
      traceId: call.traceId,
      qualifier: call.qualifier,
      tenantId: call.tenantId,
    };
    this.runEvent(call.fn.name, body, options, 0);
  }

  private runEvent(name: string, payload: Buffer, options: InvokeOptions, attempt: number): void {
    const requestId = options.requestId;
    const onResult = (result: InvocationResult): void => {
      if (result.functionError === undefined) return;
      const willRetry = attempt < this.asyncRetries && !this.closed;
      this.diagnose({
        level: 'warn',
        message:
          `Event invocation ${requestId} of ${name} failed (attempt ${attempt + 1}): ` +
          `${result.error?.errorType ?? 'Unhandled'}: ${result.error?.errorMessage ?? ''}` +
          (willRetry ? '; retrying as Lambda would' : ''),
        functionName: name,
        requestId,
      });
      if (!willRetry) return;
      // Retries reuse the request id, as on Lambda (§9.2).
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.runEvent(name, payload, options, attempt + 1);
      }, this.retryDelaysMs[attempt] ?? DEFAULT_RETRY_DELAYS_MS[1]);
      timer.unref();
      this.retryTimers.add(timer);
    };
    const onError = (error: unknown): void => {
      // Lambda would queue a throttled event again for up to 6 hours; locally we report and drop.
      this.diagnose({
        level: error instanceof EmulatorError ? 'warn' : 'error',
        message: `Event invocation ${requestId} of ${name} was not run: ${describe(error)}`,
        functionName: name,
        requestId,
        error,
      });
    };
    try {
      this.target.invoke(name, payload, options).then(onResult, onError);
    } catch (error) {
      onError(error);
    }
  }

  /**
   * InvokeWithResponseStream (§8.4): PayloadChunk events as the handler writes, then one
   * InvokeComplete. The HTTP head waits for the first sign of life from the function so that a
   * throttle can still be answered with a real 429.
   */
  private async invokeStreaming(ex: Exchange, call: Call, body: Buffer): Promise<void> {
    const res = ex.res;
    // Chosen here so the response header and the function's context agree before any result.
    const requestId = crypto.randomUUID();
    ex.requestId = requestId;
    let headSent = false;
    let streamed = false;
    let finished = false;
    let streamError: LambdaError | undefined;
    const head = (): void => {
      if (headSent) return;
      headSent = true;
      // The framing's media type. The API model maps this header to ResponseStreamContentType,
      // so AWS might send the function's own content type here instead (unconfirmed, §8.4); the
      // SDK decodes the body either way.
      res.writeHead(200, {
        'Content-Type': 'application/vnd.amazon.eventstream',
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-RequestId': requestId,
        'X-Amzn-Trace-Id': call.traceId,
      });
    };
    const options: InvokeOptions = {
      requestId,
      clientContext: call.clientContext,
      traceId: call.traceId,
      qualifier: call.qualifier,
      tenantId: call.tenantId,
      responseStream: {
        start: () => {
          streamed = true;
          if (finished || res.destroyed) return;
          head();
          res.flushHeaders();
        },
        write: (chunk) => {
          streamed = true;
          if (finished || res.destroyed || chunk.length === 0) return;
          head();
          writeChunks(res, chunk);
        },
        end: (error) => {
          streamed = true;
          streamError = error;
        },
      },
    };
    let complete: InvokeCompleteFields;
    try {
      const result = await this.target.invoke(call.fn.name, body, options);
      finished = true;
      if (res.destroyed) return;
      head();
      let error = streamError;
      if (!streamed) {
        // A buffered handler invoked this way: its whole response as one PayloadChunk. What AWS
        // does here is unconfirmed (§12 item 17).
        if (result.functionError === undefined) writeChunks(res, result.payload);
        else error = result.error ?? { errorType: 'Unhandled', errorMessage: '' };
      } else if (error === undefined && result.functionError !== undefined) {
        error = result.error ?? { errorType: 'Unhandled', errorMessage: '' };
      }
      complete = {};
      // ErrorCode = errorType and ErrorDetails = errorMessage: the exact strings AWS uses for Node
      // handler errors are unconfirmed (§8.4, §12 item 17).
      if (error !== undefined) {
        complete.ErrorCode = error.errorType;
        complete.ErrorDetails = error.errorMessage;
      }
      if (call.tail) complete.LogResult = logTailBase64(result.logs);
    } catch (error) {
      finished = true;
      if (!headSent) throw error; // Still time for a proper HTTP error (429 and friends).
      if (res.destroyed) return;
      const refusal = toApiError(error);
      if (refusal.status >= 500) this.reportBug(error);
      complete = { ErrorCode: refusal.code, ErrorDetails: describe(error) };
    }
    res.end(invokeCompleteEvent(complete));
  }

  /** Answers a request that failed after its body was read. */
  private fail(ex: Exchange, call: Call, error: unknown): void {
    const refusal = toApiError(error);
    if (refusal.status >= 500) this.reportBug(error, call.fn.name);
    if (ex.res.headersSent) {
      // Too late for a status code: cut the connection so the client sees a failure, not a hang.
      ex.res.destroy();
      return;
    }
    this.send(ex, refusal);
  }

  /** Answers a request refused before (or while) reading its body, then drops the rest of it. */
  private refuse(ex: Exchange, error: unknown): void {
    const refusal = toApiError(error);
    if (refusal.status >= 500) this.reportBug(error);
    this.send(ex, refusal);
    if (!ex.req.complete) drain(ex.req, 0);
  }

  /** Writes an error reply in Lambda's wire format (§8.3). */
  private send(ex: Exchange, refusal: InvokeApiError): void {
    const res = ex.res;
    if (res.headersSent || res.destroyed) return;
    ex.requestId = crypto.randomUUID();
    ex.errorCode = refusal.code;
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(refusal.body),
      'x-amzn-ErrorType': refusal.code,
      'x-amzn-RequestId': ex.requestId,
    };
    if (refusal.retryAfter !== undefined) headers['Retry-After'] = refusal.retryAfter;
    res.writeHead(refusal.status, headers);
    res.end(refusal.body);
  }

  private recordWhenDone(ex: Exchange): void {
    const started = performance.now();
    ex.res.once('close', () => {
      try {
        this.onRequest?.({
          operation: ex.operation,
          method: ex.req.method ?? '',
          url: ex.req.url ?? '',
          functionName: ex.call?.fn.name,
          invocationType: ex.call?.type,
          status: ex.res.statusCode,
          errorCode: ex.errorCode,
          requestId: ex.requestId,
          durationMs: performance.now() - started,
        });
      } catch {
        // A failing diagnostics hook must not take the server down.
      }
    });
  }

  private reportBug(error: unknown, functionName?: string): void {
    this.diagnose({
      level: 'error',
      message: `Invoke API internal error: ${describe(error)}`,
      functionName,
      error,
    });
  }

  private diagnose(diagnostic: InvokeApiDiagnostic): void {
    try {
      this.onDiagnostic?.(diagnostic);
    } catch {
      // A failing diagnostics hook must not take the server down.
    }
  }
}

function ignore(): void {}

/** Maps anything thrown while serving a request to the reply it deserves. */
function toApiError(error: unknown): InvokeApiError {
  if (error instanceof InvokeApiError) return error;
  if (error instanceof EmulatorError) return fromEmulatorError(error);
  return serviceError(error);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The 413 for this invocation type, with the wording Lambda uses (§8.3). */
function tooLarge(call: Call, size: number): InvokeApiError {
  if (call.type === 'Event') {
    // The limit in this message after the Oct 2025 increase to 1 MB is unconfirmed (§12 item 13).
    return requestTooLarge(
      `${size} byte payload is too large for the Event invocation type (limit ${call.limit} bytes)`,
    );
  }
  return requestTooLarge(
    `Request must be smaller than ${call.limit} bytes for the InvokeFunction operation`,
  );
}

/**
 * Reads and drops the rest of a request body, counting it. Past DRAIN_LIMIT the connection is cut
 * (so a 100 MB upload costs us nothing); `onEnd` gets the total when the body ends normally.
 */
function drain(req: IncomingMessage, counted: number, onEnd?: (total: number) => void): void {
  let total = counted;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (total - counted > DRAIN_LIMIT) req.socket.destroy();
  });
  if (onEnd) req.once('end', () => onEnd(total));
  req.resume();
}

/** Writes bytes as PayloadChunk events, splitting what exceeds one event-stream message. */
function writeChunks(res: ServerResponse, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  for (let at = 0; at < bytes.length; at += MAX_CHUNK_PAYLOAD) {
    res.write(payloadChunkEvent(bytes.subarray(at, at + MAX_CHUNK_PAYLOAD)));
  }
}

function decode(value: string, member: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw validationError(value, member, 'Member must be a valid percent-encoded string');
  }
}

/** The first value of `key` in the query string starting at `from`, decoded. */
function queryParam(url: string, from: number, key: string): string | undefined {
  for (const pair of url.slice(from).split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (name !== key) continue;
    const raw = eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, ' ');
    return raw.includes('%') ? decode(raw, 'qualifier') : raw;
  }
  return undefined;
}

/**
 * `X-Amz-Invocation-Type`; absent means RequestResponse (the SDK omits the default, feasibility §3).
 * Refused as InvalidParameterValueException, which the SDK types; AWS may answer with a
 * ValidationException in the same wording instead (unconfirmed, §12 item 14).
 */
function invocationType(
  value: string | string[] | undefined,
  operation: InvokeOperation,
): InvocationType {
  if (value === undefined || value === 'RequestResponse') return 'RequestResponse';
  if (value === 'DryRun') return 'DryRun';
  if (value === 'Event' && operation === 'Invoke') return 'Event';
  const allowed =
    operation === 'Invoke' ? '[Event, RequestResponse, DryRun]' : '[RequestResponse, DryRun]';
  throw invalidParameter(
    `1 validation error detected: Value '${String(value)}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: ${allowed}`,
  );
}

/** `X-Amz-Log-Type`: None (default) or Tail; true for Tail. */
function logType(value: string | string[] | undefined): boolean {
  if (value === undefined || value === 'None') return false;
  if (value === 'Tail') return true;
  throw invalidParameter(
    `1 validation error detected: Value '${String(value)}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]`,
  );
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * `X-Amz-Client-Context`: base64 of a JSON document, at most 3,583 bytes (§8.1). Returns the
 * decoded JSON text the runtime hands to the function. Lambda's wording for these refusals is
 * unconfirmed.
 */
function decodeClientContext(value: string | string[]): string {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text.length > MAX_CLIENT_CONTEXT) {
    throw invalidRequestContent(
      `Client context must be at most ${MAX_CLIENT_CONTEXT} bytes of base64-encoded JSON (got ${text.length})`,
    );
  }
  if (!BASE64_RE.test(text)) {
    throw invalidRequestContent('Client context must be a valid Base64-encoded JSON object');
  }
  const bytes = Buffer.from(text, 'base64');
  const error = findJsonError(bytes);
  if (error) {
    throw invalidRequestContent(
      `Client context must be a valid Base64-encoded JSON object: ${formatJsonError(error)}`,
    );
  }
  return bytes.toString('utf8');
}

/** A fresh X-Ray trace header in Lambda's shape: `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0`. */
function newTraceId(): string {
  const random = Buffer.from(crypto.getRandomValues(new Uint8Array(20))).toString('hex');
  const epoch = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${epoch}-${random.slice(0, 24)};Parent=${random.slice(24)};Sampled=0`;
}
