/**
 * Turns a `lambda` launch configuration into what the session runs: a validated FunctionInput, the
 * first event, and the debugging options. Every mistake becomes a UserError whose message names
 * the attribute and the fix (house-style.md principle 18); nothing here starts a process. May
 * import emulator/ (validation, handler strings), sam/, protocol/ and node:fs/path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, validateFunction } from '../emulator/functionConfig';
import { parseHandler } from '../emulator/handler/handlerString';
import { ErrorCode, type LambdaLaunchArguments } from '../protocol/dap';
import type { FunctionInput } from '../protocol/lambda';
import { formatDiagnostic } from '../sam/diagnostics';
import { loadTemplate, type TemplateFunction } from '../sam/template';
import { EnvFileError, parseEnvFile } from './envFile';

/** A mistake in the launch configuration: shown to the user as is. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** What a launch configuration resolves to. */
export interface LaunchPlan {
  /** The function, validated (defineFunction will accept it). */
  input: FunctionInput;
  /** JSON text of the first invocation's event; undefined to start without invoking. */
  event: string | undefined;
  /** Run with the inspector and the child debugger (not `noDebug`). */
  debug: boolean;
  /** Stop the timeout clock while paused. */
  pauseTimeout: boolean;
  /** Invoke API port; 0 for any free port. */
  invokeApiPort: number;
  /** The folder relative paths resolved against. */
  cwd: string;
  /** Things worth telling the user that do not stop the launch (template warnings). */
  warnings: string[];
}

const JS_EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const WHERE = 'in the launch configuration (launch.json)';

