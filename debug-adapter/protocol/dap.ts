/**
 * The `lambda` debug type's wire protocol, declared once (house-style.md principle 4): the launch
 * configuration, the custom DAP events and requests between the adapter and the extension (or any
 * other DAP client), and the numbered error codes. Each message names its direction. The
 * extension's manifest (`contributes.debuggers[].configurationAttributes.launch`) is checked
 * against LambdaLaunchConfig, so the JSDoc of each field is the one source of its description.
 * Types and constants only; imports nothing but protocol types.
 */
import type {
  InstanceEvent,
  InvocationMetrics,
  InvocationStartedEvent,
  InvocationStatus,
  LambdaError,
  LogRecord,
  Runtime,
} from './lambda';

/** The debug type contributed by the extension and served by `dist/debug-adapter.js`. */
export const LAMBDA_DEBUG_TYPE = 'lambda';

/**
 * Launch attributes of a `lambda` configuration in launch.json. Give either `handler` (with
 * `codeUri`) or `template` (with `functionId`). Relative paths resolve against `cwd`.
 */
export interface LambdaLaunchConfig {
  /**
   * The handler, `file.export` relative to `codeUri`, as in the Lambda console (for example
   * `src/app.handler`). A `.ts` file is compiled with source maps. Use it with `codeUri`, or use
   * `template` and `functionId` instead.
   */
  handler?: string;
  /** The function's code folder, Lambda's `/var/task`. Default: `cwd`. */
  codeUri?: string;
  /**
   * A SAM or CloudFormation template (`template.yaml`) that defines the function. Use it with
   * `functionId`, instead of `handler` and `codeUri`.
   */
  template?: string;
  /**
   * The logical id (or `FunctionName`) of the function in `template`. May be left out when the
   * template defines only one function.
   */
  functionId?: string;
  /**
   * The name the function goes by in its ARN, its logs and the session's Invoke API. Default:
   * the template's `FunctionName` or logical id, else the handler's file name.
   */
  functionName?: string;
  /**
   * The event of the first invocation, as JSON (any JSON value). Leave out both `event` and
   * `eventFile` to start the session without invoking; invoke later from the Invoke command, the
   * log panel or the session's Invoke API.
   */
  event?: unknown;
  /** A JSON file holding the event of the first invocation, instead of `event`. */
  eventFile?: string;
  /** Timeout in whole seconds, 1-900. Default: the template's, else 3 (Lambda's default). */
  timeout?: number;
  /** Memory in MB, 128-10240. Default: the template's, else 128. */
  memorySize?: number;
  /** Node.js runtime to emulate. Default: the template's, else `nodejs22.x`. */
  runtime?: Runtime;
  /**
   * Environment variables of the function. They override `envFile` and the template's; a `null`
   * value removes a variable.
   */
  environment?: Record<string, string | number | boolean | null>;
  /** A dotenv file (`KEY=value` lines) of environment variables, applied before `environment`. */
  envFile?: string;
  /**
   * Stop the timeout clock while the debugger holds the function paused, so a breakpoint never
   * makes it time out; `context.getRemainingTimeInMillis()` leaves paused time out too. Set
   * `false` to let the wall clock rule, as on AWS. Default: `true`.
   */
  pauseTimeoutWhileDebugging?: boolean;
  /**
   * Run without the debugger (what Run Without Debugging, Ctrl+F5, sets): no inspector, full
   * speed, the timeout on the wall clock. Default: `false`.
   */
  noDebug?: boolean;
  /**
   * Port of the session's Invoke API on 127.0.0.1, for an SDK or the AWS CLI with an endpoint
   * override. Default: `0`, any free port (announced in the Debug Console).
   */
  invokeApiPort?: number;
  /** The folder that relative paths resolve against. Default: the workspace folder. */
  cwd?: string;
}

/** The launch request's arguments as they arrive: the configuration plus what VS Code adds. */
export interface LambdaLaunchArguments extends LambdaLaunchConfig {
  /** Set by VS Code when it restarts the session. */
  __restart?: unknown;
  /** VS Code's own fields (`type`, `request`, `name`, `__sessionId`…), ignored by the adapter. */
  [key: string]: unknown;
}

