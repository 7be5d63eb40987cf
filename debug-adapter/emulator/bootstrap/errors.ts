/**
 * Runtime error types and the three ways an error is serialized: the Runtime API body
 * (`{errorType, errorMessage, trace}`), the `Invoke Error` log JSON and the X-Ray cause header.
 * Both runtime generations are reproduced byte for byte (lambda-runtime-spec.md §4.1, §4.5). Runs
 * inside the user's process: Node built-ins only.
 */
import { types } from 'node:util';
import type { Generation } from './env';

/** The body posted to `/invocation/{id}/error` and `/init/error` (spec §4.1). */
export interface RapidErrorBody {
  /** `error.name`, or `typeof value` for non-errors. */
  errorType: string;
  /** `error.message`, or the value converted to a string. */
  errorMessage: string;
  /** `error.stack` split on newlines; absent only in RIC3's "handled" fallback. */
  trace?: string[];
}

type ErrorClass = new (message?: unknown) => Error;

/**
 * Gives a class a fixed `name`, because `JSON` logs print `constructor.name` (spec §5.3) and our
 * production bundle is minified, which would otherwise rename the class.
 */
function named<T extends abstract new (...args: never[]) => unknown>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/**
 * RIC3 errors set `Runtime.<Class>` on the prototype, so the name is not an own property and does
 * not appear in the `Invoke Error` log JSON (oracle-ric-3.3.0 "bad handler name").
 */
function ric3Class(shortName: string): ErrorClass {
  const cls = named(
    class extends Error {
      constructor(message?: unknown) {
        // Like `new Error(value)`: RIC3 passes the original error and lets Error stringify it.
        super(message as string);
      }
    },
    shortName,
  );
  cls.prototype.name = `Runtime.${shortName}`;
  return cls;
}

/** RIC4 errors assign `this.name` in the constructor: an own, logged property (oracle 4.0.2). */
function ric4Class(className: string, errorName: string): ErrorClass {
  return named(
    class extends Error {
      constructor(message?: unknown) {
        super(message as string);
        this.name = errorName;
      }
    },
    className,
  );
}

const NODE_JS_EXIT_MESSAGE =
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes';

const Ric3 = {
  ImportModuleError: ric3Class('ImportModuleError'),
  HandlerNotFound: ric3Class('HandlerNotFound'),
  MalformedHandlerName: ric3Class('MalformedHandlerName'),
  UserCodeSyntaxError: ric3Class('UserCodeSyntaxError'),
  InvalidStreamingOperation: ric3Class('InvalidStreamingOperation'),
  PlatformError: ric3Class('PlatformError'),
  NodeJsExit: ric3Class('NodeJsExit'),
};

const Ric4 = {
  HandlerNotFound: ric4Class('HandlerNotFoundError', 'Runtime.HandlerNotFound'),
  MalformedHandlerName: ric4Class('MalformedHandlerNameError', 'Runtime.MalformedHandlerName'),
  ImportModuleError: ric4Class('ImportModuleError', 'Runtime.ImportModuleError'),
  UserCodeSyntaxError: ric4Class('UserCodeSyntaxError', 'Runtime.UserCodeSyntaxError'),
  InvalidStreamingOperation: ric4Class(
    'InvalidStreamingOperation',
    'Runtime.InvalidStreamingOperation',
  ),
  MalformedStreamingHandler: ric4Class(
    'MalformedStreamingHandler',
    'Runtime.MalformedStreamingHandler',
  ),
  JSONStringifyError: ric4Class('JSONStringifyError', 'Runtime.JSONStringifyError'),
  PlatformError: ric4Class('PlatformError', 'Runtime.PlatformError'),
  CallbackHandlerDeprecated: ric4Class(
    'CallbackHandlerDeprecatedError',
    'Runtime.CallbackHandlerDeprecated',
  ),
};

/** RIC3's `UnhandledPromiseRejection`: keeps `reason` and `promise`, both logged (spec §4.4). */
const UnhandledPromiseRejection = named(
  class extends Error {
    reason: unknown;
    promise: unknown;
    constructor(reason: unknown, promise: unknown) {
      // `new Error(reason)` stringifies the reason; a Symbol would throw, so convert it first.
      super((typeof reason === 'symbol' ? String(reason) : reason) as string);
      this.reason = reason;
      this.promise = promise;
    }
  },
  'UnhandledPromiseRejection',
);
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';

