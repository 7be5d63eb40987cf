/**
 * Editor features on handler strings, in templates and in launch configurations: completion of
 * `file.export` from the real exports of the files under the code folder, go-to-definition to the
 * exported function, and the template hover (resolved file, export, runtime, timeout, memory).
 * Never vscode.
 */
import * as path from 'node:path';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Location,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LIMITS } from '../../debug-adapter/protocol/lambda';
import {
  looksLikeHandler,
  resolveHandler,
  runtimeExports,
  signatureOf,
  type HandlerResolution,
} from './handlerResolution';
import { launchFolder, launchFunction, launchPaths } from './launchConfigs';
import { contains, type LambdaProject } from './lambdaProject';
import { relativePath } from './paths';
import type { LambdaFunction } from './samTemplate';

/** A string value being edited: where its text is (quotes excluded). */
interface ValueAt {
  /** The value's text, quotes excluded. */
  range: Range;
}

/**
 * The value of `key` under the cursor, read from the line's text so that it works in a YAML
 * document that does not parse while it is typed: `Handler: src/ap|`, `"Handler": "src/ap|`.
 */
export function valueAt(
  document: TextDocument,
  position: Position,
  key: string,
  json: boolean,
): ValueAt | undefined {
  const line = document
    .getText({
      start: { line: position.line, character: 0 },
      end: { line: position.line + 1, character: 0 },
    })
    .replace(/\r?\n$/, '');
  const pattern = json
    ? new RegExp(`"${key}"\\s*:\\s*(?=")`, 'g')
    : new RegExp(`^(\\s*(?:-\\s+)?)(['"]?)${key}\\2\\s*:(?=\\s|$)\\s*`, 'g');
  for (const match of line.matchAll(pattern)) {
    const valueStart = match.index + match[0].length;
    const quote = line[valueStart] === '"' || line[valueStart] === "'" ? line[valueStart] : '';
    const start = valueStart + quote.length;
    let end: number;
    if (quote) {
      const close = line.indexOf(quote, start);
      end = close < 0 ? line.length : close;
    } else {
      const comment = line.search(/\s#/);
      end = (comment >= start ? line.slice(0, comment) : line).trimEnd().length;
      end = Math.max(end, start);
    }
    if (position.character < start || position.character > end) continue;
    return {
      range: {
        start: { line: position.line, character: start },
        end: { line: position.line, character: end },
      },
    };
  }
  return undefined;
}

/** Completion items `file.export` for the handler files under a code folder. */
export function handlerItems(
  project: LambdaProject,
  codeUri: string,
  range: Range,
): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const file of project.handlerFilesUnder(codeUri)) {
    const modulePath = relativePath(codeUri, file).replace(/\.[mc]?[jt]s$/, '');
    const shownFile = relativePath(codeUri, file);
    for (const target of runtimeExports(file, project.sources)) {
      const e = target.export;
      if (e.kind === 'value' || e.kind === 'class') continue;
      const label = `${modulePath}.${e.name}`;
      items.push({
        label,
        kind: CompletionItemKind.Function,
        detail: `${signatureOf(e)} · ${shownFile}`,
        sortText: `${looksLikeHandler(e) ? '0' : '1'}${label}`,
        filterText: label,
        textEdit: { range, newText: label },
      });
    }
  }
  return items;
}

/** The function whose definition holds a position of a template (or whose Handler it is). */
function functionAt(functions: LambdaFunction[], position: Position): LambdaFunction | undefined {
  return (
    functions.find((fn) => contains(fn.resourceRange, position)) ??
    functions.find((fn) => fn.handlerRange && contains(fn.handlerRange, position)) ??
    // A template that does not parse keeps its last functions, whose ranges may have moved:
    // the nearest function above the cursor is the best guess.
    [...functions].reverse().find((fn) => fn.keyRange.start.line <= position.line)
  );
}

/** Completion of Handler values in a template. */
export function templateCompletion(
  project: LambdaProject,
  file: string,
  document: TextDocument,
  position: Position,
): CompletionItem[] {
  const value = valueAt(document, position, 'Handler', file.endsWith('.json'));
  if (!value) return [];
  const fn = functionAt(project.templateFunctions(file), position);
  const codeUri = fn?.codeUri ?? path.dirname(file);
  return handlerItems(project, codeUri, value.range);
}

/** Go-to-definition from a template's Handler value to the exported function. */
export function templateDefinition(
  project: LambdaProject,
  file: string,
  position: Position,
): Location | undefined {
  const fn = project
    .templateFunctions(file)
    .find((f) => f.handlerRange && contains(f.handlerRange, position) && f.codeUri && f.handler);
  if (!fn?.handler || !fn.codeUri) return undefined;
  return definitionOf(
    project,
    resolveHandler(
      { handler: fn.handler, codeUri: fn.codeUri, ...(fn.runtime ? { runtime: fn.runtime } : {}) },
      project,
      'Handler',
    ),
  );
}

function definitionOf(project: LambdaProject, resolution: HandlerResolution): Location | undefined {
  if (resolution.ok && resolution.target) {
    const { document, export: e } = resolution.target;
    return {
      uri: document.uri,
      range: { start: document.positionAt(e.declStart), end: document.positionAt(e.declEnd) },
    };
  }
  // The file exists but the export cannot be pinned down: the file's start is still the place.
  const file = resolution.file;
  const document = file ? project.sources.document(file) : undefined;
  if (!document) return undefined;
  return {
    uri: document.uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

/** The hover over a function's logical id or Handler value. */
export function templateHover(
  project: LambdaProject,
  file: string,
  position: Position,
): Hover | undefined {
  const analysis = project.templateAnalysis(file);
  if (!analysis?.parsed) return undefined;
  const matches = analysis.functions.filter(
    (fn) =>
      contains(fn.keyRange, position) || (fn.handlerRange && contains(fn.handlerRange, position)),
  );
  if (matches.length === 0) return undefined;
  const onKey = matches.find((fn) => contains(fn.keyRange, position));
  const range = onKey ? onKey.keyRange : matches[0]!.handlerRange!;
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: matches.map((fn) => functionMarkdown(project, file, fn)).join('\n\n---\n\n'),
    },
    range,
  };
}

