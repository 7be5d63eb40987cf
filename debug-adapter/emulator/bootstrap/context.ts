/**
 * Builds the handler's `context` object from the invoke headers and the environment, in each
 * generation's property order, and forwards the X-Ray header to `_X_AMZN_TRACE_ID`
 * (lambda-runtime-spec.md §3). Runs inside the user's process: Node built-ins and protocol
 * constants only.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { PAUSED_MS_GLOBAL } from '../../protocol/bootstrapContract';
import type { RuntimeErrors } from './errors';

/** Invoke headers (lower-case, as Node delivers them), §7.1. */
export const InvokeHeader = {
  requestId: 'lambda-runtime-aws-request-id',
  deadline: 'lambda-runtime-deadline-ms',
  functionArn: 'lambda-runtime-invoked-function-arn',
  traceId: 'lambda-runtime-trace-id',
  clientContext: 'lambda-runtime-client-context',
  cognitoIdentity: 'lambda-runtime-cognito-identity',
  tenantId: 'lambda-runtime-aws-tenant-id',
} as const;

const PAUSED_MS = Symbol.for(PAUSED_MS_GLOBAL);
const globals = globalThis as unknown as Record<symbol, unknown>;

/** Total milliseconds this process has spent paused in a debugger, as the emulator last set it. */
function pausedMsNow(): number {
  const paused = globals[PAUSED_MS];
  return typeof paused === 'number' ? paused : 0;
}

/**
 * `deadline − now`, plus the time spent paused in a debugger since this invocation began. The
 * emulator keeps `PAUSED_MS_GLOBAL` as the process's lifetime total (bootstrapContract.ts), so each
 * invocation takes its own baseline when its context is built and counts only what comes after.
 */
function remainingTime(deadline: number): () => number {
  const baseline = pausedMsNow();
  return function getRemainingTimeInMillis() {
    return deadline - Date.now() + Math.round(pausedMsNow() - baseline);
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** RIC3 `_forwardXRay` / RIC4 `moveXRayHeaderToEnv`: set or delete per invocation (§3.3). */
export function forwardXRay(traceId: string | undefined): void {
  if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
  else delete process.env._X_AMZN_TRACE_ID;
}

/** RIC3 `_parseJson`: only an absent header is `undefined`; anything else must parse. */
function parseJsonRic3(value: string | undefined, name: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`Cannot parse ${name} as json: ${String(error)}`);
  }
}

/**
 * The RIC3 context: the callback part first (its own getters and functions), then the environment
 * data, then the header data — the `Object.assign` order of RIC3 `InvokeContext` (§3.2).
 * `callbackPart` must already hold `callbackWaitsForEmptyEventLoop` and, unless streaming,
 * `succeed`, `fail` and `done`. Throws a plain `Error` for an unparseable JSON header (§3.3).
 */
export function attachContextRic3<T extends object>(
  callbackPart: T,
  headers: IncomingHttpHeaders,
): T & Record<string, unknown> {
  forwardXRay(header(headers, InvokeHeader.traceId));
  const env = process.env;
  const deadline = Number(header(headers, InvokeHeader.deadline));
  return Object.assign(callbackPart, {
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseJsonRic3(header(headers, InvokeHeader.clientContext), 'ClientContext'),
    identity: parseJsonRic3(header(headers, InvokeHeader.cognitoIdentity), 'CognitoIdentity'),
    invokedFunctionArn: header(headers, InvokeHeader.functionArn),
    awsRequestId: header(headers, InvokeHeader.requestId),
    tenantId: header(headers, InvokeHeader.tenantId),
    getRemainingTimeInMillis: remainingTime(deadline),
  });
}

const REQUIRED_HEADERS = [
  InvokeHeader.functionArn,
  InvokeHeader.requestId,
  InvokeHeader.deadline,
] as const;

const REQUIRED_ENV = [
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
] as const;

/** The RIC4 context (`ContextBuilder.build`): header data, then environment data (§3.2). */
export interface ContextRic4 {
  /** Parsed `Lambda-Runtime-Client-Context`. */
  clientContext: unknown;
  /** Parsed `Lambda-Runtime-Cognito-Identity`. */
  identity: unknown;
  /** `Lambda-Runtime-Invoked-Function-Arn`. */
  invokedFunctionArn: string;
  /** `Lambda-Runtime-Aws-Request-Id`. */
  awsRequestId: string;
  /** `Lambda-Runtime-Aws-Tenant-Id`, when present. */
  tenantId: string | undefined;
  /** `Lambda-Runtime-Trace-Id`, when present (Node 24 only). */
  xRayTraceId: string | undefined;
  /** Milliseconds until the deadline, paused debugger time excluded. */
  getRemainingTimeInMillis(): number;
  /** `AWS_LAMBDA_FUNCTION_NAME`. */
  functionName: string;
  /** `AWS_LAMBDA_FUNCTION_VERSION`. */
  functionVersion: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, as a string. */
  memoryLimitInMB: string;
  /** `AWS_LAMBDA_LOG_GROUP_NAME`. */
  logGroupName: string;
  /** `AWS_LAMBDA_LOG_STREAM_NAME`. */
  logStreamName: string;
}

/**
 * Builds the RIC4 context; throws `Runtime.PlatformError` for missing environment, missing
 * headers, a bad deadline or an unparseable JSON header (§3.3).
 */
export function buildContextRic4(headers: IncomingHttpHeaders, errors: RuntimeErrors): ContextRic4 {
  const env = process.env;
  const missingEnv = REQUIRED_ENV.filter((name) => !env[name]);
  if (missingEnv.length > 0) {
    throw errors.platform(`Missing required environment variables: ${missingEnv.join(', ')}`);
  }
  const missing = REQUIRED_HEADERS.filter((name) => !(name in headers));
  if (missing.length > 0) {
    throw errors.platform(`Missing required headers: ${missing.join(', ')}`);
  }
  const deadline = parseInt(header(headers, InvokeHeader.deadline) ?? '', 10);
  if (isNaN(deadline)) throw errors.platform('Invalid deadline timestamp');
  const parse = (name: string): unknown => {
    const value = header(headers, name);
    if (!value) return undefined;
    try {
      return JSON.parse(value);
    } catch (error) {
      throw errors.platform(`Failed to parse ${name} as JSON: ${(error as Error).message}`);
    }
  };
  const context: ContextRic4 = {
    clientContext: parse(InvokeHeader.clientContext),
    identity: parse(InvokeHeader.cognitoIdentity),
    invokedFunctionArn: header(headers, InvokeHeader.functionArn) as string,
    awsRequestId: header(headers, InvokeHeader.requestId) as string,
    tenantId: header(headers, InvokeHeader.tenantId),
    xRayTraceId: header(headers, InvokeHeader.traceId),
    getRemainingTimeInMillis: remainingTime(deadline),
    functionName: env.AWS_LAMBDA_FUNCTION_NAME as string,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION as string,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE as string,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME as string,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME as string,
  };
  forwardXRay(context.xRayTraceId);
  return context;
}