/** Creates the runtime errors of one generation, with that generation's names and shapes. */
export class RuntimeErrors {
  constructor(private readonly generation: Generation) {}

  /** `Runtime.HandlerNotFound` (spec §1.4). */
  handlerNotFound(message: string): Error {
    return this.generation === 'ric3'
      ? new Ric3.HandlerNotFound(message)
      : new Ric4.HandlerNotFound(message);
  }

  /** `Runtime.MalformedHandlerName` (spec §1.2). */
  malformedHandlerName(message: string): Error {
    return this.generation === 'ric3'
      ? new Ric3.MalformedHandlerName(message)
      : new Ric4.MalformedHandlerName(message);
  }

  /** `Runtime.ImportModuleError`, message `String(original)` (spec §1.5). */
  importModule(original: unknown): Error {
    return this.generation === 'ric3'
      ? new Ric3.ImportModuleError(original)
      : new Ric4.ImportModuleError(String(original));
  }

  /**
   * `Runtime.UserCodeSyntaxError`, message `String(original)`. RIC4 keeps the SyntaxError's stack
   * (with Node's source excerpt); RIC3 reports the wrapper's own stack (spec §1.5).
   */
  userCodeSyntax(original: Error): Error {
    if (this.generation === 'ric3') return new Ric3.UserCodeSyntaxError(original);
    const error = new Ric4.UserCodeSyntaxError(String(original));
    error.stack = original.stack;
    return error;
  }

  /** `Runtime.InvalidStreamingOperation` (spec §2.4). */
  invalidStreamingOperation(message: string): Error {
    return this.generation === 'ric3'
      ? new Ric3.InvalidStreamingOperation(message)
      : new Ric4.InvalidStreamingOperation(message);
  }

  /** `Runtime.PlatformError`: missing environment or malformed invoke headers (spec §1.1, §3.3). */
  platform(message: string): Error {
    return this.generation === 'ric3'
      ? new Ric3.PlatformError(message)
      : new Ric4.PlatformError(message);
  }

  /** RIC4 only: `Runtime.MalformedStreamingHandler` (spec §2.4). */
  malformedStreamingHandler(message: string): Error {
    return new Ric4.MalformedStreamingHandler(message);
  }

  /** RIC4 only: `Runtime.JSONStringifyError` (spec §2.3). */
  jsonStringify(): Error {
    return new Ric4.JSONStringifyError('Unable to stringify response body');
  }

  /** RIC4 only: `Runtime.CallbackHandlerDeprecated` (spec §1.7). */
  callbackHandlerDeprecated(message: string): Error {
    return new Ric4.CallbackHandlerDeprecated(message);
  }

  /** RIC3 only: `Runtime.NodeJsExit`, posted when the event loop drains under an async handler. */
  nodeJsExit(): Error {
    return new Ric3.NodeJsExit(NODE_JS_EXIT_MESSAGE);
  }

  /** RIC3 only: `Runtime.UnhandledPromiseRejection` (spec §4.4). */
  unhandledPromiseRejection(reason: unknown, promise: unknown): Error {
    return new UnhandledPromiseRejection(reason, promise);
  }

  /** The Runtime API body for `value` (spec §4.1). */
  toRapidResponse(value: unknown): RapidErrorBody {
    return this.generation === 'ric3' ? toRapidResponseRic3(value) : toRapidResponseRic4(value);
  }

  /** Wraps a non-error into an `Error` for logging only (spec §4.5). */
  intoError(value: unknown): Error {
    if (value instanceof Error) return value;
    if (this.generation === 'ric4' || typeof value === 'symbol') return new Error(String(value));
    // RIC3 uses `new Error(value)`: `undefined` gives an empty message, not "undefined".
    return new Error(value as string);
  }

  /** The `Lambda-Runtime-Function-XRay-Error-Cause` JSON, or '' when it cannot be built. */
  xrayCause(value: unknown): string {
    return this.generation === 'ric3' ? xrayCauseRic3(value) : xrayCauseRic4(value);
  }
}

const HANDLED_MESSAGE =
  'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack';

