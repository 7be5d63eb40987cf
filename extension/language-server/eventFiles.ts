/**
 * Saved event files (`events/<Function>/*.json`): diagnostics when the text is not JSON (Lambda
 * parses the event with JSON.parse) or does not have the shape of the event source it looks like,
 * and completion of field names from the event templates (debug-adapter/templates/events, reused:
 * detectEventSource, findTemplate, requiredKeys). May import jsonc-parser; never vscode.
 */
import {
  getLocation,
  parse,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser/lib/esm/main.js';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  type CompletionItem,
  type Diagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  detectEventSource,
  EVENT_TEMPLATES,
  findTemplate,
  requiredKeys,
  type EventTemplate,
} from '../../debug-adapter/templates/events';
import { DIAGNOSTIC_SOURCE } from './protocol';

/** Whether a path is a saved event file: `…/events/<Function>/<name>.json`. */
export function isEventFile(file: string): boolean {
  return /[\\/]events[\\/][^\\/]+[\\/][^\\/]+\.json$/i.test(file);
}

/** The function an event file belongs to (its folder's name). */
export function eventFunctionName(file: string): string {
  return file.split(/[\\/]/).slice(-2)[0]!;
}

// Keyed by printParseErrorCode's names: ParseErrorCode is a const enum, which isolatedModules
// cannot read.
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected the end of the file after the value',
  InvalidCommentToken: 'remove the comment (JSON has none)',
  UnexpectedEndOfComment: 'remove the comment (JSON has none)',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfNumber: 'the number is not complete',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control characters must be escaped in strings',
};

/** Diagnostics of an event file: the first JSON syntax error, else shape mismatches. */
export function eventDiagnostics(document: TextDocument): Diagnostic[] {
  const text = document.getText();
  if (text.trim() === '') {
    return [
      diagnostic(
        document,
        0,
        0,
        'The event file is empty: Lambda needs a JSON value; write {} for an empty event.',
        DiagnosticSeverity.Error,
        'event-invalid-json',
      ),
    ];
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first) {
    const before = text.slice(0, first.offset).trimEnd();
    const trailingComma =
      before.endsWith(',') &&
      ['ValueExpected', 'PropertyNameExpected'].includes(printParseErrorCode(first.error)) &&
      /^\s*[}\]]/.test(text.slice(first.offset));
    const what = trailingComma
      ? 'remove the trailing comma (JSON allows none)'
      : (SYNTAX[printParseErrorCode(first.error)] ?? 'syntax error');
    const start = trailingComma ? before.length - 1 : first.offset;
    const end = trailingComma ? before.length : first.offset + first.length;
    return [
      diagnostic(
        document,
        start,
        end,
        `Invalid JSON: ${what}. Lambda parses the event with JSON.parse, so this event cannot be sent.`,
        DiagnosticSeverity.Error,
        'event-invalid-json',
      ),
    ];
  }
  if (!root) return [];
  return shapeDiagnostics(document, root);
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
};

function nameOf(template: EventTemplate): string {
  return `${template.service} ${template.event}`;
}

/** Missing keys and mismatched value kinds, at the top level and in each `Records` item. */
function shapeDiagnostics(document: TextDocument, root: JsonNode): Diagnostic[] {
  const value: unknown = parse(document.getText());
  const claimed = detectEventSource(value);
  const template = claimed && findTemplate(claimed.service, claimed.event);
  if (!template || !isRecord(value) || root.type !== 'object') return [];
  const sample = template.build() as Json;
  const label = `${nameOf(template)} (${template.sourceType})`;
  const out: Diagnostic[] = [];
  const missing = requiredKeys(template).filter((key) => !(key in value));
  if (missing.length > 0) {
    out.push(
      diagnostic(
        document,
        root.offset,
        root.offset + 1,
        `This event looks like ${label} but lacks ${quoteList(missing)}: the real event always has ${missing.length === 1 ? 'it' : 'them'}.`,
        DiagnosticSeverity.Warning,
        'event-shape',
      ),
    );
  }
  out.push(...kindMismatches(document, root, sample, `${label} events`));
  const records = sample.Records;
  const sampleRecord = Array.isArray(records) && isRecord(records[0]) ? records[0] : undefined;
  const recordsNode = property(root, 'Records');
  if (sampleRecord && recordsNode?.type === 'array') {
    const expected = Object.keys(sampleRecord);
    for (const record of recordsNode.children ?? []) {
      if (record.type !== 'object') continue;
      const keys = new Set((record.children ?? []).map((p) => String(p.children?.[0]?.value)));
      const lacking = expected.filter((key) => !keys.has(key));
      if (lacking.length > 0) {
        out.push(
          diagnostic(
            document,
            record.offset,
            record.offset + 1,
            `This record lacks ${quoteList(lacking)}: every ${label} record has ${lacking.length === 1 ? 'it' : 'them'}.`,
            DiagnosticSeverity.Warning,
            'event-shape',
          ),
        );
      }
      out.push(...kindMismatches(document, record, sampleRecord, `${label} records`));
    }
  }
  return out;
}

