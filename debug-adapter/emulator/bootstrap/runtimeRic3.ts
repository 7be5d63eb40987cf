/**
 * The invoke loop with aws-lambda-ric 3.x semantics (nodejs18.x/20.x/22.x): callbacks and
 * `context.done/succeed/fail`, "first completion wins", `callbackWaitsForEmptyEventLoop` through
 * `beforeExit`, and process-level failures that post an error and exit 128/129
 * (lambda-runtime-spec.md §2.1, §2.4, §4.4). Runs inside the user's process: Node built-ins only.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { attachContextRic3, InvokeHeader } from './context';
import type { RuntimeErrors } from './errors';
import type { LoadedHandler } from './handlerLoader';
import type { LogIds, RuntimeLog } from './logPatch';
import type { RapidClient } from './rapidClient';
import { createResponseStream } from './responseStream';

/** Exit codes RIC3 uses after posting a process-level failure (spec §1.8, §4.4). */
const EXIT_UNCAUGHT_EXCEPTION = 129;
const EXIT_UNHANDLED_REJECTION = 128;

const REQUEST_ID_SYMBOL = Symbol.for('aws.lambda.runtime.requestId');

/** What the RIC3 runtime needs. */
export interface RuntimeDeps {
  /** The Runtime API client. */
  client: RapidClient;
  /** Console patch entry points. */
  log: RuntimeLog;
  /** Ids printed in log lines; updated at every event. */
  ids: LogIds;
  /** RIC3 error factory. */
  errors: RuntimeErrors;
}

type Callback = (error?: unknown, result?: unknown) => void;
type Done = () => void;

/**
 * The receiver the handler is called on. Its class is named `Runtime` at run time, whatever the
 * minifier does, so stack frames read `Runtime.handler` or `exports.x [as handler]` exactly as
 * under RIC3 (`this.handler(...)` in `Runtime.handleOnceNonStreaming`).
 */
const Receiver = new Function('return class Runtime {}')() as new () => {
  handler: (...args: unknown[]) => unknown;
};

/**
 * RIC3 keeps one global `beforeExit` listener that each invocation replaces; the process listener
 * calls whatever is current.
 */
let beforeExitListener: Done = () => {};
const resetBeforeExit = () => {
  beforeExitListener = () => {};
};

/** Process-wide failure handling that switches from init to invocation mode (RIC3 index.mjs). */
export class ErrorCallbacks {
  /** Called after an uncaught exception has been logged. */
  uncaughtException: (error: unknown) => void;
  /** Called after an unhandled rejection has been logged. */
  unhandledRejection: (error: unknown) => void;

  constructor(private readonly deps: RuntimeDeps) {
    // During init, failures are init errors (spec §1.8).
    this.uncaughtException = (error) =>
      void this.postInit(error).then(() => process.exit(EXIT_UNCAUGHT_EXCEPTION));
    this.unhandledRejection = (error) =>
      void this.postInit(error).then(() => process.exit(EXIT_UNHANDLED_REJECTION));
  }

  /** From now on, failures are errors of invocation `requestId` (`_setErrorCallbacks`). */
  forInvocation(requestId: string): void {
    this.uncaughtException = (error) =>
      void postInvocationError(this.deps, error, requestId).then(() =>
        process.exit(EXIT_UNCAUGHT_EXCEPTION),
      );
    this.unhandledRejection = (error) =>
      void postInvocationError(this.deps, error, requestId).then(() =>
        process.exit(EXIT_UNHANDLED_REJECTION),
      );
  }

  private postInit(error: unknown): Promise<void> {
    return this.deps.client.postInitError(this.deps.errors.toRapidResponse(error));
  }
}

/**
 * Registers RIC3's process listeners: `uncaughtException` and `unhandledRejection` log and post,
 * and `beforeExit` drives callback-style completion.
 */
