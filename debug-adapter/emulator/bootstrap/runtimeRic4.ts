/**
 * The invoke loop with aws-lambda-ric 4.x semantics (nodejs24.x): `await handler(event, context)`,
 * results posted on the next `setImmediate`, no event-loop waiting and no process-level failure
 * handlers (lambda-runtime-spec.md §2.2, §2.4, §4.4; oracle-ric-4.0.2). Runs inside the user's
 * process: Node built-ins only.
 */
import { buildContextRic4, InvokeHeader, type ContextRic4 } from './context';
import type { LoadedHandler } from './handlerLoader';
import type { InvokeStore } from './globals';
import { createResponseStream } from './responseStream';
import type { RuntimeDeps } from './runtimeRic3';

/**
 * Receivers named like RIC4's processors, so that handler frames read
 * `BufferedInvokeProcessor.handler` / `StreamingInvokeProcessor.handler` even when minified.
 */
const BufferedReceiver = new Function('return class BufferedInvokeProcessor {}')() as new () => {
  handler: (...args: unknown[]) => unknown;
};
const StreamingReceiver = new Function('return class StreamingInvokeProcessor {}')() as new () => {
  handler: (...args: unknown[]) => unknown;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the RIC4 runtime needs beyond the RIC3 dependencies. */
export interface RuntimeRic4Deps extends RuntimeDeps {
  /** `awslambda.InvokeStore`, when the global is installed. */
  store: InvokeStore | undefined;
  /** Remembers the current trace id for the store. */
  setTraceId(traceId: string | undefined): void;
}

/** Runs invocations one at a time, forever (RIC4 `Runtime.processSingleConcurrent`). */
export async function runRic4(deps: RuntimeRic4Deps, loaded: LoadedHandler): Promise<never> {
  const { client, errors, log, ids } = deps;
  const buffered = new BufferedReceiver();
  const streaming = new StreamingReceiver();
  buffered.handler = loaded.handler;
  streaming.handler = loaded.handler;

  const fail = async (requestId: string, error: unknown) => {
    await nextTurn();
    log.logError('Invoke Error', error);
    await client.postError(requestId, errors.toRapidResponse(error), errors.xrayCause(error));
  };

  const succeed = async (requestId: string, result: unknown) => {
    await nextTurn();
    let body: string | undefined;
    try {
      body = JSON.stringify(result === undefined ? null : result);
    } catch {
      throw errors.jsonStringify();
    }
    // A function or symbol stringifies to undefined: post "no value" (see runtimeRic3.ts).
    await client.postResponse(requestId, body ?? 'null');
  };

  const processBuffered = async (context: ContextRic4, event: unknown) => {
    try {
      const result = await buffered.handler(event, context);
      await succeed(context.awsRequestId, result);
    } catch (error) {
      await fail(context.awsRequestId, error);
    }
  };

  const processStreaming = async (context: ContextRic4, event: unknown) => {
    const kit = createResponseStream(client, context.awsRequestId, 'ric4', errors);
    try {
      const result = streaming.handler(event, kit.responseStream, context);
      if (!isPromise(result)) throw new Error('Streaming does not support non-async handlers.');
      if ((await result) !== undefined) console.warn('Streaming handlers ignore return values.');
      await kit.rapidResponse;
      if (!kit.responseStream.writableFinished) throw new Error('Response stream is not finished.');
    } catch (error) {
      await nextTurn();
      log.logError('Invoke Error', error);
      await kit.fail(error);
      // Let the Runtime API register the failed stream before asking for the next event.
      await kit.rapidResponse.catch(() => {});
    }
  };

  for (;;) {
    // Outside an invocation the invoke store answers `-` (spec §5.2).
    ids.requestId = '-';
    ids.tenantId = undefined;
    deps.setTraceId(undefined);
    const { body, headers } = await client.next();
    deps.store?.resetCustom();
    const rawId = headers[InvokeHeader.requestId];
    const requestId = typeof rawId === 'string' ? rawId : '';
    let context: ContextRic4;
    let event: unknown;
    try {
      context = buildContextRic4(headers, errors);
      event = JSON.parse(body) as unknown;
    } catch (error) {
      // RIC4 would crash here (exit 1, nothing posted); reporting the PlatformError as the
      // invocation's error is kinder and keeps the instance alive.
      ids.requestId = requestId || '-';
      await fail(requestId, error);
      continue;
    }
    ids.requestId = context.awsRequestId;
    ids.tenantId = context.tenantId;
    deps.setTraceId(context.xRayTraceId);
    if (loaded.streaming) await processStreaming(context, event);
    else await processBuffered(context, event);
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
