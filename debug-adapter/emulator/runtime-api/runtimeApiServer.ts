/**
 * The Lambda Runtime API (lambda-runtime-spec.md §7) for one execution environment, on 127.0.0.1 at
 * a port chosen at run time: next, response (buffered or streamed), error and init/error, with the
 * exact status codes, bodies and size limits. Any conforming runtime client can talk to it (our
 * bootstrap, or aws-lambda-ric). The owner (an Instance) decides what each event means.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BootstrapHeader } from '../../protocol/bootstrapContract';
import { LIMITS } from '../../protocol/lambda';

const PREFIX = '/2018-06-01/runtime/';

/** What the runtime told us it has done. */
export interface RuntimeApiListener {
  /** The runtime asked for the next event: init is done or the previous invocation has ended. */
  onNext(info: { logBytes: number | undefined; maxRss: number | undefined }): void;
  /** A buffered response or error for the current invocation. */
  onResult(result: RuntimeResult): void;
  /** A streamed response started (response mode `streaming`). */
  onStreamStart(requestId: string, contentType: string): void;
  onStreamChunk(chunk: Buffer): void;
  /** The stream ended; `errorType`/`errorBody` come from the trailers when it failed mid-way. */
  onStreamEnd(trailers: { errorType?: string; errorBody?: Buffer }): void;
  /** The runtime reported an init failure. */
  onInitError(body: Buffer, errorType: string | undefined): void;
}

export type RuntimeResult =
  | { kind: 'response'; requestId: string; body: Buffer; contentType: string }
  | { kind: 'error'; requestId: string; body: Buffer; errorType: string | undefined }
  /** The runtime tried to post more than the Runtime API accepts. */
  | { kind: 'tooLarge'; requestId: string };

/** An event to hand to the runtime on its next `/next`. */
export interface RuntimeEvent {
  requestId: string;
  payload: Buffer;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string;
  clientContext?: string;
  cognitoIdentity?: string;
  tenantId?: string;
  contentType?: string;
}

/** States named as in the Runtime API's own error messages (spec §7.1). */
type State = 'Started' | 'Ready' | 'Running' | 'RuntimeResponseSentState' | 'InitError';

export class RuntimeApiServer {
  private readonly server: http.Server;
  private state: State = 'Started';
  private parked: http.ServerResponse | undefined;
  private pending: RuntimeEvent | undefined;
  private current: RuntimeEvent | undefined;
  port = 0;