export function installProcessHandlers(deps: RuntimeDeps): ErrorCallbacks {
  const callbacks = new ErrorCallbacks(deps);
  // A second failure while the first is being posted changes nothing: the process is leaving.
  let failing = false;
  const logQuietly = (label: string, error: unknown) => {
    try {
      deps.log.logError(label, error);
    } catch {
      // A user's broken console.error must not stop the report (a throw here would exit 7).
    }
  };
  process.on('uncaughtException', (error) => {
    if (failing) return;
    failing = true;
    logQuietly('Uncaught Exception', error);
    callbacks.uncaughtException(error);
  });
  process.on('unhandledRejection', (reason, promise) => {
    if (failing) return;
    failing = true;
    const error = deps.errors.unhandledPromiseRejection(reason, promise);
    logQuietly('Unhandled Promise Rejection', error);
    callbacks.unhandledRejection(error);
  });
  process.on('beforeExit', () => beforeExitListener());
  return callbacks;
}

/** `RAPIDClient.postInvocationError`: body + X-Ray cause, both from the raw value. */
function postInvocationError(deps: RuntimeDeps, error: unknown, requestId: string): Promise<void> {
  return deps.client.postError(
    requestId,
    deps.errors.toRapidResponse(error),
    deps.errors.xrayCause(error),
  );
}

/** RIC3 `_trySerializeResponse`: a failure becomes a plain `Error` (spec §2.3). */
function serialize(result: unknown): string {
  let body: string | undefined;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch {
    throw new Error('Unable to stringify response body');
  }
  // A function or symbol stringifies to undefined, which RIC hands to its native client as is;
  // "no value" is the closest JSON answer.
  return body ?? 'null';
}

/** The RIC3 `Runtime`: one `next → handler → post` iteration per `setImmediate`. */
export class RuntimeRic3 {
  private readonly receiver = new Receiver();

  constructor(
    private readonly deps: RuntimeDeps,
    private readonly loaded: LoadedHandler,
    private readonly errorCallbacks: ErrorCallbacks,
  ) {
    this.receiver.handler = loaded.handler;
  }

  /** Schedules the next iteration at the start of the next turn of the event loop. */
  scheduleIteration(): void {
    setImmediate(() => {
      const once = this.loaded.streaming ? this.handleOnceStreaming() : this.handleOnce();
      once.then(
        () => {},
        (error: unknown) => {
          console.log(`Unexpected Top Level Error: ${String(error)}`);
          this.errorCallbacks.uncaughtException(error);
        },
      );
    });
  }

  private async nextEvent(): Promise<{
    requestId: string;
    body: string;
    headers: IncomingHttpHeaders;
  }> {
    const { body, headers } = await this.deps.client.next();
    const requestId = headers[InvokeHeader.requestId];
    if (typeof requestId !== 'string' || !requestId) {
      throw new Error('invocation id is missing or invalid');
    }
    // The id is switched at event receipt and never cleared (spec §5.2).
    this.deps.ids.requestId = requestId;
    const tenant = headers[InvokeHeader.tenantId];
    this.deps.ids.tenantId = typeof tenant === 'string' ? tenant : undefined;
    (globalThis as unknown as Record<symbol, unknown>)[REQUEST_ID_SYMBOL] = requestId;
    return { requestId, body, headers };
  }

  private async handleOnce(): Promise<void> {
    const { requestId, body, headers } = await this.nextEvent();
    const [callback, callbackContext, markCompleted] = this.buildCallbackContext(requestId);
    try {
      this.errorCallbacks.forInvocation(requestId);
      this.setDefaultExitListener(requestId, markCompleted);
      const event = JSON.parse(body) as unknown;
      const context = attachContextRic3(callbackContext, headers);
      const result = this.receiver.handler(event, context, callback);
      if (isPromise(result)) {
        result.then(context.succeed, context.fail).catch(context.fail);
      }
    } catch (error) {
      callback(error);
    }
  }

  /** `_setDefaultExitListener`: the loop drained without any completion (spec §2.1). */
  private setDefaultExitListener(requestId: string, markCompleted: Done): void {
    beforeExitListener = () => {
      markCompleted();
      if (this.loaded.isAsync) {
        const error = this.deps.errors.nodeJsExit();
        this.deps.log.logError('Invoke Error', error);
        void postInvocationError(this.deps, error, requestId).then(() => this.scheduleIteration());
      } else {
        void this.deps.client
          .postResponse(requestId, serialize(null))
          .then(() => this.scheduleIteration());
      }
    };
  }

