// The template reader's function properties: what each valid value becomes in FunctionInput, the
// exact error (message, line, column, property) for each invalid one, Globals merging, code folders
// and layers.
// node:test's describe and test return promises the runner awaits itself, hence `void`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { formatDiagnostic } from '../../debug-adapter/sam/diagnostics';
import { parseTemplate } from '../../debug-adapter/sam/template';
import type { FunctionInput } from '../../debug-adapter/protocol/lambda';
import { at, BASE_PROPS, brief, DIR, FILE, fakeFs, inputOf, run, withFunction } from './helpers';

void describe('valid properties become FunctionInput fields', () => {
  const cases: { name: string; props: string; expected: Partial<FunctionInput> }[] = [
    {
      name: 'Handler, Runtime and CodeUri',
      props: 'Handler: src/app.handler\nRuntime: nodejs20.x\nCodeUri: functions/hello/',
      expected: {
        name: 'Fn',
        handler: 'src/app.handler',
        runtime: 'nodejs20.x',
        codeUri: join(DIR, 'functions/hello'),
        region: 'us-east-1',
      },
    },
    {
      name: 'CodeUri: . is the template folder (not NaN under the YAML 1.1 float rule)',
      props: 'Handler: app.handler\nRuntime: nodejs24.x\nCodeUri: .',
      expected: { codeUri: DIR },
    },
    {
      name: 'CodeUri omitted runs from the template folder',
      props: 'Handler: app.handler\nRuntime: nodejs24.x',
      expected: { codeUri: DIR },
    },
    { name: 'Timeout', props: `${BASE_PROPS}\nTimeout: 900`, expected: { timeout: 900 } },
    {
      name: 'Timeout as a string',
      props: `${BASE_PROPS}\nTimeout: '30'`,
      expected: { timeout: 30 },
    },
    {
      name: 'MemorySize',
      props: `${BASE_PROPS}\nMemorySize: 10240`,
      expected: { memorySize: 10240 },
    },
    {
      name: 'EphemeralStorage.Size',
      props: `${BASE_PROPS}\nEphemeralStorage:\n  Size: 2048`,
      expected: { ephemeralStorage: 2048 },
    },
    {
      name: 'ReservedConcurrentExecutions 0 throttles everything but is valid',
      props: `${BASE_PROPS}\nReservedConcurrentExecutions: 0`,
      expected: { reservedConcurrency: 0 },
    },
    {
      name: 'LoggingConfig',
      props: `${BASE_PROPS}\nLoggingConfig:\n  LogFormat: JSON\n  ApplicationLogLevel: WARN\n  LogGroup: !Ref Group`,
      expected: { logFormat: 'JSON', applicationLogLevel: 'WARN' },
    },
    {
      name: 'LoggingConfig from an intrinsic',
      props: `${BASE_PROPS}\nLoggingConfig: !If [Never, {LogFormat: JSON}, {LogFormat: Text}]`,
      expected: { logFormat: 'Text' },
    },
    {
      name: 'FunctionName',
      props: `${BASE_PROPS}\nFunctionName: my-fn_1`,
      expected: { name: 'my-fn_1' },
    },
    {
      name: 'FunctionName AWS::NoValue keeps the logical id',
      props: `${BASE_PROPS}\nFunctionName: !Ref AWS::NoValue`,
      expected: { name: 'Fn' },
    },
    {
      name: 'environment values become strings as CloudFormation writes them',
      props: `${BASE_PROPS}\nEnvironment:\n  Variables:\n    STR: text\n    INT: 42\n    FLOAT: 1.10\n    QUOTED: '007'\n    BOOL: yes\n    OFF: false\n    EMPTY:\n    GONE: !Ref AWS::NoValue`,
      expected: {
        environment: {
          STR: 'text',
          INT: '42',
          FLOAT: '1.10',
          QUOTED: '007',
          BOOL: 'true',
          OFF: 'false',
          EMPTY: '',
        },
      },
    },
    {
      name: 'Environment from an intrinsic',
      props: `${BASE_PROPS}\nEnvironment: !If [Never, {Variables: {A1: x}}, {Variables: {B1: 2}}]`,
      expected: { environment: { B1: '2' } },
    },
    {
      name: 'Environment.Variables from an intrinsic',
      props: `${BASE_PROPS}\nEnvironment:\n  Variables: !If [Never, {A1: x}, {B1: y}]`,
      expected: { environment: { B1: 'y' } },
    },
  ];
  const head = 'Conditions:\n  Never: !Equals [a, b]';
  for (const c of cases) {
    void test(c.name, () => {
      const result = run(withFunction(c.props, { head }));
      assert.deepEqual(result.errors, []);
      const input = inputOf(result);
      for (const [key, value] of Object.entries(c.expected)) {
        assert.deepEqual(input[key as keyof FunctionInput], value, key);
      }
    });
  }

  void test('unset properties stay unset, so Lambda defaults apply downstream', () => {
    assert.deepEqual(Object.keys(inputOf(run(withFunction(BASE_PROPS)))).sort(), [
      'codeUri',
      'handler',
      'name',
      'region',
      'runtime',
    ]);
  });

  void test('the function carries its ARN, its range and its handler range', () => {
    const text = withFunction(`${BASE_PROPS}\nFunctionName: named`);
    const fn = run(text).functions[0];
    assert.equal(fn.arn, 'arn:aws:lambda:us-east-1:123456789012:function:named');
    assert.equal(fn.type, 'AWS::Serverless::Function');
    assert.deepEqual(fn.range, {
      ...at(text, '  Fn:', 2),
      endLine: at(text, '  Fn:').line,
      endColumn: 5,
    });
    assert.deepEqual(
      { line: fn.handlerRange?.line, column: fn.handlerRange?.column },
      at(text, 'app.handler'),
    );
    assert.equal(fn.properties.Runtime?.path, 'Resources.Fn.Properties.Runtime');
  });
});

