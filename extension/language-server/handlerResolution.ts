/**
 * Resolves a handler string (`src/app.handler`) against a code folder as Lambda would
 * (lambda-runtime-spec.md §1.2-1.4): the string is split by parseHandler, the file found in the
 * runtime's order (then the TypeScript source the emulator compiles), and the export looked up
 * in what the module really exports. A failure is a message that names the fix and the
 * candidates that do exist. Never vscode.
 */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseHandler, typeScriptEntry } from '../../debug-adapter/emulator/handler/handlerString';
import type { ModuleExport, ModuleInfo } from './moduleExports';
import { relativePath } from './paths';
import type { SourceFiles } from './sourceFiles';

/** A handler to resolve. */
export interface HandlerQuery {
  /** The handler string, `file.export` relative to `codeUri`. */
  handler: string;
  /** The absolute code folder (Lambda's `/var/task`). */
  codeUri: string;
  /** The runtime, when known: nodejs24.x also looks for the handler on the default export. */
  runtime?: string;
}

/** What resolution needs from the workspace. */
export interface HandlerHost {
  /** File texts and module exports. */
  sources: SourceFiles;
  /** The handler files (absolute paths) under a folder, for suggestions. */
  handlerFilesUnder(folder: string): string[];
}

/** Where an export is declared (after following re-exports). */
export interface ExportTarget {
  /** The file that declares it. */
  file: string;
  /** The export. */
  export: ModuleExport;
  /** That file's text, for positions. */
  document: TextDocument;
}

/** Why a handler does not resolve; also the diagnostic's code. */
export type HandlerProblem =
  | 'handler-malformed'
  | 'handler-file-missing'
  | 'handler-export-missing'
  | 'handler-not-a-function'
  | 'handler-type-only';

/** The outcome of resolving a handler. */
export type HandlerResolution =
  | {
      ok: true;
      /** The module file the handler names. */
      file: string;
      /** The first segment of the property path (`handler` in `app.handler`). */
      exportName: string;
      /** Where the export is declared; undefined when the module's exports cannot be listed. */
      target?: ExportTarget;
      /** Whether it is found on the default export (nodejs24.x only). */
      viaDefault: boolean;
    }
  | {
      ok: false;
      /** What is wrong. */
      problem: HandlerProblem;
      /** The sentence to show, naming the fix. */
      message: string;
      /** The module file, when it exists. */
      file?: string;
    };

// lambda-runtime-spec.md §1.3: the runtime tries the bare name, then .js, .mjs and .cjs; the
// emulator compiles a TypeScript source when none of them exists (handlerString.ts).
const JS_EXTENSIONS = ['', '.js', '.mjs', '.cjs'];
const RESOLVE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const MAX_CANDIDATES = 5;
const MAX_LISTED_EXPORTS = 12;

/** The module file a handler names under `codeUri`, if one exists. */
export function handlerFile(query: HandlerQuery, sources: SourceFiles): string | undefined {
  const parts = parseHandler(query.handler);
  if ('error' in parts) return undefined;
  const base = path.resolve(query.codeUri, parts.moduleRoot, parts.moduleName);
  for (const extension of JS_EXTENSIONS) {
    if (sources.stat(base + extension) === 'file') return base + extension;
  }
  return typeScriptEntry(query.codeUri, parts);
}

/**
 * Resolves a handler. `label` starts the messages: `Handler` in a template, `"handler"` in a
 * launch configuration.
 */
