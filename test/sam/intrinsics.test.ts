// Intrinsic functions, conditions and parameters as the reader resolves them locally: each case puts
// an expression in an environment variable and states the value, and the warnings or errors, that
// come out. Unresolvable values become placeholders with a warning; nothing throws.
// node:test's describe and test return promises the runner awaits itself, hence `void`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TemplateOptions } from '../../debug-adapter/sam/template';
import { at, BASE_PROPS, inputOf, run, withFunction } from './helpers';

const HEAD = `Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Mem:
    Type: Number
    Default: 256
  Zones:
    Type: CommaDelimitedList
    Default: 'a, b,c'
  NoDefault:
    Type: String
  Secret:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /app/secret
Mappings:
  Cfg:
    dev: {Level: DEBUG, Sizes: [1, 2]}
    prod: {Level: WARN}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsDev, !Equals [1, '1']]
  Either: !Or [!Condition IsProd, !Equals [a, a]]
  Unknowable: !Equals [!ImportValue shared, x]
  FalseAnyway: !And [!Condition Unknowable, !Condition IsProd]
  Loop: !Not [!Condition Loop]`;

const RESOURCES = `Table:
  Type: AWS::DynamoDB::Table
Shared:
  Type: AWS::Serverless::LayerVersion
  Properties:
    LayerName: shared-libs
    ContentUri: layers/shared
Other:
  Type: AWS::Serverless::Function
  Properties:
    FunctionName: other-fn
    Handler: app.handler
    Runtime: nodejs22.x`;

/** The template around one expression, stored as the variable VALUE. */
const templateFor = (expr: string): string =>
  withFunction(`${BASE_PROPS}\nEnvironment:\n  Variables:\n    VALUE: ${expr}`, {
    head: HEAD,
    resources: RESOURCES,
  });

function evaluate(expr: string, options: TemplateOptions = {}) {
  const text = templateFor(expr);
  const result = run(text, options);
  const fn = result.functions.find((f) => f.logicalId === 'Fn');
  return {
    text,
    value: fn?.input.environment?.VALUE,
    present: fn !== undefined && 'VALUE' in (fn.input.environment ?? {}),
    warnings: result.warnings.map((w) => w.message),
    errors: result.errors.map((e) => e.message),
    result,
  };
}

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:';

interface Case {
  expr: string;
  value?: string;
  absent?: true;
  warnings?: string[];
  errors?: string[];
  options?: TemplateOptions;
}

function table(cases: Case[]): void {
  for (const c of cases) {
    const label = c.options ? `${c.expr} with ${JSON.stringify(c.options)}` : c.expr;
    void test(label, () => {
      const got = evaluate(c.expr, c.options);
      assert.deepEqual(got.errors, c.errors ?? []);
      // A failed function is left out, so only the errors matter unless warnings are stated.
      if (c.warnings || !c.errors) assert.deepEqual(got.warnings, c.warnings ?? []);
      if (c.errors) return;
      if (c.absent) assert.equal(got.present, false);
      else assert.equal(got.value, c.value);
    });
  }
}