void describe('each invalid property is an error naming file, line, property and value', () => {
  interface ErrorCase {
    name: string;
    props: string;
    /** The text the error points at; defaults to the value after `Key: `. */
    where: string;
    offset?: number;
    property: string;
    message: string;
    type?: string;
  }
  const P = 'Resources.Fn.Properties';
  const cases: ErrorCase[] = [
    {
      name: 'Timeout above 900',
      props: `${BASE_PROPS}\nTimeout: 901`,
      where: '901',
      property: `${P}.Timeout`,
      message: 'Timeout must be an integer from 1 to 900 (seconds), got 901.',
    },
    {
      name: 'Timeout 0',
      props: `${BASE_PROPS}\nTimeout: 0`,
      where: 'Timeout: 0',
      offset: 9,
      property: `${P}.Timeout`,
      message: 'Timeout must be an integer from 1 to 900 (seconds), got 0.',
    },
    {
      name: 'Timeout not an integer',
      props: `${BASE_PROPS}\nTimeout: 2.5`,
      where: '2.5',
      property: `${P}.Timeout`,
      message: 'Timeout must be an integer from 1 to 900 (seconds), got 2.5.',
    },
    {
      name: 'Timeout not a number',
      props: `${BASE_PROPS}\nTimeout: soon`,
      where: 'soon',
      property: `${P}.Timeout`,
      message: 'Timeout must be an integer from 1 to 900 (seconds), got "soon".',
    },
    {
      name: 'MemorySize below 128',
      props: `${BASE_PROPS}\nMemorySize: 64`,
      where: '64',
      property: `${P}.MemorySize`,
      message: 'MemorySize must be an integer from 128 to 10240 (MB), got 64.',
    },
    {
      name: 'MemorySize above 10240',
      props: `${BASE_PROPS}\nMemorySize: 10241`,
      where: '10241',
      property: `${P}.MemorySize`,
      message: 'MemorySize must be an integer from 128 to 10240 (MB), got 10241.',
    },
    {
      name: 'EphemeralStorage.Size below 512',
      props: `${BASE_PROPS}\nEphemeralStorage:\n  Size: 100`,
      where: '100',
      property: `${P}.EphemeralStorage.Size`,
      message: 'EphemeralStorage.Size must be an integer from 512 to 10240 (MB), got 100.',
    },
    {
      name: 'EphemeralStorage not a map',
      props: `${BASE_PROPS}\nEphemeralStorage: 1024`,
      where: '1024',
      property: `${P}.EphemeralStorage`,
      message: 'EphemeralStorage must be a map, got 1024.',
    },
    {
      name: 'EphemeralStorage without Size',
      props: `${BASE_PROPS}\nEphemeralStorage: {}`,
      where: '{}',
      property: `${P}.EphemeralStorage`,
      message: 'EphemeralStorage needs a Size (MB).',
    },
    {
      name: 'ReservedConcurrentExecutions above 1000',
      props: `${BASE_PROPS}\nReservedConcurrentExecutions: 1001`,
      where: '1001',
      property: `${P}.ReservedConcurrentExecutions`,
      message: 'ReservedConcurrentExecutions must be an integer from 0 to 1000, got 1001.',
    },
    {
      name: 'ReservedConcurrentExecutions negative',
      props: `${BASE_PROPS}\nReservedConcurrentExecutions: -1`,
      where: 'Executions: -1',
      offset: 12,
      property: `${P}.ReservedConcurrentExecutions`,
      message: 'ReservedConcurrentExecutions must be an integer from 0 to 1000, got -1.',
    },
    {
      name: 'LogFormat in the wrong case',
      props: `${BASE_PROPS}\nLoggingConfig:\n  LogFormat: json`,
      where: 'json',
      property: `${P}.LoggingConfig.LogFormat`,
      message: 'LoggingConfig.LogFormat must be Text or JSON, got "json".',
    },
    {
      name: 'ApplicationLogLevel unknown',
      props: `${BASE_PROPS}\nLoggingConfig:\n  LogFormat: JSON\n  ApplicationLogLevel: VERBOSE`,
      where: 'VERBOSE',
      property: `${P}.LoggingConfig.ApplicationLogLevel`,
      message:
        'LoggingConfig.ApplicationLogLevel must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "VERBOSE".',
    },
    {
      name: 'LoggingConfig not a map',
      props: `${BASE_PROPS}\nLoggingConfig: !Join ['', [JSON]]`,
      where: '!Join',
      property: `${P}.LoggingConfig`,
      message: 'LoggingConfig must be a map, got "JSON".',
    },
    {
      name: 'a Python runtime',
      props: 'Handler: app.handler\nRuntime: python3.12',
      where: 'python3.12',
      property: `${P}.Runtime`,
      message:
        'Runtime "python3.12" is not supported: Lambda Workbench runs nodejs20.x, nodejs22.x or nodejs24.x.',
    },
    {
      name: 'a retired Node runtime',
      props: 'Handler: app.handler\nRuntime: nodejs18.x',
      where: 'nodejs18.x',
      property: `${P}.Runtime`,
      message:
        'Runtime "nodejs18.x" is not supported: Lambda Workbench runs nodejs20.x, nodejs22.x or nodejs24.x.',
    },
    {
      name: 'Runtime missing',
      props: 'Handler: app.handler',
      where: 'Properties:',
      property: `${P}.Runtime`,
      message: 'Runtime is required: nodejs20.x, nodejs22.x or nodejs24.x.',
    },
    {
      name: 'Handler missing',
      props: 'Runtime: nodejs22.x',
      where: 'Properties:',
      property: `${P}.Handler`,
      message: 'Handler is required: file.export relative to CodeUri, for example app.handler.',
    },
    {
      name: 'Handler not a string',
      props: 'Handler: [a]\nRuntime: nodejs22.x',
      where: '[a]',
      property: `${P}.Handler`,
      message: 'Handler must be a non-empty string, got ["a"].',
    },
    {
      name: 'Handler unresolvable',
      props: 'Handler: !ImportValue h\nRuntime: nodejs22.x',
      where: '!ImportValue',
      property: `${P}.Handler`,
      message: 'Handler cannot be resolved locally.',
    },
    {
      name: 'CodeUri on S3',
      props: 'Handler: app.handler\nRuntime: nodejs22.x\nCodeUri: s3://bucket/code.zip',
      where: 's3://',
      property: `${P}.CodeUri`,
      message:
        'CodeUri "s3://bucket/code.zip" is an S3 location: Lambda Workbench runs local code only, so point CodeUri at the function\'s folder.',
    },
    {
      name: 'CodeUri as an S3 object',
      props: 'Handler: app.handler\nRuntime: nodejs22.x\nCodeUri:\n  Bucket: b\n  Key: k',
      where: 'Bucket',
      property: `${P}.CodeUri`,
      message:
        "CodeUri (Bucket, Key) is an S3 location: Lambda Workbench runs local code only, so point CodeUri at the function's folder.",
    },
    {
      name: 'CodeUri a zip archive',
      props: 'Handler: app.handler\nRuntime: nodejs22.x\nCodeUri: dist/fn.zip',
      where: 'dist/fn.zip',
      property: `${P}.CodeUri`,
      message: `CodeUri ${join(DIR, 'dist/fn.zip')} is a file: Lambda Workbench needs the function's folder (unzip archives first).`,
    },
    {
      name: 'CodeUri a number',
      props: 'Handler: app.handler\nRuntime: nodejs22.x\nCodeUri: 5',
      where: 'CodeUri: 5',
      offset: 9,
      property: `${P}.CodeUri`,
      message: 'CodeUri must be a folder path, got 5.',
    },
    {
      name: 'InlineCode',
      props: "Handler: index.handler\nRuntime: nodejs22.x\nInlineCode: 'exports.handler = 1'",
      where: "'exports",
      property: `${P}.InlineCode`,
      message:
        'InlineCode is not supported locally: put the code in a file and point CodeUri at its folder.',
    },
    {
      name: 'PackageType Image',
      props: 'PackageType: Image\nImageUri: repo:tag',
      where: 'Image\n',
      property: `${P}.PackageType`,
      message:
        'PackageType Image is not supported: Lambda Workbench runs functions from a local code folder (PackageType Zip).',
    },
    {
      name: 'FunctionName invalid',
      props: `${BASE_PROPS}\nFunctionName: 'my function'`,
      where: "'my function'",
      property: `${P}.FunctionName`,
      message:
        'FunctionName "my function" is invalid: use 1 to 64 letters, digits, hyphens and underscores.',
    },
    {
      name: 'environment variable name invalid',
      props: `${BASE_PROPS}\nEnvironment:\n  Variables:\n    X: 1`,
      where: 'X: 1',
      property: `${P}.Environment.Variables.X`,
      message:
        'Environment variable name "X" is invalid: it must start with a letter and have at least 2 letters, digits or underscores.',
    },
    {
      name: 'environment variable reserved',
      props: `${BASE_PROPS}\nEnvironment:\n  Variables:\n    AWS_REGION: eu-west-1`,
      where: 'AWS_REGION',
      property: `${P}.Environment.Variables.AWS_REGION`,
      message: 'Environment variable AWS_REGION is reserved by Lambda and cannot be set.',
    },
    {
      name: 'environment variable holding a map',
      props: `${BASE_PROPS}\nEnvironment:\n  Variables:\n    CONFIG: {a: 1}`,
      where: '{a: 1}',
      property: `${P}.Environment.Variables.CONFIG`,
      message: 'Environment variable CONFIG must be a string, number or boolean, got {"a":1}.',
    },
    {
      name: 'environment over 4 KB',
      props: `${BASE_PROPS}\nEnvironment:\n  Variables:\n    BIG: ${'x'.repeat(4094)}`,
      where: 'Variables:',
      property: `${P}.Environment.Variables`,
      message: "Environment variables take 4097 bytes, more than Lambda's limit of 4096.",
    },
    {
      name: 'Environment not a map',
      props: `${BASE_PROPS}\nEnvironment: !Join ['', [x]]`,
      where: '!Join',
      property: `${P}.Environment`,
      message: 'Environment must be a map with Variables, got "x".',
    },
    {
      name: 'more than 5 layers',
      props: `${BASE_PROPS}\nLayers: [${[1, 2, 3, 4, 5, 6].map((n) => `arn:aws:lambda:us-east-1:1:layer:l${n}:1`).join(', ')}]`,
      where: '[arn',
      property: `${P}.Layers`,
      message: 'A function can use at most 5 layers, got 6.',
    },
    {
      name: 'a layer that is not an ARN',
      props: `${BASE_PROPS}\nLayers: [my-layer]`,
      where: 'my-layer',
      property: `${P}.Layers[0]`,
      message:
        'Each Layers item must be a layer version ARN or a Ref to a layer in this template, got "my-layer".',
    },
    {
      name: 'Lambda function Code inline',
      type: 'AWS::Lambda::Function',
      props: "Handler: index.handler\nRuntime: nodejs22.x\nCode:\n  ZipFile: 'exports.handler = 1'",
      where: "'exports",
      property: `${P}.Code.ZipFile`,
      message:
        'Code.ZipFile (inline code) is not supported locally: put the code in a file and set Code to its folder.',
    },
    {
      name: 'Lambda function Code on S3',
      type: 'AWS::Lambda::Function',
      props: 'Handler: index.handler\nRuntime: nodejs22.x\nCode:\n  S3Bucket: b\n  S3Key: k',
      where: 'S3Bucket',
      property: `${P}.Code`,
      message:
        "Code (S3Bucket, S3Key) is an S3 location: Lambda Workbench runs local code only, so point Code at the function's folder.",
    },
    {
      name: 'Lambda function Code image',
      type: 'AWS::Lambda::Function',
      props: 'Handler: index.handler\nRuntime: nodejs22.x\nCode:\n  ImageUri: repo:tag',
      where: 'repo:tag',
      property: `${P}.Code.ImageUri`,
      message:
        'Code.ImageUri is a container image, which is not supported: Lambda Workbench runs functions from a local code folder.',
    },
    {
      name: 'Lambda function without Code',
      type: 'AWS::Lambda::Function',
      props: 'Handler: index.handler\nRuntime: nodejs22.x',
      where: 'Properties:',
      property: `${P}.Code`,
      message:
        "Code is required: the function's local folder (as `aws cloudformation package` takes it).",
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      const text = withFunction(c.props, { type: c.type });
      const result = run(text);
      assert.deepEqual(result.functions, [], 'a function with an error is left out');
      const pos = at(text, c.where, c.offset ?? 0);
      assert.deepEqual(result.errors.map(brief), [
        { line: pos.line, column: pos.column, property: c.property, message: c.message },
      ]);
      assert.equal(result.errors[0].file, FILE);
    });
  }

  void test('one run reports every error of a function', () => {
    const result = run(withFunction('Runtime: python3.12\nTimeout: 0\nMemorySize: 1'));
    assert.deepEqual(
      result.errors.map((e) => e.property.split('.').at(-1)),
      ['Handler', 'Runtime', 'Timeout', 'MemorySize'],
    );
  });

  void test('formatDiagnostic gives a clickable one-liner', () => {
    const text = withFunction(`${BASE_PROPS}\nTimeout: 901`);
    const { line, column } = at(text, '901');
    assert.equal(
      formatDiagnostic(run(text).errors[0], 'error'),
      `${FILE}:${line}:${column}: error: Timeout must be an integer from 1 to 900 (seconds), got 901. [Resources.Fn.Properties.Timeout]`,
    );
  });

  void test('other functions still load when one is broken', () => {
    const text = withFunction(`${BASE_PROPS}\nTimeout: 901`, {
      resources:
        'Good:\n  Type: AWS::Serverless::Function\n  Properties: {Handler: a.b, Runtime: nodejs22.x}',
    });
    const result = run(text);
    assert.deepEqual(
      result.functions.map((f) => f.logicalId),
      ['Good'],
    );
    assert.equal(result.errors.length, 1);
  });

  void test('two functions with the same name', () => {
    const text = withFunction(`${BASE_PROPS}\nFunctionName: same`, {
      resources:
        'First:\n  Type: AWS::Serverless::Function\n  Properties: {Handler: a.b, Runtime: nodejs22.x, FunctionName: same}',
    });
    const result = run(text);
    assert.deepEqual(
      result.functions.map((f) => f.logicalId),
      ['First'],
    );
    assert.deepEqual(result.errors.map(brief), [
      {
        ...at(text, 'same\n'),
        property: 'Resources.Fn.Properties.FunctionName',
        message: 'Function name "same" is already used by First.',
      },
    ]);
  });
});

