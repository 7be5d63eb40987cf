/**
 * Environment overrides in SAM CLI's `--env-vars` format:
 * `{ "Parameters": {"VAR": "v"}, "<LogicalId or FunctionName>": {"VAR": "v"} }`. Parameters apply to
 * every function and a function's own entry wins. Unlike SAM CLI, an override may add a variable
 * the template does not declare. Pure: reading the file is the caller's job; no vscode.
 */
import { FILE_START, show } from './diagnostics';
import { findJsonError } from './jsonError';
import type { DiagnosticSink, Located, SourceRange } from './diagnostics';
import { entry, parseTemplateText } from './templateTree';
import type { TemplateNode } from './templateTree';

/** A value as the env-vars JSON may give it; SAM CLI turns numbers and booleans into strings. */
export type EnvVarValue = string | number | boolean | null;

/** The content of an env-vars file: section (`Parameters`, logical id or function name) → vars. */
export type EnvVarsFile = Record<string, Record<string, EnvVarValue>>;

/** An env-vars file's text and name, for diagnostics with positions. */
export interface EnvVarsSource {
  /** The file name diagnostics carry. */
  file: string;
  /** The JSON text. */
  text: string;
}

/** One section of the file, converted and with positions. */
export interface EnvVarsSection {
  /** Where the section's key is, for "matches no function" warnings. */
  at: Located;
  /** Variable name → string value. */
  vars: Map<string, string>;
  /** Variable name → where its value is written. */
  varsAt: Map<string, Located>;
}

/** A validated env-vars file. */
export interface EnvOverrides {
  /** The file name (or `env-vars` for an object given in code). */
  file: string;
  /** Sections by key; `Parameters` applies to every function. */
  sections: Map<string, EnvVarsSection>;
}

/** The name SAM CLI gives the section that applies to every function. */
export const GLOBAL_SECTION = 'Parameters';

/**
 * Validates an env-vars file (text or object). Problems become diagnostics in `sink` under the
 * env-vars file's name; returns undefined when the file cannot be used at all.
 */
export function readEnvVars(
  input: EnvVarsFile | EnvVarsSource,
  sink: DiagnosticSink,
): EnvOverrides | undefined {
  const source = isSource(input) ? input : undefined;
  const file = source?.file ?? 'env-vars';
  let data: unknown = input;
  let positions: TemplateNode | undefined;
  if (source) {
    const text = source.text.replace(/^\uFEFF/, '');
    try {
      data = JSON.parse(text);
    } catch (error) {
      // V8's messages differ between Node versions and some carry no position, so the scanner
      // finds the place and words the message itself.
      const found = findJsonError(text) ?? {
        offset: 0,
        message: error instanceof Error ? error.message : String(error),
      };
      const range = rangeAt(text, found.offset);
      sink.error({ range, path: '' }, `Invalid JSON: ${found.message}.`, file);
      return undefined;
    }
    // The JSON is valid, so YAML reads it too; its tree only supplies line and column.
    positions = parseTemplateText(text, file).root;
  }
  const rootAt: Located = { range: positions?.range ?? FILE_START, path: '' };
  if (!isObject(data)) {
    sink.error(
      rootAt,
      'The env-vars file must hold a JSON object such as ' +
        '{"Parameters": {"VAR": "value"}, "HelloFunction": {"VAR": "value"}}.',
      file,
    );
    return undefined;
  }
  const sections = new Map<string, EnvVarsSection>();
  for (const [key, vars] of Object.entries(data)) {
    const keyEntry = entry(positions, key);
    const at: Located = { range: keyEntry?.keyRange ?? rootAt.range, path: key };
    if (!isObject(vars)) {
      const valueAt: Located = { range: keyEntry?.value.range ?? at.range, path: key };
      sink.error(valueAt, `${key} must map variable names to values, got ${show(vars)}.`, file);
      continue;
    }
    const converted = new Map<string, string>();
    const varsAt = new Map<string, Located>();
    for (const [name, value] of Object.entries(vars)) {
      const node = entry(keyEntry?.value, name)?.value;
      const valueAt: Located = { range: node?.range ?? at.range, path: `${key}.${name}` };
      varsAt.set(name, valueAt);
      if (value === null) converted.set(name, '');
      else if (typeof value === 'string') converted.set(name, value);
      else if (typeof value === 'boolean') converted.set(name, value ? 'true' : 'false');
      else if (typeof value === 'number') {
        // The text as written keeps `1.0` as `1.0`, as SAM CLI's str() of a float does.
        converted.set(name, node?.kind === 'scalar' && node.source ? node.source : String(value));
      } else {
        sink.error(
          valueAt,
          `${key}.${name} must be a string, number or boolean, got ${show(value)}.`,
          file,
        );
      }
    }
    sections.set(key, { at, vars: converted, varsAt });
  }
  return { file, sections };
}

/**
 * The overrides for one function: `Parameters`, then the function-name section, then the
 * logical-id section (SAM CLI looks the function up by either; the logical id is the more
 * specific). Marks the sections it used in `used`.
 */
export function overridesFor(
  overrides: EnvOverrides | undefined,
  logicalId: string,
  functionName: string,
  used: Set<string>,
): Map<string, string> {
  const result = new Map<string, string>();
  if (!overrides) return result;
  for (const key of [GLOBAL_SECTION, functionName, logicalId]) {
    const section = overrides.sections.get(key);
    if (!section) continue;
    used.add(key);
    for (const [name, value] of section.vars) result.set(name, value);
  }
  return result;
}

function isSource(input: EnvVarsFile | EnvVarsSource): input is EnvVarsSource {
  return typeof input.file === 'string' && typeof input.text === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Line and column of an offset, 1-based; for JSON parse errors. */
function rangeAt(text: string, offset: number): SourceRange {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, endLine: line, endColumn: column + 1 };
}
