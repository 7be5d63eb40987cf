// A recorded-looking session for the log panel tests: two functions (Text and JSON log formats),
// three instances, cold and warm starts, two invocations at once, an error, a timeout, a runtime
// exit and one still running. The log text follows the emulator's goldens
// (test/emulator/golden/*.txt) and lambda-runtime-spec.md §5 byte for byte.
import type { InvocationSummary } from '../../debug-adapter/protocol/dap';
import type {
  ApplicationLogLevel,
  InvocationMetrics,
  InvocationStatus,
  LambdaError,
  LogRecord,
  LogSource,
} from '../../debug-adapter/protocol/lambda';
import type { PanelInvocationEnd, ToPanelEvent } from '../../extension/log-panel/protocol';

/** Start of the session: 2026-07-22T03:52:30.000Z. */
export const BASE = Date.UTC(2026, 6, 22, 3, 52, 30, 0);

export const ORDERS = 'orders-api';
export const IMAGES = 'image-resizer';

export const INSTANCE_A = '5f0c1e8a9b2d4c6e8f0a1b2c3d4e5f60';
export const INSTANCE_B = 'a7d3b9e1c5f24a6b8c0d2e4f6a8b0c1d';
export const INSTANCE_C = 'c2e4a6b8d0f1e3c5a7b9d1f3e5a7c9b1';

export const REQ = {
  coldOk: 'c7bb77a1-774b-42a2-a86a-a8390d6215cd',
  coldError: '883eb7bc-96db-4c83-8a8a-68ad3376bc90',
  warmOk: '4b142fc3-17b8-4cdb-a46b-a8dbe7918715',
  jsonCold: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924',
  timeout: '0d5f9d6a-7c1e-4b8a-9f3e-2a6b8c4d0e1f',
  exit: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  running: '1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b',
} as const;

function iso(ms: number): string {
  return new Date(BASE + ms).toISOString();
}

class SessionBuilder {
  readonly messages: ToPanelEvent[] = [];
  private pending: LogRecord[] = [];

  record(
    at: number,
    functionName: string,
    instanceId: string,
    requestId: string | undefined,
    source: LogSource,
    level: ApplicationLogLevel | undefined,
    text: string,
  ): this {
    this.pending.push({
      time: BASE + at,
      functionName,
      instanceId,
      requestId,
      source,
      level,
      text,
    });
    return this;
  }

  /** A Text-format console line (`<ISO>\t<id>\t<LEVEL>\t<message>`). */
  text(
    at: number,
    fn: string,
    instance: string,
    requestId: string | undefined,
    level: ApplicationLogLevel,
    message: string,
  ): this {
    return this.record(
      at,
      fn,
      instance,
      requestId,
      'function',
      level,
      `${iso(at)}\t${requestId ?? 'undefined'}\t${level}\t${message}`,
    );
  }

  /** A JSON-format console line. */
  json(
    at: number,
    fn: string,
    instance: string,
    requestId: string,
    level: ApplicationLogLevel,
    fields: Record<string, unknown>,
  ): this {
    const line = JSON.stringify({ timestamp: iso(at), level, requestId, ...fields });
    return this.record(at, fn, instance, requestId, 'function', level, line);
  }

  platform(
    at: number,
    fn: string,
    instance: string,
    requestId: string | undefined,
    text: string,
    level: ApplicationLogLevel = 'INFO',
  ): this {
    return this.record(at, fn, instance, requestId, 'platform', level, text);
  }

  started(at: number, fn: string, instance: string, requestId: string, cold: boolean): this {
    this.flush();
    this.messages.push({
      type: 'invocationStarted',
      invocation: { requestId, functionName: fn, instanceId: instance, cold, startTime: BASE + at },
    });
    return this;
  }

  instance(at: number, fn: string, instance: string, state: 'started' | 'stopped'): this {
    this.flush();
    this.messages.push({
      type: 'instance',
      state,
      instance: {
        functionName: fn,
        instanceId: instance,
        pid: 4242,
        reason: state === 'stopped' ? 'idle' : undefined,
      },
      time: BASE + at,
    });
    return this;
  }

