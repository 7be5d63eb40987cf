// The template parser: CloudFormation short forms become long forms, nodes keep their places, and
// syntax errors are diagnostics with the parser's line and column, never exceptions.
// node:test's describe and test return promises the runner awaits itself, hence `void`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTemplateText } from '../../debug-adapter/sam/templateTree';
import type { TemplateNode } from '../../debug-adapter/sam/templateTree';
import { brief } from './helpers';

/** The node as plain JSON (what toJS would give), to compare shapes. */
function plain(node: TemplateNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
}

const valueOf = (yaml: string): unknown => {
  const parsed = parseTemplateText(`v: ${yaml}\n`, 't.yaml');
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.warnings, []);
  return (plain(parsed.root) as { v: unknown }).v;
};

void describe('short forms become long forms', () => {
  const cases: [string, unknown][] = [
    ['!Ref Stage', { Ref: 'Stage' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!Sub "x-${Stage}"', { 'Fn::Sub': 'x-${Stage}' }],
    ['!Sub ["${A}", {A: b}]', { 'Fn::Sub': ['${A}', { A: 'b' }] }],
    ['!GetAtt Fn.Arn', { 'Fn::GetAtt': ['Fn', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Fn, Arn]', { 'Fn::GetAtt': ['Fn', 'Arn'] }],
    ['!Join [",", [a, b]]', { 'Fn::Join': [',', ['a', 'b']] }],
    ['!If [C, a, b]', { 'Fn::If': ['C', 'a', 'b'] }],
    ['!Select [0, [a]]', { 'Fn::Select': [0, ['a']] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [M, a, b]', { 'Fn::FindInMap': ['M', 'a', 'b'] }],
    ['!Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
    ['!Not [!Equals [a, b]]', { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Base64 hi', { 'Fn::Base64': 'hi' }],
    ['!ImportValue shared', { 'Fn::ImportValue': 'shared' }],
    ['!ImportValue {"Fn::Sub": "${S}-x"}', { 'Fn::ImportValue': { 'Fn::Sub': '${S}-x' } }],
    ['!Cidr ["10.0.0.0/16", 6, 5]', { 'Fn::Cidr': ['10.0.0.0/16', 6, 5] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
    ['!Transform {Name: M}', { 'Fn::Transform': { Name: 'M' } }],
  ];
  for (const [yaml, expected] of cases) {
    void test(yaml, () => assert.deepEqual(valueOf(yaml), expected));
  }

  void test('a block scalar keeps its tag', () => {
    const parsed = parseTemplateText('v: !Sub |\n  a ${B}\n  c\n', 't.yaml');
    assert.deepEqual(plain(parsed.root), { v: { 'Fn::Sub': 'a ${B}\nc\n' } });
  });
});

void describe('scalars are read as CloudFormation (YAML 1.1, as PyYAML) reads them', () => {
  const cases: [string, unknown][] = [
    ['yes', true],
    ['Off', false],
    ['y', 'y'],
    ['N', 'N'],
    ['"yes"', 'yes'],
    ['010', 8],
    ['1.10', 1.1],
    ['~', null],
    ['2024-01-01', '2024-01-01'],
    ['', null],
  ];
  for (const [yaml, expected] of cases) {
    void test(`${JSON.stringify(yaml)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(valueOf(yaml), expected);
    });
  }

  void test('numbers keep the text as written', () => {
    const root = parseTemplateText('v: 1.10\n', 't.yaml').root;
    assert.equal(root?.kind === 'map' && root.entries[0].value.kind === 'scalar', true);
    const v = root?.kind === 'map' ? root.entries[0].value : undefined;
    assert.equal(v?.kind === 'scalar' ? v.source : undefined, '1.10');
  });

  void test('keys stay strings even when they look like booleans', () => {
    assert.deepEqual(plain(parseTemplateText('N: 1\non: 2\nyes: 3\n', 't.yaml').root), {
      N: 1,
      on: 2,
      yes: 3,
    });
  });
});

void describe('anchors, aliases and merge keys', () => {
  void test('an alias repeats the anchored node', () => {
    const root = parseTemplateText('a: &x {k: 1}\nb: *x\n', 't.yaml').root;
    assert.deepEqual(plain(root), { a: { k: 1 }, b: { k: 1 } });
  });

  void test('a merge key adds the keys the map does not set', () => {
    const root = parseTemplateText('a: &x {k: 1, j: 2}\nb:\n  <<: *x\n  k: 3\n', 't.yaml').root;
    assert.deepEqual(plain(root), { a: { k: 1, j: 2 }, b: { k: 3, j: 2 } });
  });

  void test('an alias bomb stays linear', () => {
    let text = 'a0: &a0 [x, x]\n';
    for (let i = 1; i < 30; i++) text += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}]\n`;
    const start = performance.now();
    const parsed = parseTemplateText(text, 't.yaml');
    assert.ok(parsed.root);
    assert.ok(performance.now() - start < 1000);
  });
});

void describe('positions and paths', () => {
  const text = [
    'Resources:',
    '  Fn:',
    '    Properties:',
    '      Timeout: 30',
    '      Env: !Ref Stage',
    '      List: [a, b]',
    '',
  ].join('\n');
  const root = parseTemplateText(text, 't.yaml').root;
  const props = (() => {
    let node = root;
    for (let depth = 0; depth < 3; depth++)
      node = node?.kind === 'map' ? node.entries[0].value : undefined;
    return node?.kind === 'map' ? node.entries : [];
  })();

  void test('a scalar has its place and path', () => {
    const timeout = props[0];
    assert.deepEqual(timeout.keyRange, { line: 4, column: 7, endLine: 4, endColumn: 14 });
    assert.deepEqual(timeout.value.range, { line: 4, column: 16, endLine: 4, endColumn: 18 });
    assert.equal(timeout.value.path, 'Resources.Fn.Properties.Timeout');
  });

  void test('a short form sits at the property path, its argument one level down', () => {
    const env = props[1].value;
    assert.equal(env.path, 'Resources.Fn.Properties.Env');
    assert.equal(
      env.kind === 'map' ? env.entries[0].value.path : '',
      'Resources.Fn.Properties.Env.Ref',
    );
    assert.equal(env.range.line, 5);
  });

  void test('list items are [n]', () => {
    const list = props[2].value;
    assert.equal(list.kind === 'seq' ? list.items[1].path : '', 'Resources.Fn.Properties.List[1]');
  });
});

void describe('syntax errors are diagnostics', () => {
  // The yaml package's own messages and places, passed through unchanged.
  const cases: { name: string; text: string; line: number; column: number; message: string }[] = [
    {
      name: 'bad indentation',
      text: 'Resources:\n  Fn:\n    Type: x\n   Bad: y\n',
      line: 4,
      column: 1,
      message: 'All mapping items must start at the same column',
    },
    {
      name: 'duplicate key',
      text: 'Resources:\n  Fn: 1\n  Fn: 2\n',
      line: 3,
      column: 3,
      message: 'Map keys must be unique',
    },
    {
      name: 'unclosed flow sequence',
      text: 'Resources: [a, b\n',
      line: 2,
      column: 1,
      message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
    {
      name: 'unclosed quote',
      text: 'a: "abc\n',
      line: 2,
      column: 1,
      message: 'Missing closing "quote',
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      const parsed = parseTemplateText(c.text, 'bad.yaml');
      assert.equal(parsed.root, undefined);
      assert.ok(parsed.errors.length > 0);
      const first = brief(parsed.errors[0]);
      assert.equal(parsed.errors[0].file, 'bad.yaml');
      assert.deepEqual([first.line, first.column], [c.line, c.column]);
      assert.equal(first.property, '');
      assert.equal(first.message, c.message);
    });
  }

  void test('an unknown tag is a warning and the value stays', () => {
    const parsed = parseTemplateText('a: !Foo bar\n', 't.yaml');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.warnings.map((w) => [w.line, w.column, w.message]),
      [[1, 4, 'Unresolved tag: !Foo']],
    );
    assert.deepEqual(plain(parsed.root), { a: 'bar' });
  });
});

void describe('JSON is YAML', () => {
  void test('a JSON template parses with positions', () => {
    const text = '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function" }\n  }\n}\n';
    const parsed = parseTemplateText(text, 't.json');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(plain(parsed.root), { Resources: { Fn: { Type: 'AWS::Lambda::Function' } } });
    const resources = parsed.root?.kind === 'map' ? parsed.root.entries[0].value : undefined;
    const fn = resources?.kind === 'map' ? resources.entries[0] : undefined;
    assert.deepEqual([fn?.keyRange.line, fn?.keyRange.column], [3, 5]);
  });
});

void describe('absurd input', () => {
  void test('nesting thousands of levels deep is an error, not an exception', () => {
    const parsed = parseTemplateText(`a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, 't.yaml');
    assert.equal(parsed.root, undefined);
    assert.ok(parsed.errors.length > 0);
  });
});