/** The js-debug (`pwa-node`) attach configuration the extension starts for one instance process. */
export interface PwaNodeAttachConfig {
  type: 'pwa-node';
  request: 'attach';
  /** Shown as the child session's name in the Call Stack view. */
  name: string;
  /** Always `127.0.0.1`: the inspector never listens beyond this machine. */
  address: string;
  /** The instance process's inspector port. */
  port: number;
  /** The exact inspector WebSocket address, so js-debug skips target discovery. */
  websocketAddress: string;
  /** js-debug releases the process (`Runtime.runIfWaitingForDebugger`) once breakpoints are set. */
  continueOnAttach: true;
  /** Our instance processes have no children to follow. */
  attachExistingChildren: false;
  /** Node's internals stay out of stepping. */
  skipFiles: string[];
  sourceMaps: true;
  /**
   * Where js-debug may use source maps: the workspace, the code folder, and the compiled
   * TypeScript cache under `node_modules/.cache/lambda-workbench`, which the usual
   * `!**\/node_modules/**` would exclude.
   */
  resolveSourceMapLocations: string[];
  /** Compiled files js-debug may scan ahead, so `.ts` breakpoints bind before the code runs. */
  outFiles: string[];
  /** The function's code folder. */
  cwd: string;
  /** `console`: js-debug shows console API calls only (see docs/debugging.md, "Debug Console"). */
  outputCapture: 'console';
  /** Lets the extension tell the adapter when this child session ends (`lambda/debuggerDetached`). */
  __lambdaInstanceId: string;
}

// ---- Events: adapter -> client --------------------------------------------------------------

/**
 * `lambda/attachRequested` (adapter -> extension): an instance process has started with its
 * inspector and waits, before loading the handler's module, for a debugger. The extension starts
 * `attachConfig` with `vscode.debug.startDebugging(folder, attachConfig, { parentSession })`.
 * (A DAP `startDebugging` reverse request cannot do this: VS Code forces the parent's debug type
 * on it, so it could never start `pwa-node`.)
 */
export interface AttachRequestedEvent {
  instanceId: string;
  functionName: string;
  /** The instance's current process. */
  pid: number | undefined;
  inspectorPort: number;
  /** `ws://127.0.0.1:PORT/UUID`. */
  inspectorUrl: string;
  attachConfig: PwaNodeAttachConfig;
}

/** `lambda/invocationStarted` (adapter -> client): an invocation was handed to an instance. */
export type InvocationStartedEventBody = InvocationStartedEvent;

/** `lambda/log` (adapter -> client): one log record, as printed (handler, raw output or platform). */
export type LogEventBody = LogRecord;

/**
 * What an invocation produced, without its log records (they came as `lambda/log` events). The
 * body of `lambda/invocationEnded` and of the `lambda/invoke` response.
 */
export interface InvocationSummary {
  requestId: string;
  functionName: string;
  instanceId: string;
  status: InvocationStatus;
  cold: boolean;
  /** The response (or error) body as text, exactly as a synchronous caller receives it. */
  payload: string;
  contentType: string;
  /** The error, when the function failed (`X-Amz-Function-Error: Unhandled`). */
  error: LambdaError | undefined;
  /** Duration (running time only while debugging with a paused clock), billed duration, memory. */
  metrics: InvocationMetrics;
  /** Epoch milliseconds. */
  startTime: number;
  endTime: number;
  /** Log records left out of the invocation's own buffer (they were still streamed). */
  droppedLogRecords: number;
}

/** `lambda/invocationEnded` (adapter -> client): an invocation ended, with its metrics. */
export type InvocationEndedEventBody = InvocationSummary;

/** `lambda/instanceStarted` and `lambda/instanceStopped` (adapter -> client): instance lifecycle. */
export type InstanceEventBody = InstanceEvent;

/** `lambda/endpoint` (adapter -> client): the session's Invoke API is listening. */
export interface EndpointEventBody {
  /** `http://127.0.0.1:PORT`: the endpoint override for an SDK or `aws lambda invoke --endpoint-url`. */
  url: string;
  port: number;
  /** The function name to invoke there. */
  functionName: string;
}

