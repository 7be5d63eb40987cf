/**
 * The emulator's public data model: function configuration, invocation results, log records and
 * lifecycle events. Shared by the emulator, the CLI, the Invoke API, the debug adapter and (as types)
 * the extension and the log panel. Imports nothing.
 */

/** Node.js runtimes the emulator can run. */
export const RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type ApplicationLogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'Text' | 'JSON';

/** A function definition as the user gives it; omitted fields take Lambda's defaults. */
export interface FunctionInput {
  /** Function name (1-64 letters, digits, hyphens and underscores). */
  name: string;
  /** Handler string, `file.export` relative to `codeUri` (e.g. `src/app.handler`). */
  handler: string;
  /** Absolute path of the code root (Lambda's `/var/task`). */
  codeUri: string;
  /** Node.js runtime; default `nodejs22.x`. */
  runtime?: Runtime;
  /** Timeout in whole seconds, 1-900; default 3. */
  timeout?: number;
  /** Memory in MB, 128-10240; default 128. */
  memorySize?: number;
  /** The function's own environment variables. */
  environment?: Record<string, string>;
  /** Size of `/tmp` in MB, 512-10240; default 512. */
  ephemeralStorage?: number;
  /** Reserved concurrency (0-1000); absent means unreserved (the account limit applies). */
  reservedConcurrency?: number;
  /** Log format; default `Text`. */
  logFormat?: LogFormat;
  /** Application log level (only applied with JSON logs, as on Lambda); default `INFO` there. */
  applicationLogLevel?: ApplicationLogLevel;
  /** Layer folders whose `nodejs/node_modules` resolve as `/opt/nodejs/node_modules` does. */
  layers?: string[];
  /** AWS region reported to the function; default the emulator's region. */
  region?: string;
}

/** A validated function configuration with every default applied. */
export interface FunctionConfig extends Required<
  Omit<FunctionInput, 'reservedConcurrency' | 'applicationLogLevel' | 'region'>
