/**
 * Finds the functions a CLI command runs: those of a SAM template (with parameter and env-vars
 * overrides), or one function described by flags (`--handler`). Template problems are printed
 * with file, line and property, and stop the command with a configuration error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionInput } from '../protocol/lambda';
import { formatDiagnostic } from '../sam/diagnostics';
import { loadTemplate, type TemplateFunction } from '../sam/template';
import { UsageError } from './usage';

/** A configuration problem (bad template, bad env-vars file); exits with status 2. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export interface TemplateFlags {
  template?: string;
  envVars?: string;
  parameterOverrides: Record<string, string>;
  region?: string;
}

/** The template to read: the flag, else template.yaml / template.yml / template.json here. */
export function findTemplate(flag: string | undefined, cwd = process.cwd()): string {
  if (flag) {
    const file = path.resolve(cwd, flag);
    if (!fs.existsSync(file)) throw new UsageError(`--template: no such file '${flag}'`);
    return file;
  }
  for (const name of ['template.yaml', 'template.yml', 'template.json']) {
    const file = path.join(cwd, name);
    if (fs.existsSync(file)) return file;
  }
  throw new UsageError(
    'no template.yaml here: pass --template <file>, or --handler <file.export> to run without one',
  );
}

/** Reads a template's functions; warnings go to `warn`, errors become a ConfigurationError. */
export function templateFunctions(
  file: string,
  flags: TemplateFlags,
  warn: (line: string) => void,
): TemplateFunction[] {
  const result = loadTemplate(file, {
    parameterOverrides: flags.parameterOverrides,
    envVars: flags.envVars ? path.resolve(flags.envVars) : undefined,
    region: flags.region,
  });
  for (const warning of result.warnings) warn(formatDiagnostic(warning, 'warning'));
  if (result.errors.length > 0) {
    throw new ConfigurationError(
      result.errors.map((error) => formatDiagnostic(error, 'error')).join('\n'),
    );
  }
  return result.functions;
}

/** Picks the function a logical id (or function name) names; with none given, the only one. */
export function pickFunction(
  functions: TemplateFunction[],
  id: string | undefined,
  file: string,
): FunctionInput {
  const names = functions.map((fn) => fn.logicalId);
  if (id === undefined) {
    if (functions.length === 1) return functions[0]!.input;
    throw new UsageError(
      functions.length === 0
        ? `${file} defines no function`
        : `name the function to invoke: one of ${names.join(', ')}`,
    );
  }
  const found = functions.find((fn) => fn.logicalId === id || fn.input.name === id);
  if (!found)
    throw new UsageError(
      `no function '${id}' in ${file}; the template has ${names.join(', ') || 'none'}`,
    );
  return found.input;
}
