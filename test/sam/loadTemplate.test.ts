// loadTemplate end to end on the fixtures in test/fixtures/sam: a YAML and a JSON template with
// real code and layer folders, an env-vars file, and the files that must fail cleanly.
// node:test's describe and test return promises the runner awaits itself, hence `void`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadTemplate, nodeFileSystem, parseTemplate } from '../../debug-adapter/sam';
import { brief, FIXTURES } from './helpers';

const APP = join(FIXTURES, 'app');
const TEMPLATE = join(APP, 'template.yaml');

void describe('the YAML fixture', () => {
  const result = loadTemplate(TEMPLATE, { envVars: join(APP, 'env.json') });
  const byId = (id: string) => {
    const fn = result.functions.find((f) => f.logicalId === id);
    assert.ok(fn, `${id} loaded`);
    return fn;
  };

  void test('loads every function without errors', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.functions.map((f) => [f.logicalId, f.input.name]),
      [
        ['HelloFunction', 'HelloFunction'],
        ['OrdersFunction', 'orders-dev'],
        ['PlainFunction', 'PlainFunction'],
      ],
    );
  });

  void test('HelloFunction: Globals, a local layer and env-vars overrides', () => {
    assert.deepEqual(byId('HelloFunction').input, {
      name: 'HelloFunction',
      handler: 'app.handler',
      codeUri: join(APP, 'src/hello'),
      runtime: 'nodejs22.x',
      region: 'us-east-1',
      timeout: 10,
      environment: {
        STAGE: 'from-env-file',
        TABLE_NAME: 'OrdersTable',
        GREETING: 'hi',
        EXTRA: '42',
        NOT_IN_TEMPLATE: 'true',
      },
      layers: [join(APP, 'layers/shared')],
    });
  });

  void test('OrdersFunction: parameters, conditions, limits and logging', () => {
    assert.deepEqual(byId('OrdersFunction').input, {
      name: 'orders-dev',
      handler: 'index.handler',
      codeUri: join(APP, 'src/orders'),
      runtime: 'nodejs20.x',
      region: 'us-east-1',
      timeout: 10,
      memorySize: 512,
      ephemeralStorage: 1024,
      reservedConcurrency: 5,
      logFormat: 'JSON',
      applicationLogLevel: 'DEBUG',
      environment: {
        STAGE: 'from-env-file',
        TABLE_NAME: 'orders-local',
        HELLO_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction',
        EXPORTED: '${Unresolved:Fn::ImportValue:shared-bus}',
        EXTRA: '42',
      },
      layers: [join(APP, 'layers/shared')],
    });
    assert.equal(
      byId('OrdersFunction').arn,
      'arn:aws:lambda:us-east-1:123456789012:function:orders-dev',
    );
  });

  void test('PlainFunction: AWS::Lambda::Function takes no Globals', () => {
    assert.deepEqual(byId('PlainFunction').input, {
      name: 'PlainFunction',
      handler: 'app.handler',
      codeUri: join(APP, 'src/hello'),
      runtime: 'nodejs24.x',
      region: 'us-east-1',
      timeout: 30,
      environment: { STAGE: 'from-env-file', EXTRA: '42' },
    });
  });

  void test('warnings name the file, the line and the property', () => {
    assert.deepEqual(
      result.warnings.map((w) => [w.file, w.line, w.column, w.property]),
      [
        [TEMPLATE, 24, 21, 'Globals.Function.Environment.Variables.TABLE_NAME'],
        [TEMPLATE, 64, 21, 'Resources.OrdersFunction.Properties.Environment.Variables.EXPORTED'],
        [join(APP, 'env.json'), 13, 3, 'GhostFunction'],
      ],
    );
  });

  void test('parameter overrides and the region reach the functions', () => {
    const prod = loadTemplate(TEMPLATE, {
      parameterOverrides: { Stage: 'prod', OrdersMemory: '2048' },
      region: 'eu-central-1',
      accountId: '111122223333',
    });
    assert.deepEqual(prod.errors, []);
    const orders = prod.functions.find((f) => f.logicalId === 'OrdersFunction');
    assert.equal(orders?.input.name, 'orders-prod');
    assert.equal(orders?.input.memorySize, 2048);
    assert.equal(orders?.input.applicationLogLevel, 'WARN');
    assert.equal(orders?.input.region, 'eu-central-1');
    assert.equal(
      orders?.input.environment?.HELLO_ARN,
      'arn:aws:lambda:eu-central-1:111122223333:function:HelloFunction',
    );
  });

  void test('an override outside AllowedValues is an error at the parameter', () => {
    const bad = loadTemplate(TEMPLATE, { parameterOverrides: { Stage: 'qa' } });
    assert.deepEqual(bad.errors.map(brief), [
      {
        line: 6,
        column: 3,
        property: 'Parameters.Stage',
        message:
          'Parameter Stage (from --parameter-overrides): "qa" is not one of its AllowedValues ("dev", "prod").',
      },
    ]);
  });
});