function kindMismatches(
  document: TextDocument,
  object: JsonNode,
  sample: Json,
  label: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const prop of object.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    if (!(key in sample)) continue;
    const expected = kindOf(sample[key]);
    const actual = valueNode.type;
    if (expected === 'null' || actual === 'null' || expected === actual) continue;
    out.push(
      diagnostic(
        document,
        valueNode.offset,
        valueNode.offset + valueNode.length,
        `"${key}" is ${ARTICLE[actual] ?? actual} here, but ${ARTICLE[expected] ?? expected} in ${label}.`,
        DiagnosticSeverity.Warning,
        'event-shape',
      ),
    );
  }
  return out;
}

function property(object: JsonNode, key: string): JsonNode | undefined {
  const prop = object.children?.find((p) => p.children?.[0]?.value === key);
  return prop?.children?.[1];
}

function quoteList(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(', ');
}

function diagnostic(
  document: TextDocument,
  start: number,
  end: number,
  message: string,
  severity: DiagnosticSeverity,
  code: string,
): Diagnostic {
  return {
    range: { start: document.positionAt(start), end: document.positionAt(end) },
    severity,
    source: DIAGNOSTIC_SOURCE,
    code,
    message,
  };
}

/**
 * Field names for the object the cursor is in: those of the event source the file looks like,
 * or, while it looks like none, of every template the keys written so far fit.
 */
export function eventCompletion(document: TextDocument, position: Position): CompletionItem[] {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const location = getLocation(text, offset);
  if (!location.isAtPropertyKey) return [];
  const objectPath = location.path.slice(0, -1);
  const value: unknown = parse(text, [], { allowTrailingComma: true });
  const claimed = detectEventSource(value);
  const claimedTemplate = claimed && findTemplate(claimed.service, claimed.event);
  const current = at(value, objectPath, false);
  // The key being typed, which jsonc-parser reports as a `property` node.
  const node =
    location.previousNode?.type === 'property' || location.previousNode?.type === 'string'
      ? location.previousNode
      : undefined;
  const typed = node ? String(node.value) : '';
  const present = new Set(isRecord(current) ? Object.keys(current).filter((k) => k !== typed) : []);
  const templates = claimedTemplate
    ? [claimedTemplate]
    : EVENT_TEMPLATES.filter((t) => {
        const shape = at(t.build(), objectPath, true);
        return isRecord(shape) && [...present].every((k) => k in shape);
      });
  const keys = new Map<string, { templates: string[]; sample: unknown }>();
  for (const template of templates) {
    const shape = at(template.build(), objectPath, true);
    if (!isRecord(shape)) continue;
    for (const [key, sample] of Object.entries(shape)) {
      if (present.has(key)) continue;
      const entry = keys.get(key) ?? { templates: [], sample };
      entry.templates.push(nameOf(template));
      keys.set(key, entry);
    }
  }
  const replace: Range = node
    ? {
        start: document.positionAt(node.offset),
        end: document.positionAt(node.offset + node.length),
      }
    : { start: position, end: position };
  const afterKey = text.slice(document.offsetAt(replace.end)).trimStart();
  const colon = afterKey.startsWith(':') ? '' : ': ';
  let index = 0;
  return [...keys].map(([key, entry]) => {
    const shown = entry.templates.slice(0, 3).join(', ');
    const more = entry.templates.length > 3 ? ` and ${entry.templates.length - 3} more` : '';
    return {
      label: key,
      kind: CompletionItemKind.Property,
      detail: `${kindOf(entry.sample)} · ${shown}${more}`,
      sortText: String(index++).padStart(4, '0'),
      filterText: `"${key}"`,
      textEdit: { range: replace, newText: `"${key}"${colon}` },
    };
  });
}

/**
 * The value at a JSON path. In a template's sample (`sample`), every array index maps to the
 * first item, which stands for all of them.
 */
function at(value: unknown, jsonPath: readonly (string | number)[], sample: boolean): unknown {
  let current = value;
  for (const segment of jsonPath) {
    if (Array.isArray(current)) current = current[sample ? 0 : Number(segment)];
    else if (isRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}