void describe('Ref', () => {
  table([
    { expr: '!Ref Stage', value: 'dev' },
    { expr: '{Ref: Stage}', value: 'dev' },
    { expr: '!Ref Stage', value: 'prod', options: { parameterOverrides: { Stage: 'prod' } } },
    { expr: '!Ref Mem', value: '256' },
    { expr: '!Ref AWS::Region', value: 'us-east-1' },
    { expr: '!Ref AWS::Region', value: 'eu-west-1', options: { region: 'eu-west-1' } },
    {
      expr: '!Ref AWS::Region',
      value: 'ap-south-1',
      options: { parameterOverrides: { 'AWS::Region': 'ap-south-1' } },
    },
    { expr: '!Ref AWS::AccountId', value: '123456789012' },
    { expr: '!Ref AWS::AccountId', value: '999999999999', options: { accountId: '999999999999' } },
    { expr: '!Ref AWS::StackName', value: 'local' },
    { expr: '!Ref AWS::Partition', value: 'aws' },
    { expr: '!Ref AWS::Partition', value: 'aws-cn', options: { region: 'cn-north-1' } },
    { expr: '!Ref AWS::URLSuffix', value: 'amazonaws.com' },
    {
      expr: '!Ref AWS::StackId',
      value:
        'arn:aws:cloudformation:us-east-1:123456789012:stack/local/00000000-0000-0000-0000-000000000000',
    },
    { expr: '!Ref AWS::NoValue', absent: true },
    { expr: '!Ref Other', value: 'other-fn' },
    { expr: '!Ref Fn', value: 'Fn' },
    { expr: '!Ref Shared', value: 'arn:aws:lambda:us-east-1:123456789012:layer:shared-libs:1' },
    {
      expr: '!Ref Table',
      value: 'Table',
      warnings: [
        'Ref Table resolves to the logical id "Table" locally: AWS::DynamoDB::Table resources are not emulated.',
      ],
    },
    {
      expr: '!Ref Missing',
      value: '${Unresolved:Ref:Missing}',
      warnings: [
        'Ref Missing cannot be resolved locally (the template declares no parameter or resource Missing); using the placeholder ${Unresolved:Ref:Missing}.',
      ],
    },
    {
      expr: '!Ref AWS::Bogus',
      value: '${Unresolved:Ref:AWS::Bogus}',
      warnings: [
        'Ref AWS::Bogus cannot be resolved locally (AWS::Bogus is not a pseudo parameter); using the placeholder ${Unresolved:Ref:AWS::Bogus}.',
      ],
    },
    {
      expr: '!Ref NoDefault',
      value: '${Unresolved:Ref:NoDefault}',
      warnings: [
        'Ref NoDefault cannot be resolved locally (parameter NoDefault has no Default and no override (pass --parameter-overrides NoDefault=value)); using the placeholder ${Unresolved:Ref:NoDefault}.',
      ],
    },
    {
      expr: '!Ref NoDefault',
      value: 'given',
      options: { parameterOverrides: { NoDefault: 'given' } },
    },
    {
      expr: '!Ref Secret',
      value: '${Unresolved:Ref:Secret}',
      warnings: [
        'Ref Secret cannot be resolved locally (parameter Secret reads the SSM parameter /app/secret, which does not exist locally (pass --parameter-overrides Secret=value)); using the placeholder ${Unresolved:Ref:Secret}.',
      ],
    },
    { expr: '!Ref Secret', value: 's3cr3t', options: { parameterOverrides: { Secret: 's3cr3t' } } },
    { expr: '!Ref [a]', errors: ['Invalid Ref: Ref takes the name of a parameter or resource.'] },
  ]);
});

void describe('Fn::GetAtt', () => {
  table([
    { expr: '!GetAtt Other.Arn', value: `${ARN}other-fn` },
    { expr: '!GetAtt [Other, Arn]', value: `${ARN}other-fn` },
    { expr: '{"Fn::GetAtt": [Other, Arn]}', value: `${ARN}other-fn` },
    { expr: '!GetAtt Fn.Arn', value: `${ARN}Fn` },
    {
      expr: '!GetAtt Other.Arn',
      value: `arn:aws:lambda:eu-west-1:123456789012:function:other-fn`,
      options: { region: 'eu-west-1' },
    },
    {
      expr: '!GetAtt Table.StreamArn',
      value: '${Unresolved:Fn::GetAtt:Table.StreamArn}',
      warnings: [
        'Fn::GetAtt Table.StreamArn cannot be resolved locally (Table is of type AWS::DynamoDB::Table, which is not emulated); using the placeholder ${Unresolved:Fn::GetAtt:Table.StreamArn}.',
      ],
    },
    {
      expr: '!GetAtt Other.SnapStartResponse',
      value: '${Unresolved:Fn::GetAtt:Other.SnapStartResponse}',
      warnings: [
        'Fn::GetAtt Other.SnapStartResponse cannot be resolved locally (Other has no attribute SnapStartResponse locally); using the placeholder ${Unresolved:Fn::GetAtt:Other.SnapStartResponse}.',
      ],
    },
    {
      expr: '!GetAtt FnRole.Arn',
      value: '${Unresolved:Fn::GetAtt:FnRole.Arn}',
      warnings: [
        'Fn::GetAtt FnRole.Arn cannot be resolved locally (the template has no resource FnRole (resources SAM generates do not exist locally)); using the placeholder ${Unresolved:Fn::GetAtt:FnRole.Arn}.',
      ],
    },
    {
      expr: '!GetAtt [Other]',
      errors: ['Invalid Fn::GetAtt: Fn::GetAtt takes [LogicalId, Attribute].'],
    },
  ]);
});

