/**
 * The response stream handed to `awslambda.streamifyResponse` handlers: a chunked `POST /response`
 * with the streaming headers, content-type rules, errors as trailers, and `HttpResponseStream`'s
 * prelude (lambda-runtime-spec.md §2.4, §7.3; oracle-streaming.md). Runs inside the user's
 * process: Node built-ins only.
 */
import type { ClientRequest } from 'node:http';
import type { Generation } from './env';
import type { RuntimeErrors } from './errors';
import type { RapidClient } from './rapidClient';

const HEADER_RESPONSE_MODE = 'Lambda-Runtime-Function-Response-Mode';
const TRAILER_ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const TRAILER_ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
const PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const PRELUDE_DELIMITER_BYTES = 8;

type WriteFn = (chunk: unknown) => boolean;

/** The request object with RIC's additions. */
type StreamRequest = ClientRequest & {
  setContentType(contentType: string): void;
  _onBeforeFirstWrite?: (write: WriteFn) => void;
};

/** The writable surface a streaming handler sees (RIC's `writableStreamOnly`). */
export type ResponseStream = Record<string, unknown> & {
  setContentType(contentType: string): void;
  _onBeforeFirstWrite?: (write: WriteFn) => void;
  readonly writableFinished: boolean;
};

/** A started streaming response. */
export interface StreamKit {
  /** What the handler receives as its second argument. */
  responseStream: ResponseStream;
  /** Resolves when the Runtime API has answered the POST (after the body ended). */
  rapidResponse: Promise<void>;
  /** Ends the stream with the error trailers; resolves once the request is flushed. */
  fail(error: unknown): Promise<void>;
}

const METHODS = [
  'cork',
  'destroy',
  'end',
  'uncork',
  'write',
  'addListener',
  'emit',
  'eventNames',
  'getMaxListeners',
  'listenerCount',
  'listeners',
  'off',
  'on',
  'once',
  'prependListener',
  'prependOnceListener',
  'rawListeners',
  'removeAllListeners',
  'removeListener',
  'setMaxListeners',
  'setContentType',
] as const;
const READ_WRITE = ['destroyed', '_onBeforeFirstWrite'] as const;
const READ_ONLY = [
  'writable',
  'writableFinished',
  'writableObjectMode',
  'writableEnded',
  'writableNeedDrain',
  'writableHighWaterMark',
  'writableCorked',
  'writableLength',
] as const;

/**
 * Opens the streaming POST. The headers match the oracle transcripts: RIC3 leaves
 * `Transfer-Encoding` to Node (it comes last), RIC4 sets it explicitly (before `Host`).
 */
export function createResponseStream(
  client: RapidClient,
  requestId: string,
  generation: Generation,
  errors: RuntimeErrors,
): StreamKit {
  const headers: Record<string, string | string[]> = {
    [HEADER_RESPONSE_MODE]: 'streaming',
    Trailer: [TRAILER_ERROR_TYPE, TRAILER_ERROR_BODY],
    'Content-Type': DEFAULT_CONTENT_TYPE,
  };
  if (generation === 'ric4') headers['Transfer-Encoding'] = 'chunked';
  const req = client.streamingRequest(requestId, headers) as StreamRequest;

  let firstWriteDone = false;
  const rapidResponse = new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve());
      res.on('aborted', () => reject(new Error('Runtime API aborted the streaming response')));
    });
    req.on('error', (error) => {
      reject(error);
      req.destroy(error);
    });
  });
  // Nobody may await it (a handler that never ends the stream); never let it become unhandled.
  rapidResponse.catch(() => {});

  req.setContentType = (contentType: string) => {
    if (firstWriteDone) {
      throw errors.invalidStreamingOperation('Cannot set content-type, too late.');
    }
    req.setHeader('Content-Type', contentType);
  };

  const write = req.write.bind(req) as (chunk: unknown, ...rest: unknown[]) => boolean;
  req.write = ((chunk: unknown, ...rest: unknown[]) => {
    let data = chunk;
    // Anything that is not text or bytes is sent as JSON (RIC `ResponseStream.write`).
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && !(chunk instanceof Uint8Array)) {
      data = JSON.stringify(chunk);
    }
    if (!firstWriteDone && typeof req._onBeforeFirstWrite === 'function') {
      req._onBeforeFirstWrite((ch) => write(ch));
    }
    const result = write(data, ...rest);
    firstWriteDone = true;
    return result;
  }) as ClientRequest['write'];

  const responseStream = writableOnly(req);
  return {
    responseStream,
    rapidResponse,
    fail: (error) => {
      const body = errors.toRapidResponse(error);
      req.addTrailers({
        [TRAILER_ERROR_TYPE]: String(body.errorType),
        [TRAILER_ERROR_BODY]: Buffer.from(JSON.stringify(body)).toString('base64'),
      });
      return new Promise<void>((resolve) => {
        // A request that is already finished or broken may never call back: do not wait for it.
        if (req.writableFinished || req.destroyed) return resolve();
        req.end(() => resolve());
      });
    },
  };
}

/** Exposes only the writable-stream surface, like RIC, so handlers cannot touch the request. */
function writableOnly(inner: StreamRequest): ResponseStream {
  const target = inner as unknown as Record<string, unknown>;
  const stream: Record<string, unknown> = {};
  for (const name of METHODS) {
    stream[name] = (target[name] as (...args: unknown[]) => unknown).bind(inner);
  }
  for (const name of READ_WRITE) {
    Object.defineProperty(stream, name, {
      get: () => target[name],
      set: (value: unknown) => {
        target[name] = value;
      },
    });
  }
  for (const name of READ_ONLY) {
    Object.defineProperty(stream, name, { get: () => target[name] });
  }
  return stream as ResponseStream;
}

/**
 * `awslambda.HttpResponseStream`: sets the integration content type and writes the JSON prelude
 * plus 8 NUL bytes before the first body byte (spec §2.4).
 */
export class HttpResponseStream {
  /** Wraps `stream` so its first write is preceded by `prelude`. */
  static from(stream: ResponseStream, prelude: unknown): ResponseStream {
    stream.setContentType(PRELUDE_CONTENT_TYPE);
    const metadata = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(metadata);
      write(new Uint8Array(PRELUDE_DELIMITER_BYTES));
    };
    return stream;
  }
}
