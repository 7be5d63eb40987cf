/**
 * The `globalThis.awslambda` object user code may rely on: `streamifyResponse`,
 * `HttpResponseStream` and, on Node 24, a minimal `InvokeStore` (lambda-runtime-spec.md §1.1).
 * Runs inside the user's process: Node built-ins only.
 */
import type { Generation } from './env';
import { HANDLER_HIGHWATERMARK, HANDLER_STREAMING, STREAM_RESPONSE } from './handlerLoader';
import type { LogIds } from './logPatch';
import { HttpResponseStream } from './responseStream';

/** Keys of the invoke store's protected fields (`@aws/lambda-invoke-store`). */
const PROTECTED_KEYS = {
  REQUEST_ID: Symbol.for('_AWS_LAMBDA_REQUEST_ID'),
  X_RAY_TRACE_ID: Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID'),
  TENANT_ID: Symbol.for('_AWS_LAMBDA_TENANT_ID'),
} as const;

type StoreContext = Record<string | symbol, unknown>;

/** Per-invocation ids the RIC4 runtime publishes through `awslambda.InvokeStore`. */
export interface InvocationIds {
  /** The request id, or undefined between invocations. */
  requestId: string | undefined;
  /** `Lambda-Runtime-Trace-Id`. */
  traceId: string | undefined;
  /** `Lambda-Runtime-Aws-Tenant-Id`. */
  tenantId: string | undefined;
}

/**
 * A single-context store with the `@aws/lambda-invoke-store` surface. Libraries such as Powertools
 * read the request id from it on Node 24. Its context is the current invocation's, replaced when
 * the next event arrives.
 */
function createInvokeStore(current: () => InvocationIds) {
  let custom: StoreContext = {};
  const context = (): StoreContext | undefined => {
    const ids = current();
    if (ids.requestId === undefined) return undefined;
    return {
      ...custom,
      [PROTECTED_KEYS.REQUEST_ID]: ids.requestId,
      [PROTECTED_KEYS.X_RAY_TRACE_ID]: ids.traceId,
      [PROTECTED_KEYS.TENANT_ID]: ids.tenantId,
    };
  };
  const isProtected = (key: string | symbol) =>
    (Object.values(PROTECTED_KEYS) as (string | symbol)[]).includes(key);
  return {
    PROTECTED_KEYS,
    getContext: context,
    hasContext: () => current().requestId !== undefined,
    get: (key: string | symbol) => context()?.[key],
    set(key: string | symbol, value: unknown) {
      if (isProtected(key)) {
        throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
      }
      custom[key] = value;
    },
    run<T>(ctx: StoreContext, fn: () => T): T {
      const saved = custom;
      custom = { ...ctx };
      try {
        return fn();
      } finally {
        custom = saved;
      }
    },
    getRequestId: () => current().requestId ?? '-',
    getXRayTraceId: () => current().traceId,
    getTenantId: () => current().tenantId,
    /** Clears custom keys; the runtime calls it when a new invocation starts. */
    resetCustom() {
      custom = {};
    },
  };
}

/** The installed invoke store, for the RIC4 runtime to reset between invocations. */
export type InvokeStore = ReturnType<typeof createInvokeStore>;

/**
 * Defines `globalThis.awslambda` unless `AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA` is `1`/`true`.
 * Returns the invoke store on Node 24.
 */
export function installGlobals(
  generation: Generation,
  ids: LogIds,
  traceId: () => string | undefined,
): InvokeStore | undefined {
  const flag = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (flag === '1' || flag === 'true') return undefined;
  const g = globalThis as unknown as { awslambda?: Record<string, unknown> };
  const streamifyResponse = (handler: unknown, options?: { highWaterMark?: unknown }) => {
    const marked = handler as Record<symbol, unknown>;
    marked[HANDLER_STREAMING] = STREAM_RESPONSE;
    if (typeof options?.highWaterMark === 'number') {
      marked[HANDLER_HIGHWATERMARK] = parseInt(String(options.highWaterMark));
    }
    return handler;
  };
  if (generation === 'ric3') {
    g.awslambda = { streamifyResponse, HttpResponseStream };
    return undefined;
  }
  const store = createInvokeStore(() => ({
    requestId: ids.requestId === '-' ? undefined : ids.requestId,
    traceId: traceId(),
    tenantId: ids.tenantId,
  }));
  g.awslambda = { ...g.awslambda, streamifyResponse, HttpResponseStream, InvokeStore: store };
  return store;
}