export function resolveLaunch(args: LambdaLaunchArguments, defaultCwd: string): LaunchPlan {
  const cwd = folderAttribute(args, 'cwd', defaultCwd, defaultCwd) ?? defaultCwd;
  const hasHandler = args.handler !== undefined;
  const hasTemplate = args.template !== undefined;
  if (!hasHandler && !hasTemplate) {
    throw new UserError(
      ErrorCode.MissingFunction,
      `Which function should run? Set "handler" (with "codeUri") or "template" (with "functionId") ${WHERE}.`,
    );
  }
  if (hasHandler && hasTemplate) {
    throw new UserError(
      ErrorCode.ConflictingFunction,
      `"handler" and "template" are both set ${WHERE}: keep "handler" (with "codeUri"), or "template" (with "functionId"), not both.`,
    );
  }
  if (hasTemplate && args.codeUri !== undefined) {
    throw new UserError(
      ErrorCode.ConflictingFunction,
      `"codeUri" is set with "template" ${WHERE}: the template's CodeUri applies. Remove "codeUri".`,
    );
  }
  const warnings: string[] = [];
  const fromTemplate = hasTemplate ? templateFunction(args, cwd, warnings) : undefined;
  const base: FunctionInput = fromTemplate?.input ?? handlerInput(args, cwd);

  const functionName = optional(args, 'functionName', 'string');
  const input: FunctionInput = {
    ...base,
    name: functionName ?? base.name,
    environment: environment(args, cwd, base.environment ?? {}),
  };
  for (const key of ['timeout', 'memorySize', 'runtime'] as const) {
    if (args[key] !== undefined) (input as unknown as Record<string, unknown>)[key] = args[key];
  }
  try {
    validateFunction(input, { region: 'us-east-1', accountId: '123456789012' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw invalidValue(error, args, fromTemplate);
  }

  const debug = !(optional(args, 'noDebug', 'boolean') ?? false);
  const pauseTimeout = optional(args, 'pauseTimeoutWhileDebugging', 'boolean') ?? true;
  const port = args.invokeApiPort ?? 0;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(
      ErrorCode.InvalidAttribute,
      `"invokeApiPort" must be a port number from 0 to 65535 (0 picks a free port); got ${show(port)}. Fix it ${WHERE}.`,
    );
  }
  return {
    input,
    event: firstEvent(args, cwd),
    debug,
    pauseTimeout,
    invokeApiPort: port,
    cwd,
    warnings,
  };
}

/** The event of a `lambda/invoke` request or of the launch, as JSON text. */
export function eventText(
  event: unknown,
  eventFile: unknown,
  cwd: string,
  where: string,
): string | undefined {
  if (event !== undefined && eventFile !== undefined) {
    throw new UserError(
      ErrorCode.EventInvalid,
      `"event" and "eventFile" are both set ${where}: keep one of them.`,
    );
  }
  if (event !== undefined) return JSON.stringify(event);
  if (eventFile === undefined) return undefined;
  if (typeof eventFile !== 'string' || eventFile === '') {
    throw new UserError(
      ErrorCode.InvalidAttribute,
      `"eventFile" must be the path of a JSON file; got ${show(eventFile)}. Fix it ${where}.`,
    );
  }
  const file = path.resolve(cwd, eventFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(
      ErrorCode.EventInvalid,
      `"eventFile" cannot be read: ${messageOf(error)}. Check the path ${where} (relative paths start at ${cwd}).`,
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UserError(
      ErrorCode.EventInvalid,
      `"eventFile" ${file} is not valid JSON (${messageOf(error)}). Fix the file, or give the event inline as "event".`,
    );
  }
  return text;
}

function firstEvent(args: LambdaLaunchArguments, cwd: string): string | undefined {
  return eventText(args.event, args.eventFile, cwd, WHERE);
}

function handlerInput(args: LambdaLaunchArguments, cwd: string): FunctionInput {
  const handler = args.handler;
  if (typeof handler !== 'string' || handler.trim() === '') {
    throw new UserError(
      ErrorCode.InvalidAttribute,
      `"handler" must be a string like "src/app.handler" (file.export, relative to "codeUri"); got ${show(handler)}. Fix it ${WHERE}.`,
    );
  }
  const codeUri = folderAttribute(args, 'codeUri', cwd, cwd) ?? cwd;
  const parts = parseHandler(handler);
  if ('error' in parts) {
    throw new UserError(
      ErrorCode.HandlerNotFound,
      `"handler" ${JSON.stringify(handler)} is not file.export (${parts.error}). Write it as "src/app.handler": the file without extension, a dot, the exported function.`,
    );
  }
  const base = path.resolve(codeUri, parts.moduleRoot, parts.moduleName);
  if (!JS_EXTENSIONS.some((extension) => fs.existsSync(base + extension))) {
    const relative = path.relative(codeUri, base) || parts.moduleName;
    throw new UserError(
      ErrorCode.HandlerNotFound,
      `"handler" ${JSON.stringify(handler)} names no file: there is no ${relative}.js, .mjs, .cjs or .ts in ${codeUri}. Fix "handler" (relative to "codeUri") or "codeUri" ${WHERE}.`,
    );
  }
  const name = parts.moduleName.replace(/[^a-zA-Z0-9-_]/g, '-').slice(0, 64) || 'function';
  return { name, handler, codeUri };
}

function templateFunction(
  args: LambdaLaunchArguments,
  cwd: string,
  warnings: string[],
): TemplateFunction {
  const template = args.template;
  if (typeof template !== 'string' || template === '') {
    throw new UserError(
      ErrorCode.InvalidAttribute,
      `"template" must be the path of a SAM or CloudFormation template; got ${show(template)}. Fix it ${WHERE}.`,
    );
  }
  const file = path.resolve(cwd, template);
  if (!fs.existsSync(file)) {
    throw new UserError(
      ErrorCode.TemplateInvalid,
      `"template" ${file} does not exist. Fix the path ${WHERE} (relative paths start at ${cwd}).`,
    );
  }
  const result = loadTemplate(file);
  if (result.errors.length > 0) {
    const shown = result.errors
      .slice(0, 3)
      .map((diagnostic) => formatDiagnostic(diagnostic, 'error'));
    const more = result.errors.length > 3 ? `\n…and ${result.errors.length - 3} more.` : '';
    throw new UserError(
      ErrorCode.TemplateInvalid,
      `"template" ${file} has errors; fix them to debug its functions:\n${shown.join('\n')}${more}`,
    );
  }
  warnings.push(...result.warnings.map((diagnostic) => formatDiagnostic(diagnostic, 'warning')));
  const ids = result.functions.map((fn) => fn.logicalId);
  const functionId = optional(args, 'functionId', 'string');
  if (functionId === undefined) {
    if (result.functions.length === 1) return result.functions[0]!;
    throw new UserError(
      ErrorCode.FunctionNotInTemplate,
      result.functions.length === 0
        ? `"template" ${file} defines no function (AWS::Serverless::Function or AWS::Lambda::Function).`
        : `"template" defines ${result.functions.length} functions: set "functionId" ${WHERE} to one of ${ids.join(', ')}.`,
    );
  }
  const found =
    result.functions.find((fn) => fn.logicalId === functionId) ??
    result.functions.find((fn) => fn.input.name === functionId);
  if (!found) {
    throw new UserError(
      ErrorCode.FunctionNotInTemplate,
      `"functionId" ${JSON.stringify(functionId)} is not a function of ${file}. Set it ${WHERE} to one of: ${ids.join(', ') || '(none)'}.`,
    );
  }
  return found;
}

/** Template (or nothing) < envFile < environment; a null in `environment` removes a variable. */
function environment(
  args: LambdaLaunchArguments,
  cwd: string,
  base: Record<string, string>,
): Record<string, string> {
  const env = { ...base };
  const envFile = optional(args, 'envFile', 'string');
  if (envFile !== undefined) {
    const file = path.resolve(cwd, envFile);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new UserError(
        ErrorCode.EnvFileInvalid,
        `"envFile" cannot be read: ${messageOf(error)}. Check the path ${WHERE} (relative paths start at ${cwd}).`,
      );
    }
    try {
      Object.assign(env, parseEnvFile(text));
    } catch (error) {
      if (!(error instanceof EnvFileError)) throw error;
      throw new UserError(
        ErrorCode.EnvFileInvalid,
        `"envFile" ${file}: ${error.message}. Write one KEY=value per line (# starts a comment).`,
      );
    }
  }
  const inline = args.environment;
  if (inline === undefined) return env;
  if (inline === null || typeof inline !== 'object' || Array.isArray(inline)) {
    throw new UserError(
      ErrorCode.InvalidAttribute,
      `"environment" must be an object of variable names to strings, like {"TABLE": "orders"}; got ${show(inline)}. Fix it ${WHERE}.`,
    );
  }
  for (const [key, value] of Object.entries(inline)) {
    if (value === null) delete env[key];
    else if (typeof value === 'string') env[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') env[key] = String(value);
    else {
      throw new UserError(
        ErrorCode.InvalidAttribute,
        `"environment.${key}" must be a string (or a number or boolean, or null to remove it); got ${show(value)}. Fix it ${WHERE}.`,
      );
    }
  }
  return env;
}

/** A value Lambda rejects, named as the user wrote it: a launch attribute or a template property. */
function invalidValue(
  error: ConfigError,
  args: LambdaLaunchArguments,
  fromTemplate: TemplateFunction | undefined,
): UserError {
  const attribute = error.field === 'name' ? 'functionName' : error.field;
  const top = attribute.split('.')[0]!;
  const viaEnvFile = top === 'environment' && args.envFile !== undefined;
  if (fromTemplate && args[top] === undefined && !viaEnvFile) {
    return new UserError(
      ErrorCode.InvalidValue,
      `${error.message} Fix function ${fromTemplate.logicalId} in the template, or override "${attribute}" ${WHERE}.`,
    );
  }
  const also = viaEnvFile ? ' (or "envFile")' : '';
  return new UserError(
    ErrorCode.InvalidValue,
    `${error.message} Fix "${attribute}"${also} ${WHERE}.`,
  );
}

/** A folder attribute (`cwd`, `codeUri`), resolved against `base`; undefined when absent. */
function folderAttribute(
  args: LambdaLaunchArguments,
  key: 'cwd' | 'codeUri',
  base: string,
  fallback: string,
): string | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new UserError(
      ErrorCode.InvalidAttribute,
      `"${key}" must be a folder path; got ${show(value)}. Fix it ${WHERE}.`,
    );
  }
  const folder = path.resolve(base, value);
  let isFolder = false;
  try {
    isFolder = fs.statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new UserError(
      ErrorCode.FolderNotFound,
      `"${key}" ${folder} is not a folder. Fix it ${WHERE}${key === 'codeUri' ? ` (relative paths start at ${fallback})` : ''}.`,
    );
  }
  return folder;
}

function optional<T extends 'string' | 'boolean'>(
  args: LambdaLaunchArguments,
  key: string,
  type: T,
): (T extends 'string' ? string : boolean) | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== type) {
    throw new UserError(
      ErrorCode.InvalidAttribute,
      `"${key}" must be ${type === 'string' ? 'a string' : 'true or false'}; got ${show(value)}. Fix it ${WHERE}.`,
    );
  }
  return value as T extends 'string' ? string : boolean;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}
