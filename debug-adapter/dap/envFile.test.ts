// parseEnvFile: the dotenv dialect of `envFile`, table-driven.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvFileError, parseEnvFile } from './envFile';

describe('parseEnvFile', () => {
  const good: Array<[string, string, Record<string, string>]> = [
    ['plain', 'A=1\nB=two words', { A: '1', B: 'two words' }],
    ['comments and blank lines', '# c\n\nA=1\n  # indented\n', { A: '1' }],
    ['export prefix', 'export A=1', { A: '1' }],
    ['spaces around =', 'A = 1 ', { A: '1' }],
    ['empty value', 'A=', { A: '' }],
    ['inline comment after an unquoted value', 'A=1 # one', { A: '1' }],
    ['hash inside a value', 'A=a#b', { A: 'a#b' }],
    ['single quotes are literal', "A='x\\ny # z'", { A: 'x\\ny # z' }],
    ['double quotes take escapes', 'A="x\\ny \\"q\\""', { A: 'x\ny "q"' }],
    ['comment after a quoted value', 'A="1" # c', { A: '1' }],
    ['CRLF and BOM', '\uFEFFA=1\r\nB=2\r\n', { A: '1', B: '2' }],
    ['later lines win', 'A=1\nA=2', { A: '2' }],
  ];
  for (const [title, text, expected] of good) {
    it(title, () => assert.deepEqual(parseEnvFile(text), expected));
  }

  const bad: Array<[string, string, RegExp]> = [
    ['no =', 'A=1\nJUST_A_NAME', /^line 2 is not KEY=value: "JUST_A_NAME"$/],
    ['bad name', '1A=x', /^line 1 is not KEY=value/],
    ['unterminated quote', 'A="x', /^line 1 has an unterminated " quote$/],
    ['text after the quote', "A='x' y", /^line 1 has text after the closing quote: "y"$/],
  ];
  for (const [title, text, message] of bad) {
    it(`rejects ${title}`, () => {
      assert.throws(
        () => parseEnvFile(text),
        (error: unknown) => error instanceof EnvFileError && message.test(error.message),
      );
    });
  }
});