void describe('Fn::Sub', () => {
  table([
    { expr: "!Sub 'x-${Stage}-${AWS::Region}'", value: 'x-dev-us-east-1' },
    { expr: "!Sub '${Other.Arn}'", value: `${ARN}other-fn` },
    { expr: "!Sub '${Other}'", value: 'other-fn' },
    { expr: "!Sub ['${A}-${B}', {A: !Ref Stage, B: lit}]", value: 'dev-lit' },
    { expr: "!Sub ['${Stage}', {Stage: shadowed}]", value: 'shadowed' },
    { expr: "!Sub '${!Literal}-${Stage}'", value: '${Literal}-dev' },
    { expr: "!Sub 'n=${Mem}'", value: 'n=256' },
    { expr: "!Sub 'no vars'", value: 'no vars' },
    {
      expr: "!Sub ['${A}', {A: !Ref Stage, Unused: !ImportValue nope}]",
      value: 'dev',
    },
    {
      expr: "!Sub 'arn:${Table.Arn}/index'",
      value: 'arn:${Unresolved:Fn::GetAtt:Table.Arn}/index',
      warnings: [
        'Fn::GetAtt Table.Arn cannot be resolved locally (Table is of type AWS::DynamoDB::Table, which is not emulated); using the placeholder ${Unresolved:Fn::GetAtt:Table.Arn}.',
      ],
    },
    {
      expr: "!Sub '${Zones}'",
      errors: ['Invalid Fn::Sub: ${Zones} is ["a","b","c"], not a string.'],
    },
    {
      expr: '!Sub [a, b, c]',
      errors: ['Invalid Fn::Sub: Fn::Sub takes a string or [string, {Var: value}].'],
    },
  ]);
});

void describe('Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64 and friends', () => {
  table([
    { expr: "!Join ['-', [a, !Ref Stage, 3, true]]", value: 'a-dev-3-true' },
    { expr: "!Join ['', []]", value: '' },
    { expr: "!Join ['|', !Ref Zones]", value: 'a|b|c' },
    { expr: "!Join [',', [a, !Ref AWS::NoValue, b]]", value: 'a,b' },
    { expr: "{'Fn::Join': ['/', [x, y]]}", value: 'x/y' },
    {
      expr: "!Join [',', [a, [b]]]",
      errors: ['Invalid Fn::Join: Fn::Join can only join strings, got ["b"].'],
    },
    { expr: '!Join [a]', errors: ['Invalid Fn::Join: Fn::Join takes [delimiter, [values]].'] },
    { expr: '!Select [1, [a, b, c]]', value: 'b' },
    { expr: "!Select ['2', !Ref Zones]", value: 'c' },
    { expr: "!Select [1, !Split [',', 'x,y,z']]", value: 'y' },
    {
      expr: '!Select [5, [a]]',
      errors: ['Invalid Fn::Select: index 5 is out of range for a list of 1.'],
    },
    { expr: "!Join [';', !Split [',', !Sub '${Stage},b']]", value: 'dev;b' },
    { expr: '!FindInMap [Cfg, !Ref Stage, Level]', value: 'DEBUG' },
    {
      expr: '!FindInMap [Cfg, !Ref Stage, Level]',
      value: 'WARN',
      options: { parameterOverrides: { Stage: 'prod' } },
    },
    { expr: "!Join [',', !FindInMap [Cfg, dev, Sizes]]", value: '1,2' },
    { expr: '!FindInMap [Cfg, qa, Level, {DefaultValue: INFO}]', value: 'INFO' },
    {
      expr: '!FindInMap [Cfg, qa, Level]',
      value: '${Unresolved:Fn::FindInMap:Cfg.qa.Level}',
      warnings: [
        'Fn::FindInMap Cfg.qa.Level cannot be resolved locally (Mappings has no Cfg > qa > Level); using the placeholder ${Unresolved:Fn::FindInMap:Cfg.qa.Level}.',
      ],
    },
    { expr: '!Base64 hello', value: 'aGVsbG8=' },
    { expr: '!Length [a, b, c]', value: '3' },
    { expr: '!ToJsonString {a: 1, b: [x]}', value: '{"a":1,"b":["x"]}' },
    {
      expr: '!ImportValue shared-bus',
      value: '${Unresolved:Fn::ImportValue:shared-bus}',
      warnings: [
        'Fn::ImportValue shared-bus cannot be resolved locally (exports of other stacks do not exist locally); using the placeholder ${Unresolved:Fn::ImportValue:shared-bus}.',
      ],
    },
    {
      // YAML allows one tag per node, so !Sub inside !ImportValue takes the long form.
      expr: "!ImportValue {'Fn::Sub': '${Stage}-bus'}",
      value: '${Unresolved:Fn::ImportValue:dev-bus}',
      warnings: [
        'Fn::ImportValue dev-bus cannot be resolved locally (exports of other stacks do not exist locally); using the placeholder ${Unresolved:Fn::ImportValue:dev-bus}.',
      ],
    },
    {
      expr: "!Select [0, !GetAZs '']",
      value: '${Unresolved:Fn::Select}',
      warnings: [
        'Fn::GetAZs cannot be resolved locally (availability zones do not exist locally); using the placeholder ${Unresolved:Fn::GetAZs}.',
      ],
    },
    {
      expr: "!Select [0, !Cidr ['10.0.0.0/16', 2, 8]]",
      value: '${Unresolved:Fn::Select}',
      warnings: [
        'Fn::Cidr cannot be resolved locally (Fn::Cidr is not evaluated locally); using the placeholder ${Unresolved:Fn::Cidr}.',
      ],
    },
    {
      expr: "{'Fn::Transform': {Name: Macro}}",
      value: '${Unresolved:Fn::Transform}',
      warnings: [
        'Fn::Transform cannot be resolved locally (macros do not run locally); using the placeholder ${Unresolved:Fn::Transform}.',
      ],
    },
    {
      expr: "{'Fn::Bogus': x}",
      value: '${Unresolved:Fn::Bogus}',
      warnings: [
        'Fn::Bogus cannot be resolved locally (Fn::Bogus is not an intrinsic function known here); using the placeholder ${Unresolved:Fn::Bogus}.',
      ],
    },
  ]);
});