  constructor(private readonly listener: RuntimeApiListener) {
    this.server = http.createServer((req, res) => this.route(req, res));
    this.server.keepAliveTimeout = 0;
    // A parked /next must never time out (clients must not set one either, spec §7.1).
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 0;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Hands an event to the runtime now if it is waiting, otherwise on its next `/next`. */
  deliver(event: RuntimeEvent): void {
    this.pending = event;
    if (this.parked) this.sendPending();
  }

  /** Forgets the current invocation (after a timeout or fault, before the process is replaced). */
  reset(): void {
    this.pending = undefined;
    this.current = undefined;
    this.parked = undefined;
    this.state = 'Started';
  }

  close(): void {
    this.parked?.destroy();
    this.parked = undefined;
    this.server.closeAllConnections();
    this.server.close();
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX)) return this.notFound(req, res);
    const path = url.slice(PREFIX.length);
    if (req.method === 'GET' && path === 'invocation/next') return this.next(req, res);
    if (req.method === 'POST' && path === 'init/error') return this.initError(req, res);
    if (req.method === 'POST' && path.startsWith('invocation/')) {
      const rest = path.slice('invocation/'.length);
      const slash = rest.lastIndexOf('/');
      const action = rest.slice(slash + 1);
      if (slash > 0 && (action === 'response' || action === 'error')) {
        let requestId: string;
        try {
          requestId = decodeURIComponent(rest.slice(0, slash));
        } catch {
          requestId = rest.slice(0, slash);
        }
        return action === 'response'
          ? this.response(req, res, requestId)
          : this.error(req, res, requestId);
      }
    }
    this.notFound(req, res);
  }

  private next(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    if (this.state === 'Running' || this.state === 'Ready' || this.state === 'InitError') {
      return this.transitionError(res, this.state, 'Ready');
    }
    this.state = 'Ready';
    this.parked = res;
    res.on('close', () => {
      if (this.parked === res) this.parked = undefined;
    });
    this.listener.onNext({
      logBytes: numberHeader(req.headers[BootstrapHeader.logBytes]),
      maxRss: numberHeader(req.headers[BootstrapHeader.maxRss]),
    });
    if (this.pending && this.parked === res) this.sendPending();
  }

  private sendPending(): void {
    const event = this.pending!;
    const res = this.parked!;
    this.pending = undefined;
    this.parked = undefined;
    this.current = event;
    this.state = 'Running';
    // Optional headers only when non-empty, like the reference emulator (spec §7.1).
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': event.contentType ?? 'application/json',
      'Lambda-Runtime-Aws-Request-Id': event.requestId,
      'Lambda-Runtime-Deadline-Ms': String(event.deadlineMs),
      'Lambda-Runtime-Invoked-Function-Arn': event.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': event.traceId,
      'Content-Length': event.payload.length,
    };
    if (event.clientContext) headers['Lambda-Runtime-Client-Context'] = event.clientContext;
    if (event.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = event.cognitoIdentity;
    if (event.tenantId) headers['Lambda-Runtime-Aws-Tenant-Id'] = event.tenantId;
    res.writeHead(200, headers);
    res.end(event.payload);
  }

  private response(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): void {
    if (!this.checkInvocation(req, res, requestId)) return;
    const mode = req.headers['lambda-runtime-function-response-mode'];
    if (mode !== undefined && mode !== 'streaming') {
      req.resume();
      this.state = 'RuntimeResponseSentState';
      send(res, 400, {
        errorMessage: 'Invalid function response mode',
        errorType: 'InvalidFunctionResponseMode',
      });
      this.listener.onResult({
        kind: 'error',
        requestId,
        errorType: 'Runtime.InvalidResponseModeHeader',
        body: Buffer.from(
          JSON.stringify({
            errorType: 'Runtime.InvalidResponseModeHeader',
            errorMessage: 'Invalid function response mode',
          }),
        ),
      });
      return;
    }
    if (mode === 'streaming') return this.streamedResponse(req, res, requestId);
    readBody(req, LIMITS.runtimeResponseBytes, (body) => {
      if (!body) {
        this.state = 'RuntimeResponseSentState';
        send(res, 413, {
          errorMessage: `Exceeded maximum allowed payload size (${LIMITS.runtimeResponseBytes} bytes).`,
          errorType: 'RequestEntityTooLarge',
        });
        this.listener.onResult({ kind: 'tooLarge', requestId });
        return;
      }
      this.state = 'RuntimeResponseSentState';
      accepted(res);
      this.listener.onResult({
        kind: 'response',
        requestId,
        body,
        contentType: String(req.headers['content-type'] ?? 'application/json'),
      });
    });
  }

  private streamedResponse(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    requestId: string,
  ): void {
    this.state = 'RuntimeResponseSentState';
    this.listener.onStreamStart(
      requestId,
      String(req.headers['content-type'] ?? 'application/octet-stream'),
    );
    req.on('data', (chunk: Buffer) => this.listener.onStreamChunk(chunk));
    req.on('end', () => {
      const type = req.trailers['lambda-runtime-function-error-type'];
      const body = req.trailers['lambda-runtime-function-error-body'];
      this.listener.onStreamEnd({
        errorType: type,
        errorBody: body ? Buffer.from(body, 'base64') : undefined,
      });
      accepted(res);
    });
    req.on('aborted', () => this.listener.onStreamEnd({}));
  }

  private error(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): void {
    if (!this.checkInvocation(req, res, requestId)) return;
    readBody(req, LIMITS.runtimeResponseBytes, (body) => {
      this.state = 'RuntimeResponseSentState';
      if (!body) {
        send(res, 413, {
          errorMessage: `Exceeded maximum allowed payload size (${LIMITS.runtimeResponseBytes} bytes).`,
          errorType: 'RequestEntityTooLarge',
        });
        this.listener.onResult({ kind: 'tooLarge', requestId });
        return;
      }
      accepted(res);
      const errorType = req.headers['lambda-runtime-function-error-type'];
      this.listener.onResult({
        kind: 'error',
        requestId,
        body,
        errorType: typeof errorType === 'string' ? errorType : undefined,
      });
    });
  }

  private initError(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.state !== 'Started') {
      req.resume();
      return this.transitionError(res, this.state, 'InitError');
    }
    readBody(req, LIMITS.runtimeResponseBytes, (body) => {
      this.state = 'InitError';
      accepted(res);
      const errorType = req.headers['lambda-runtime-function-error-type'];
      this.listener.onInitError(
        body ?? Buffer.from('{}'),
        typeof errorType === 'string' ? errorType : undefined,
      );
    });
  }

  /** The invocation must be the current one and still unanswered (spec §7.2). */
  private checkInvocation(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    requestId: string,
  ): boolean {
    if (this.state === 'Running' && this.current?.requestId === requestId) return true;
    req.resume();
    if (this.current?.requestId !== requestId || this.state === 'RuntimeResponseSentState') {
      send(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
    } else {
      this.transitionError(res, this.state, 'InvocationResponse');
    }
    return false;
  }

  private transitionError(res: http.ServerResponse, from: State, to: string): void {
    send(res, 403, {
      errorMessage: `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
      errorType: 'InvalidStateTransition',
    });
  }

  private notFound(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    send(res, 404, { errorMessage: 'Not Found', errorType: 'NotFound' });
  }
}

const ACCEPTED = Buffer.from('{"status":"OK"}');

function accepted(res: http.ServerResponse): void {
  res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': ACCEPTED.length });
  res.end(ACCEPTED);
}

/** Runtime API error bodies put `errorMessage` before `errorType` (spec §7.1). */
function send(
  res: http.ServerResponse,
  status: number,
  body: { errorMessage: string; errorType: string },
): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}

/** Reads a body up to `limit` bytes; calls back with undefined (after draining) when it is larger. */
function readBody(
  req: http.IncomingMessage,
  limit: number,
  done: (body: Buffer | undefined) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () =>
    done(tooLarge ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)),
  );
}

function numberHeader(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}
