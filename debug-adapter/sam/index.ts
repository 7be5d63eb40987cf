/**
 * The SAM template reader's public API, for the CLI, the debug adapter and the language server.
 * Re-exports only; like the rest of sam/, it must not import vscode.
 */
export { loadTemplate, nodeFileSystem, parseTemplate, resolveTemplate } from './template';
export type {
  LoadTemplateOptions,
  TemplateFileSystem,
  TemplateFunction,
  TemplateOptions,
  TemplateResult,
} from './template';
export { formatDiagnostic } from './diagnostics';
export type { SourceRange, TemplateDiagnostic } from './diagnostics';
export { readEnvVars } from './envVars';
export type { EnvVarsFile, EnvVarsSource, EnvVarValue } from './envVars';
export { FUNCTION_TYPES, findFunctionRanges, RANGED_PROPERTIES } from './functionRanges';
export type {
  FunctionLocation,
  FunctionResourceType,
  PropertyLocation,
  RangedProperty,
} from './functionRanges';
export { parseTemplateText } from './templateTree';
export type { ParsedTemplate, TemplateNode } from './templateTree';
export { PLACEHOLDER_PREFIX } from './intrinsicResolver';
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './parameters';