  ended(
    start: number,
    end: number,
    fn: string,
    instance: string,
    requestId: string,
    cold: boolean,
    status: InvocationStatus,
    metrics: InvocationMetrics,
    error?: LambdaError,
  ): this {
    this.flush();
    const summary: InvocationSummary = {
      requestId,
      functionName: fn,
      instanceId: instance,
      status,
      cold,
      payload: '{}',
      contentType: 'application/json',
      error,
      metrics,
      startTime: BASE + start,
      endTime: BASE + end,
      droppedLogRecords: 0,
    };
    const { payload: _payload, contentType: _contentType, ...invocation } = summary;
    this.messages.push({
      type: 'invocationEnded',
      invocation: invocation satisfies PanelInvocationEnd,
    });
    return this;
  }

  flush(): this {
    if (this.pending.length > 0) this.messages.push({ type: 'logRecords', records: this.pending });
    this.pending = [];
    return this;
  }
}

const INIT_START =
  'INIT_START Runtime Version: nodejs:22.mainline.v122\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:8f2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809';

function report(requestId: string, m: InvocationMetrics, status = ''): string {
  let line = `REPORT RequestId: ${requestId}\tDuration: ${m.durationMs.toFixed(2)} ms\tBilled Duration: ${m.billedDurationMs} ms\tMemory Size: ${m.memorySizeMB} MB\tMax Memory Used: ${m.maxMemoryUsedMB} MB\t`;
  if (m.initDurationMs !== undefined) line += `Init Duration: ${m.initDurationMs.toFixed(2)} ms\t`;
  return line + status;
}

