/**
 * Builders for the SAM template reader's tests: small templates around one function, and lookups of
 * where a piece of text sits so that expected lines and columns follow the text. Test-only; imports
 * the reader and Node built-ins.
 */
import { resolve } from 'node:path';
import { parseTemplate } from '../../debug-adapter/sam/template';
import type {
  TemplateFileSystem,
  TemplateOptions,
  TemplateResult,
} from '../../debug-adapter/sam/template';
import type { TemplateDiagnostic } from '../../debug-adapter/sam/diagnostics';

/** Where the inline templates pretend to live; folders resolve against its directory. */
export const FILE = resolve('/tmp/sam-tests/template.yaml');
export const DIR = resolve('/tmp/sam-tests');
export const FIXTURES = resolve(__dirname, '../fixtures/sam');

/** The properties every test function starts from. */
export const BASE_PROPS = 'Handler: app.handler\nRuntime: nodejs22.x\nCodeUri: src';

const indent = (text: string, by: number): string =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(by) + line : line))
    .join('\n');

/**
 * A template with one function `Fn` whose Properties are `props` (YAML written from column 0), plus
 * optional top-level sections (`head`) and other resources (`resources`, also from column 0).
 */
export function withFunction(
  props: string,
  opts: { head?: string; resources?: string; type?: string } = {},
): string {
  return [
    'Transform: AWS::Serverless-2016-10-31',
    ...(opts.head ? [opts.head] : []),
    'Resources:',
    ...(opts.resources ? [indent(opts.resources, 2)] : []),
    '  Fn:',
    `    Type: ${opts.type ?? 'AWS::Serverless::Function'}`,
    '    Properties:',
    indent(props, 6),
    '',
  ].join('\n');
}

/** Parses inline template text as if it were FILE. */
export function run(text: string, options: TemplateOptions = {}): TemplateResult {
  return parseTemplate(text, FILE, options);
}

/** The input of function `id`, failing loudly when the reader left it out. */
export function inputOf(result: TemplateResult, id = 'Fn') {
  const fn = result.functions.find((f) => f.logicalId === id);
  if (!fn) {
    const errors = result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n');
    throw new Error(`function ${id} missing; errors:\n${errors}`);
  }
  return fn.input;
}

/** 1-based line and column of `needle` (plus `offset` characters) in `text`. */
export function at(text: string, needle: string, offset = 0): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${JSON.stringify(needle)} not in the text`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** The parts of a diagnostic a test states: where, which property, what it says. */
export function brief(d: TemplateDiagnostic): {
  line: number;
  column: number;
  property: string;
  message: string;
} {
  return { line: d.line, column: d.column, property: d.property, message: d.message };
}

/** A file system of the given folders and files (absolute paths). */
export function fakeFs(dirs: string[], files: string[] = []): TemplateFileSystem {
  return {
    stat: (path) => (dirs.includes(path) ? 'directory' : files.includes(path) ? 'file' : undefined),
  };
}