void describe('warnings for things that work locally but differ from AWS', () => {
  const cases: {
    name: string;
    props: string;
    where: string;
    message: string;
    check?: (i: FunctionInput) => void;
  }[] = [
    {
      name: 'ApplicationLogLevel without JSON',
      props: `${BASE_PROPS}\nLoggingConfig:\n  ApplicationLogLevel: DEBUG`,
      where: 'DEBUG',
      message: 'LoggingConfig.ApplicationLogLevel has no effect unless LogFormat is JSON.',
      check: (i) => assert.equal(i.applicationLogLevel, 'DEBUG'),
    },
    {
      name: 'a layer ARN from outside the template',
      props: `${BASE_PROPS}\nLayers:\n  - arn:aws:lambda:us-east-1:123456789012:layer:ext:3`,
      where: 'arn:aws',
      message:
        'Layer arn:aws:lambda:us-east-1:123456789012:layer:ext:3 is not part of this template, so its modules cannot be loaded locally; declare its folder as an AWS::Serverless::LayerVersion to use it.',
      check: (i) => assert.equal(i.layers, undefined),
    },
    {
      name: 'an unresolvable Timeout',
      props: `${BASE_PROPS}\nTimeout: !ImportValue t`,
      where: '!ImportValue',
      message: "Timeout cannot be resolved locally; Lambda's default (3) applies.",
      check: (i) => assert.equal(i.timeout, undefined),
    },
    {
      name: 'an unresolvable ReservedConcurrentExecutions',
      props: `${BASE_PROPS}\nReservedConcurrentExecutions: !ImportValue r`,
      where: '!ImportValue',
      message: 'ReservedConcurrentExecutions cannot be resolved locally; it is ignored.',
    },
    {
      name: 'an unresolvable FunctionName',
      props: `${BASE_PROPS}\nFunctionName: !ImportValue n`,
      where: '!ImportValue',
      message:
        'FunctionName cannot be resolved locally; the function is named Fn, after its logical id.',
      check: (i) => assert.equal(i.name, 'Fn'),
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      const text = withFunction(c.props);
      const result = run(text);
      assert.deepEqual(result.errors, []);
      const w = result.warnings.at(-1);
      assert.deepEqual(w && { line: w.line, column: w.column, message: w.message }, {
        ...at(text, c.where),
        message: c.message,
      });
      c.check?.(inputOf(result));
    });
  }

  void test('a SAM template without the Transform', () => {
    const text = withFunction(BASE_PROPS).replace('Transform: AWS::Serverless-2016-10-31\n', '');
    const result = run(text);
    assert.equal(result.functions.length, 1);
    assert.deepEqual(result.warnings.map(brief), [
      {
        line: 1,
        column: 1,
        property: 'Transform',
        message:
          'The template uses AWS::Serverless resources but not "Transform: AWS::Serverless-2016-10-31"; CloudFormation will reject it.',
      },
    ]);
  });

  void test('a template without functions', () => {
    const result = run('Resources:\n  T:\n    Type: AWS::SQS::Queue\n');
    assert.deepEqual(result.warnings.map(brief), [
      {
        line: 1,
        column: 1,
        property: 'Resources',
        message: 'The template declares no AWS::Serverless::Function or AWS::Lambda::Function.',
      },
    ]);
  });
});

