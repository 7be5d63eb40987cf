/**
 * A byte-level JSON syntax check for Invoke API payloads: Lambda refuses a body that is not JSON
 * (lambda-runtime-spec.md §8.3) but passes the accepted bytes through untouched, so we only need a
 * yes/no answer plus a message, never a parsed value. Pure: imports nothing, allocates nothing
 * unless the input is invalid.
 */

/** Why a payload is not JSON, worded like the Jackson parser Lambda uses (§8.3). */
export interface JsonSyntaxError {
  /** Jackson-style parser message, without the location suffix. */
  message: string;
  /** 1-based line of the error. */
  line: number;
  /** 1-based column, counted in bytes as Jackson's byte parser does. */
  column: number;
}

/**
 * Jackson 2.15+ refuses documents nested deeper than this (`StreamReadConstraints`); Lambda's
 * messages carry the `REDACTED` source marker that Jackson 2.16 introduced, so it runs a version
 * with this default. Derived, not observed on AWS.
 */
export const MAX_NESTING_DEPTH = 1000;

const VALUE_EXPECTED =
  "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

const QUOTE = 34; // "
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;

// Parser states: what the next non-space byte may be.
const S_VALUE = 0; // any value
const S_FIRST_VALUE_OR_CLOSE_ARRAY = 1; // right after '['
const S_FIRST_KEY_OR_CLOSE_OBJECT = 2; // right after '{'
const S_KEY = 3; // after ',' in an object
const S_COLON = 4; // after a key
const S_AFTER_VALUE = 5; // after a complete value (',' or a close marker, or end at depth 0)

/**
 * Returns undefined when `bytes` is exactly one JSON value (with optional surrounding whitespace),
 * else the first error. Invalid UTF-8 inside strings is an error, as it is for Lambda (§8.3,
 * `Invalid UTF-8 start byte 0x87`). Trailing content after the value is refused too (whether AWS
 * ignores it is unconfirmed; refusing it locally surfaces a bug the runtime would hit anyway).
 */
