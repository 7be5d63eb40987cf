// The language server's scan: function resources and the places of their main properties, from
// text or from one parse shared with the full reader, and fast enough to run on every keystroke.
// node:test's describe and test return promises the runner awaits itself, hence `void`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findFunctionRanges } from '../../debug-adapter/sam/functionRanges';
import { parseTemplate, resolveTemplate } from '../../debug-adapter/sam/template';
import { parseTemplateText } from '../../debug-adapter/sam/templateTree';
import { at } from './helpers';

const TEXT = [
  'Transform: AWS::Serverless-2016-10-31',
  'Globals:',
  '  Function:',
  '    Runtime: nodejs22.x',
  '    Timeout: 10',
  'Resources:',
  '  Queue:',
  '    Type: AWS::SQS::Queue',
  '  Hello:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Handler: src/app.handler',
  '      CodeUri: hello/',
  '      MemorySize: !Ref Mem',
  '  Plain:',
  '    Type: AWS::Lambda::Function',
  '    Properties:',
  '      Code: plain',
  '      Handler: index.handler',
  '      Runtime: nodejs20.x',
  '  Broken:',
  '    Type: AWS::Serverless::Function',
  '    Properties: [not, a, map]',
  '',
].join('\n');

const span = (needle: string, length = needle.length) => {
  const start = at(TEXT, needle);
  return {
    line: start.line,
    column: start.column,
    endLine: start.line,
    endColumn: start.column + length,
  };
};

void describe('findFunctionRanges', () => {
  const found = findFunctionRanges(TEXT, 'template.yaml');

  void test('lists function resources only, in order', () => {
    assert.deepEqual(
      found.map((f) => [f.logicalId, f.type]),
      [
        ['Hello', 'AWS::Serverless::Function'],
        ['Plain', 'AWS::Lambda::Function'],
        ['Broken', 'AWS::Serverless::Function'],
      ],
    );
  });

  const cases: [string, string, { path: string; needle: string; length?: number }][] = [
    ['Hello', 'Handler', { path: 'Resources.Hello.Properties.Handler', needle: 'src/app.handler' }],
    ['Hello', 'CodeUri', { path: 'Resources.Hello.Properties.CodeUri', needle: 'hello/' }],
    ['Hello', 'MemorySize', { path: 'Resources.Hello.Properties.MemorySize', needle: '!Ref Mem' }],
    ['Hello', 'Runtime', { path: 'Globals.Function.Runtime', needle: 'nodejs22.x' }],
    ['Hello', 'Timeout', { path: 'Globals.Function.Timeout', needle: '10\nResources', length: 2 }],
    ['Plain', 'Code', { path: 'Resources.Plain.Properties.Code', needle: 'plain\n', length: 5 }],
    ['Plain', 'Runtime', { path: 'Resources.Plain.Properties.Runtime', needle: 'nodejs20.x' }],
    ['Broken', 'Runtime', { path: 'Globals.Function.Runtime', needle: 'nodejs22.x' }],
  ];
  for (const [id, property, expected] of cases) {
    void test(`${id}.${property}`, () => {
      const fn = found.find((f) => f.logicalId === id);
      const location = fn?.properties[property as keyof typeof fn.properties];
      assert.deepEqual(location, {
        ...span(expected.needle, expected.length),
        path: expected.path,
      });
    });
  }

  void test('AWS::Lambda::Function does not inherit Globals', () => {
    const plain = found.find((f) => f.logicalId === 'Plain');
    assert.equal(plain?.properties.Timeout, undefined);
  });

  void test('the resource range is its logical id', () => {
    assert.deepEqual(found[0].range, span('Hello:', 5));
  });

  void test('text that is not a template gives nothing, without throwing', () => {
    for (const text of ['', 'a: [', '- 1', 'Resources: 3']) {
      assert.deepEqual(findFunctionRanges(text), []);
    }
  });

  void test('one parse serves the scan and the reader', () => {
    const parsed = parseTemplateText(TEXT, 'template.yaml');
    assert.deepEqual(findFunctionRanges(parsed), found);
    const result = resolveTemplate(parsed);
    // Hello's MemorySize refers to an undeclared parameter: a warning, and the default applies.
    assert.deepEqual(
      result.functions.map((f) => f.logicalId),
      ['Hello', 'Plain'],
    );
    assert.deepEqual(
      result.errors.map((e) => e.message),
      ['Properties of Broken must be a map.'],
    );
  });
});

void describe('speed', () => {
  /** A realistic 50-function template: Globals, parameters and intrinsics in every function. */
  function bigTemplate(): string {
    const lines = [
      'Transform: AWS::Serverless-2016-10-31',
      'Parameters:',
      '  Stage: {Type: String, Default: dev}',
      'Globals:',
      '  Function:',
      '    Runtime: nodejs22.x',
      '    Timeout: 10',
      '    Environment:',
      '      Variables:',
      '        STAGE: !Ref Stage',
      'Resources:',
    ];
    for (let i = 0; i < 50; i++) {
      lines.push(
        `  Fn${i}:`,
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        `      CodeUri: src/fn${i}`,
        '      Handler: app.handler',
        '      MemorySize: 256',
        `      FunctionName: !Sub 'fn-${i}-\${Stage}'`,
        '      Environment:',
        '        Variables:',
        "          REGION_X: !Sub '${AWS::Region}-x'",
        `          NEXT_ARN: !GetAtt Fn${(i + 1) % 50}.Arn`,
        "          JOINED: !Join [',', [a, b, !Ref Stage]]",
        '      LoggingConfig: {LogFormat: JSON}',
      );
    }
    return `${lines.join('\n')}\n`;
  }

  void test('a 50-function template parses and resolves in milliseconds', () => {
    const text = bigTemplate();
    for (let i = 0; i < 3; i++) parseTemplate(text, 'big.yaml'); // warm-up
    const runs = 10;
    let parse = 0;
    let resolve = 0;
    let scan = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const parsed = parseTemplateText(text, 'big.yaml');
      const t1 = performance.now();
      const result = resolveTemplate(parsed);
      const t2 = performance.now();
      findFunctionRanges(parsed);
      const t3 = performance.now();
      parse += t1 - t0;
      resolve += t2 - t1;
      scan += t3 - t2;
      assert.equal(result.functions.length, 50);
      assert.deepEqual(result.errors, []);
    }
    const ms = (n: number) => (n / runs).toFixed(2);
    console.log(
      `# 50 functions: yaml parse ${ms(parse)} ms, resolve ${ms(resolve)} ms, scan ${ms(scan)} ms`,
    );
    // Generous bounds: they catch a quadratic or exponential slip, not a slow CI machine.
    assert.ok(resolve / runs < 25, `resolve took ${ms(resolve)} ms`);
    assert.ok(scan / runs < 5, `scan took ${ms(scan)} ms`);
    assert.ok(parse / runs < 100, `parse took ${ms(parse)} ms`);
  });
});