void describe('whole-template errors', () => {
  const cases: {
    name: string;
    text: string;
    line: number;
    column: number;
    property: string;
    message: string;
  }[] = [
    {
      name: 'no Resources',
      text: 'name: package\nversion: 1\n',
      line: 1,
      column: 1,
      property: '',
      message: 'This is not a CloudFormation or SAM template: it has no Resources section.',
    },
    {
      name: 'an empty file',
      text: '',
      line: 1,
      column: 1,
      property: '',
      message: 'This is not a CloudFormation or SAM template: it has no Resources section.',
    },
    {
      name: 'a list at the top',
      text: '- a\n- b\n',
      line: 1,
      column: 1,
      property: '',
      message: 'This is not a CloudFormation or SAM template: it has no Resources section.',
    },
    {
      name: 'Resources not a map',
      text: 'Resources: [a]\n',
      line: 1,
      column: 12,
      property: 'Resources',
      message: 'Resources must be a map of logical ids to resources.',
    },
    {
      name: 'a resource without Type',
      text: 'Resources:\n  Thing:\n    Properties: {}\n',
      line: 2,
      column: 3,
      property: 'Resources.Thing',
      message: 'Resource Thing needs a Type.',
    },
    {
      name: 'Globals.Function not a map',
      text: 'Globals:\n  Function: 3\nResources:\n  T: {Type: AWS::SQS::Queue}\n',
      line: 2,
      column: 13,
      property: 'Globals.Function',
      message: 'Globals.Function must be a map of function properties.',
    },
    {
      name: 'malformed YAML',
      text: 'Resources:\n  Fn:\n    Type: x\n   Bad: y\n',
      line: 4,
      column: 1,
      property: '',
      message: 'All mapping items must start at the same column',
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      const result = run(c.text);
      assert.deepEqual(result.functions, []);
      const { line, column, property, message } = c;
      assert.deepEqual(result.errors.map(brief), [{ line, column, property, message }]);
    });
  }

  void test('binary garbage is an error, not an exception', () => {
    const result = parseTemplate('\u0000\u0001{[}', 'garbage.yaml');
    assert.ok(result.errors.length > 0);
    assert.deepEqual(result.functions, []);
  });
});