/** An object whose name, message and stack are non-empty strings counts as an error in RIC3. */
function isErrorLike(value: unknown): value is Error {
  if (!value || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const { name, message, stack } = value as Record<string, unknown>;
  return (
    !!name &&
    !!message &&
    !!stack &&
    typeof name === 'string' &&
    typeof message === 'string' &&
    typeof stack === 'string'
  );
}

/** RIC3 `Errors.toRapidResponse`: native errors or duck-typed errors, DEL → `%7F`. */
function toRapidResponseRic3(error: unknown): RapidErrorBody {
  try {
    if (types.isNativeError(error) || isErrorLike(error)) {
      const e = error as Error;
      return {
        errorType: e.name?.replaceAll('\x7F', '%7F'),
        errorMessage: e.message?.replaceAll('\x7F', '%7F'),
        trace: (e.stack as string).replaceAll('\x7F', '%7F').split('\n'),
      };
    }
    return {
      errorType: typeof error,
      errorMessage: (error as { toString(): string }).toString(),
      trace: [],
    };
  } catch {
    // Note: no `trace` key in this RIC3 fallback.
    return { errorType: 'handled', errorMessage: HANDLED_MESSAGE };
  }
}

/** RIC4 `formatError`: `instanceof Error` only, `String(value)` otherwise. */
function toRapidResponseRic4(error: unknown): RapidErrorBody {
  try {
    if (error instanceof Error) {
      return {
        errorType: error.name?.replaceAll('\x7F', '%7F'),
        errorMessage: error.message?.replaceAll('\x7F', '%7F'),
        trace: error.stack?.replaceAll('\x7F', '%7F').split('\n') || [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: HANDLED_MESSAGE, trace: [] };
  }
}

/**
 * The `Invoke Error` / `Uncaught Exception` log payload: a TAB, then JSON with `errorType`,
 * `errorMessage`, `code`, the error's own enumerable properties and `stack` as lines (spec §4.5).
 */
export function toFormatted(error: Error, errors: RuntimeErrors): string {
  try {
    return '\t' + JSON.stringify(error, (_key, value: unknown) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(errors.toRapidResponse(error));
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const result: Record<string, unknown> = Object.assign(
    {} as Record<string, unknown>,
    {
      errorType: value.name,
      errorMessage: value.message,
      code: (value as Error & { code?: unknown }).code,
    },
    value,
  );
  if (typeof value.stack === 'string') result.stack = value.stack.split('\n');
  return result;
}

interface XRayFrame {
  path: string;
  line: number;
  label: string;
}

/** RIC3 `XRayError.formatted`, including its quirks (`file` paths for `file://` frames). */
function xrayCauseRic3(value: unknown): string {
  try {
    const err = value as Error;
    const stack: XRayFrame[] = [];
    if (err.stack) {
      const lines = err.stack.split('\n');
      lines.shift();
      for (const stackLine of lines) {
        let line = stackLine.trim().replace(/\(|\)/g, '');
        line = line.substring(line.indexOf(' ') + 1);
        const label = line.lastIndexOf(' ') >= 0 ? line.slice(0, line.lastIndexOf(' ')) : null;
        const path = (!label ? line : line.slice(line.lastIndexOf(' ') + 1)).split(':');
        stack.push({ path: path[0], line: parseInt(path[1]), label: label || 'anonymous' });
      }
    }
    return JSON.stringify({
      working_directory: process.cwd(),
      exceptions: [{ type: err.name, message: err.message, stack }],
      paths: Array.from(new Set(stack.map((entry) => entry.path))),
    });
  } catch {
    return '';
  }
}

/** RIC4 `formatXRayError`: same shape, DEL → `%7F`, `anonymous` only when there is no label. */
function xrayCauseRic4(value: unknown): string {
  try {
    const err = value as Error;
    const stack: XRayFrame[] = [];
    if (err.stack) {
      const lines = err.stack.replaceAll('\x7F', '%7F').split('\n');
      lines.shift();
      for (const line of lines) {
        const trimmed = line
          .trim()
          .replace(/[()]/g, '')
          .replace(/^[^\s]*\s/, '');
        const space = trimmed.lastIndexOf(' ');
        const label = space >= 0 ? trimmed.slice(0, space) : 'anonymous';
        const path = (space >= 0 ? trimmed.slice(space + 1) : trimmed).split(':');
        stack.push({ path: path[0], line: parseInt(path[1]), label });
      }
    }
    return JSON.stringify({
      working_directory: process.cwd(),
      exceptions: [
        {
          type: err.name?.replaceAll('\x7F', '%7F'),
          message: err.message?.replaceAll('\x7F', '%7F'),
          stack,
        },
      ],
      paths: stack
        .map((entry) => entry.path)
        .filter((path, index, all) => all.indexOf(path) === index),
    });
  } catch {
    return '';
  }
}
