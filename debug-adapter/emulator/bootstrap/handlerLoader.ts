/**
 * Turns `_HANDLER` into the user's function: validation, module-root split, each generation's file
 * resolution order, the property walk, and the load-time error mapping (lambda-runtime-spec.md
 * §1.2–§1.5, §2.4). Runs inside the user's process: Node built-ins only.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Generation } from './env';
import type { RuntimeErrors } from './errors';

// Captured when the bundle loads, before tmpRedirect.ts patches `fs`, so that our own lookups are
// never redirected (a task root may itself live under the real /tmp).
const { existsSync, readFileSync } = fs;

/**
 * CommonJS loading of user code. Equivalent to this bundle's own `require` (its `Require stack`
 * names the bootstrap, as RIC's names /var/runtime/index.mjs); named apart because it loads
 * handlers, not our dependencies.
 */
const requireUser = createRequire(__filename);

/** A user handler as the runtime calls it. */
export type UserHandler = (...args: unknown[]) => unknown;

/** The handler and what the runtime needs to know about it. */
export interface LoadedHandler {
  /** The resolved function. */
  handler: UserHandler;
  /** True for `awslambda.streamifyResponse` handlers. */
  streaming: boolean;
  /** `streamifyResponse`'s `highWaterMark` option, when numeric. */
  highWaterMark: number | undefined;
  /** The constructor is `AsyncFunction` (RIC3 uses it when the event loop drains). */
  isAsync: boolean;
  /** Declared parameter count (`fn.length`). */
  argsNum: number;
}

/** What {@link loadHandler} needs. */
export interface LoadOptions {
  /** Which RIC's resolution rules to follow. */
  generation: Generation;
  /** `LAMBDA_TASK_ROOT`. */
  taskRoot: string;
  /** `_HANDLER`. */
  handlerString: string;
  /** A compiled module to load instead of the handler's file (its property path still applies). */
  moduleOverride: string | undefined;
  /** Error factory of the generation. */
  errors: RuntimeErrors;
}

/** Symbols `awslambda.streamifyResponse` sets on a handler (RIC `UserFunction`). */
export const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
/** See {@link HANDLER_STREAMING}. */
export const HANDLER_HIGHWATERMARK = Symbol.for(
  'aws.lambda.runtime.handler.streaming.highWaterMark',
);
/** The only streaming mode Lambda supports. */
export const STREAM_RESPONSE = 'response';

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;

/**
 * A real dynamic `import()`: esbuild keeps `import(specifier)` untouched for a non-literal
 * specifier when bundling to CJS for node20 (checked with esbuild 0.28), and Node resolves it
 * against this CJS bundle, which supports dynamic import. A file URL keeps `#`, `%` and spaces in
 * paths working.
 */
function importFile(file: string): Promise<unknown> {
  return import(pathToFileURL(file).href);
}

