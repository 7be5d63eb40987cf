/**
 * A SAM or CloudFormation template as the language server keeps it: the SAM reader's parse and
 * diagnostics (debug-adapter/sam, reused, not rewritten), and each function with what the
 * server's features need (handler, code folder, runtime, limits, ranges), including functions
 * the reader drops for an error elsewhere in their definition. Never vscode.
 */
import * as path from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import {
  findFunctionRanges,
  nodeFileSystem,
  parseTemplateText,
  resolveTemplate,
  type FunctionLocation,
  type FunctionResourceType,
  type SourceRange,
  type TemplateDiagnostic,
  type TemplateFunction,
  type TemplateNode,
} from '../../debug-adapter/sam';
import { mergeGlobals } from '../../debug-adapter/sam/functionRanges';
import { child, entry } from '../../debug-adapter/sam/templateTree';
import { DIAGNOSTIC_SOURCE } from './protocol';

/** A function of a template. */
export interface LambdaFunction {
  /** The resource's logical id. */
  logicalId: string;
  /** The resource type. */
  type: FunctionResourceType;
  /** FunctionName when it resolves, else the logical id. */
  name: string;
  /** Where the logical id is written. */
  keyRange: Range;
  /** The resource's definition, from its logical id to its last property. */
  resourceRange: Range;
  /** The handler string, when it is a plain string. */
  handler?: string;
  /** Where it is written (in the resource or in Globals). */
  handlerRange?: Range;
  /** The absolute code folder, when it is a local path. */
  codeUri?: string;
  /** The runtime as written. */
  runtime?: string;
  /** Timeout in seconds as written (undefined: Lambda's default). */
  timeout?: unknown;
  /** Memory in MB as written (undefined: Lambda's default). */
  memorySize?: unknown;
  /**
   * Whether the reader reported the handler or the code folder unusable: resolving the handler
   * would only repeat that error.
   */
  handlerBlocked: boolean;
}

/** What the server knows of one template text. */
export interface TemplateAnalysis {
  /** The template's path. */
  file: string;
  /** Whether the text parsed (YAML or JSON syntax); if not, `functions` is empty. */
  parsed: boolean;
  /** Its functions, in source order. */
  functions: LambdaFunction[];
  /** The reader's errors and warnings, as LSP diagnostics. */
  diagnostics: Diagnostic[];
}

/** Properties whose errors make resolving the handler pointless. */
const HANDLER_BLOCKERS = ['Handler', 'CodeUri', 'Code', 'InlineCode', 'PackageType'];

/** Reads a template's text. Never throws. */
export function analyzeTemplate(text: string, file: string): TemplateAnalysis {
  const parsed = parseTemplateText(text, file);
  const result = resolveTemplate(parsed, { fs: nodeFileSystem });
  const diagnostics = [
    ...result.errors
      .filter((d) => d.file === file)
      .map((d) => toDiagnostic(d, DiagnosticSeverity.Error)),
    ...result.warnings
      .filter((d) => d.file === file)
      .map((d) => toDiagnostic(d, DiagnosticSeverity.Warning)),
  ];
  if (!parsed.root) {
    // The parser's later errors are mostly echoes of the first (one unclosed bracket makes every
    // key below it look duplicated), so only the first, the one to fix, is shown.
    return { file, parsed: false, functions: [], diagnostics: diagnostics.slice(0, 1) };
  }
  const resolved = new Map(result.functions.map((f) => [f.logicalId, f]));
  const dir = path.dirname(path.resolve(file));
  const globals = child(child(parsed.root, 'Globals'), 'Function');
  const resources = child(parsed.root, 'Resources');
  const functions = findFunctionRanges(parsed).map((location) =>
    describeFunction(location, resolved.get(location.logicalId), {
      dir,
      globals,
      resource: entry(resources, location.logicalId)?.value,
      errors: result.errors,
    }),
  );
  return { file, parsed: true, functions, diagnostics };
}