export function resolveHandler(
  query: HandlerQuery,
  host: HandlerHost,
  label: string,
): HandlerResolution {
  const { handler } = query;
  const parts = parseHandler(handler);
  if ('error' in parts) {
    const message = handler.includes('..')
      ? `${label} '${handler}' is not a valid handler name: Lambda refuses '..' in it. Write the file's path relative to the code folder, for example src/app.handler.`
      : `${label} '${handler}' is not file.export: write the file's path without extension, a dot, then the exported function, for example src/app.handler.`;
    return { ok: false, problem: 'handler-malformed', message };
  }
  const modulePath = `${parts.moduleRoot}${parts.moduleName}`;
  const file = handlerFile(query, host.sources);
  if (!file) {
    const candidates = fileCandidates(query, modulePath, parts.propertyPath, host);
    const tried = `${modulePath}.js, .mjs, .cjs or .ts`;
    const fix = candidates.length
      ? `; handlers there: ${candidates.join(', ')}.`
      : ', which holds no handler file.';
    return {
      ok: false,
      problem: 'handler-file-missing',
      message: `${label} '${handler}' names no file: there is no ${tried} in the code folder${fix}`,
    };
  }
  const exportName = parts.propertyPath.split('.')[0]!;
  const shown = relativePath(query.codeUri, file);
  const found = findExport(file, exportName, host.sources, new Set());
  if (found === 'unknown') return { ok: true, file, exportName, viaDefault: false };
  if (found) {
    const kind = found.export.kind;
    if (kind === 'type') {
      return {
        ok: false,
        problem: 'handler-type-only',
        file,
        message: `${label} '${handler}' names '${exportName}' in ${shown}, which is a type: it does not exist at run time; ${exportsClause(file, host.sources)}.`,
      };
    }
    const rest = parts.propertyPath.split('.').slice(1);
    if (rest.length === 0 && (kind === 'value' || kind === 'object')) {
      return {
        ok: false,
        problem: 'handler-not-a-function',
        file,
        message: `${label} '${handler}' names '${exportName}' in ${shown}, which is not a function (Lambda fails with "${handler} is not a function").`,
      };
    }
    if (rest.length > 0 && kind === 'object' && found.export.keys && !found.export.openKeys) {
      const key = rest[0]!;
      if (!found.export.keys.some((k) => k.name === key)) {
        const keys = found.export.keys.map((k) => k.name).join(', ') || 'none';
        return {
          ok: false,
          problem: 'handler-export-missing',
          file,
          message: `${label} '${handler}' names '${exportName}.${key}' in ${shown}, but '${exportName}' has no key '${key}'; keys: ${keys}.`,
        };
      }
    }
    return { ok: true, file, exportName, target: found, viaDefault: false };
  }
  // lambda-runtime-spec.md §1.4: nodejs24.x retries the walk on the default export.
  const module = host.sources.module(file);
  const fallback = module ? defaultKeys(module.info) : undefined;
  if (query.runtime === 'nodejs24.x' && fallback) {
    if (fallback === 'unknown') return { ok: true, file, exportName, viaDefault: true };
    const key = fallback.find((k) => k.export.name === exportName);
    if (key) {
      return {
        ok: true,
        file,
        exportName,
        target: { ...key, file, document: module!.document },
        viaDefault: true,
      };
    }
  }
  const hint =
    fallback && fallback !== 'unknown' && fallback.some((k) => k.export.name === exportName)
      ? ` Only nodejs24.x looks inside the default export: export '${exportName}' by name.`
      : '';
  return {
    ok: false,
    problem: 'handler-export-missing',
    file,
    message: `${label} '${handler}' names no export '${exportName}' in ${shown}; ${exportsClause(file, host.sources)}.${hint}`,
  };
}

/**
 * Finds an export by name in a module, following `export … from` and `export *`. Returns
 * 'unknown' when the module's exports cannot all be listed (it does not lex, or it re-exports a
 * package), so that a missing name is not reported as a mistake.
 */
export function findExport(
  file: string,
  name: string,
  sources: SourceFiles,
  seen: Set<string>,
): ExportTarget | 'unknown' | undefined {
  if (seen.has(file) || seen.size > 16) return 'unknown';
  seen.add(file);
  const module = sources.module(file);
  if (!module) return 'unknown';
  const own = module.info.exports.find((e) => e.name === name);
  if (own) {
    if (own.from && own.from.name !== '*') {
      const target = resolveSpecifier(file, own.from.specifier, sources);
      const inner = target ? findExport(target, own.from.name, sources, seen) : undefined;
      if (inner && inner !== 'unknown') return inner;
    }
    return { file, export: own, document: module.document };
  }
  let unknown = module.info.opaque || module.info.error !== undefined;
  if (name !== 'default') {
    for (const specifier of module.info.starReexports) {
      const target = resolveSpecifier(file, specifier, sources);
      if (!target) {
        unknown = true;
        continue;
      }
      const inner = findExport(target, name, sources, seen);
      if (inner === 'unknown') unknown = true;
      else if (inner) return inner;
    }
  }
  return unknown ? 'unknown' : undefined;
}

/** Every runtime export of a module (re-exports included), for messages and completion. */
export function runtimeExports(
  file: string,
  sources: SourceFiles,
  seen = new Set<string>(),
): ExportTarget[] {
  if (seen.has(file) || seen.size > 16) return [];
  seen.add(file);
  const module = sources.module(file);
  if (!module) return [];
  const out: ExportTarget[] = module.info.exports
    .filter((e) => e.kind !== 'type')
    .map((e) => ({ file, export: e, document: module.document }));
  for (const specifier of module.info.starReexports) {
    const target = resolveSpecifier(file, specifier, sources);
    if (!target) continue;
    for (const inner of runtimeExports(target, sources, seen)) {
      if (
        inner.export.name !== 'default' &&
        !out.some((o) => o.export.name === inner.export.name)
      ) {
        out.push(inner);
      }
    }
  }
  return out;
}