> {
  /** Reserved concurrency, or undefined when unreserved. */
  reservedConcurrency: number | undefined;
  /** Application log level, or undefined when the variable is not set (Text format). */
  applicationLogLevel: ApplicationLogLevel | undefined;
  /** AWS region of the function. */
  region: string;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`. */
  arn: string;
}

/** The error body a runtime posts (`{errorType, errorMessage, trace}`) or the platform generates. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** Where a log record came from. */
export type LogSource =
  /** A console call in the handler, formatted by the runtime (one record per call). */
  | 'function'
  /** Raw bytes the process wrote to stdout or stderr outside the console patch, one record per line. */
  | 'stdout'
  | 'stderr'
  /** A line the platform writes: INIT_START, START, END, REPORT, INIT_REPORT, timeouts, exits. */
  | 'platform';

/** One log record: what CloudWatch would store as one event. */
export interface LogRecord {
  /** Epoch milliseconds when the record was produced. */
  time: number;
  /** Function name. */
  functionName: string;
  /** Execution environment (instance) id. */
  instanceId: string;
  /** Request id of the invocation the record belongs to; undefined during init or between invocations. */
  requestId: string | undefined;
  source: LogSource;
  /** Level for console records (from the runtime's frame) and platform records; undefined for raw output. */
  level: ApplicationLogLevel | undefined;
  /** The record text exactly as Lambda would store it, without a trailing newline; may hold newlines. */
  text: string;
}

/** Metrics of one invocation, as the REPORT line gives them. */
export interface InvocationMetrics {
  /** Duration in milliseconds (running time only when the clock is pause-aware). */
  durationMs: number;
  /** Billed duration, whole milliseconds (ceil of duration plus init duration on a cold start). */
  billedDurationMs: number;
  memorySizeMB: number;
  /** Peak memory of the instance process so far, in MB. */
  maxMemoryUsedMB: number;
  /** Init duration on a cold start. */
  initDurationMs?: number;
}

export type InvocationStatus = 'success' | 'error' | 'timeout';

/** What an invocation produced. Handler failures are data here, never exceptions. */
export interface InvocationResult {
  requestId: string;
  functionName: string;
  /** `$LATEST`. */
  version: string;
  /** The response body (or error body) bytes exactly as a synchronous caller would receive them. */
  payload: Buffer;
  /** Content type of the payload. */
  contentType: string;
  /** Set to `Unhandled` when the function failed (the `X-Amz-Function-Error` header). */
  functionError: 'Unhandled' | undefined;
  /** The parsed error when `functionError` is set. */
  error: LambdaError | undefined;
  /** `timeout` and platform errors also mark the REPORT line with a status. */
  status: InvocationStatus;
  /** Error type shown on the REPORT line (`Status: error\tError Type: ...`), for platform-level failures. */
  reportErrorType: string | undefined;
  metrics: InvocationMetrics;
  /** The id of the instance that ran it. */
  instanceId: string;
  /** Whether this invocation started a new instance (or re-initialised one after a fault). */
  cold: boolean;
  /** Log records of this invocation (START..REPORT), capped; `droppedLogRecords` counts the rest. */
  logs: LogRecord[];
  droppedLogRecords: number;
  /** Epoch milliseconds when the invocation started and ended. */
  startTime: number;
  endTime: number;
}

/** Options of one invocation. */
export interface InvokeOptions {
  /** Request id to use; default a fresh UUID. */
  requestId?: string;
  /** The decoded client context JSON text (Invoke API callers send it base64). */
  clientContext?: string;
  /** Cognito identity JSON text. */
  cognitoIdentity?: string;
  /** X-Ray trace header; default a generated one. */
  traceId?: string;
  /** Qualifier used by the caller (`$LATEST`), reflected in the invoked ARN. */
  qualifier?: string;
  /** Tenant id for multi-tenant invokes. */
  tenantId?: string;
  /** Receives a streaming handler's response (awslambda.streamifyResponse) as it is written. */
  responseStream?: ResponseStreamSink;
  /** Aborts the invocation (the instance is stopped, as on a timeout). */
  signal?: AbortSignal;
}

/** Receives a streamed response. */
export interface ResponseStreamSink {
  /** Called once, before the first chunk, with the stream's content type. */
  start(contentType: string): void;
  write(chunk: Buffer): void;
  /** Called once at the end; `error` when the stream failed mid-way. */
  end(error?: LambdaError): void;
}

/** Why a call was refused before reaching a function (the Invoke API maps these to HTTP errors). */
export type EmulatorErrorCode =
  | 'ResourceNotFoundException'
  | 'TooManyRequestsException'
  | 'InvalidParameterValueException'
  | 'RequestEntityTooLargeException';

/** Lifecycle events of instances. */
export interface InstanceEvent {
  functionName: string;
  instanceId: string;
  /** Process id of the instance's current process. */
  pid: number | undefined;
  /** Inspector WebSocket URL when the instance runs with the inspector. */
  inspectorUrl?: string;
  /** Why the instance stopped (for `instanceStopped`). */
  reason?: 'idle' | 'recycled' | 'fault' | 'disposed' | 'initError';
}

/** An invocation has been handed to an instance. */
export interface InvocationStartedEvent {
  requestId: string;
  functionName: string;
  instanceId: string;
  cold: boolean;
  startTime: number;
  /** The event payload as sent. */
  payload: string;
}

/** Resource limits of Lambda (lambda-runtime-spec.md §9.3). */
export const LIMITS = {
  timeout: { min: 1, max: 900, default: 3 },
  memorySize: { min: 128, max: 10240, default: 128 },
  ephemeralStorage: { min: 512, max: 10240, default: 512 },
  reservedConcurrency: { min: 0, max: 1000 },
  /** Synchronous request and response payloads. */
  syncPayloadBytes: 6 * 1024 * 1024,
  /** The Runtime API accepts up to 6 MiB + 100 bytes from the runtime. */
  runtimeResponseBytes: 6291556,
  asyncPayloadBytes: 1024 * 1024,
  environmentBytes: 4096,
  logTailBytes: 4096,
} as const;

/** Variables Lambda sets itself and refuses in a function's configuration (spec §6.2). */
export const RESERVED_ENV: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);