/** An LSP range from the reader's 1-based, end-exclusive source range. */
export function toRange(r: SourceRange): Range {
  return {
    start: { line: r.line - 1, character: r.column - 1 },
    end: { line: r.endLine - 1, character: r.endColumn - 1 },
  };
}

function toDiagnostic(d: TemplateDiagnostic, severity: DiagnosticSeverity): Diagnostic {
  return { range: toRange(d), severity, source: DIAGNOSTIC_SOURCE, message: d.message };
}

function describeFunction(
  location: FunctionLocation,
  resolved: TemplateFunction | undefined,
  context: {
    dir: string;
    globals: TemplateNode | undefined;
    resource: TemplateNode | undefined;
    errors: TemplateDiagnostic[];
  },
): LambdaFunction {
  const { logicalId, type } = location;
  const serverless = type === 'AWS::Serverless::Function';
  const own = child(context.resource, 'Properties');
  const props =
    own?.kind === 'map'
      ? serverless
        ? mergeGlobals(context.globals, own)
        : own
      : serverless
        ? context.globals
        : undefined;
  // The reader's values when it accepted the function; otherwise the plain scalars as written,
  // so that one bad Timeout does not hide a bad Handler.
  const handler = resolved?.input.handler ?? stringOf(child(props, 'Handler'));
  const codeUri = resolved?.input.codeUri ?? codeFolder(props, serverless, context.dir);
  const blocked = context.errors.some((d) =>
    HANDLER_BLOCKERS.some((name) =>
      [
        `Resources.${logicalId}.Properties.${name}`,
        ...(serverless ? [`Globals.Function.${name}`] : []),
      ].some((p) => d.property === p || d.property.startsWith(`${p}.`)),
    ),
  );
  const handlerAt = location.properties.Handler;
  const fn: LambdaFunction = {
    logicalId,
    type,
    name: resolved?.input.name ?? logicalId,
    keyRange: toRange(location.range),
    resourceRange: {
      start: toRange(location.range).start,
      end: context.resource ? toRange(context.resource.range).end : toRange(location.range).end,
    },
    handlerBlocked: blocked || handler === undefined || codeUri === undefined,
    runtime: resolved?.input.runtime ?? stringOf(child(props, 'Runtime')),
    timeout: resolved ? resolved.input.timeout : scalarOf(child(props, 'Timeout')),
    memorySize: resolved ? resolved.input.memorySize : scalarOf(child(props, 'MemorySize')),
  };
  if (handler !== undefined) fn.handler = handler;
  if (handlerAt) fn.handlerRange = toRange(handlerAt);
  if (codeUri !== undefined) fn.codeUri = codeUri;
  return fn;
}

function codeFolder(
  props: TemplateNode | undefined,
  serverless: boolean,
  dir: string,
): string | undefined {
  const node = child(props, serverless ? 'CodeUri' : 'Code');
  // SAM CLI runs a function without CodeUri from the template's folder.
  if (!node) return serverless && !child(props, 'InlineCode') ? dir : undefined;
  const value = stringOf(node);
  if (value === undefined || value === '' || /^s3:\/\//i.test(value)) return undefined;
  return path.resolve(dir, value);
}

function stringOf(node: TemplateNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function scalarOf(node: TemplateNode | undefined): unknown {
  return node?.kind === 'scalar' ? node.value : node ? '(an intrinsic function)' : undefined;
}

const TEMPLATE_VERSION = /["']?AWSTemplateFormatVersion["']?\s*:/;
const SERVERLESS_TRANSFORM = /["']?Transform["']?\s*:[\s[\-"']*AWS::Serverless-/;

/**
 * Whether a YAML or JSON text is a CloudFormation or SAM template: it has
 * AWSTemplateFormatVersion or the AWS::Serverless transform (issue #6, item 1).
 */
export function looksLikeTemplate(text: string): boolean {
  return TEMPLATE_VERSION.test(text) || SERVERLESS_TRANSFORM.test(text);
}