void describe('the JSON fixture', () => {
  const result = loadTemplate(join(APP, 'template.json'));

  void test('reads intrinsics in long form', () => {
    assert.deepEqual(result.functions[0].input.environment, {
      STAGE: 'dev',
      URL: 'https://us-east-1.amazonaws.com/dev',
      PARTS: 'a-dev',
      DEBUG: 'true',
      RETRIES: '3',
    });
  });

  void test('places errors on JSON lines', () => {
    assert.deepEqual(
      result.functions.map((f) => f.logicalId),
      ['HelloFunction'],
    );
    assert.deepEqual(result.errors.map(brief), [
      {
        line: 32,
        column: 23,
        property: 'Resources.BrokenFunction.Properties.MemorySize',
        message: 'MemorySize must be an integer from 128 to 10240 (MB), got 64.',
      },
    ]);
  });
});

void describe('files that fail cleanly', () => {
  const cases: { name: string; file: string; envVars?: string; errors: unknown[] }[] = [
    {
      // A .txt name, because `prettier --check .` would choke on the broken YAML.
      name: 'malformed YAML',
      file: join(FIXTURES, 'malformed-template.txt'),
      errors: [
        [
          join(FIXTURES, 'malformed-template.txt'),
          6,
          1,
          'All mapping items must start at the same column',
        ],
      ],
    },
    {
      name: 'not a template',
      file: join(FIXTURES, 'not-a-template.yaml'),
      errors: [
        [
          join(FIXTURES, 'not-a-template.yaml'),
          1,
          1,
          'This is not a CloudFormation or SAM template: it has no Resources section.',
        ],
      ],
    },
    {
      name: 'a missing template',
      file: join(FIXTURES, 'missing.yaml'),
      errors: [
        [
          join(FIXTURES, 'missing.yaml'),
          1,
          1,
          `Cannot read the template: ENOENT: no such file or directory, open '${join(FIXTURES, 'missing.yaml')}'.`,
        ],
      ],
    },
    {
      name: 'an env-vars file with bad JSON',
      file: TEMPLATE,
      envVars: join(APP, 'env-bad.json'),
      errors: [
        [
          join(APP, 'env-bad.json'),
          4,
          3,
          'Invalid JSON: expected a property name in double quotes.',
        ],
      ],
    },
    {
      name: 'an env-vars file with values that are not strings',
      file: TEMPLATE,
      envVars: join(APP, 'env-invalid-values.json'),
      errors: [
        [
          join(APP, 'env-invalid-values.json'),
          3,
          15,
          'HelloFunction.NESTED must be a string, number or boolean, got {"a":1}.',
        ],
        [
          join(APP, 'env-invalid-values.json'),
          5,
          21,
          'OrdersFunction must map variable names to values, got "oops".',
        ],
      ],
    },
    {
      name: 'a missing env-vars file',
      file: TEMPLATE,
      envVars: join(APP, 'missing.json'),
      errors: [
        [
          join(APP, 'missing.json'),
          1,
          1,
          `Cannot read the env-vars file: ENOENT: no such file or directory, open '${join(APP, 'missing.json')}'.`,
        ],
      ],
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      const result = loadTemplate(c.file, { envVars: c.envVars });
      assert.deepEqual(
        result.errors.map((e) => [e.file, e.line, e.column, e.message]),
        c.errors,
      );
    });
  }

  void test('code and layer folders are checked on disk', () => {
    const text = (codeUri: string, layer: string) =>
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Layer:',
        '    Type: AWS::Serverless::LayerVersion',
        `    Properties: {ContentUri: ${layer}}`,
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        `    Properties: {Handler: a.b, Runtime: nodejs22.x, CodeUri: ${codeUri}, Layers: [!Ref Layer]}`,
        '',
      ].join('\n');
    // Tests may not write files, so the text is read as if it sat in the app fixture folder.
    const missing = loadTemplateFromText(text('src/nowhere', 'layers/no-nodejs'));
    assert.deepEqual(
      missing.errors.map((e) => e.message),
      [`CodeUri folder ${join(APP, 'src/nowhere')} does not exist.`],
    );
    assert.deepEqual(
      missing.warnings.map((w) => w.message),
      [
        `Layer folder ${join(APP, 'layers/no-nodejs')} has no nodejs/ folder, so none of its modules resolve: Lambda loads layer modules from nodejs/node_modules.`,
      ],
    );
    const archive = loadTemplateFromText(text('archives/function.zip', 'layers/shared'));
    assert.deepEqual(
      archive.errors.map((e) => e.message),
      [
        `CodeUri ${join(APP, 'archives/function.zip')} is a file: Lambda Workbench needs the function's folder (unzip archives first).`,
      ],
    );
  });
});

/** A template text read as if it were the app fixture's, with the real file system. */
function loadTemplateFromText(text: string) {
  return parseTemplate(text, TEMPLATE, { fs: nodeFileSystem });
}