void describe('Globals.Function merges as SAM merges it', () => {
  const globals = [
    'Globals:',
    '  Function:',
    '    Runtime: nodejs20.x',
    '    Timeout: 10',
    '    MemorySize: 256',
    '    Handler: app.handler',
    '    Environment:',
    '      Variables:',
    '        SHARED: global',
    '        OVERRIDDEN: global',
    '    Layers:',
    '      - !Ref GlobalLayer',
  ].join('\n');
  const layers = [
    'GlobalLayer:',
    '  Type: AWS::Serverless::LayerVersion',
    '  Properties: {ContentUri: layers/global}',
    'LocalLayer:',
    '  Type: AWS::Serverless::LayerVersion',
    '  Properties: {ContentUri: layers/local}',
  ].join('\n');

  void test('scalars: the resource wins; maps merge; lists concatenate globals first', () => {
    const props = [
      'Timeout: 20',
      'Environment:',
      '  Variables:',
      '    OVERRIDDEN: local',
      '    OWN: local',
      'Layers:',
      '  - !Ref LocalLayer',
    ].join('\n');
    const input = inputOf(run(withFunction(props, { head: globals, resources: layers })));
    assert.equal(input.timeout, 20);
    assert.equal(input.memorySize, 256);
    assert.equal(input.runtime, 'nodejs20.x');
    assert.equal(input.handler, 'app.handler');
    assert.deepEqual(input.environment, { SHARED: 'global', OVERRIDDEN: 'local', OWN: 'local' });
    assert.deepEqual(input.layers, [join(DIR, 'layers/global'), join(DIR, 'layers/local')]);
  });

  void test('an intrinsic on the resource replaces the global map', () => {
    const props = 'Environment: !If [Always, {Variables: {ONLY: mine}}, {}]';
    const head = `${globals}\nConditions:\n  Always: !Equals [1, 1]`;
    const input = inputOf(run(withFunction(props, { head, resources: layers })));
    assert.deepEqual(input.environment, { ONLY: 'mine' });
  });

  void test('Globals do not apply to AWS::Lambda::Function', () => {
    const props = 'Code: src\nHandler: index.handler\nRuntime: nodejs22.x';
    const input = inputOf(
      run(withFunction(props, { head: globals, resources: layers, type: 'AWS::Lambda::Function' })),
    );
    assert.equal(input.timeout, undefined);
    assert.equal(input.environment, undefined);
    assert.equal(input.layers, undefined);
  });

  void test('an invalid global value fails every function and points at Globals', () => {
    const head = 'Globals:\n  Function:\n    Timeout: 1000';
    const text = withFunction(BASE_PROPS, {
      head,
      resources:
        'Other:\n  Type: AWS::Serverless::Function\n  Properties: {Handler: a.b, Runtime: nodejs22.x}',
    });
    const result = run(text);
    assert.deepEqual(result.functions, []);
    assert.deepEqual(result.errors.map(brief), [
      {
        ...at(text, '1000'),
        property: 'Globals.Function.Timeout',
        message: 'Timeout must be an integer from 1 to 900 (seconds), got 1000.',
      },
    ]);
  });

  void test('the property ranges say where an inherited value is written', () => {
    const text = withFunction('Timeout: 20', { head: globals, resources: layers });
    const fn = run(text).functions[0];
    assert.equal(fn.properties.Runtime?.path, 'Globals.Function.Runtime');
    assert.equal(fn.properties.Runtime?.line, at(text, 'nodejs20.x').line);
    assert.equal(fn.properties.Timeout?.path, 'Resources.Fn.Properties.Timeout');
    assert.equal(fn.handlerRange?.line, at(text, 'Handler: app.handler').line);
  });
});

