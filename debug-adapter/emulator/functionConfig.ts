/**
 * Validates a function definition and applies Lambda's defaults. Every rejection names the field,
 * the value and what is allowed, so a user can fix it without reading our code.
 */
import * as path from 'node:path';
import {
  LIMITS,
  LOG_LEVELS,
  RESERVED_ENV,
  RUNTIMES,
  type FunctionConfig,
  type FunctionInput,
} from '../protocol/lambda';

/** A configuration value that Lambda would reject. */
export class ConfigError extends Error {
  constructor(
    /** The field at fault, e.g. `timeout`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const NAME_PATTERN = /^[a-zA-Z0-9-_]{1,64}$/;
const ENV_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]+$/;

function integerIn(
  field: string,
  value: unknown,
  range: { min: number; max: number },
  unit: string,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < range.min ||
    value > range.max
  ) {
    throw new ConfigError(
      field,
      `${field} must be a whole number of ${unit} from ${range.min} to ${range.max}; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export interface ConfigContext {
  region: string;
  accountId: string;
}

export function validateFunction(input: FunctionInput, context: ConfigContext): FunctionConfig {
  if (typeof input.name !== 'string' || !NAME_PATTERN.test(input.name)) {
    throw new ConfigError(
      'name',
      `name must be 1 to 64 letters, digits, hyphens or underscores; got ${JSON.stringify(input.name)}.`,
    );
  }
  if (
    typeof input.handler !== 'string' ||
    input.handler.length === 0 ||
    input.handler.length > 128
  ) {
    throw new ConfigError(
      'handler',
      `handler must be a string like "index.handler" (file.export, at most 128 characters); got ${JSON.stringify(input.handler)}.`,
    );
  }
  if (typeof input.codeUri !== 'string' || !path.isAbsolute(input.codeUri)) {
    throw new ConfigError(
      'codeUri',
      `codeUri must be an absolute folder path; got ${JSON.stringify(input.codeUri)}.`,
    );
  }
  const runtime = input.runtime ?? 'nodejs22.x';
  if (!(RUNTIMES as readonly string[]).includes(runtime)) {
    throw new ConfigError(
      'runtime',
      `runtime must be one of ${RUNTIMES.join(', ')}; got ${JSON.stringify(runtime)}.`,
    );
  }
  const timeout = integerIn(
    'timeout',
    input.timeout ?? LIMITS.timeout.default,
    LIMITS.timeout,
    'seconds',
  );
  const memorySize = integerIn(
    'memorySize',
    input.memorySize ?? LIMITS.memorySize.default,
    LIMITS.memorySize,
    'MB',
  );
  const ephemeralStorage = integerIn(
    'ephemeralStorage',
    input.ephemeralStorage ?? LIMITS.ephemeralStorage.default,
    LIMITS.ephemeralStorage,
    'MB',
  );
  const reservedConcurrency =
    input.reservedConcurrency === undefined
      ? undefined
      : integerIn(
          'reservedConcurrency',
          input.reservedConcurrency,
          LIMITS.reservedConcurrency,
          'instances',
        );
  const logFormat = input.logFormat ?? 'Text';
  if (logFormat !== 'Text' && logFormat !== 'JSON') {
    throw new ConfigError(
      'logFormat',
      `logFormat must be Text or JSON; got ${JSON.stringify(logFormat)}.`,
    );
  }
  let applicationLogLevel = input.applicationLogLevel;
  if (
    applicationLogLevel !== undefined &&
    !(LOG_LEVELS as readonly string[]).includes(applicationLogLevel)
  ) {
    throw new ConfigError(
      'applicationLogLevel',
      `applicationLogLevel must be one of ${LOG_LEVELS.join(', ')}; got ${JSON.stringify(applicationLogLevel)}.`,
    );
  }
  // Lambda applies a log level only with JSON logs, and defaults it to INFO there (spec §5.4).
  if (logFormat === 'JSON') applicationLogLevel ??= 'INFO';
  else applicationLogLevel = undefined;

  const environment: Record<string, string> = {};
  let environmentBytes = 0;
  for (const [key, value] of Object.entries(input.environment ?? {})) {
    if (!ENV_KEY_PATTERN.test(key)) {
      throw new ConfigError(
        `environment.${key}`,
        `environment variable names start with a letter and hold at least 2 letters, digits or underscores; got ${JSON.stringify(key)}.`,
      );
    }
    if (RESERVED_ENV.has(key)) {
      throw new ConfigError(
        `environment.${key}`,
        `${key} is reserved by Lambda and cannot be set on a function.`,
      );
    }
    if (typeof value !== 'string') {
      throw new ConfigError(
        `environment.${key}`,
        `environment.${key} must be a string; got ${JSON.stringify(value)}.`,
      );
    }
    environment[key] = value;
    environmentBytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (environmentBytes > LIMITS.environmentBytes) {
    throw new ConfigError(
      'environment',
      `environment variables total ${environmentBytes} bytes; Lambda allows at most ${LIMITS.environmentBytes}.`,
    );
  }
  const layers = (input.layers ?? []).map((layer, index) => {
    if (typeof layer !== 'string' || !path.isAbsolute(layer)) {
      throw new ConfigError(
        `layers[${index}]`,
        `layers[${index}] must be an absolute folder path; got ${JSON.stringify(layer)}.`,
      );
    }
    return layer;
  });
  const region = input.region ?? context.region;
  return {
    name: input.name,
    handler: input.handler,
    codeUri: path.resolve(input.codeUri),
    runtime,
    timeout,
    memorySize,
    environment,
    ephemeralStorage,
    reservedConcurrency,
    logFormat,
    applicationLogLevel,
    layers,
    region,
    arn: `arn:aws:lambda:${region}:${context.accountId}:function:${input.name}`,
  };
}