/** The hover's text for one function. */
export function functionMarkdown(
  project: LambdaProject,
  templateFile: string,
  fn: LambdaFunction,
): string {
  const lines = [`**${fn.logicalId}** (${fn.type})`, ''];
  if (fn.name !== fn.logicalId) lines.push(`- FunctionName: \`${fn.name}\``);
  if (fn.handler === undefined || fn.codeUri === undefined || fn.handlerBlocked) {
    lines.push(
      `- Handler: ${fn.handler === undefined ? 'not set' : `\`${fn.handler}\``} (see the template's errors)`,
    );
  } else {
    const resolution = resolveHandler(
      { handler: fn.handler, codeUri: fn.codeUri, ...(fn.runtime ? { runtime: fn.runtime } : {}) },
      project,
      'Handler',
    );
    const base = path.dirname(templateFile);
    if (resolution.ok) {
      const target = resolution.target;
      const line = target ? target.document.positionAt(target.export.declStart).line + 1 : 1;
      const shownFile = relativePath(base, target?.file ?? resolution.file);
      lines.push(
        `- File: [${shownFile}](${target?.document.uri ?? project.sources.document(resolution.file)?.uri ?? ''}#L${line})`,
      );
      const exportText = target
        ? `\`${target.export.name}\`, ${signatureOf(target.export)}${resolution.viaDefault ? ', on the default export (nodejs24.x)' : ''}`
        : `\`${resolution.exportName}\` (the module's exports cannot all be listed; it is not checked)`;
      lines.push(`- Export: ${exportText}`);
    } else {
      lines.push(`- Handler: \`${fn.handler}\` does not resolve: ${resolution.message}`);
    }
  }
  lines.push(`- Runtime: ${fn.runtime ? `\`${fn.runtime}\`` : 'not set'}`);
  lines.push(`- Timeout: ${limit(fn.timeout, LIMITS.timeout, 's')}`);
  lines.push(`- Memory: ${limit(fn.memorySize, LIMITS.memorySize, 'MB')}`);
  return lines.join('\n');
}

function limit(
  value: unknown,
  range: { min: number; max: number; default: number },
  unit: string,
): string {
  if (value === undefined) return `${range.default} ${unit} (Lambda's default)`;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= range.min &&
    value <= range.max
  ) {
    return `${value} ${unit}`;
  }
  return `${JSON.stringify(value)}, not valid: Lambda takes ${range.min} to ${range.max} ${unit}`;
}

/** Completion of `handler` and `functionId` values in a launch.json. */
export function launchCompletion(
  project: LambdaProject,
  file: string,
  document: TextDocument,
  position: Position,
): CompletionItem[] {
  const entry = entryAt(project, file, document, position);
  if (!entry) return [];
  const handler = valueAt(document, position, 'handler', true);
  const folder = launchFolder(file);
  const paths = launchPaths(entry, folder);
  if (handler) return paths.codeUri ? handlerItems(project, paths.codeUri, handler.range) : [];
  const functionId = valueAt(document, position, 'functionId', true);
  if (!functionId || !paths.template) return [];
  return project.templateFunctions(paths.template).map((fn) => ({
    label: fn.logicalId,
    kind: CompletionItemKind.Function,
    detail: fn.handler
      ? `${fn.handler} · ${relativePath(folder, paths.template!)}`
      : relativePath(folder, paths.template!),
    textEdit: { range: functionId.range, newText: fn.logicalId },
  }));
}

/** Go-to-definition from a launch configuration's `handler` (or `functionId`) value. */
export function launchDefinition(
  project: LambdaProject,
  file: string,
  document: TextDocument,
  position: Position,
): Location | undefined {
  const entry = entryAt(project, file, document, position);
  if (!entry) return undefined;
  const paths = launchPaths(entry, launchFolder(file));
  const { handler, functionId, runtime } = entry.attributes;
  if (
    handler &&
    contains(handler.range, position) &&
    typeof handler.value === 'string' &&
    paths.codeUri
  ) {
    return definitionOf(
      project,
      resolveHandler(
        {
          handler: handler.value,
          codeUri: paths.codeUri,
          ...(typeof runtime?.value === 'string' ? { runtime: runtime.value } : {}),
        },
        project,
        '"handler"',
      ),
    );
  }
  if (functionId && contains(functionId.range, position) && paths.template) {
    const analysis = project.templateAnalysis(paths.template);
    const fn = analysis?.parsed ? launchFunction(entry, analysis) : undefined;
    const document = project.sources.document(paths.template);
    if (fn && document) return { uri: document.uri, range: fn.keyRange };
  }
  return undefined;
}

/** The launch configuration whose text holds a position. */
function entryAt(project: LambdaProject, file: string, document: TextDocument, position: Position) {
  const offset = document.offsetAt(position);
  const entries = project.launchEntries(file);
  // A configuration holds the cursor when the cursor is on (or just beside) one of its values.
  return entries.find((entry) =>
    Object.values(entry.attributes).some(
      (a) => a && a.offset <= offset + 1 && offset <= a.offset + a.length + 1,
    ),
  );
}
