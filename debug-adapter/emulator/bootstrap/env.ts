/**
 * Reads the bootstrap's configuration from the environment and consumes the private variables, so
 * user code sees Lambda's environment only. Runs inside the user's process: Node built-ins and
 * protocol constants only.
 */

import { BootstrapEnv } from '../../protocol/bootstrapContract';

/**
 * Which aws-lambda-ric behaviour to reproduce. `ric3` = nodejs18.x/20.x/22.x, `ric4` = nodejs24.x
 * and later (lambda-runtime-spec.md §10 lists the differences).
 */
export type Generation = 'ric3' | 'ric4';

/** Everything the bootstrap reads from its environment once, at start-up. */
export interface BootstrapConfig {
  /** Which runtime client semantics to follow, derived from `AWS_EXECUTION_ENV`. */
  generation: Generation;
  /** `host:port` of the Runtime API (`AWS_LAMBDA_RUNTIME_API`). */
  runtimeApi: string | undefined;
  /** The handler string (`_HANDLER`), e.g. `src/index.handler`. */
  handler: string | undefined;
  /** The code root (`LAMBDA_TASK_ROOT`). */
  taskRoot: string | undefined;
  /** Telemetry log fd (`_LAMBDA_TELEMETRY_LOG_FD`), undefined when absent or invalid. */
  telemetryFd: number | undefined;
  /** Absolute path of a compiled module to load instead of resolving `_HANDLER`'s file. */
  moduleOverride: string | undefined;
  /** This instance's private directory standing in for `/tmp`. */
  tmpDir: string | undefined;
  /** Whether to wait for a debugger before loading user code. */
  waitForDebugger: boolean;
}

/** Prefix shared by every private emulator variable (bootstrapContract.ts `BootstrapEnv`). */
const PRIVATE_PREFIX = '_LAMBDA_WORKBENCH_';

/**
 * Reads the configuration and deletes `_LAMBDA_TELEMETRY_LOG_FD` and every `_LAMBDA_WORKBENCH_*`
 * variable from `env` (spec §5.2: the real runtime consumes the fd variable before user code runs).
 */
export function consumeBootstrapEnv(env: NodeJS.ProcessEnv): BootstrapConfig {
  const rawFd = env[BootstrapEnv.telemetryFd];
  // RIC4 `consumeTelemetryFd`: only a non-negative integer counts, and fd 0 means "absent".
  const fd = rawFd === undefined || rawFd === '' ? NaN : Number(rawFd);
  const config: BootstrapConfig = {
    generation: generationOf(env.AWS_EXECUTION_ENV),
    runtimeApi: env.AWS_LAMBDA_RUNTIME_API,
    handler: env._HANDLER,
    taskRoot: env.LAMBDA_TASK_ROOT,
    telemetryFd: Number.isInteger(fd) && fd > 0 ? fd : undefined,
    moduleOverride: nonEmpty(env[BootstrapEnv.moduleOverride]),
    tmpDir: nonEmpty(env[BootstrapEnv.tmpDir]),
    waitForDebugger: env[BootstrapEnv.waitForDebugger] === '1',
  };
  delete env[BootstrapEnv.telemetryFd];
  for (const key of Object.keys(env)) {
    if (key.startsWith(PRIVATE_PREFIX)) delete env[key];
  }
  return config;
}

/**
 * `AWS_Lambda_nodejs24.x` and later use RIC 4.x; everything else (18/20/22, or no value at all)
 * uses RIC 3.x (spec §10 table, "Runtime client" column).
 */
export function generationOf(executionEnv: string | undefined): Generation {
  const match = /nodejs(\d+)/.exec(executionEnv ?? '');
  return match && Number(match[1]) >= 24 ? 'ric4' : 'ric3';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
