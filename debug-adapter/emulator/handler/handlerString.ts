/**
 * Splits a handler string (`dir/file.obj.method`) the way Lambda's runtime clients do
 * (lambda-runtime-spec.md §1.2), and finds the file it names. Shared by the emulator (to decide
 * whether TypeScript must be compiled) and, later, the language server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface HandlerParts {
  /** Folder part before the last `/`, e.g. `dir/sub/` (empty for none). */
  moduleRoot: string;
  /** File name without extension, up to the first dot of the last segment. */
  moduleName: string;
  /** Property path after that dot, e.g. `obj.method`. */
  propertyPath: string;
}

/** Parses a handler string; returns an error message in Lambda's words when it is malformed. */
export function parseHandler(handler: string): HandlerParts | { error: string; errorType: string } {
  if (handler.includes('..')) {
    return {
      errorType: 'Runtime.MalformedHandlerName',
      error: `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    };
  }
  const slash = handler.lastIndexOf('/');
  const moduleRoot = handler.slice(0, slash + 1);
  const last = handler.slice(slash + 1);
  const dot = last.indexOf('.');
  if (dot <= 0 || dot === last.length - 1)
    return { errorType: 'Runtime.MalformedHandlerName', error: 'Bad handler' };
  return { moduleRoot, moduleName: last.slice(0, dot), propertyPath: last.slice(dot + 1) };
}

const JS_EXTENSIONS = ['', '.js', '.mjs', '.cjs'];
const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];

/**
 * The TypeScript file a handler names, when no JavaScript candidate exists (Lambda itself would
 * load the `.js`, so a compiled file beside the source wins, as it would when deployed).
 */
export function typeScriptEntry(codeUri: string, parts: HandlerParts): string | undefined {
  const base = path.resolve(codeUri, parts.moduleRoot, parts.moduleName);
  for (const extension of JS_EXTENSIONS) {
    if (isFile(base + extension)) return undefined;
  }
  for (const extension of TS_EXTENSIONS) {
    if (isFile(base + extension)) return base + extension;
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
