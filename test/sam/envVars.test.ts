// `--env-vars` overrides in SAM CLI's format: Parameters for every function, a function's own
// section (logical id or FunctionName) on top, undeclared variables added (unlike SAM CLI), values
// converted to strings, and every bad file reported with its name and position.
// node:test's describe and test return promises the runner awaits itself, hence `void`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findJsonError } from '../../debug-adapter/sam/jsonError';
import type { EnvVarsFile } from '../../debug-adapter/sam/envVars';
import { brief, inputOf, run, withFunction } from './helpers';

const TEMPLATE = withFunction(
  [
    'Handler: app.handler',
    'Runtime: nodejs22.x',
    'FunctionName: named-fn',
    'Environment:',
    '  Variables:',
    '    DECLARED: template',
    '    SECOND: template',
    '    BUS: !ImportValue bus',
  ].join('\n'),
  {
    resources:
      'Plain:\n  Type: AWS::Serverless::Function\n  Properties: {Handler: a.b, Runtime: nodejs22.x}',
  },
);

const envOf = (envVars: EnvVarsFile, id = 'Fn') =>
  inputOf(run(TEMPLATE, { envVars }), id).environment;

void describe('which overrides apply', () => {
  const cases: {
    name: string;
    envVars: EnvVarsFile;
    fn: Record<string, string>;
    plain?: Record<string, string>;
  }[] = [
    {
      name: 'Parameters apply to every function',
      envVars: { Parameters: { DECLARED: 'p', SHARED: 's' } },
      fn: {
        DECLARED: 'p',
        SECOND: 'template',
        BUS: '${Unresolved:Fn::ImportValue:bus}',
        SHARED: 's',
      },
      // Plain declares neither, and gets both: overrides add what the template does not declare.
      plain: { DECLARED: 'p', SHARED: 's' },
    },
    {
      name: 'a logical-id section overrides Parameters',
      envVars: { Parameters: { DECLARED: 'p' }, Fn: { DECLARED: 'own' } },
      fn: { DECLARED: 'own', SECOND: 'template', BUS: '${Unresolved:Fn::ImportValue:bus}' },
      plain: { DECLARED: 'p' },
    },
    {
      name: 'a FunctionName section applies too',
      envVars: { 'named-fn': { SECOND: 'by-name' } },
      fn: { DECLARED: 'template', SECOND: 'by-name', BUS: '${Unresolved:Fn::ImportValue:bus}' },
    },
    {
      name: 'the logical id wins over the FunctionName',
      envVars: { 'named-fn': { SECOND: 'by-name' }, Fn: { SECOND: 'by-id' } },
      fn: { DECLARED: 'template', SECOND: 'by-id', BUS: '${Unresolved:Fn::ImportValue:bus}' },
    },
    {
      name: 'an undeclared variable is added, unlike SAM CLI',
      envVars: { Fn: { NEW_ONE: 'added' } },
      fn: {
        DECLARED: 'template',
        SECOND: 'template',
        BUS: '${Unresolved:Fn::ImportValue:bus}',
        NEW_ONE: 'added',
      },
    },
    {
      name: 'values become strings as SAM CLI makes them',
      envVars: { Fn: { NUM: 3, FLOAT: 2.5, YES: true, NO: false, NULLED: null } },
      fn: {
        DECLARED: 'template',
        SECOND: 'template',
        BUS: '${Unresolved:Fn::ImportValue:bus}',
        NUM: '3',
        FLOAT: '2.5',
        YES: 'true',
        NO: 'false',
        NULLED: '',
      },
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      assert.deepEqual(envOf(c.envVars), c.fn);
      assert.deepEqual(envOf(c.envVars, 'Plain'), c.plain);
    });
  }

  void test('an overridden variable is not resolved, so its placeholder does not warn', () => {
    const result = run(TEMPLATE, { envVars: { Fn: { BUS: 'arn:aws:events:local' } } });
    assert.equal(inputOf(result).environment?.BUS, 'arn:aws:events:local');
    assert.deepEqual(result.warnings, []);
  });

  void test('overridden variables keep the template order', () => {
    const env = envOf({ Fn: { DECLARED: 'x', EXTRA: 'y' } });
    assert.deepEqual(Object.keys(env ?? {}), ['DECLARED', 'SECOND', 'BUS', 'EXTRA']);
  });
});