/** The whole session as the host would post it (before batching), in arrival order. */
export function session(options: { running?: boolean } = {}): ToPanelEvent[] {
  const s = new SessionBuilder();
  const coldOk: InvocationMetrics = {
    durationMs: 32.56,
    billedDurationMs: 332,
    memorySizeMB: 128,
    maxMemoryUsedMB: 80,
    initDurationMs: 299.31,
  };
  const coldError: InvocationMetrics = {
    durationMs: 27.94,
    billedDurationMs: 173,
    memorySizeMB: 128,
    maxMemoryUsedMB: 76,
    initDurationMs: 143.76,
  };
  const warmOk: InvocationMetrics = {
    durationMs: 2.9,
    billedDurationMs: 3,
    memorySizeMB: 128,
    maxMemoryUsedMB: 81,
  };
  const jsonCold: InvocationMetrics = {
    durationMs: 1233.96,
    billedDurationMs: 1698,
    memorySizeMB: 256,
    maxMemoryUsedMB: 123,
    initDurationMs: 463.51,
  };
  const timedOut: InvocationMetrics = {
    durationMs: 3000,
    billedDurationMs: 3000,
    memorySizeMB: 128,
    maxMemoryUsedMB: 84,
  };
  const exited: InvocationMetrics = {
    durationMs: 12.04,
    billedDurationMs: 13,
    memorySizeMB: 128,
    maxMemoryUsedMB: 78,
  };
  const typeError: LambdaError = {
    errorType: 'TypeError',
    errorMessage: "Cannot read properties of undefined (reading 'id')",
    trace: [
      "TypeError: Cannot read properties of undefined (reading 'id')",
      '    at exports.handler (/work/app/src/orders.js:14:27)',
    ],
  };

  // orders-api, instance A: cold start that succeeds.
  s.instance(0, ORDERS, INSTANCE_A, 'started')
    .started(0, ORDERS, INSTANCE_A, REQ.coldOk, true)
    .platform(2, ORDERS, INSTANCE_A, undefined, INIT_START)
    .text(180, ORDERS, INSTANCE_A, undefined, 'INFO', 'loading configuration from /opt/config.json')
    .platform(
      301,
      ORDERS,
      INSTANCE_A,
      REQ.coldOk,
      `START RequestId: ${REQ.coldOk} Version: $LATEST`,
    )
    .text(
      305,
      ORDERS,
      INSTANCE_A,
      REQ.coldOk,
      'INFO',
      'Incoming event: {"path":"/orders","httpMethod":"POST","body":"{\\"sku\\":\\"A-1\\"}"}',
    )
    .text(309, ORDERS, INSTANCE_A, REQ.coldOk, 'DEBUG', 'cache miss for sku A-1')
    .text(318, ORDERS, INSTANCE_A, REQ.coldOk, 'WARN', 'inventory service slow: 212 ms')
    .text(330, ORDERS, INSTANCE_A, REQ.coldOk, 'INFO', 'order created')
    .platform(334, ORDERS, INSTANCE_A, REQ.coldOk, `END RequestId: ${REQ.coldOk}`)
    .platform(334, ORDERS, INSTANCE_A, REQ.coldOk, report(REQ.coldOk, coldOk));
  // orders-api, instance B: a second cold start at the same time, which throws.
  s.instance(120, ORDERS, INSTANCE_B, 'started')
    .started(120, ORDERS, INSTANCE_B, REQ.coldError, true)
    .platform(121, ORDERS, INSTANCE_B, undefined, INIT_START)
    .platform(
      265,
      ORDERS,
      INSTANCE_B,
      REQ.coldError,
      `START RequestId: ${REQ.coldError} Version: $LATEST`,
    )
    .text(290, ORDERS, INSTANCE_B, REQ.coldError, 'ERROR', 'about to throw')
    .text(
      292,
      ORDERS,
      INSTANCE_B,
      REQ.coldError,
      'ERROR',
      `Invoke Error \t${JSON.stringify({ errorType: 'TypeError', errorMessage: typeError.errorMessage, stack: typeError.trace })}`,
    )
    .platform(293, ORDERS, INSTANCE_B, REQ.coldError, `END RequestId: ${REQ.coldError}`)
    .platform(293, ORDERS, INSTANCE_B, REQ.coldError, report(REQ.coldError, coldError));
  s.ended(120, 293, ORDERS, INSTANCE_B, REQ.coldError, true, 'error', coldError, typeError);
  s.ended(0, 334, ORDERS, INSTANCE_A, REQ.coldOk, true, 'success', coldOk);
  // orders-api, instance A again: warm.
  s.started(1500, ORDERS, INSTANCE_A, REQ.warmOk, false)
    .platform(
      1500,
      ORDERS,
      INSTANCE_A,
      REQ.warmOk,
      `START RequestId: ${REQ.warmOk} Version: $LATEST`,
    )
    .text(1501, ORDERS, INSTANCE_A, REQ.warmOk, 'INFO', 'event {"golden":true,"items":[1,2,3]}')
    .platform(1503, ORDERS, INSTANCE_A, REQ.warmOk, `END RequestId: ${REQ.warmOk}`)
    .platform(1503, ORDERS, INSTANCE_A, REQ.warmOk, report(REQ.warmOk, warmOk))
    .ended(1500, 1503, ORDERS, INSTANCE_A, REQ.warmOk, false, 'success', warmOk);
  // image-resizer, instance C, JSON log format: cold start.
  s.instance(2000, IMAGES, INSTANCE_C, 'started')
    .started(2000, IMAGES, INSTANCE_C, REQ.jsonCold, true)
    .platform(
      2001,
      IMAGES,
      INSTANCE_C,
      undefined,
      JSON.stringify({
        time: iso(2001),
        type: 'platform.initStart',
        record: {
          initializationType: 'on-demand',
          phase: 'init',
          runtimeVersion: 'nodejs:22.mainline.v122',
          functionName: IMAGES,
          functionVersion: '$LATEST',
        },
      }),
    )
    .platform(
      2465,
      IMAGES,
      INSTANCE_C,
      REQ.jsonCold,
      JSON.stringify({
        time: iso(2465),
        type: 'platform.start',
        record: { requestId: REQ.jsonCold, version: '$LATEST' },
      }),
    )
    .json(2470, IMAGES, INSTANCE_C, REQ.jsonCold, 'INFO', {
      message: { bucket: 'photos', key: 'cat.jpg', sizes: [64, 256, 1024] },
    })
    .json(2900, IMAGES, INSTANCE_C, REQ.jsonCold, 'WARN', { message: 'large image: 12.4 MB' })
    .json(3100, IMAGES, INSTANCE_C, REQ.jsonCold, 'ERROR', {
      message: 'thumbnail failed, retrying',
      errorType: 'SharpError',
      errorMessage: 'Input buffer contains unsupported image format',
      stackTrace: [
        'SharpError: Input buffer contains unsupported image format',
        '    at resize (/work/app/src/images.js:41:11)',
      ],
    })
    .json(3600, IMAGES, INSTANCE_C, REQ.jsonCold, 'DEBUG', { message: 'wrote 3 thumbnails' })
    .platform(
      3699,
      IMAGES,
      INSTANCE_C,
      REQ.jsonCold,
      JSON.stringify({
        time: iso(3699),
        type: 'platform.report',
        record: {
          requestId: REQ.jsonCold,
          metrics: {
            durationMs: 1233.96,
            billedDurationMs: 1698,
            memorySizeMB: 256,
            maxMemoryUsedMB: 123,
            initDurationMs: 463.51,
          },
          status: 'success',
        },
      }),
    )
    .ended(2000, 3699, IMAGES, INSTANCE_C, REQ.jsonCold, true, 'success', jsonCold);
  // orders-api, instance A: a timeout.
  s.started(4000, ORDERS, INSTANCE_A, REQ.timeout, false)
    .platform(
      4000,
      ORDERS,
      INSTANCE_A,
      REQ.timeout,
      `START RequestId: ${REQ.timeout} Version: $LATEST`,
    )
    .text(4002, ORDERS, INSTANCE_A, REQ.timeout, 'INFO', 'waiting for payment provider')
    .platform(7000, ORDERS, INSTANCE_A, REQ.timeout, `END RequestId: ${REQ.timeout}`)
    .platform(
      7000,
      ORDERS,
      INSTANCE_A,
      REQ.timeout,
      report(REQ.timeout, timedOut, 'Status: timeout'),
    )
    .platform(
      7000,
      ORDERS,
      INSTANCE_A,
      REQ.timeout,
      `${iso(7000)} ${REQ.timeout} Task timed out after 3.00 seconds`,
      'ERROR',
    )
    .ended(4000, 7000, ORDERS, INSTANCE_A, REQ.timeout, false, 'timeout', timedOut, {
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${REQ.timeout} Error: Task timed out after 3.00 seconds`,
    });
  // orders-api, instance B: the runtime exits (Runtime.ExitError).
  s.started(5200, ORDERS, INSTANCE_B, REQ.exit, false)
    .platform(5200, ORDERS, INSTANCE_B, REQ.exit, `START RequestId: ${REQ.exit} Version: $LATEST`)
    .text(5205, ORDERS, INSTANCE_B, REQ.exit, 'INFO', 'before exit')
    .platform(
      5212,
      ORDERS,
      INSTANCE_B,
      REQ.exit,
      `RequestId: ${REQ.exit} Error: Runtime exited with error: exit status 2\nRuntime.ExitError`,
      'ERROR',
    )
    .platform(5212, ORDERS, INSTANCE_B, REQ.exit, `END RequestId: ${REQ.exit}`)
    .platform(
      5212,
      ORDERS,
      INSTANCE_B,
      REQ.exit,
      report(REQ.exit, exited, 'Status: error\tError Type: Runtime.ExitError'),
    )
    .ended(5200, 5212, ORDERS, INSTANCE_B, REQ.exit, false, 'error', exited, {
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${REQ.exit} Error: Runtime exited with error: exit status 2`,
    })
    .instance(5300, ORDERS, INSTANCE_B, 'stopped');
  if (options.running) {
    s.started(7600, IMAGES, INSTANCE_C, REQ.running, false)
      .platform(
        7600,
        IMAGES,
        INSTANCE_C,
        REQ.running,
        JSON.stringify({
          time: iso(7600),
          type: 'platform.start',
          record: { requestId: REQ.running, version: '$LATEST' },
        }),
      )
      .json(7610, IMAGES, INSTANCE_C, REQ.running, 'INFO', { message: 'resizing dog.png' })
      .flush();
  }
  return s.flush().messages;
}

/** Every log record of a session, in arrival order. */
export function recordsOf(messages: ToPanelEvent[]): LogRecord[] {
  return messages.flatMap((message) => (message.type === 'logRecords' ? message.records : []));
}
