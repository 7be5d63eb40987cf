/**
 * Entry of `dist/runtime-bootstrap.js`, our pure-JS equivalent of aws-lambda-ric that runs inside
 * every function instance process: it consumes the private environment, installs `/tmp`, console
 * and `awslambda`, loads the handler and runs the invoke loop of the runtime generation named by
 * `AWS_EXECUTION_ENV` (lambda-runtime-spec.md §1–§7, §10). It may import only Node built-ins and
 * `debug-adapter/protocol/bootstrapContract.ts` (house-style.md principle 6).
 */
import { dirname } from 'node:path';
import { consumeBootstrapEnv, type BootstrapConfig } from './env';
import { RuntimeErrors } from './errors';
import { installGlobals } from './globals';
import { loadHandler, type LoadedHandler } from './handlerLoader';
import { patchConsole, type LogIds } from './logPatch';
import { RapidClient } from './rapidClient';
import {
  installProcessHandlers,
  RuntimeRic3,
  type ErrorCallbacks,
  type RuntimeDeps,
} from './runtimeRic3';
import { runRic4 } from './runtimeRic4';
import { redirectTmp } from './tmpRedirect';

const CALLBACK_WARNING =
  'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';
const CALLBACK_ERROR_NODEJS24 =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

async function main(): Promise<void> {
  const config = consumeBootstrapEnv(process.env);
  const { generation } = config;
  const errors = new RuntimeErrors(generation);
  if (config.runtimeApi === undefined) {
    // Nothing can be reported without a Runtime API; RIC4 throws the same PlatformError.
    throw errors.platform('AWS_LAMBDA_RUNTIME_API environment variable is not set');
  }

  if (config.tmpDir !== undefined) {
    // User code reads its own files; the task root and the compiled module may live under /tmp.
    const keep: string[] = [];
    if (config.taskRoot !== undefined) keep.push(config.taskRoot);
    if (config.moduleOverride !== undefined) keep.push(dirname(config.moduleOverride));
    redirectTmp(config.tmpDir, keep);
  }

  // RIC3 prints `undefined` before the first event, RIC4's invoke store `-` (spec §5.2).
  const ids: LogIds = { requestId: generation === 'ric3' ? undefined : '-', tenantId: undefined };
  let traceId: string | undefined;
  const store = installGlobals(generation, ids, () => traceId);
  const log = patchConsole({
    generation,
    format: process.env.AWS_LAMBDA_LOG_FORMAT,
    level: process.env.AWS_LAMBDA_LOG_LEVEL,
    fd: config.telemetryFd,
    ids,
    errors,
  });
  const client = new RapidClient(config.runtimeApi, log.bytesWritten);
  const deps: RuntimeDeps = { client, log, ids, errors };

  if (generation === 'ric3') {
    const errorCallbacks = installProcessHandlers(deps);
    const loaded = await initRic3(config, deps, errorCallbacks);
    new RuntimeRic3(deps, loaded, errorCallbacks).scheduleIteration();
    return;
  }

  let loaded: LoadedHandler;
  try {
    loaded = await loadUserCode(config, errors);
    // Node 24 refuses callback-style handlers at init (spec §1.7).
    if (loaded.argsNum >= 3 && !loaded.streaming) {
      throw errors.callbackHandlerDeprecated(CALLBACK_ERROR_NODEJS24);
    }
  } catch (error) {
    // RIC4 `createRuntime`: log `Init Error`, post, and rethrow, so Node prints the error to
    // stderr and exits with status 1 (oracle-ric-4.0.2 "missing module").
    log.logError('Init Error', error);
    await client.postInitError(errors.toRapidResponse(error));
    throw error;
  }
  await runRic4(
    {
      ...deps,
      store,
      setTraceId: (id) => {
        traceId = id;
      },
    },
    loaded,
  );
}

/**
 * RIC3 init: a load failure reaches the `uncaughtException` path (log `Uncaught Exception`, post
 * `/init/error`, exit 129), and callback handlers get the deprecation warning (spec §1.8, §2.1).
 */
async function initRic3(
  config: BootstrapConfig,
  deps: RuntimeDeps,
  errorCallbacks: ErrorCallbacks,
): Promise<LoadedHandler> {
  let loaded: LoadedHandler;
  try {
    loaded = await loadUserCode(config, deps.errors);
  } catch (error) {
    deps.log.logError('Uncaught Exception', error);
    errorCallbacks.uncaughtException(error);
    // The process exits once the init error is posted; the pending POST keeps it alive till then.
    return new Promise<never>(() => {});
  }
  if (
    process.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined &&
    loaded.argsNum === 3 &&
    !loaded.isAsync &&
    !loaded.streaming
  ) {
    console.warn(CALLBACK_WARNING);
  }
  return loaded;
}

/** Shared by both generations: environment checks, debugger wait, source maps, then the load. */
async function loadUserCode(
  config: BootstrapConfig,
  errors: RuntimeErrors,
): Promise<LoadedHandler> {
  if (config.handler === undefined) {
    throw errors.platform('_HANDLER environment variable is not set');
  }
  if (config.taskRoot === undefined) {
    throw errors.platform('LAMBDA_TASK_ROOT environment variable is not set');
  }
  if (config.waitForDebugger) waitForDebugger();
  if (config.moduleOverride !== undefined) {
    // The override is compiled TypeScript with a linked source map: traces should name .ts lines.
    process.setSourceMapsEnabled(true);
  }
  return loadHandler({
    generation: config.generation,
    taskRoot: config.taskRoot,
    handlerString: config.handler,
    moduleOverride: config.moduleOverride,
    errors,
  });
}

/**
 * Holds user code until a debugger has attached, so its first breakpoints bind (house-style.md
 * principle 5). Without an active inspector there is nothing to wait for.
 */
function waitForDebugger(): void {
  // Loaded lazily: the inspector module costs start-up time that most instances never need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('node:inspector') as typeof import('node:inspector');
  if (inspector.url()) inspector.waitForDebugger();
}

// Deliberately unhandled: RIC4 lets its init error escape, so Node reports it on stderr and exits
// with status 1 (oracle-ric-4.0.2 "missing module"); RIC3 only gets here without a Runtime API.
void main();