void describe('conditions and Fn::If', () => {
  table([
    { expr: '!If [IsProd, p, d]', value: 'd' },
    { expr: '!If [IsProd, p, d]', value: 'p', options: { parameterOverrides: { Stage: 'prod' } } },
    { expr: '!If [IsDev, d, p]', value: 'd' },
    { expr: '!If [Both, yes-both, no]', value: 'yes-both' },
    { expr: '!If [Either, yes-either, no]', value: 'yes-either' },
    { expr: '!If [IsProd, p, !Ref AWS::NoValue]', absent: true },
    // The branch not taken is not resolved, so its unresolvable value does not warn.
    { expr: '!If [IsProd, !ImportValue x, d]', value: 'd' },
    // One false decides an And even when the other operand is unknown.
    {
      expr: '!If [FalseAnyway, a, b]',
      value: 'b',
      warnings: [
        'Fn::ImportValue shared cannot be resolved locally (exports of other stacks do not exist locally); using the placeholder ${Unresolved:Fn::ImportValue:shared}.',
      ],
    },
    { expr: '!Equals [a, a]', value: 'true' },
    { expr: '!Not [!Equals [a, a]]', value: 'false' },
    {
      expr: '!If [Unknowable, a, b]',
      value: '${Unresolved:Fn::If:Unknowable}',
      warnings: [
        'Fn::ImportValue shared cannot be resolved locally (exports of other stacks do not exist locally); using the placeholder ${Unresolved:Fn::ImportValue:shared}.',
        'Fn::If Unknowable cannot be resolved locally (condition Unknowable cannot be evaluated locally); using the placeholder ${Unresolved:Fn::If:Unknowable}.',
      ],
    },
    {
      expr: '!If [Nope, a, b]',
      value: '${Unresolved:Fn::If:Nope}',
      warnings: [
        'Condition Nope is not declared in the Conditions section.',
        'Fn::If Nope cannot be resolved locally (condition Nope cannot be evaluated locally); using the placeholder ${Unresolved:Fn::If:Nope}.',
      ],
    },
    {
      expr: '!If [Loop, a, b]',
      errors: ['Condition Loop refers to itself.'],
    },
    {
      expr: '!If [IsProd, a]',
      errors: ['Invalid Fn::If: Fn::If takes [ConditionName, valueIfTrue, valueIfFalse].'],
    },
  ]);

  void test('a false resource Condition leaves the function out', () => {
    const text = withFunction(BASE_PROPS, { head: HEAD }).replace(
      '    Type: AWS::Serverless::Function\n    Properties:',
      '    Type: AWS::Serverless::Function\n    Condition: IsProd\n    Properties:',
    );
    assert.deepEqual(run(text).functions, []);
    assert.equal(run(text, { parameterOverrides: { Stage: 'prod' } }).functions.length, 1);
  });

  void test('an unknowable resource Condition keeps the function, with a warning', () => {
    const text = withFunction(BASE_PROPS, { head: HEAD }).replace(
      '    Properties:',
      '    Condition: Unknowable\n    Properties:',
    );
    const result = run(text);
    assert.equal(result.functions.length, 1);
    assert.equal(
      result.warnings.at(-1)?.message,
      'Condition Unknowable cannot be evaluated locally; Fn is included.',
    );
    assert.equal(result.warnings.at(-1)?.property, 'Resources.Fn.Condition');
  });

  void test('a malformed condition is an error at the condition', () => {
    const text = withFunction(`${BASE_PROPS}\nTimeout: !If [Odd, 1, 2]`, {
      head: 'Conditions:\n  Odd: !Equals [a]',
    });
    const result = run(text);
    assert.deepEqual(
      result.errors.map((e) => [e.line, e.property, e.message]),
      [
        [
          at(text, '!Equals').line,
          'Conditions.Odd',
          'Invalid condition: use Fn::Equals [a, b], Fn::Not [c], Fn::And [c1, c2, ...], Fn::Or [c1, c2, ...] or {Condition: Name}.',
        ],
      ],
    );
  });
});

