/**
 * A tolerant JavaScript/TypeScript tokenizer: strings, template literals, comments and regular
 * expressions are skipped exactly, so that what is left (names, numbers and punctuation, each with
 * its offsets and bracket depth) can be read for declarations and parameter lists. The export
 * lists themselves come from es-module-lexer and cjs-module-lexer (moduleExports.ts); this only
 * locates what they name. Never throws, whatever the text. Imports nothing; never vscode.
 */

/** What a token is. */
export type TokenType = 'name' | 'punct' | 'string' | 'number' | 'template' | 'regex';

/** One token of source text. */
export interface Token {
  /** What the token is. */
  type: TokenType;
  /** The token's text; for strings, the value without quotes (escapes kept as written). */
  value: string;
  /** Offset of the first character. */
  start: number;
  /** Offset just after the last character. */
  end: number;
  /** How many brackets ((, [, {, `${`) enclose the token. */
  depth: number;
}

// Longest first, so that `===` is not read as `==` then `=`.
const OPERATORS = [
  '>>>=',
  '...',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '&&=',
  '||=',
  '??=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
];

// After these words an expression starts, so a `/` begins a regular expression, not a division.
const EXPRESSION_KEYWORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'await',
  'yield',
  'extends',
]);

function isNameStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    code === 36 ||
    code === 95 ||
    code === 92 ||
    code > 127
  );
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Splits source text into tokens, skipping whitespace and comments. */
export function scanTokens(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let pos = 0;
  let depth = 0;
  // For each open bracket, whether it is a template's `${` (its `}` resumes the template).
  const brackets: boolean[] = [];
  if (text.startsWith('#!')) pos = lineEnd(text, 0);

  const push = (type: TokenType, value: string, start: number, end: number): void => {
    tokens.push({ type, value, start, end, depth });
  };

  /** Scans template text from `pos` (just after a backtick or a `}`) to its end or next `${`. */
  const templateChunk = (start: number): void => {
    let i = pos;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i += 2;
        continue;
      }
      if (c === 96) {
        pos = i + 1;
        push('template', text.slice(start, pos), start, pos);
        return;
      }
      if (c === 36 && text.charCodeAt(i + 1) === 123) {
        pos = i + 2;
        push('template', text.slice(start, pos), start, pos);
        brackets.push(true);
        depth++;
        return;
      }
      i++;
    }
    pos = length;
    push('template', text.slice(start, pos), start, pos);
  };

  while (pos < length) {
    const c = text.charCodeAt(pos);
    // Whitespace, including line terminators and the BOM.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xfeff) {
      pos++;
      continue;
    }
    if (c > 127 && /\s/.test(text[pos]!)) {
      pos++;
      continue;
    }
    const start = pos;
    if (c === 47) {
      const next = text.charCodeAt(pos + 1);
      if (next === 47) {
        pos = lineEnd(text, pos);
        continue;
      }
      if (next === 42) {
        const close = text.indexOf('*/', pos + 2);
        pos = close < 0 ? length : close + 2;
        continue;
      }
      if (regexAllowed(tokens[tokens.length - 1])) {
        pos = regexEnd(text, pos);
        push('regex', text.slice(start, pos), start, pos);
        continue;
      }
    }
    if (c === 39 || c === 34) {
      pos = stringEnd(text, pos, c);
      const closed = text.charCodeAt(pos - 1) === c && pos - 1 > start;
      push('string', text.slice(start + 1, closed ? pos - 1 : pos), start, pos);
      continue;
    }
    if (c === 96) {
      pos++;
      templateChunk(start);
      continue;
    }
    if (isNameStart(c) || (c === 35 && isNameStart(text.charCodeAt(pos + 1)))) {
      pos++;
      while (pos < length && isNamePart(text.charCodeAt(pos))) pos++;
      push('name', text.slice(start, pos), start, pos);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(pos + 1)))) {
      pos++;
      while (pos < length) {
        const d = text.charCodeAt(pos);
        const exponentSign =
          (d === 43 || d === 45) &&
          /[eE]/.test(text[pos - 1]!) &&
          !/^0[xX]/.test(text.slice(start));
        if (isNamePart(d) || d === 46 || exponentSign) pos++;
        else break;
      }
      push('number', text.slice(start, pos), start, pos);
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      pos++;
      push('punct', text[start]!, start, pos);
      brackets.push(false);
      depth++;
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      pos++;
      const template = brackets.pop() ?? false;
      depth = Math.max(0, depth - 1);
      if (template && c === 125) {
        templateChunk(start);
        continue;
      }
      push('punct', text[start]!, start, pos);
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, pos));
    pos += operator ? operator.length : 1;
    push('punct', text.slice(start, pos), start, pos);
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

/** The offset after a quoted string; an unterminated one ends at its line's end. */
function stringEnd(text: string, from: number, quote: number): number {
  let i = from + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === quote) return i + 1;
    else if (c === 10 || c === 13) return i;
    else i++;
  }
  return text.length;
}

/** The offset after a regular expression literal and its flags. */
function regexEnd(text: string, from: number): number {
  let i = from + 1;
  let inClass = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c === 92) i += 2;
    else if (c === 91) {
      inClass = true;
      i++;
    } else if (c === 93) {
      inClass = false;
      i++;
    } else if (c === 47 && !inClass) {
      i++;
      while (i < text.length && isNamePart(text.charCodeAt(i))) i++;
      return i;
    } else i++;
  }
  return text.length;
}

function regexAllowed(previous: Token | undefined): boolean {
  if (!previous) return true;
  switch (previous.type) {
    case 'name':
      return EXPRESSION_KEYWORDS.has(previous.value);
    case 'punct':
      // A `}` usually ends a block, after which an expression statement may start with a regex.
      return previous.value !== ')' && previous.value !== ']';
    default:
      return false;
  }
}

/** The index of the bracket closing the one at `open`, or the last token when it is unclosed. */
export function matchingBracket(tokens: readonly Token[], open: number): number {
  const depth = tokens[open]!.depth;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      t.depth === depth &&
      t.type === 'punct' &&
      (t.value === ')' || t.value === ']' || t.value === '}')
    ) {
      return i;
    }
    if (t.depth < depth) return i - 1;
  }
  return tokens.length - 1;
}