/** Loads the module named by `_HANDLER` and resolves the exported function. */
export async function loadHandler(options: LoadOptions): Promise<LoadedHandler> {
  const { generation, handlerString, errors } = options;
  if (handlerString.includes('..')) {
    throw errors.malformedHandlerName(
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const handlerPart = basename(handlerString);
  let moduleRoot = handlerString.substring(0, handlerString.indexOf(handlerPart));
  const match = FUNCTION_EXPR.exec(handlerPart);
  if (!match) throw errors.malformedHandlerName('Bad handler');
  const [, moduleName, handlerPath] = match;
  if (generation === 'ric4') moduleRoot = moduleRoot.replace(/\/$/, '');

  const userModule = await loadModule(options, moduleRoot, moduleName);
  const handler =
    generation === 'ric3' ? walkRic3(userModule, handlerPath) : walkRic4(userModule, handlerPath);
  if (!handler) throw errors.handlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') {
    throw errors.handlerNotFound(`${handlerString} is not a function`);
  }
  return metadataOf(handler as UserHandler, generation, errors);
}

/** RIC3 `_resolveHandler`: plain property access at every step (§1.4). */
function walkRic3(root: unknown, handlerPath: string): unknown {
  return handlerPath
    .split('.')
    .reduce<unknown>((nested, key) => nested && (nested as Record<string, unknown>)[key], root);
}

/** RIC4 `resolveHandler`: walks objects only, then retries on `default` (§1.4). */
function walkRic4(root: unknown, handlerPath: string): unknown {
  const walk = (from: unknown) =>
    handlerPath
      .split('.')
      .reduce<unknown>(
        (nested, key) =>
          nested && typeof nested === 'object'
            ? (nested as Record<string, unknown>)[key]
            : undefined,
        from,
      );
  let found = walk(root);
  if (!found && typeof root === 'object' && root !== null && 'default' in root) {
    found = walk((root as { default: unknown }).default);
  }
  return found;
}

function metadataOf(
  handler: UserHandler,
  generation: Generation,
  errors: RuntimeErrors,
): LoadedHandler {
  const marked = handler as unknown as Record<symbol, unknown>;
  const mode = marked[HANDLER_STREAMING];
  let streaming = false;
  if (generation === 'ric3') {
    if (mode !== undefined && mode !== null && mode !== false) {
      if (mode !== STREAM_RESPONSE) {
        // RIC3 references MalformedStreamingHandler without importing it, so this path really
        // throws a ReferenceError (spec §2.4); reproduced as such.
        throw new ReferenceError('MalformedStreamingHandler is not defined');
      }
      streaming = true;
    }
  } else if (mode) {
    if (mode !== STREAM_RESPONSE) {
      throw errors.malformedStreamingHandler('Only response streaming is supported.');
    }
    streaming = true;
  }
  const rawMark = marked[HANDLER_HIGHWATERMARK];
  const highWaterMark = rawMark ? Number(rawMark) : NaN;
  let isAsync = false;
  try {
    isAsync = handler.constructor?.name === 'AsyncFunction';
  } catch {
    isAsync = false;
  }
  return {
    handler,
    streaming,
    highWaterMark: Number.isNaN(highWaterMark) ? undefined : highWaterMark,
    isAsync,
    argsNum: handler.length,
  };
}

/** Loads the module, mapping load failures to Lambda's error types (§1.5). */
async function loadModule(
  options: LoadOptions,
  moduleRoot: string,
  moduleName: string,
): Promise<unknown> {
  const { generation, taskRoot, moduleOverride, errors } = options;
  try {
    if (moduleOverride !== undefined) return await loadOverride(moduleOverride, generation);
    return generation === 'ric3'
      ? await tryRequireRic3(taskRoot, moduleRoot, moduleName)
      : await tryImportRic4(taskRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw errors.userCodeSyntax(error);
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' && (generation === 'ric3' || error instanceof Error)) {
      throw errors.importModule(error);
    }
    throw error;
  }
}

/**
 * The emulator's compiled TypeScript (`.cjs` or `.mjs`). It is loaded the way the generation would
 * load a file of that extension: RIC4 always imports; RIC3 requires CommonJS and imports ESM.
 */
async function loadOverride(file: string, generation: Generation): Promise<unknown> {
  if (generation === 'ric4') {
    if (!existsSync(file)) throw moduleNotFound(file);
    return importFile(file);
  }
  const extension = extname(file);
  const esm = extension === '.mjs' || (extension === '.js' && packageTypeIsModule(dirname(file)));
  return esm ? importFile(file) : requireUser(file);
}

function moduleNotFound(file: string): Error {
  return Object.assign(new Error(`Cannot find module '${file}'`), { code: 'MODULE_NOT_FOUND' });
}

/** RIC3 `_tryRequire`: see spec §1.3 for the order. */
async function tryRequireRic3(
  appRoot: string,
  moduleRoot: string,
  moduleName: string,
): Promise<unknown> {
  const base = resolve(appRoot, moduleRoot, moduleName);

  const extensionless = existsSync(base) ? requireUser(base) : undefined;
  if (extensionless) return extensionless;

  const esm = packageTypeIsModule(resolve(dirname(base)));
  if (!esm) {
    const loaded = existsSync(base + '.js') ? requireUser(base + '.js') : undefined;
    if (loaded) return loaded;
  }
  const loaded =
    (esm && existsSync(base + '.js') && (await importFile(base + '.js'))) ||
    (existsSync(base + '.mjs') && (await importFile(base + '.mjs'))) ||
    (existsSync(base + '.cjs') && requireUser(base + '.cjs'));
  if (loaded) return loaded;

  // Resolution starts from this bundle, not from the task root, hence the explicit paths.
  return requireUser(requireUser.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

/** RIC4 `loadModule`: `import()` of "", .js, .mjs, .cjs, then the require fallback (§1.3). */
async function tryImportRic4(
  appRoot: string,
  moduleRoot: string,
  moduleName: string,
): Promise<unknown> {
  const base = resolve(appRoot, moduleRoot, moduleName);
  for (const extension of ['', '.js', '.mjs', '.cjs']) {
    if (existsSync(base + extension)) {
      const loaded = await importFile(base + extension);
      if (loaded) return loaded;
    }
  }
  return requireUser(
    requireUser.resolve(moduleName, { paths: [appRoot, join(appRoot, moduleRoot)] }),
  );
}

/**
 * RIC3 `_hasFolderPackageJsonTypeModule`: the nearest package.json decides; the walk stops at a
 * `node_modules` directory or at `/`; an unreadable file is ignored with a warning.
 */
function packageTypeIsModule(folder: string): boolean {
  if (folder.endsWith('/node_modules')) return false;
  const pj = join(folder, '/package.json');
  if (existsSync(pj)) {
    try {
      const pkg = JSON.parse(readFileSync(pj, 'utf8')) as { type?: unknown } | null;
      if (pkg) return pkg.type === 'module';
    } catch (error) {
      console.warn(
        `${pj} cannot be read, it will be ignored for ES module detection purposes.`,
        error,
      );
      return false;
    }
  }
  if (folder === '/') return false;
  return packageTypeIsModule(resolve(folder, '..'));
}
