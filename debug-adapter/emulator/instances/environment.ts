/**
 * The process environment of an instance: Lambda's variables (lambda-runtime-spec.md §6.1), the
 * function's own, and the host's AWS credentials and region when present. Nothing else of the
 * host's environment leaks in, except what a process needs to run at all on this OS.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BootstrapEnv } from '../../protocol/bootstrapContract';
import type { FunctionConfig } from '../../protocol/lambda';

/** Host variables passed through when present (configurable with `passHostCredentials`). */
const HOST_CREDENTIALS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** What a process needs on each OS to start at all; not Lambda's, so kept to the minimum. */
const HOST_ESSENTIALS =
  process.platform === 'win32'
    ? ['SYSTEMROOT', 'SystemRoot', 'WINDIR', 'COMSPEC', 'PATHEXT', 'TEMP', 'TMP']
    : [];

export interface EnvironmentOptions {
  /** Pass the host's AWS credentials and region through (default true). */
  passHostCredentials: boolean;
  /** The host environment to read credentials from. */
  hostEnv: NodeJS.ProcessEnv;
  /** Directory of the bootstrap (Lambda's `/var/runtime`). */
  runtimeDir: string;
}

/** The part of the environment shared by all instances of a function; computed once. */
export function functionEnvironment(
  config: FunctionConfig,
  options: EnvironmentOptions,
): Record<string, string> {
  const host = options.hostEnv;
  const env: Record<string, string> = {};
  for (const key of HOST_ESSENTIALS) if (host[key] !== undefined) env[key] = host[key]!;
  // Lambda's PATH points at /var/lang/bin; the host's lets handlers spawn tools that exist here.
  env.PATH = host.PATH ?? host.Path ?? '';
  env.LANG = 'en_US.UTF-8';
  env.TZ = process.platform === 'win32' ? 'UTC' : ':UTC';
  env.LAMBDA_TASK_ROOT = config.codeUri;
  env.LAMBDA_RUNTIME_DIR = options.runtimeDir;
  env._HANDLER = config.handler;
  env.AWS_EXECUTION_ENV = `AWS_Lambda_${config.runtime}`;
  env.AWS_LAMBDA_FUNCTION_NAME = config.name;
  env.AWS_LAMBDA_FUNCTION_VERSION = '$LATEST';
  env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = String(config.memorySize);
  env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  env.AWS_LAMBDA_LOG_GROUP_NAME = `/aws/lambda/${config.name}`;
  env.AWS_REGION = config.region;
  env.AWS_DEFAULT_REGION = config.region;
  env.AWS_XRAY_CONTEXT_MISSING = 'LOG_ERROR';
  // Layers resolve as /opt/nodejs/node_modules does on Lambda (spec §6.1 NODE_PATH).
  const nodePath = [
    ...config.layers.map((layer) => path.join(layer, 'nodejs', 'node_modules')),
    ...config.layers.map((layer) =>
      path.join(layer, 'nodejs', `node${config.runtime.slice(6, 8)}`, 'node_modules'),
    ),
    config.codeUri,
  ];
  env.NODE_PATH = nodePath.join(path.delimiter);
  if (config.logFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    if (config.applicationLogLevel) env.AWS_LAMBDA_LOG_LEVEL = config.applicationLogLevel;
  }
  if (options.passHostCredentials) {
    for (const key of HOST_CREDENTIALS) if (host[key]) env[key] = host[key]!;
  }
  Object.assign(env, config.environment);
  env[BootstrapEnv.telemetryFd] = '3';
  return env;
}

/** The variables specific to one instance. */
export function instanceEnvironment(
  base: Record<string, string>,
  instance: {
    runtimeApi: string;
    logStreamName: string;
    tmpDir: string;
    moduleOverride?: string;
    waitForDebugger?: boolean;
  },
): Record<string, string> {
  const env = { ...base };
  env.AWS_LAMBDA_RUNTIME_API = instance.runtimeApi;
  env.AWS_LAMBDA_LOG_STREAM_NAME = instance.logStreamName;
  env[BootstrapEnv.tmpDir] = instance.tmpDir;
  if (instance.moduleOverride) env[BootstrapEnv.moduleOverride] = instance.moduleOverride;
  if (instance.waitForDebugger) env[BootstrapEnv.waitForDebugger] = '1';
  return env;
}

/** V8 limits derived from the memory size, as Lambda's bootstrap does (spec §6.3). */
export function nodeMemoryFlags(memorySize: number, userNodeOptions: string | undefined): string[] {
  if (userNodeOptions && /--max-(old|semi)-space-size/.test(userNodeOptions)) return [];
  const newSpace = Math.floor(memorySize / 10);
  return [
    `--max-semi-space-size=${Math.max(1, Math.floor(newSpace / 2))}`,
    `--max-old-space-size=${memorySize - newSpace}`,
  ];
}

/**
 * Lambda turns off `require()` of ES modules on nodejs20.x and 22.x and module-syntax detection on
 * 22.x, unless the function's NODE_OPTIONS asks for them (spec §1.5). Without these flags a recent
 * Node would load ESM syntax from a CommonJS `.js` file that Lambda rejects at init.
 */
export function nodeRuntimeFlags(runtime: string, userNodeOptions: string | undefined): string[] {
  const flags: string[] = [];
  const wanted = (feature: string): boolean =>
    (userNodeOptions ?? '').includes(`--experimental-${feature}`);
  if ((runtime === 'nodejs20.x' || runtime === 'nodejs22.x') && !wanted('require-module')) {
    flags.push('--no-experimental-require-module');
  }
  if (runtime === 'nodejs22.x' && !wanted('detect-module'))
    flags.push('--no-experimental-detect-module');
  return flags;
}

const flagSupport = new Map<string, boolean>();

/**
 * Keeps the flags the given Node executable knows: an older Node rejects unknown flags (and lacks
 * those features anyway). The running Node answers from its own list; another executable is asked
 * once, by starting it with the flag.
 */
export function supportedNodeFlags(executable: string, flags: string[]): string[] {
  return flags.filter((flag) => {
    if (executable === process.execPath && !process.versions.electron) {
      return process.allowedNodeEnvironmentFlags.has(flag);
    }
    const key = `${executable}\0${flag}`;
    let known = flagSupport.get(key);
    if (known === undefined) {
      const probe = spawnSync(executable, [flag, '-e', '0'], {
        stdio: 'ignore',
        timeout: 10_000,
        env: {
          PATH: process.env.PATH ?? '',
          ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
        },
      });
      known = probe.status === 0;
      flagSupport.set(key, known);
    }
    return known;
  });
}

/**
 * The Node.js that runs instances by default: the one running the emulator, unless that is an
 * Electron host (VS Code's extension host), where the `node` on PATH is preferred and Electron is
 * the fallback, run as plain Node.
 */
export function defaultNodeExecutable(hostEnv: NodeJS.ProcessEnv): {
  command: string;
  env: Record<string, string>;
} {
  if (!process.versions.electron) return { command: process.execPath, env: {} };
  const names = process.platform === 'win32' ? ['node.exe'] : ['node'];
  for (const dir of (hostEnv.PATH ?? hostEnv.Path ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return { command: candidate, env: {} };
      } catch {
        // Not here.
      }
    }
  }
  return { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } };
}
