/**
 * Source positions and diagnostics of the SAM template reader: what an error or warning says and
 * where it points (file, line, column, property path). Pure data and formatting; imports nothing.
 */

/** A span of source text, 1-based like editors show it; the end is exclusive. */
export interface SourceRange {
  /** Line of the first character, from 1. */
  line: number;
  /** Column of the first character, from 1. */
  column: number;
  /** Line of the position just after the span. */
  endLine: number;
  /** Column of the position just after the span. */
  endColumn: number;
}

/** One error or warning about a template or an env-vars file. */
export interface TemplateDiagnostic {
  /** The file the position refers to (the template, or the env-vars file). */
  file: string;
  /** Line of the offending text, from 1. */
  line: number;
  /** Column of the offending text, from 1. */
  column: number;
  /** Line just after the offending text. */
  endLine: number;
  /** Column just after the offending text. */
  endColumn: number;
  /**
   * Dotted path of the property, e.g. `Resources.HelloFn.Properties.Timeout`; list items are
   * `[n]`. Empty for syntax errors, which belong to no property.
   */
  property: string;
  /** One sentence (or two) naming the problem, the value and what is allowed. */
  message: string;
}

/** Something a diagnostic can point at: a template node, or a key of one. */
export interface Located {
  /** Where it is. */
  range: SourceRange;
  /** Its property path. */
  path: string;
}

/** The start of a file, for diagnostics about a file as a whole. */
export const FILE_START: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Collects diagnostics for one file. Identical diagnostics are kept once: a Globals value is
 * resolved for every function, and its warning should not repeat fifty times.
 */
export class DiagnosticSink {
  readonly errors: TemplateDiagnostic[] = [];
  readonly warnings: TemplateDiagnostic[] = [];
  /**
   * Counts every error reported, duplicates included, so that a caller can tell whether building
   * one function failed even when the error was already reported for another.
   */
  errorCount = 0;
  private readonly seen = new Set<string>();

  constructor(readonly file: string) {}

  error(at: Located, message: string, file = this.file): void {
    this.errorCount++;
    this.add(this.errors, at, message, file);
  }

  warning(at: Located, message: string, file = this.file): void {
    this.add(this.warnings, at, message, file);
  }

  private add(list: TemplateDiagnostic[], at: Located, message: string, file: string): void {
    const { line, column, endLine, endColumn } = at.range;
    const key = `${list === this.errors ? 'E' : 'W'}\0${file}\0${line}\0${column}\0${at.path}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push({ file, line, column, endLine, endColumn, property: at.path, message });
  }
}

/**
 * One line per diagnostic in the compiler style editors and terminals link:
 * `template.yaml:12:16: error: Timeout must be … [Resources.HelloFn.Properties.Timeout]`.
 */
export function formatDiagnostic(
  diagnostic: TemplateDiagnostic,
  severity: 'error' | 'warning',
): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  const property = diagnostic.property ? ` [${diagnostic.property}]` : '';
  return `${where}: ${severity}: ${diagnostic.message}${property}`;
}

/** Shows a value in a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
