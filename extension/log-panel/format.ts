/**
 * Pure helpers shared by the log panel's host side and its webview: parsing a Lambda log line
 * (Text, JSON and platform formats, lambda-runtime-spec.md §5), finding the JSON in a message to
 * pretty-print it, the `.log` export text, and small display formats.
 * Imports only types from debug-adapter/protocol; no DOM, no vscode, no Node built-ins.
 */
import type { ApplicationLogLevel, LogRecord } from '../../debug-adapter/protocol/lambda';

/** The levels from least to most severe, as Lambda orders them (spec §5.4). */
export const LEVELS: readonly ApplicationLogLevel[] = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'FATAL',
];

/**
 * The rank of a level for min-level filtering. Raw stdout/stderr output has no level; it ranks
 * as INFO, which is what `console.log` would have given it.
 */
export function levelRank(level: ApplicationLogLevel | undefined): number {
  return LEVELS.indexOf(level ?? 'INFO');
}

/** How a line was written: a Text-format console line, a JSON line, a platform line or raw output. */
export type LineKind = 'text' | 'json' | 'platform' | 'raw';

/** A log line taken apart. */
export interface ParsedLine {
  /** How the line was written. */
  kind: LineKind;
  /** The ISO timestamp the line carries, if any. */
  time: string | undefined;
  /** The request id the line names (`undefined` or `-` during init count as none). */
  requestId: string | undefined;
  /** The level the line names, if any. */
  level: ApplicationLogLevel | undefined;
  /**
   * What follows the prefix: the console message of a Text line, the `message` of a JSON line
   * (objects as compact JSON), the whole line otherwise.
   */
  message: string;
  /**
   * For platform lines: `INIT_START`, `START`, `END`, `REPORT`, `INIT_REPORT`, `TIMEOUT` or
   * `FAULT` (Text format), or the record type such as `platform.report` (JSON format).
   */
  platform?: string;
}

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z`;
const TEXT_LINE = new RegExp(
  `^(${ISO})\\t([^\\t\\n]*)\\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\t([\\s\\S]*)$`,
);
const PLATFORM_LINE = /^(INIT_START|START|END|REPORT|INIT_REPORT) /;
const REQUEST_ID_FIELD = /RequestId: ([^\s]+)/;
// `<ISO ts> <request-id> Task timed out after <S.ss> seconds` (spec §5.5).
const TIMEOUT_LINE = new RegExp(`^(${ISO}) (\\S+) (Task timed out after [\\s\\S]*)$`);
// The platform fault record: `RequestId: <id> Error: Runtime exited ...\nRuntime.ExitError` (§5.5).
const FAULT_LINE = /^RequestId: (\S+) Error: ([\s\S]*)$/;

function isLevel(value: unknown): value is ApplicationLogLevel {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Node ≤22 prints `undefined` and Node 24 `-` as the request id during init (spec §5.2). */
function requestIdOrNone(id: unknown): string | undefined {
  return typeof id === 'string' && id !== '' && id !== 'undefined' && id !== '-' ? id : undefined;
}

/** Parses a JSON object line, or returns undefined (cheaply, for lines that cannot be JSON). */
function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{') || !text.trimEnd().endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Takes one log line (a record's text) apart into time, request id, level and message. */
export function parseLogLine(text: string): ParsedLine {
  const textLine = TEXT_LINE.exec(text);
  if (textLine) {
    return {
      kind: 'text',
      time: textLine[1],
      requestId: requestIdOrNone(textLine[2]),
      level: textLine[3] as ApplicationLogLevel,
      message: textLine[4],
    };
  }
  const platform = PLATFORM_LINE.exec(text);
  if (platform) {
    return {
      kind: 'platform',
      time: undefined,
      requestId: REQUEST_ID_FIELD.exec(text)?.[1],
      level: undefined,
      message: text,
      platform: platform[1],
    };
  }
  const timeout = TIMEOUT_LINE.exec(text);
  if (timeout) {
    return {
      kind: 'platform',
      time: timeout[1],
      requestId: requestIdOrNone(timeout[2]),
      level: 'ERROR',
      message: timeout[3],
      platform: 'TIMEOUT',
    };
  }
  const fault = FAULT_LINE.exec(text);
  if (fault) {
    return {
      kind: 'platform',
      time: undefined,
      requestId: fault[1],
      level: 'ERROR',
      message: text,
      platform: 'FAULT',
    };
  }
  const json = parseObject(text);
  if (
    json &&
    typeof json.type === 'string' &&
    json.type.startsWith('platform.') &&
    'record' in json
  ) {
    const record = json.record as Record<string, unknown> | null;
    return {
      kind: 'platform',
      time: typeof json.time === 'string' ? json.time : undefined,
      requestId: requestIdOrNone(record?.requestId),
      level: undefined,
      message: JSON.stringify(json.record),
      platform: json.type,
    };
  }
  if (json && ('timestamp' in json || 'level' in json) && 'message' in json) {
    return {
      kind: 'json',
      time: typeof json.timestamp === 'string' ? json.timestamp : undefined,
      requestId: requestIdOrNone(json.requestId),
      level: isLevel(json.level) ? json.level : undefined,
      message: typeof json.message === 'string' ? json.message : JSON.stringify(json.message),
    };
  }
  return { kind: 'raw', time: undefined, requestId: undefined, level: undefined, message: text };
}

/** A message split into the text before its JSON and the JSON, pretty-printed. */
export interface PrettyJson {
  /** Text before the JSON, e.g. `Invoke Error ` (without the separating tab); may be empty. */
  prefix: string;
  /** The JSON, pretty-printed with two spaces. */
  json: string;
}

// The runtime logs errors as `<label> \t<json>` (spec §4.5): Invoke Error, Uncaught Exception,
// Unhandled Promise Rejection, Init Error. Any other `text<TAB or space>{json}` counts too.
const PREFIXED_JSON = /^([^\n]*?)[\t ]([{[][\s\S]*[}\]])\s*$/;

function tryPretty(candidate: string): string | undefined {
  const first = candidate[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    const value: unknown = JSON.parse(candidate);
    if (typeof value !== 'object' || value === null) return undefined;
    return JSON.stringify(value, null, 2);
  } catch {
    return undefined;
  }
}

/**
 * Finds JSON in a console message: the whole message, or the JSON after a label such as
 * `Invoke Error \t`. Returns undefined for messages without a JSON object or array.
 */
export function prettyJson(message: string): PrettyJson | undefined {
  const trimmed = message.trim();
  const whole = tryPretty(trimmed);
  if (whole !== undefined) return { prefix: '', json: whole };
  const prefixed = PREFIXED_JSON.exec(message);
  if (!prefixed) return undefined;
  const json = tryPretty(prefixed[2]);
  return json === undefined ? undefined : { prefix: prefixed[1], json };
}

/** One log line as the panel shows it. */
export interface DisplayLine {
  /** How the line was written. */
  kind: LineKind;
  /** The ISO timestamp the line carries, if any. */
  time: string | undefined;
  /** The level to show (the record's own, else the one the text names). */
  level: ApplicationLogLevel | undefined;
  /** Platform keyword or record type (see ParsedLine.platform). */
  platform: string | undefined;
  /** The message text (the whole line for platform and raw lines); newlines kept. */
  text: string;
  /** Pretty-printed JSON that follows `text`, when the line carries JSON. */
  json: string | undefined;
}

/** Keys of a JSON log line that the panel shows in columns instead of in the body. */
const JSON_COLUMNS = new Set(['timestamp', 'level', 'requestId']);

/**
 * How the panel shows a record: the prefix columns taken off, carriage returns as newlines (the
 * RIC stdout path writes `\r` for `\n`, spec §5.2), and any JSON pretty-printed.
 */
export function displayLine(record: Pick<LogRecord, 'text' | 'level'>): DisplayLine {
  const parsed = parseLogLine(record.text);
  const level = record.level ?? parsed.level;
  const base = { kind: parsed.kind, time: parsed.time, level, platform: parsed.platform };
  if (parsed.kind === 'json') {
    const object = parseObject(record.text) ?? {};
    const rest = Object.fromEntries(
      Object.entries(object).filter(([key]) => !JSON_COLUMNS.has(key)),
    );
    const { message, ...extra } = rest;
    const hasExtra = Object.keys(extra).length > 0;
    if (typeof message === 'string') {
      const inner = hasExtra ? undefined : prettyJson(message);
      return {
        ...base,
        text: inner ? inner.prefix : newlines(message),
        json: inner ? inner.json : hasExtra ? JSON.stringify(extra, null, 2) : undefined,
      };
    }
    return { ...base, text: '', json: JSON.stringify(hasExtra ? rest : message, null, 2) };
  }
  if (parsed.kind === 'platform' && parsed.platform?.startsWith('platform.')) {
    const pretty = tryPretty(parsed.message);
    return { ...base, text: parsed.platform, json: pretty };
  }
  if (parsed.kind === 'platform') {
    return { ...base, text: newlines(record.text), json: undefined };
  }
  const pretty = prettyJson(parsed.message);
  if (pretty) return { ...base, text: pretty.prefix, json: pretty.json };
  return { ...base, text: newlines(parsed.message), json: undefined };
}

function newlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The `.log` export: exactly Lambda's raw log text, each record's text followed by `\n`
 * (what CloudWatch stores, and what the "Lambda" output channel shows).
 */
export function exportLogText(records: Iterable<Pick<LogRecord, 'text'>>): string {
  let text = '';
  for (const record of records) text += record.text + '\n';
  return text;
}

/**
 * A file name for an export. It ends in `.lambda.log` so the `lambda-log` language (and its
 * grammar) claims it without taking every `.log` file from VS Code's own Log language.
 */
export function exportFileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `lambda-${stamp}.lambda.log`;
}

/** The short form of an instance id (32 hex digits) that the panel shows. */
export function shortInstanceId(instanceId: string): string {
  return instanceId.slice(0, 8);
}

/** `32.56 ms`: two decimals, as REPORT prints durations (spec §5.5). */
export function formatMs(ms: number | undefined): string {
  return ms === undefined ? '' : `${ms.toFixed(2)} ms`;
}

/** The time of day of an epoch-ms or ISO time, in UTC as Lambda's timestamps are: `03:52:34.461`. */
export function formatClock(time: number | string): string {
  const iso = typeof time === 'number' ? new Date(time).toISOString() : time;
  const match = /T(\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)/.exec(iso);
  return match ? match[1] : iso;
}

/** A `path:line:column` in a stack trace. */
export interface SourceLocation {
  /** Offset of the match in the text. */
  index: number;
  /** Length of the match. */
  length: number;
  /** The path or `file://` URL as the text gives it. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

// Absolute POSIX or Windows paths, or file:// URLs, followed by :line:column (V8 stack frames).
const SOURCE_LOCATION = /((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^\s():"',]+):(\d+):(\d+)/g;

/** Finds the `path:line:column` positions in a text (stack frames), to link them to the editor. */
export function sourceLocations(text: string): SourceLocation[] {
  const found: SourceLocation[] = [];
  for (const match of text.matchAll(SOURCE_LOCATION)) {
    found.push({
      index: match.index ?? 0,
      length: match[0].length,
      path: match[1],
      line: Number(match[2]),
      column: Number(match[3]),
    });
  }
  return found;
}