void describe('code folders and layers against a file system', () => {
  const src = join(DIR, 'src');
  const layer = join(DIR, 'layers/shared');
  const fs = fakeFs(
    [DIR, src, layer, join(layer, 'nodejs'), join(DIR, 'layers/bare')],
    [join(DIR, 'fn.zip')],
  );
  const layerResources = (contentUri: string, type = 'AWS::Serverless::LayerVersion') =>
    `Shared:\n  Type: ${type}\n  Properties:\n    ${
      type === 'AWS::Serverless::LayerVersion' ? 'ContentUri' : 'Content'
    }: ${contentUri}`;

  void test('an existing folder is accepted', () => {
    assert.equal(inputOf(run(withFunction(BASE_PROPS), { fs })).codeUri, src);
  });

  void test('a missing folder is an error', () => {
    const text = withFunction('Handler: app.handler\nRuntime: nodejs22.x\nCodeUri: nowhere');
    assert.deepEqual(run(text, { fs }).errors.map(brief), [
      {
        ...at(text, 'nowhere'),
        property: 'Resources.Fn.Properties.CodeUri',
        message: `CodeUri folder ${join(DIR, 'nowhere')} does not exist.`,
      },
    ]);
  });

  void test('a file is an error', () => {
    const text = withFunction('Handler: app.handler\nRuntime: nodejs22.x\nCodeUri: fn.zip');
    assert.deepEqual(
      run(text, { fs }).errors.map((e) => e.message),
      [
        `CodeUri ${join(DIR, 'fn.zip')} is a file: Lambda Workbench needs the function's folder (unzip archives first).`,
      ],
    );
  });

  const layerCases: { name: string; resources: string; layers: string; expected: string[] }[] = [
    {
      name: 'a Ref to a serverless layer',
      resources: layerResources('layers/shared'),
      layers: '[!Ref Shared]',
      expected: [layer],
    },
    {
      name: 'a Ref to a Lambda layer with a local Content path',
      resources: layerResources('layers/shared', 'AWS::Lambda::LayerVersion'),
      layers: '[!Ref Shared]',
      expected: [layer],
    },
    {
      name: 'GetAtt LayerVersionArn of a Lambda layer',
      resources: layerResources('layers/shared', 'AWS::Lambda::LayerVersion'),
      layers: '[!GetAtt Shared.LayerVersionArn]',
      expected: [layer],
    },
    {
      name: 'a layer chosen by Fn::If',
      resources: `${layerResources('layers/shared')}\nConditions: {}`,
      layers: '[!If [Always, !Ref Shared, !Ref AWS::NoValue]]',
      expected: [layer],
    },
    {
      name: 'a layer list from an intrinsic',
      resources: layerResources('layers/shared'),
      layers: '!Split [",", !Ref Shared]',
      expected: [layer],
    },
  ];
  for (const c of layerCases) {
    void test(c.name, () => {
      const head = 'Conditions:\n  Always: !Equals [1, 1]';
      const resources = c.resources.replace('\nConditions: {}', '');
      const result = run(withFunction(`${BASE_PROPS}\nLayers: ${c.layers}`, { head, resources }), {
        fs,
      });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.warnings, []);
      assert.deepEqual(inputOf(result).layers, c.expected);
    });
  }

  void test('a layer folder without nodejs/ warns', () => {
    const text = withFunction(`${BASE_PROPS}\nLayers: [!Ref Shared]`, {
      resources: layerResources('layers/bare'),
    });
    const result = run(text, { fs });
    assert.deepEqual(inputOf(result).layers, [join(DIR, 'layers/bare')]);
    assert.deepEqual(result.warnings.map(brief), [
      {
        ...at(text, 'layers/bare'),
        property: 'Resources.Shared.Properties.ContentUri',
        message: `Layer folder ${join(DIR, 'layers/bare')} has no nodejs/ folder, so none of its modules resolve: Lambda loads layer modules from nodejs/node_modules.`,
      },
    ]);
  });

  const layerErrors: {
    name: string;
    resources: string;
    where: string;
    property: string;
    message: string;
  }[] = [
    {
      name: 'a layer on S3',
      resources: layerResources('s3://bucket/layer.zip'),
      where: 's3://',
      property: 'Resources.Shared.Properties.ContentUri',
      message:
        'ContentUri "s3://bucket/layer.zip" is an S3 location: Lambda Workbench runs local code only, so point ContentUri at the layer\'s folder.',
    },
    {
      name: 'a Lambda layer with S3 Content',
      resources:
        'Shared:\n  Type: AWS::Lambda::LayerVersion\n  Properties:\n    Content: {S3Bucket: b, S3Key: k}',
      where: '{S3Bucket',
      property: 'Resources.Shared.Properties.Content',
      message:
        "Content (S3Bucket, S3Key) is an S3 location: Lambda Workbench runs local code only, so point Content at the layer's folder.",
    },
    {
      name: 'a layer without ContentUri',
      resources: 'Shared:\n  Type: AWS::Serverless::LayerVersion\n  Properties: {}',
      where: 'Properties: {}',
      property: 'Resources.Shared.Properties.ContentUri',
      message: "ContentUri is required: the layer's local folder.",
    },
    {
      name: 'a missing layer folder',
      resources: layerResources('layers/gone'),
      where: 'layers/gone',
      property: 'Resources.Shared.Properties.ContentUri',
      message: `ContentUri folder ${join(DIR, 'layers/gone')} does not exist.`,
    },
  ];
  for (const c of layerErrors) {
    void test(c.name, () => {
      const text = withFunction(`${BASE_PROPS}\nLayers: [!Ref Shared]`, { resources: c.resources });
      const result = run(text, { fs });
      assert.deepEqual(result.functions, [], 'a function with a broken layer is left out');
      const where = at(text, c.where);
      assert.deepEqual(result.errors.map(brief), [
        { ...where, property: c.property, message: c.message },
      ]);
    });
  }

  void test('a broken layer fails every function that uses it, and is reported once', () => {
    const text = withFunction(`${BASE_PROPS}\nLayers: [!Ref Shared]`, {
      resources: `${layerResources('s3://b/k')}\nOther:\n  Type: AWS::Serverless::Function\n  Properties: {Handler: a.b, Runtime: nodejs22.x, Layers: [!Ref Shared]}`,
    });
    const result = run(text, { fs });
    assert.deepEqual(result.functions, []);
    assert.equal(result.errors.length, 1);
  });
});
