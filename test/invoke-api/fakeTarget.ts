/**
 * A fake InvokeTarget for the Invoke API suites: canned InvocationResults per function name, a
 * record of every call, throttles as EmulatorError and streamed chunks through the sink. Imports
 * only the port's types, the protocol and the emulator's error class.
 */
import { EmulatorError } from '../../debug-adapter/emulator/errors';
import type { InvokeTarget } from '../../debug-adapter/emulator/invoke-api/invokeTarget';
import type {
  FunctionConfig,
  InvocationResult,
  InvokeOptions,
  LambdaError,
  LogRecord,
} from '../../debug-adapter/protocol/lambda';

/** What a fake function does with one call (`attempt` counts calls of that function from 0). */
export type FakeBehaviour = (
  payload: Buffer,
  options: InvokeOptions,
  attempt: number,
) => InvocationResult | Promise<InvocationResult>;

/** One recorded call. */
export interface FakeCall {
  /** Function name the server asked for. */
  name: string;
  /** The payload bytes as received. */
  payload: Buffer;
  /** The options as received. */
  options: InvokeOptions;
}

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A complete FunctionConfig for `name`, as the facade would produce. */
export function functionConfig(name: string, region = REGION): FunctionConfig {
  return {
    name,
    handler: 'index.handler',
    codeUri: '/tmp/fake',
    runtime: 'nodejs22.x',
    timeout: 3,
    memorySize: 128,
    environment: {},
    ephemeralStorage: 512,
    reservedConcurrency: undefined,
    logFormat: 'Text',
    applicationLogLevel: undefined,
    layers: [],
    region,
    arn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`,
  };
}

let sequence = 0;

/** A successful InvocationResult carrying `payload` verbatim; `overrides` replace any field. */
export function result(
  payload: string | Buffer,
  overrides: Partial<InvocationResult> = {},
): InvocationResult {
  const requestId =
    overrides.requestId ?? `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
  const now = Date.now();
  return {
    requestId,
    functionName: 'fake',
    version: '$LATEST',
    payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
    contentType: 'application/json',
    functionError: undefined,
    error: undefined,
    status: 'success',
    reportErrorType: undefined,
    metrics: { durationMs: 1, billedDurationMs: 1, memorySizeMB: 128, maxMemoryUsedMB: 60 },
    instanceId: 'instance-1',
    cold: false,
    logs: [],
    droppedLogRecords: 0,
    startTime: now,
    endTime: now,
    ...overrides,
  };
}

/** A failed invocation: 200 + `X-Amz-Function-Error: Unhandled` on the wire (§4.2). */
export function failure(
  error: LambdaError,
  overrides: Partial<InvocationResult> = {},
): InvocationResult {
  return result(JSON.stringify(error), {
    functionError: 'Unhandled',
    error,
    status: 'error',
    ...overrides,
  });
}

/** Log records as the facade would collect them, one per line of `lines`. */
export function logRecords(requestId: string, lines: string[]): LogRecord[] {
  return lines.map((text) => ({
    time: Date.now(),
    functionName: 'fake',
    instanceId: 'instance-1',
    requestId,
    source: 'platform',
    level: undefined,
    text,
  }));
}

/** The fake itself: functions exist exactly when they have a behaviour. */
export class FakeTarget implements InvokeTarget {
  /** Every invoke call, in order. */
  readonly calls: FakeCall[] = [];
  private readonly attempts = new Map<string, number>();
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly behaviours: Record<string, FakeBehaviour>,
    private readonly region = REGION,
  ) {}

  getFunction(name: string): FunctionConfig | undefined {
    if (name === 'explodes-on-lookup') throw new Error('lookup blew up');
    return Object.hasOwn(this.behaviours, name) ? functionConfig(name, this.region) : undefined;
  }

  async invoke(name: string, payload: Buffer, options: InvokeOptions): Promise<InvocationResult> {
    this.calls.push({ name, payload, options });
    for (const waiter of this.waiters) if (this.calls.length >= waiter.count) waiter.resolve();
    this.waiters = this.waiters.filter((w) => this.calls.length < w.count);
    const behaviour = this.behaviours[name];
    if (!behaviour) {
      throw new EmulatorError('ResourceNotFoundException', `Function not found: ${name}`);
    }
    const attempt = this.attempts.get(name) ?? 0;
    this.attempts.set(name, attempt + 1);
    return behaviour(payload, options, attempt);
  }

  /** Resolves once `count` calls in total have been made (for background Event invocations). */
  waitForCalls(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** The most recent call (fails the test if there is none). */
  lastCall(): FakeCall {
    const call = this.calls.at(-1);
    if (!call) throw new Error('the fake target was never invoked');
    return call;
  }
}

/** The throttle the emulator raises when reserved concurrency is exhausted (§8.3). */
export function throttle(): EmulatorError {
  return new EmulatorError('TooManyRequestsException', 'Rate Exceeded.', {
    Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    retryAfterSeconds: '1',
  });
}

/** A promise with its resolve function, for lock-step tests. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The behaviours most suites share. */
export function standardBehaviours(): Record<string, FakeBehaviour> {
  return {
    // Returns the event it got, byte for byte.
    echo: (payload) => result(payload),
    fails: () =>
      failure({
        errorType: 'Error',
        errorMessage: 'boom',
        trace: ['Error: boom', '    at Runtime.handler (file:///var/task/index.mjs:2:9)'],
      }),
    throttled: () => {
      throw throttle();
    },
    buggy: () => {
      throw new TypeError('fake target bug');
    },
  };
}
