/**
 * Launch configurations of type `lambda` in `.vscode/launch.json` (JSON with comments and
 * trailing commas, read with jsonc-parser): where each attribute's value is written, what its
 * paths resolve to (with the `${workspaceFolder}` family of variables), and diagnostics for a
 * handler, template or functionId that resolves to nothing, in the debug adapter's words
 * (debug-adapter/dap/launchConfig.ts). Never vscode.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser/lib/esm/main.js';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LAMBDA_DEBUG_TYPE, type LambdaLaunchConfig } from '../../debug-adapter/protocol/dap';
import { resolveHandler, type HandlerHost } from './handlerResolution';
import { relativePath } from './paths';
import { DIAGNOSTIC_SOURCE } from './protocol';
import type { LambdaFunction, TemplateAnalysis } from './samTemplate';

/** Whether a path is a folder's launch configuration file. */
export function isLaunchFile(file: string): boolean {
  return /[\\/]\.vscode[\\/]launch\.json$/.test(file);
}

/** The workspace folder a launch.json belongs to (the folder holding `.vscode`). */
export function launchFolder(file: string): string {
  return path.dirname(path.dirname(file));
}

/** One attribute's value and where it is written. */
export interface LaunchAttribute {
  /** The value (a string for the attributes the server reads). */
  value: unknown;
  /** Where the value is written, quotes included. */
  range: Range;
  /** Offset of the value. */
  offset: number;
  /** Length of the value. */
  length: number;
}

/** A `lambda` launch configuration. */
export interface LambdaLaunchEntry {
  /** Its `name`. */
  name?: string;
  /** The attributes the server reads, by name. */
  attributes: Partial<Record<keyof LambdaLaunchConfig, LaunchAttribute>>;
  /** Its index in `configurations` (jsonc-parser paths use it). */
  index: number;
}

const READ: (keyof LambdaLaunchConfig)[] = [
  'handler',
  'codeUri',
  'template',
  'functionId',
  'functionName',
  'runtime',
  'timeout',
  'memorySize',
  'cwd',
];

/** The `lambda` configurations of a launch.json text; a broken text gives what parses. */
export function readLaunchConfigurations(document: TextDocument): LambdaLaunchEntry[] {
  const root = parseTree(document.getText(), [], {
    allowTrailingComma: true,
    disallowComments: false,
  });
  const configurations = propertyNode(root, 'configurations');
  if (configurations?.type !== 'array') return [];
  const out: LambdaLaunchEntry[] = [];
  (configurations.children ?? []).forEach((config, index) => {
    if (config.type !== 'object') return;
    if (propertyNode(config, 'type')?.value !== LAMBDA_DEBUG_TYPE) return;
    const attributes: LambdaLaunchEntry['attributes'] = {};
    for (const key of READ) {
      const node = propertyNode(config, key);
      if (!node) continue;
      attributes[key] = {
        value: node.value,
        offset: node.offset,
        length: node.length,
        range: {
          start: document.positionAt(node.offset),
          end: document.positionAt(node.offset + node.length),
        },
      };
    }
    const name = propertyNode(config, 'name')?.value;
    out.push({ ...(typeof name === 'string' ? { name } : {}), attributes, index });
  });
  return out;
}

function propertyNode(object: JsonNode | undefined, key: string): JsonNode | undefined {
  if (object?.type !== 'object') return undefined;
  return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/**
 * Substitutes the variables VS Code resolves in launch.json paths; undefined when the value uses
 * one only the editor can resolve (`${input:…}`, `${command:…}`, `${file}`), so it is not checked.
 */
export function substituteVariables(value: string, folder: string): string | undefined {
  let unknown = false;
  const out = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder' || name === 'workspaceRoot') return folder;
    if (name === 'workspaceFolderBasename') return path.basename(folder);
    if (name === `workspaceFolder:${path.basename(folder)}`) return folder;
    if (name === 'userHome') return os.homedir();
    if (name === 'pathSeparator' || name === '/') return path.sep;
    if (name.startsWith('env:')) return process.env[name.slice(4)] ?? '';
    unknown = true;
    return whole;
  });
  return unknown ? undefined : out;
}

/** What launch diagnostics need from the project. */
export interface LaunchHost extends HandlerHost {
  /** The analysis of a template file (open or on disk). */
  templateAnalysis(file: string): TemplateAnalysis | undefined;
}

/** Paths a configuration resolves to; undefined members could not be resolved. */
export interface LaunchPaths {
  /** The folder relative paths start from. */
  cwd?: string;
  /** The code folder of a `handler` configuration. */
  codeUri?: string;
  /** The template of a `template` configuration. */
  template?: string;
}