void describe('env-vars problems are reported against the env-vars file', () => {
  const file = '/tmp/sam-tests/env.json';
  const cases: {
    name: string;
    text: string;
    errors?: { line: number; column: number; property: string; message: string }[];
    warnings?: { line: number; column: number; property: string; message: string }[];
  }[] = [
    {
      name: 'a trailing comma',
      text: '{\n  "Fn": {\n    "A1": "x",\n  }\n}\n',
      errors: [
        {
          line: 4,
          column: 3,
          property: '',
          message: 'Invalid JSON: expected a property name in double quotes.',
        },
      ],
    },
    {
      name: 'a missing comma',
      text: '{"Fn": {"A1": "x" "B1": "y"}}',
      errors: [
        {
          line: 1,
          column: 19,
          property: '',
          message: "Invalid JSON: expected ',' or '}' after a property value.",
        },
      ],
    },
    {
      name: 'a truncated file',
      text: '{"Fn": {"A1": "x"',
      errors: [
        { line: 1, column: 18, property: '', message: 'Invalid JSON: unexpected end of input.' },
      ],
    },
    {
      name: 'an empty file',
      text: '',
      errors: [
        { line: 1, column: 1, property: '', message: 'Invalid JSON: unexpected end of input.' },
      ],
    },
    {
      name: 'a top-level array',
      text: '[{"A1": "x"}]',
      errors: [
        {
          line: 1,
          column: 1,
          property: '',
          message:
            'The env-vars file must hold a JSON object such as {"Parameters": {"VAR": "value"}, "HelloFunction": {"VAR": "value"}}.',
        },
      ],
    },
    {
      name: 'a section that is not an object',
      text: '{\n  "Fn": "oops"\n}',
      errors: [
        {
          line: 2,
          column: 9,
          property: 'Fn',
          message: 'Fn must map variable names to values, got "oops".',
        },
      ],
    },
    {
      name: 'a value that is an object',
      text: '{\n  "Parameters": {\n    "CONFIG": {"a": 1}\n  }\n}',
      errors: [
        {
          line: 3,
          column: 15,
          property: 'Parameters.CONFIG',
          message: 'Parameters.CONFIG must be a string, number or boolean, got {"a":1}.',
        },
      ],
    },
    {
      name: 'a section that matches no function',
      text: '{\n  "Ghost": {"A1": "x"}\n}',
      warnings: [
        {
          line: 2,
          column: 3,
          property: 'Ghost',
          message:
            'The env-vars entry Ghost matches no function of the template (use a logical id, a FunctionName or Parameters).',
        },
      ],
    },
    {
      name: 'a reserved variable',
      text: '{\n  "Parameters": {\n    "AWS_REGION": "eu-west-1"\n  }\n}',
      warnings: [
        {
          line: 3,
          column: 19,
          property: 'Parameters.AWS_REGION',
          message: 'AWS_REGION is reserved by Lambda: a deployed function cannot set it.',
        },
      ],
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      const result = run(withFunction('Handler: a.b\nRuntime: nodejs22.x'), {
        envVars: { file, text: c.text },
      });
      assert.deepEqual(result.errors.map(brief), c.errors ?? []);
      assert.deepEqual(result.warnings.map(brief), c.warnings ?? []);
      for (const d of [...result.errors, ...result.warnings]) assert.equal(d.file, file);
    });
  }

  void test('numbers keep the text written in the file', () => {
    const result = run(withFunction('Handler: a.b\nRuntime: nodejs22.x'), {
      envVars: { file, text: '{"Fn": {"VERSION": 1.0, "BIG": 1e3}}' },
    });
    assert.deepEqual(inputOf(result).environment, { VERSION: '1.0', BIG: '1e3' });
  });

  void test('an object given in code reports against "env-vars"', () => {
    const result = run(withFunction('Handler: a.b\nRuntime: nodejs22.x'), {
      envVars: { Fn: { BAD: [1] as unknown as string } },
    });
    assert.deepEqual(
      result.errors.map((e) => [e.file, e.message]),
      [['env-vars', 'Fn.BAD must be a string, number or boolean, got [1].']],
    );
  });
});

void describe('findJsonError', () => {
  const cases: [string, number, string][] = [
    ['{"a": }', 6, 'unexpected character "}"'],
    ['{a: 1}', 1, 'expected a property name in double quotes'],
    ['{"a" 1}', 5, "expected ':' after the property name"],
    ['[1 2]', 3, "expected ',' or ']' after an array item"],
    ['{"a": 1} x', 9, 'unexpected "x" after the JSON value'],
    ['"tab\there"', 4, 'control character in a string (escape it)'],
    ['"\\q"', 2, 'invalid escape in a string'],
    ['"\\u12"', 2, 'invalid \\u escape'],
    ['01', 1, 'unexpected "1" after the JSON value'],
    ['-', 0, 'invalid number'],
    ['tru', 3, 'unexpected end of input'],
    ['nul!', 3, 'unexpected character "!"'],
  ];
  for (const [text, offset, message] of cases) {
    void test(JSON.stringify(text), () => {
      assert.throws(() => JSON.parse(text));
      assert.deepEqual(findJsonError(text), { offset, message });
    });
  }

  void test('valid JSON has no error', () => {
    assert.equal(findJsonError(' {"a": [1, -2.5e3, true, null, "\\u00e9\\n"]} '), undefined);
  });
});
