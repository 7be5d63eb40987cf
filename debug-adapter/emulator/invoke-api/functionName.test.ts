// Unit tests of FunctionName and Qualifier parsing (lambda-runtime-spec.md §8.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvokeApiError } from './apiErrors';
import { checkQualifier, parseFunctionName } from './functionName';

const accepted: [string, string, string | undefined, string | undefined, string | undefined][] = [
  // value, name, qualifier, region, account
  ['my-function', 'my-function', undefined, undefined, undefined],
  ['my_function.v2', 'my_function.v2', undefined, undefined, undefined],
  ['my-function:v1', 'my-function', 'v1', undefined, undefined],
  ['my-function:$LATEST', 'my-function', '$LATEST', undefined, undefined],
  [
    'arn:aws:lambda:us-west-2:123456789012:function:my-function',
    'my-function',
    undefined,
    'us-west-2',
    '123456789012',
  ],
  [
    'arn:aws:lambda:us-west-2:123456789012:function:my-function:live',
    'my-function',
    'live',
    'us-west-2',
    '123456789012',
  ],
  [
    'arn:aws-cn:lambda:cn-north-1:123456789012:function:f',
    'f',
    undefined,
    'cn-north-1',
    '123456789012',
  ],
  [
    'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:3',
    'f',
    '3',
    'us-gov-west-1',
    '123456789012',
  ],
  ['123456789012:function:my-function', 'my-function', undefined, undefined, '123456789012'],
  [
    '123456789012:function:my-function:$LATEST',
    'my-function',
    '$LATEST',
    undefined,
    '123456789012',
  ],
];

void test('parses names, qualified names, ARNs and partial ARNs', () => {
  for (const [value, name, qualifier, region, accountId] of accepted) {
    assert.deepEqual(
      { ...parseFunctionName(value) },
      { name, qualifier, region, accountId },
      value,
    );
  }
});

const refused: [string, RegExp][] = [
  ['', /Member must have length greater than or equal to 1$/],
  [
    'bad name',
    /^1 validation error detected: Value 'bad name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(arn:/,
  ],
  ['my-function:', /Member must satisfy regular expression pattern/],
  ['a/b', /Member must satisfy regular expression pattern/],
  ['x'.repeat(65), /Member must have length less than or equal to 64$/],
  [
    `123456789012:function:${'x'.repeat(250)}`,
    /Member must have length less than or equal to 256$/,
  ],
];

void test('refuses what breaks the model with a ValidationException', () => {
  for (const [value, message] of refused) {
    assert.throws(
      () => parseFunctionName(value),
      (e: unknown) => {
        assert.ok(e instanceof InvokeApiError);
        assert.equal(e.status, 400);
        assert.equal(e.code, 'ValidationException');
        assert.match(JSON.parse(e.body).message, message);
        return true;
      },
      value,
    );
  }
});

void test('checks Qualifier values', () => {
  for (const ok of ['$LATEST', '$LATEST.PUBLISHED', '12', 'live', 'blue_green-1'])
    checkQualifier(ok);
  for (const bad of ['has space', 'a:b', 'x'.repeat(129)]) {
    assert.throws(() => checkQualifier(bad), InvokeApiError, bad);
  }
});