/** The absolute paths of a configuration's folders and template. */
export function launchPaths(entry: LambdaLaunchEntry, folder: string): LaunchPaths {
  const resolve = (attribute: LaunchAttribute | undefined, base: string): string | undefined => {
    if (typeof attribute?.value !== 'string') return undefined;
    const value = substituteVariables(attribute.value, folder);
    return value === undefined ? undefined : path.resolve(base, value);
  };
  const { cwd: cwdAttribute, codeUri, template } = entry.attributes;
  const cwd = cwdAttribute ? resolve(cwdAttribute, folder) : folder;
  if (!cwd) return {};
  const out: LaunchPaths = { cwd };
  const code = codeUri ? resolve(codeUri, cwd) : cwd;
  if (code) out.codeUri = code;
  const file = resolve(template, cwd);
  if (file) out.template = file;
  return out;
}

/** The template function a configuration names (by logical id or FunctionName). */
export function launchFunction(
  entry: LambdaLaunchEntry,
  analysis: TemplateAnalysis,
): LambdaFunction | undefined {
  const id = entry.attributes.functionId?.value;
  if (typeof id !== 'string')
    return analysis.functions.length === 1 ? analysis.functions[0] : undefined;
  return (
    analysis.functions.find((fn) => fn.logicalId === id) ??
    analysis.functions.find((fn) => fn.name === id)
  );
}

/** Diagnostics of one launch.json: handlers, templates and function ids that do not resolve. */
export function launchDiagnostics(
  entries: LambdaLaunchEntry[],
  folder: string,
  host: LaunchHost,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (attribute: LaunchAttribute, message: string, code: string): void => {
    out.push({
      range: attribute.range,
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code,
      message,
    });
  };
  for (const entry of entries) {
    const { handler, template, functionId, cwd, codeUri, runtime } = entry.attributes;
    const paths = launchPaths(entry, folder);
    if (!paths.cwd) continue;
    if (cwd && host.sources.stat(paths.cwd) !== 'directory') {
      report(cwd, `"cwd" folder ${paths.cwd} does not exist.`, 'launch-path-missing');
      continue;
    }
    if (handler && template) {
      report(
        handler,
        '"handler" and "template" are both set: keep "handler" (with "codeUri"), or "template" (with "functionId"), not both.',
        'launch-conflict',
      );
      continue;
    }
    if (handler && typeof handler.value === 'string') {
      if (!paths.codeUri) continue;
      if (host.sources.stat(paths.codeUri) !== 'directory') {
        report(
          codeUri ?? handler,
          `"codeUri" folder ${paths.codeUri} does not exist.`,
          'launch-path-missing',
        );
        continue;
      }
      const resolution = resolveHandler(
        {
          handler: handler.value,
          codeUri: paths.codeUri,
          ...(typeof runtime?.value === 'string' ? { runtime: runtime.value } : {}),
        },
        host,
        '"handler"',
      );
      if (!resolution.ok) report(handler, resolution.message, resolution.problem);
      continue;
    }
    if (!template || typeof template.value !== 'string' || !paths.template) continue;
    if (host.sources.stat(paths.template) !== 'file') {
      report(template, `"template" ${paths.template} does not exist.`, 'launch-path-missing');
      continue;
    }
    const analysis = host.templateAnalysis(paths.template);
    const shown = relativePath(folder, paths.template);
    if (!analysis?.parsed) {
      report(
        template,
        `"template" ${shown} does not parse: fix it to debug its functions.`,
        'launch-template-invalid',
      );
      continue;
    }
    const ids = analysis.functions.map((fn) => fn.logicalId);
    if (functionId && typeof functionId.value === 'string') {
      const fn = launchFunction(entry, analysis);
      if (!fn) {
        report(
          functionId,
          `"functionId" '${functionId.value}' is not a function of ${shown}; functions: ${ids.join(', ') || 'none'}.`,
          'launch-function-missing',
        );
        continue;
      }
      if (fn.handler !== undefined && fn.codeUri !== undefined && !fn.handlerBlocked) {
        const resolution = resolveHandler(
          {
            handler: fn.handler,
            codeUri: fn.codeUri,
            ...(fn.runtime ? { runtime: fn.runtime } : {}),
          },
          host,
          `${fn.logicalId}'s Handler`,
        );
        if (!resolution.ok) report(functionId, resolution.message, resolution.problem);
      }
    } else if (!functionId && analysis.functions.length !== 1) {
      report(
        template,
        analysis.functions.length === 0
          ? `"template" ${shown} defines no function (AWS::Serverless::Function or AWS::Lambda::Function).`
          : `"template" ${shown} defines ${ids.length} functions: set "functionId" to one of ${ids.join(', ')}.`,
        'launch-function-missing',
      );
    }
  }
  return out;
}