void describe('warnings point at the expression', () => {
  void test('line, column and property of an ImportValue', () => {
    const got = evaluate('!ImportValue shared-bus');
    const w = got.result.warnings[0];
    const pos = at(got.text, '!ImportValue shared-bus');
    assert.deepEqual(
      { line: w.line, column: w.column, property: w.property },
      { ...pos, property: 'Resources.Fn.Properties.Environment.Variables.VALUE' },
    );
  });

  void test('a warning about a Globals value is given once, not once per function', () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Environment:',
      '      Variables:',
      '        BUS: !ImportValue bus',
      'Resources:',
      ...[1, 2, 3].flatMap((i) => [
        `  Fn${i}:`,
        '    Type: AWS::Serverless::Function',
        '    Properties: {Handler: app.handler, Runtime: nodejs22.x}',
      ]),
      '',
    ].join('\n');
    const result = run(text);
    assert.equal(result.functions.length, 3);
    assert.equal(result.warnings.length, 1);
    assert.equal(result.warnings[0].property, 'Globals.Function.Environment.Variables.BUS');
    assert.equal(inputOf(result, 'Fn3').environment?.BUS, '${Unresolved:Fn::ImportValue:bus}');
  });
});

void describe('parameters', () => {
  const params = (decl: string, options: TemplateOptions = {}) => {
    // Parameters are checked whether or not anything refers to them.
    const text = withFunction(BASE_PROPS, {
      head: `Parameters:\n  P:\n${decl
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}`,
    });
    return { text, result: run(text, options) };
  };

  void test('a Number parameter coerces and feeds numeric properties', () => {
    const text = withFunction(`${BASE_PROPS}\nMemorySize: !Ref Mem\nTimeout: !Ref T`, {
      head: "Parameters:\n  Mem: {Type: Number, Default: 256}\n  T: {Type: Number, Default: '30'}",
    });
    assert.equal(inputOf(run(text)).memorySize, 256);
    assert.equal(inputOf(run(text)).timeout, 30);
    const overridden = inputOf(run(text, { parameterOverrides: { Mem: '1024' } }));
    assert.equal(overridden.memorySize, 1024);
  });

  const errorCases: {
    name: string;
    decl: string;
    overrides?: Record<string, string>;
    message: string;
    where: string;
  }[] = [
    {
      name: 'an override outside AllowedValues',
      decl: 'Type: String\nDefault: dev\nAllowedValues: [dev, prod]',
      overrides: { P: 'qa' },
      message:
        'Parameter P (from --parameter-overrides): "qa" is not one of its AllowedValues ("dev", "prod").',
      where: '  P:',
    },
    {
      name: 'a Default outside AllowedValues',
      decl: 'Type: String\nDefault: qa\nAllowedValues: [dev, prod]',
      message: 'Parameter P: "qa" is not one of its AllowedValues ("dev", "prod").',
      where: 'qa',
    },
    {
      name: 'a Number override that is not a number',
      decl: 'Type: Number\nDefault: 1',
      overrides: { P: 'abc' },
      message: 'Parameter P (from --parameter-overrides): "abc" is not a Number.',
      where: '  P:',
    },
    {
      name: 'a Number below MinValue',
      decl: 'Type: Number\nDefault: 1\nMinValue: 5',
      message: 'Parameter P: 1 is below its MinValue 5.',
      where: 'Default: 1',
    },
    {
      name: 'a Number above MaxValue',
      decl: 'Type: Number\nDefault: 10\nMaxValue: 5',
      overrides: { P: '99' },
      message: 'Parameter P (from --parameter-overrides): 99 is above its MaxValue 5.',
      where: '  P:',
    },
    {
      name: 'a list item outside AllowedValues',
      decl: 'Type: CommaDelimitedList\nDefault: "a,z"\nAllowedValues: [a, b]',
      message: 'Parameter P: "z" is not one of its AllowedValues ("a", "b").',
      where: '"a,z"',
    },
    {
      name: 'a parameter without Type',
      decl: 'Default: x',
      message: 'Parameter P needs a Type (String, Number, ...).',
      where: '  P:',
    },
  ];
  for (const c of errorCases) {
    void test(c.name, () => {
      const { text, result } = params(c.decl, { parameterOverrides: c.overrides });
      assert.deepEqual(
        result.errors.map((e) => ({ line: e.line, message: e.message })),
        [{ line: at(text, c.where).line, message: c.message }],
      );
      assert.match(result.errors[0].property, /^Parameters\.P(\.Default)?$/);
    });
  }

  void test('an override of an undeclared parameter is a warning', () => {
    const { result } = params('Type: String\nDefault: x', { parameterOverrides: { Nope: '1' } });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.warnings.map((w) => [w.property, w.message]),
      [['Parameters', '--parameter-overrides sets Nope, which the template does not declare.']],
    );
  });

  void test('List<Number> gives numbers', () => {
    const { result } = params("Type: List<Number>\nDefault: '1,2'");
    assert.deepEqual(result.errors, []);
    const text = withFunction(`${BASE_PROPS}\nTimeout: !Select [1, !Ref P]`, {
      head: "Parameters:\n  P: {Type: List<Number>, Default: '7, 8'}",
    });
    assert.equal(inputOf(run(text)).timeout, 8);
  });
});

void describe('a decided condition is a known value', () => {
  void test('an If on a condition decided despite an unknown operand gives a real Timeout', () => {
    const text = withFunction(`${BASE_PROPS}\nTimeout: !If [FalseAnyway, 1, 20]`, { head: HEAD });
    const result = run(text);
    assert.equal(inputOf(result).timeout, 20);
    assert.deepEqual(
      result.warnings.map((w) => w.message),
      [
        'Fn::ImportValue shared cannot be resolved locally (exports of other stacks do not exist locally); using the placeholder ${Unresolved:Fn::ImportValue:shared}.',
      ],
    );
  });

  void test('a condition that is broken fails every function that uses it', () => {
    const text = withFunction(`${BASE_PROPS}\nTimeout: !If [Odd, 1, 2]`, {
      head: 'Conditions:\n  Odd: !Equals [a]',
      resources:
        'Other:\n  Type: AWS::Serverless::Function\n  Properties: {Handler: a.b, Runtime: nodejs22.x, Timeout: !If [Odd, 1, 2]}',
    });
    const result = run(text);
    assert.deepEqual(result.functions, []);
    assert.equal(result.errors.length, 1);
  });
});