/** Every custom event, by name: `onDidReceiveDebugSessionCustomEvent` narrows on `event`. */
export interface LambdaEvents {
  'lambda/attachRequested': AttachRequestedEvent;
  'lambda/invocationStarted': InvocationStartedEventBody;
  'lambda/log': LogEventBody;
  'lambda/invocationEnded': InvocationEndedEventBody;
  'lambda/instanceStarted': InstanceEventBody;
  'lambda/instanceStopped': InstanceEventBody;
  'lambda/endpoint': EndpointEventBody;
}

export type LambdaEventName = keyof LambdaEvents;

// ---- Requests: client -> adapter ------------------------------------------------------------

/**
 * `lambda/invoke` (client -> adapter): run one invocation of the session's function and answer,
 * once it has ended, with its InvocationSummary. Handler failures are a successful response with
 * `status` and `error` set; only refusals (no such function, throttled, payload too large) are
 * error responses.
 */
export interface InvokeRequestArguments {
  /** Default: the session's function. */
  functionName?: string;
  /** The event (any JSON value). Default `{}` unless `eventFile` is given. */
  event?: unknown;
  /** A JSON file holding the event, instead of `event`. Relative to the launch's `cwd`. */
  eventFile?: string;
}

export type InvokeResponseBody = InvocationSummary;

/**
 * `lambda/debuggerDetached` (extension -> adapter): the child session started from
 * `lambda/attachRequested` has ended. If it left the instance paused (or never released it), the
 * adapter lets it run, because V8 would otherwise stay paused for the observer's sake.
 */
export interface DebuggerDetachedArguments {
  /** `attachConfig.__lambdaInstanceId`. */
  instanceId: string;
  /** `attachConfig.port`, so a late notice about an earlier process of the instance is ignored. */
  inspectorPort?: number;
}

export interface DebuggerDetachedResponseBody {
  /** True when an instance process was released. */
  released: boolean;
}

/** Every custom request, by command: arguments and response body. */
export interface LambdaRequests {
  'lambda/invoke': { arguments: InvokeRequestArguments; body: InvokeResponseBody };
  'lambda/debuggerDetached': {
    arguments: DebuggerDetachedArguments;
    body: DebuggerDetachedResponseBody;
  };
}

export type LambdaRequestName = keyof LambdaRequests;

// ---- Errors ---------------------------------------------------------------------------------

/**
 * Numbered error responses (`body.error.id`). 1xxx are user mistakes (`showUser` is set and the
 * message names the attribute and the fix); 2xxx are refusals of a custom request; 9xxx our bugs.
 */
export enum ErrorCode {
  /** Neither `handler` nor `template` is set. */
  MissingFunction = 1001,
  /** Both `handler` and `template` are set. */
  ConflictingFunction = 1002,
  /** An attribute has the wrong type (a string where a number belongs…). */
  InvalidAttribute = 1003,
  /** `handler` is malformed or names no file under `codeUri`. */
  HandlerNotFound = 1004,
  /** `codeUri` or `cwd` is not a folder. */
  FolderNotFound = 1005,
  /** `template` cannot be read or has errors. */
  TemplateInvalid = 1006,
  /** `functionId` names no function of `template` (or is needed to choose one). */
  FunctionNotInTemplate = 1007,
  /** `event` and `eventFile` are both set, or `eventFile` is missing or not JSON. */
  EventInvalid = 1008,
  /** `envFile` cannot be read or has a malformed line. */
  EnvFileInvalid = 1009,
  /** A value Lambda itself would reject (`timeout`, `memorySize`, `runtime`, `environment`…). */
  InvalidValue = 1010,
  /** `invokeApiPort` is taken. */
  PortInUse = 1011,
  /** A custom request came before `launch` succeeded. */
  NotLaunched = 2001,
  /** `lambda/invoke` was refused: no such function, throttled, or the payload is too large. */
  InvokeRefused = 2002,
  /** A request this session does not serve (`attach`, `evaluate`…); the message says where to go. */
  NotSupported = 2003,
  /** A bug in the adapter; the message carries the error. */
  Internal = 9001,
}