  /**
   * RIC3 `CallbackContext.build`: the callback and `succeed/fail/done` share one "finished" flag,
   * so only the first call counts (spec §2.1).
   */
  private buildCallbackContext(requestId: string) {
    const { client, log } = this.deps;
    const scheduleNext = () => this.scheduleIteration();

    const postError = (error: unknown, then: Done) => {
      log.logError('Invoke Error', error);
      void postInvocationError(this.deps, error, requestId).then(then);
    };

    let isCompleteInvoked = false;
    const complete = (result: unknown, then: Done) => {
      if (isCompleteInvoked) {
        console.error(
          'Invocation has already been reported as done. Cannot call complete more than once per invocation.',
        );
        return;
      }
      isCompleteInvoked = true;
      // Serializing synchronously lets a stringify failure throw into the caller, as in RIC3.
      void client.postResponse(requestId, serialize(result)).then(then);
    };

    let waitForEmptyEventLoop = true;
    const rawCallback: Callback = (error, result) => {
      resetBeforeExit();
      if (error !== undefined && error !== null) {
        postError(error, scheduleNext);
      } else if (!waitForEmptyEventLoop) {
        complete(result, scheduleNext);
      } else {
        beforeExitListener = () => setImmediate(() => complete(result, scheduleNext));
      }
    };
    const done: Callback = (error, result) => {
      resetBeforeExit();
      if (error !== undefined && error !== null) postError(error, scheduleNext);
      else complete(result, scheduleNext);
    };

    let finished = false;
    const firstOnly =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        if (!finished) {
          fn(...args);
          finished = true;
        }
      };

    const callbackContext = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waitForEmptyEventLoop = value;
      },
      succeed: firstOnly((result?: unknown) => done(null, result)),
      fail: firstOnly((error?: unknown) =>
        error === undefined || error === null ? done('handled') : done(error, null),
      ),
      done: firstOnly(done),
    };
    const markCompleted: Done = () => {
      isCompleteInvoked = true;
    };
    return [firstOnly(rawCallback), callbackContext, markCompleted] as const;
  }

  /** RIC3 `handleOnceStreaming` with `StreamingContext` (spec §2.4). */
  private async handleOnceStreaming(): Promise<void> {
    const { requestId, body, headers } = await this.nextEvent();
    const { client, errors, log } = this.deps;

    let waitForEmptyEventLoop = true;
    const streamingContext = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waitForEmptyEventLoop = value;
      },
    };
    const scheduleNext = () => {
      resetBeforeExit();
      if (!waitForEmptyEventLoop) this.scheduleIteration();
      else beforeExitListener = () => setImmediate(() => this.scheduleIteration());
    };
    const kit = createResponseStream(client, requestId, 'ric3', errors);
    const fail = (error: unknown) => {
      log.logError('Invoke Error', error);
      void kit.fail(error).then(async () => {
        // Let the Runtime API register the failed stream before asking for the next event.
        await kit.rapidResponse.catch(() => {});
        scheduleNext();
      });
    };

    try {
      this.errorCallbacks.forInvocation(requestId);
      // `_setStreamingExitListener`: a drained loop simply moves on to the next event.
      beforeExitListener = () => this.scheduleIteration();
      const context = attachContextRic3(streamingContext, headers);
      const event = JSON.parse(body) as unknown;
      const result = this.receiver.handler(event, kit.responseStream, context);
      if (!isPromise(result)) {
        fail('Streaming does not support non-async handlers.');
        return;
      }
      if ((await result) !== undefined) console.warn('Streaming handlers ignore return values.');
      await kit.rapidResponse;
      if (!kit.responseStream.writableFinished) {
        fail('Response stream is not finished.');
        return;
      }
      scheduleNext();
    } catch (error) {
      fail(error);
    }
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return !!value && typeof (value as { then?: unknown }).then === 'function';
}