/** Whether an export looks like a Lambda handler: named handler, or `(event, context)`. */
export function looksLikeHandler(e: ModuleExport): boolean {
  if (e.kind === 'type' || e.kind === 'class' || e.kind === 'value') return false;
  if (e.name === 'handler') return true;
  const [first, second] = e.params ?? [];
  return (
    first !== undefined &&
    second !== undefined &&
    /^_?(event|evt|ev|e|req|request|input|payload|\{…\})$/i.test(first) &&
    /^_?(context|ctx|c|responseStream|stream)$/i.test(second)
  );
}

/** `(event, context)`, `async (event)`: how hovers and completion items show a function. */
export function signatureOf(e: ModuleExport): string {
  const params = `(${(e.params ?? []).join(', ')})`;
  switch (e.kind) {
    case 'function':
      return `${e.async ? 'async ' : ''}function ${params}`;
    case 'class':
      return 'class';
    case 'object':
      return 'object';
    case 'value':
      return 'value';
    case 'type':
      return 'type';
    default:
      return e.params ? `${e.async ? 'async ' : ''}function ${params}, wrapped` : 'value';
  }
}

/** Whether an export may be a function (declared as one, or not known not to be). */
function isCallable(e: ModuleExport): boolean {
  return e.kind === 'function' || e.kind === 'unknown';
}

/**
 * `exports: a, b`: the exports a handler could name, for messages (values, classes and types are
 * left out), or `it exports no function`.
 */
function exportsClause(file: string, sources: SourceFiles): string {
  const names = runtimeExports(file, sources)
    .filter((t) => isCallable(t.export))
    .map((t) => t.export.name);
  if (names.length === 0) return 'it exports no function';
  const shown = names.slice(0, MAX_LISTED_EXPORTS).join(', ');
  return `exports: ${names.length > MAX_LISTED_EXPORTS ? `${shown}, …` : shown}`;
}

/** The keys of an `export default { … }` object, or 'unknown' when it is not a literal. */
function defaultKeys(info: ModuleInfo): { export: ModuleExport }[] | 'unknown' | undefined {
  const def = info.exports.find((e) => e.name === 'default');
  if (!def) return undefined;
  if (def.kind !== 'object' || !def.keys || def.openKeys)
    return def.kind === 'unknown' ? 'unknown' : undefined;
  return def.keys.map((key) => ({
    export: {
      name: key.name,
      nameStart: key.start,
      nameEnd: key.end,
      declStart: key.start,
      declEnd: key.end,
      kind: 'unknown',
      async: false,
    },
  }));
}

/** The file a relative import specifier names, trying the usual extensions and index files. */
export function resolveSpecifier(
  from: string,
  specifier: string,
  sources: SourceFiles,
): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [
    base,
    // TypeScript sources import `./x.js` and mean `./x.ts`.
    ...RESOLVE_EXTENSIONS.map((e) => stem + e),
    ...RESOLVE_EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
  return candidates.find((candidate) => sources.stat(candidate) === 'file');
}

/** Handler strings of files under the code folder, the closest to what was typed first. */
function fileCandidates(
  query: HandlerQuery,
  modulePath: string,
  propertyPath: string,
  host: HandlerHost,
): string[] {
  const wanted = propertyPath.split('.')[0]!;
  const scored: { handler: string; distance: number }[] = [];
  for (const file of host.handlerFilesUnder(query.codeUri)) {
    const relative = relativePath(query.codeUri, file).replace(/\.[mc]?[jt]s$/, '');
    const exports = runtimeExports(file, host.sources).map((t) => t.export);
    const chosen =
      exports.find((e) => e.name === wanted && isCallable(e)) ?? exports.find(looksLikeHandler);
    if (!chosen) continue;
    scored.push({
      handler: `${relative}.${chosen.name}`,
      distance: editDistance(relative, modulePath),
    });
  }
  scored.sort((a, b) => a.distance - b.distance || a.handler.localeCompare(b.handler));
  return [...new Set(scored.map((s) => s.handler))].slice(0, MAX_CANDIDATES);
}

/** Levenshtein distance, for ranking suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
