/**
 * The Runtime API client: `GET /next`, `POST /response`, `POST /error`, `POST /init/error` over one
 * keep-alive `node:http` agent (lambda-runtime-spec.md §7). Runs inside the user's process: Node
 * built-ins and protocol constants only.
 */
import { Agent, request, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { BootstrapHeader } from '../../protocol/bootstrapContract';
import type { RapidErrorBody } from './errors';

const API_PREFIX = '/2018-06-01/runtime';
const NEXT_PATH = `${API_PREFIX}/invocation/next`;
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const XRAY_CAUSE_HEADER = 'Lambda-Runtime-Function-XRay-Error-Cause';

/**
 * Node's HTTP server refuses request headers above 16 KiB by default, so an X-Ray cause longer than
 * this loses stack frames until it fits (the header is informational; the body keeps the trace).
 */
const MAX_XRAY_CAUSE_BYTES = 8 * 1024;

/** One event as returned by `GET /next`. */
export interface Invocation {
  /** The event payload, undecoded. */
  body: string;
  /** Response headers, lower-cased by Node. */
  headers: IncomingHttpHeaders;
}

interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Talks to `AWS_LAMBDA_RUNTIME_API`; every method resolves once the API has answered. */
export class RapidClient {
  /** The keep-alive agent; the streaming response shares it. */
  readonly agent = new Agent({ keepAlive: true });
  /** Runtime API host. */
  readonly hostname: string;
  /** Runtime API port. */
  readonly port: number;
  private readonly nextHeaders: Record<string, string> = {};

  constructor(
    hostPort: string,
    private readonly logBytes: () => number,
  ) {
    const colon = hostPort.lastIndexOf(':');
    this.hostname = hostPort.slice(0, colon);
    this.port = Number(hostPort.slice(colon + 1));
  }

  /**
   * Waits for the next event, with no timeout (§7.1). The extra headers tell the emulator how far
   * to drain the telemetry pipe and the peak memory so far (bootstrapContract.ts).
   */
  async next(): Promise<Invocation> {
    const headers = this.nextHeaders;
    headers[BootstrapHeader.logBytes] = String(this.logBytes());
    headers[BootstrapHeader.maxRss] = String(process.resourceUsage().maxRSS * 1024);
    const result = await this.send('GET', NEXT_PATH, headers, undefined, true);
    return { body: result.body, headers: result.headers };
  }

  /** Posts a serialized result with a content length, like RIC's native client (§2.3). */
  async postResponse(requestId: string, body: string): Promise<void> {
    const path = `${API_PREFIX}/invocation/${encodeURIComponent(requestId)}/response`;
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    };
    this.report(await this.send('POST', path, headers, body, false));
  }

  /** Posts an invocation error: body + X-Ray cause, no error-type header (§4.1, §7.4). */
  async postError(requestId: string, error: RapidErrorBody, xrayCause: string): Promise<void> {
    const path = `${API_PREFIX}/invocation/${encodeURIComponent(requestId)}/error`;
    const body = JSON.stringify(error);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const cause = fitXRayCause(xrayCause);
    if (cause) headers[XRAY_CAUSE_HEADER.toLowerCase()] = cause;
    headers['content-length'] = String(Buffer.byteLength(body));
    this.report(await this.send('POST', path, headers, body, false));
  }

  /** Posts an init error with `Lambda-Runtime-Function-Error-Type` (§1.8, §7.5). */
  async postInitError(error: RapidErrorBody): Promise<void> {
    const body = JSON.stringify(error);
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      [ERROR_TYPE_HEADER]: headerSafe(String(error.errorType)),
    };
    await this.send('POST', `${API_PREFIX}/init/error`, headers, body, false);
  }

  /** Starts a chunked `POST /response` for a streaming handler (§7.3); the caller ends it. */
  streamingRequest(requestId: string, headers: Record<string, string | string[]>): ClientRequest {
    return request({
      hostname: this.hostname,
      port: this.port,
      method: 'POST',
      path: `${API_PREFIX}/invocation/${encodeURIComponent(requestId)}/response`,
      headers,
      agent: this.agent,
    });
  }

  /**
   * RIC's native client logs a non-2xx answer and carries on (CAP-4 in spec §4.4 shows the 400
   * line); the emulator answers 413 for oversized responses and reports the error itself.
   */
  private report(result: HttpResult): void {
    if (result.status >= 200 && result.status < 300) return;
    process.stderr.write(
      `[ERROR] [${Date.now()}] LAMBDA_RUNTIME Failed to post handler success response. Http response code: ${result.status}.\n`,
    );
  }

  private send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    readBody: boolean,
    retried = false,
  ): Promise<HttpResult> {
    return new Promise<HttpResult>((resolve, reject) => {
      const req = request(
        { hostname: this.hostname, port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          if (!readBody) {
            res.resume();
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }),
            );
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket may have been closed by the server while idle (for example while a
        // long synchronous handler ran): Node's documented remedy is to retry once.
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET') {
          this.send(method, path, headers, body, readBody, true).then(resolve, reject);
        } else {
          reject(error);
        }
      });
      req.end(body);
    }).catch(runtimeApiGone);
  }
}

/**
 * Without a Runtime API the instance cannot do anything useful: the emulator has stopped or
 * killed its server. Leave, as RIC's native client does when a request fails.
 */
function runtimeApiGone(error: unknown): never {
  process.stderr.write(
    `lambda-workbench bootstrap: Runtime API request failed: ${String(error)}\n`,
  );
  process.exit(1);
}

/**
 * Node sends header values as latin-1 and rejects DEL and anything above U+00FF, so every non-ASCII
 * character is written as a JSON `\uXXXX` escape (all of them sit inside JSON strings, so the JSON
 * stays valid) and DEL becomes `%7F`, as RIC does for the body (§4.1).
 */
function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e]/g, (ch) =>
    ch === '\x7F' ? '%7F' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function fitXRayCause(cause: string): string {
  if (!cause) return '';
  let safe = headerSafe(cause);
  if (safe.length <= MAX_XRAY_CAUSE_BYTES) return safe;
  try {
    const parsed = JSON.parse(cause) as { exceptions: { stack: unknown[] }[] };
    const stack = parsed.exceptions[0].stack;
    while (stack.length > 0 && safe.length > MAX_XRAY_CAUSE_BYTES) {
      stack.length = Math.floor(stack.length / 2);
      safe = headerSafe(JSON.stringify(parsed));
    }
  } catch {
    return '';
  }
  return safe.length <= MAX_XRAY_CAUSE_BYTES ? safe : '';
}
