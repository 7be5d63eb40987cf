// Unit tests of the payload JSON check: it must accept exactly what JSON.parse accepts (on text
// that is valid UTF-8) and word its refusals like Lambda's Jackson parser (§8.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING_DEPTH, findJsonError, formatJsonError } from './jsonValidator';

const valid = [
  '{}',
  '[]',
  'null',
  'true',
  'false',
  '0',
  '-0.5e+10',
  '"plain"',
  '  {"a" : [1, 2.25, -3e2, {"b": null}], "c": "\\u00e9\\n\\"q\\"\\\\", "d": {}}\r\n',
  '"héllo wörld ✓ 😀"',
  '[[[[[]]]]]',
];

void test('accepts valid JSON documents', () => {
  for (const text of valid) assert.equal(findJsonError(Buffer.from(text)), undefined, text);
});

const invalid: [string | number[], string, number, number][] = [
  // input, message, line, column
  [
    'x',
    "Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    1,
    2,
  ],
  [
    'nul',
    "Unrecognized token 'nul': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    1,
    4,
  ],
  [
    [0x99],
    "Unexpected character ((CTRL-CHAR, code 153)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    1,
    2,
  ],
  [[0x22, 0x87, 0x22], 'Invalid UTF-8 start byte 0x87', 1, 3],
  [[0x22, 0xc3, 0x28, 0x22], 'Invalid UTF-8 middle byte 0x28', 1, 4],
  [
    '"a\u0001"',
    'Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included in string value',
    1,
    4,
  ],
  ['"a\\x"', "Unrecognized character escape 'x' (code 120)", 1, 5],
  [
    '"\\u12G4"',
    "Unexpected character ('G' (code 71)): expected a hex-digit for character escape sequence",
    1,
    7,
  ],
  ['"abc', 'Unexpected end-of-input: was expecting closing quote for a string value', 1, 5],
  [
    '{a:1}',
    "Unexpected character ('a' (code 97)): was expecting double-quote to start field name",
    1,
    3,
  ],
  [
    '{"a" 1}',
    "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value",
    1,
    7,
  ],
  [
    '[1 2]',
    "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries",
    1,
    5,
  ],
  [
    '{"a":1 "b":2}',
    "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries",
    1,
    9,
  ],
  [
    '[1,]',
    "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    1,
    5,
  ],
  [
    '[}',
    "Unexpected character ('}' (code 125)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    1,
    3,
  ],
  [
    '[1}',
    "Unexpected close marker '}': expected ']' (for Array starting at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])",
    1,
    4,
  ],
  ['01', 'Invalid numeric value: Leading zeroes not allowed', 1, 3],
  [
    '-x',
    "Unexpected character ('x' (code 120)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
    1,
    3,
  ],
  [
    '1.x',
    "Unexpected character ('x' (code 120)) in numeric value: Decimal point not followed by a digit",
    1,
    4,
  ],
  [
    '1ex',
    "Unexpected character ('x' (code 120)) in numeric value: Exponent indicator not followed by a digit",
    1,
    4,
  ],
  [
    '{} x',
    "Unexpected character ('x' (code 120)): expected end-of-input after the JSON value",
    1,
    5,
  ],
  ['   ', 'No content to map due to end-of-input', 1, 4],
  [
    '{\n  "a": [1,\n',
    'Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 8])',
    3,
    1,
  ],
  [
    '\n\n  ?',
    "Unexpected character ('?' (code 63)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    3,
    4,
  ],
];

void test('refuses invalid documents with Jackson-style messages and positions', () => {
  for (const [input, message, line, column] of invalid) {
    const bytes = typeof input === 'string' ? Buffer.from(input) : Buffer.from(input);
    assert.deepEqual(findJsonError(bytes), { message, line, column }, JSON.stringify(input));
  }
});

void test('formats the location suffix as Lambda prints it', () => {
  assert.equal(
    formatJsonError({ message: 'M', line: 2, column: 5 }),
    'M\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 5]',
  );
});

void test('refuses nesting deeper than Jackson allows, accepts the maximum', () => {
  const ok = '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH);
  assert.equal(findJsonError(Buffer.from(ok)), undefined);
  const deep = '['.repeat(MAX_NESTING_DEPTH + 1) + ']'.repeat(MAX_NESTING_DEPTH + 1);
  assert.match(
    findJsonError(Buffer.from(deep))?.message ?? '',
    /^Document nesting depth \(1001\) exceeds the maximum allowed \(1000/,
  );
});

void test('agrees with JSON.parse on 100,000 random token soups', () => {
  const alphabet = [
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    'a',
    '1',
    '0',
    '-',
    '.',
    'e',
    'E',
    '+',
    'true',
    'null',
    'fals',
    ' ',
    '\\',
    'n',
    'u',
    '"k"',
    '\n',
  ];
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let n = 0; n < 100_000; n++) {
    let text = '';
    const length = 1 + random(12);
    for (let k = 0; k < length; k++) text += alphabet[random(alphabet.length)];
    if (text.trim() === '') continue;
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    assert.equal(findJsonError(Buffer.from(text)) === undefined, parses, JSON.stringify(text));
  }
});