export function findJsonError(bytes: Uint8Array): JsonSyntaxError | undefined {
  const end = bytes.length;
  // One byte per open container (OPEN_ARRAY / OPEN_OBJECT), grown on demand; shallow documents
  // (nearly all events) never allocate beyond this.
  let stack = SMALL_STACK;
  let depth = 0;
  let state = S_VALUE;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  // Line and column where each open container started, for Jackson's "start marker at" wording.
  let starts = SMALL_STARTS;

  while (i < end) {
    const c = bytes[i];
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      i++;
      if (c === 13 && i < end && bytes[i] === 10) i++;
      line++;
      lineStart = i;
      continue;
    }
    switch (state) {
      case S_AFTER_VALUE:
        if (depth === 0) {
          return fail(
            `Unexpected character (${charDesc(c)}): expected end-of-input after the JSON value`,
            line,
            i + 2 - lineStart,
          );
        }
        if (c === COMMA) {
          state = stack[depth - 1] === OPEN_OBJECT ? S_KEY : S_VALUE;
          i++;
          continue;
        }
        if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
          const closeError = checkClose(c, stack[depth - 1], starts, depth - 1);
          if (closeError !== undefined) return fail(closeError, line, i + 2 - lineStart);
          depth--;
          i++;
          continue;
        }
        return fail(
          `Unexpected character (${charDesc(c)}): was expecting comma to separate ${
            stack[depth - 1] === OPEN_OBJECT ? 'Object' : 'Array'
          } entries`,
          line,
          i + 2 - lineStart,
        );
      case S_COLON:
        if (c !== COLON) {
          return fail(
            `Unexpected character (${charDesc(c)}): was expecting a colon to separate field name and value`,
            line,
            i + 2 - lineStart,
          );
        }
        state = S_VALUE;
        i++;
        continue;
      case S_FIRST_KEY_OR_CLOSE_OBJECT:
      case S_KEY:
        if (c === CLOSE_OBJECT && state === S_FIRST_KEY_OR_CLOSE_OBJECT) {
          depth--;
          state = S_AFTER_VALUE;
          i++;
          continue;
        }
        if (c !== QUOTE) {
          return fail(
            `Unexpected character (${charDesc(c)}): was expecting double-quote to start field name`,
            line,
            i + 2 - lineStart,
          );
        }
        {
          const r = scanString(bytes, i + 1);
          if (r < 0) return stringError(bytes, -r - 1, line, lineStart);
          i = r;
        }
        state = S_COLON;
        continue;
      default:
        // S_VALUE or S_FIRST_VALUE_OR_CLOSE_ARRAY.
        if (c === CLOSE_ARRAY && state === S_FIRST_VALUE_OR_CLOSE_ARRAY) {
          depth--;
          state = S_AFTER_VALUE;
          i++;
          continue;
        }
        if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          if (depth === MAX_NESTING_DEPTH) {
            return fail(
              `Document nesting depth (${depth + 1}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
              line,
              i + 2 - lineStart,
            );
          }
          if (depth === stack.length) {
            const grown = new Uint8Array(stack.length * 4);
            grown.set(stack);
            stack = grown;
            const grownStarts = new Uint32Array(starts.length * 4);
            grownStarts.set(starts);
            starts = grownStarts;
          }
          starts[2 * depth] = line;
          starts[2 * depth + 1] = i - lineStart + 1;
          stack[depth++] = c;
          state = c === OPEN_OBJECT ? S_FIRST_KEY_OR_CLOSE_OBJECT : S_FIRST_VALUE_OR_CLOSE_ARRAY;
          i++;
          continue;
        }
        if (c === QUOTE) {
          const r = scanString(bytes, i + 1);
          if (r < 0) return stringError(bytes, -r - 1, line, lineStart);
          i = r;
          state = S_AFTER_VALUE;
          continue;
        }
        if (c === MINUS || (c >= 48 && c <= 57)) {
          const r = scanNumber(bytes, i);
          if (typeof r === 'string') return fail(r, line, numberErrorAt(bytes, i) + 2 - lineStart);
          i = r;
          state = S_AFTER_VALUE;
          continue;
        }
        if (c === 116 /* t */ || c === 102 /* f */ || c === 110 /* n */) {
          const word = c === 116 ? TRUE : c === 102 ? FALSE : NULL;
          if (matches(bytes, i, word)) {
            i += word.length;
            state = S_AFTER_VALUE;
            continue;
          }
          return fail(unrecognizedToken(bytes, i), line, tokenEnd(bytes, i) - lineStart);
        }
        if (isTokenByte(c))
          return fail(unrecognizedToken(bytes, i), line, tokenEnd(bytes, i) - lineStart);
        // Includes `[1,]` and `{"a":}`: Jackson reports the close marker as a bad value start.
        return fail(
          `Unexpected character (${charDesc(c)}): ${VALUE_EXPECTED}`,
          line,
          i + 2 - lineStart,
        );
    }
  }

  if (state === S_AFTER_VALUE && depth === 0) return undefined;
  if (depth === 0) {
    return fail(`No content to map due to end-of-input`, line, i + 1 - lineStart);
  }
  const kind = stack[depth - 1] === OPEN_OBJECT ? 'Object' : 'Array';
  return fail(
    `Unexpected end-of-input: expected close marker for ${kind} (start marker at ${jacksonLocation(
      starts[2 * depth - 2],
      starts[2 * depth - 1],
    )})`,
    line,
    i + 1 - lineStart,
  );
}

function fail(message: string, line: number, column: number): JsonSyntaxError {
  return { message, line, column };
}

/** Jackson's location suffix as Lambda prints it (§8.3). */
export function jacksonLocation(line: number, column: number): string {
  return `[Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: ${line}, column: ${column}]`;
}

/** The full parser text Lambda appends to its `Could not parse payload into json: ` prefix. */
export function formatJsonError(error: JsonSyntaxError): string {
  return `${error.message}\n at ${jacksonLocation(error.line, error.column)}`;
}

// Reused across calls: the check is synchronous, so no two calls can share them at once.
const SMALL_STACK = new Uint8Array(64);
const SMALL_STARTS = new Uint32Array(128);
const TRUE = [116, 114, 117, 101];
const FALSE = [102, 97, 108, 115, 101];
const NULL = [110, 117, 108, 108];

function matches(bytes: Uint8Array, at: number, word: readonly number[]): boolean {
  if (at + word.length > bytes.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word[k]) return false;
  // `truex` is one unrecognised token for Jackson, not `true` followed by garbage.
  return at + word.length === bytes.length || !isTokenByte(bytes[at + word.length]);
}

/**
 * Bytes Jackson reads into an "unrecognized token" (Java identifier characters, bytes taken as
 * Latin-1): letters, digits, `_`, `$` and the Latin-1 letters from 0xC0. Anything else at a value
 * start is an "unexpected character" (e.g. `(CTRL-CHAR, code 153)` for 0x99, §8.3).
 */
function isTokenByte(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 36 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

function tokenEnd(bytes: Uint8Array, start: number): number {
  let j = start;
  while (j < bytes.length && j - start < 256 && isTokenByte(bytes[j])) j++;
  return j + 1;
}

function unrecognizedToken(bytes: Uint8Array, start: number): string {
  const stop = tokenEnd(bytes, start) - 1;
  let token = '';
  for (let j = start; j < stop; j++) token += String.fromCharCode(bytes[j]);
  if (token === '') token = String.fromCharCode(bytes[start]);
  return `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
}

/** Jackson's `_getCharDesc`: control characters by code, others quoted (bytes as Latin-1). */
function charDesc(c: number): string {
  if (c < 32 || (c >= 127 && c < 160)) return `(CTRL-CHAR, code ${c})`;
  return `'${String.fromCharCode(c)}' (code ${c})`;
}

function checkClose(
  close: number,
  open: number,
  starts: Uint32Array,
  index: number,
): string | undefined {
  if (open === OPEN_ARRAY && close === CLOSE_ARRAY) return undefined;
  if (open === OPEN_OBJECT && close === CLOSE_OBJECT) return undefined;
  const expected = open === OPEN_ARRAY ? ']' : '}';
  const kind = open === OPEN_ARRAY ? 'Array' : 'Object';
  return `Unexpected close marker '${String.fromCharCode(close)}': expected '${expected}' (for ${kind} starting at ${jacksonLocation(starts[2 * index], starts[2 * index + 1])})`;
}

// Why `scanString` stopped; read by `stringError` right after a failed scan.
const E_EOF = 0;
const E_ESCAPE = 1;
const E_HEX = 2;
const E_CONTROL = 3;
const E_UTF8_START = 4;
const E_UTF8_MIDDLE = 5;
let stringErrorKind = E_EOF;

/**
 * Scans a string body starting after the opening quote. Returns the index after the closing quote,
 * or `-(errorIndex + 1)` with `stringErrorKind` set, so messages are built only on failure.
 */
function scanString(bytes: Uint8Array, start: number): number {
  const end = bytes.length;
  let i = start;
  while (i < end) {
    const c = bytes[i];
    if (c === QUOTE) return i + 1;
    if (c >= 32 && c < 128 && c !== BACKSLASH) {
      i++;
      continue;
    }
    if (c === BACKSLASH) {
      if (i + 1 >= end) break;
      const e = bytes[i + 1];
      if (e === 117 /* u */) {
        for (let k = 2; k < 6; k++) {
          if (i + k >= end) return stringFailure(E_EOF, end);
          if (!isHex(bytes[i + k])) return stringFailure(E_HEX, i + k);
        }
        i += 6;
        continue;
      }
      if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 47 /* / */ ||
        e === 98 /* b */ ||
        e === 102 /* f */ ||
        e === 110 /* n */ ||
        e === 114 /* r */ ||
        e === 116 /* t */
      ) {
        i += 2;
        continue;
      }
      return stringFailure(E_ESCAPE, i + 1);
    }
    if (c < 32) return stringFailure(E_CONTROL, i);
    // UTF-8: check the lead byte and the count of continuation bytes, as Jackson does (it does not
    // reject overlong forms or surrogates, so neither do we).
    let extra: number;
    if (c >= 0xc0 && c <= 0xdf) extra = 1;
    else if (c >= 0xe0 && c <= 0xef) extra = 2;
    else if (c >= 0xf0 && c <= 0xf7) extra = 3;
    else return stringFailure(E_UTF8_START, i);
    for (let k = 1; k <= extra; k++) {
      if (i + k >= end) return stringFailure(E_EOF, end);
      if ((bytes[i + k] & 0xc0) !== 0x80) return stringFailure(E_UTF8_MIDDLE, i + k);
    }
    i += extra + 1;
  }
  return stringFailure(E_EOF, end);
}

function stringFailure(kind: number, at: number): number {
  stringErrorKind = kind;
  return -(at + 1);
}

/** Builds the message for a string that `scanString` refused at byte `at`. */
function stringError(
  bytes: Uint8Array,
  at: number,
  line: number,
  lineStart: number,
): JsonSyntaxError {
  // A string cannot span a line break (raw newlines are refused), so the line is unchanged.
  if (stringErrorKind === E_EOF) {
    return fail(
      'Unexpected end-of-input: was expecting closing quote for a string value',
      line,
      at - lineStart + 1,
    );
  }
  const c = bytes[at];
  const column = at - lineStart + 2;
  switch (stringErrorKind) {
    case E_ESCAPE:
      return fail(`Unrecognized character escape ${charDesc(c)}`, line, column);
    case E_HEX:
      return fail(
        `Unexpected character (${charDesc(c)}): expected a hex-digit for character escape sequence`,
        line,
        column,
      );
    case E_CONTROL:
      return fail(
        `Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in string value`,
        line,
        column,
      );
    case E_UTF8_START:
      return fail(`Invalid UTF-8 start byte 0x${c.toString(16)}`, line, column);
    default:
      return fail(`Invalid UTF-8 middle byte 0x${c.toString(16)}`, line, column);
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Scans a number; returns the index after it, or a Jackson-style message. */
function scanNumber(bytes: Uint8Array, start: number): number | string {
  const end = bytes.length;
  let i = start;
  if (bytes[i] === MINUS) {
    i++;
    if (i >= end || !isDigit(bytes[i])) {
      if (i >= end) return 'Unexpected end-of-input in numeric value';
      return `Unexpected character (${charDesc(bytes[i])}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value`;
    }
  }
  if (bytes[i] === 48 && i + 1 < end && isDigit(bytes[i + 1])) {
    return 'Invalid numeric value: Leading zeroes not allowed';
  }
  while (i < end && isDigit(bytes[i])) i++;
  if (i < end && bytes[i] === DOT) {
    i++;
    if (i >= end || !isDigit(bytes[i])) {
      if (i >= end) return 'Unexpected end-of-input in numeric value';
      return `Unexpected character (${charDesc(bytes[i])}) in numeric value: Decimal point not followed by a digit`;
    }
    while (i < end && isDigit(bytes[i])) i++;
  }
  if (i < end && (bytes[i] === 101 || bytes[i] === 69)) {
    i++;
    if (i < end && (bytes[i] === 43 || bytes[i] === MINUS)) i++;
    if (i >= end || !isDigit(bytes[i])) {
      if (i >= end) return 'Unexpected end-of-input in numeric value';
      return `Unexpected character (${charDesc(bytes[i])}) in numeric value: Exponent indicator not followed by a digit`;
    }
    while (i < end && isDigit(bytes[i])) i++;
  }
  return i;
}

/** The byte a number error points at (for the column), recomputed only on failure. */
function numberErrorAt(bytes: Uint8Array, start: number): number {
  let i = start;
  if (bytes[i] === MINUS) i++;
  if (bytes[i] === 48 && isDigit(bytes[i + 1] ?? 0)) return i + 1;
  while (i < bytes.length && isDigit(bytes[i])) i++;
  if (bytes[i] === DOT) {
    i++;
    while (i < bytes.length && isDigit(bytes[i])) i++;
  }
  if (bytes[i] === 101 || bytes[i] === 69) {
    i++;
    if (bytes[i] === 43 || bytes[i] === MINUS) i++;
    while (i < bytes.length && isDigit(bytes[i])) i++;
  }
  return i;
}
