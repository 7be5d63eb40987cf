// The language server on SAM and CloudFormation templates, over stdio as an editor drives it:
// diagnostics with exact ranges and messages, hover, go-to-definition and Handler completion,
// on the fixture workspace and on documents being typed (half-typed values, broken YAML).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Hover, Location } from 'vscode-languageserver';
import { rows, span, startSession, type Row, type Session } from './helpers';

/** template.yaml's diagnostics on disk, line by line (0-based lines and characters). */
function templateRows(dir: string): Row[] {
  return [
    {
      range: '21:15-21:29',
      severity: 'error',
      code: 'handler-export-missing',
      message:
        "Handler 'src/app.hander' names no export 'hander' in src/app.ts; exports: handler, helper.",
    },
    {
      range: '27:15-27:29',
      severity: 'error',
      code: 'handler-file-missing',
      message:
        "Handler 'src/ap.handler' names no file: there is no src/ap.js, .mjs, .cjs or .ts in the code folder; " +
        'handlers there: src/app.handler, src/esm.process, src/legacy.handler, json-stack/code/index.handler.',
    },
    {
      range: '34:15-34:25',
      severity: 'error',
      message:
        'Runtime "python3.12" is not supported: Lambda Workbench runs nodejs20.x, nodejs22.x or nodejs24.x.',
    },
    {
      range: '41:15-41:16',
      severity: 'error',
      message: 'Timeout must be an integer from 1 to 900 (seconds), got 0.',
    },
    {
      range: '42:18-42:20',
      severity: 'error',
      message: 'MemorySize must be an integer from 128 to 10240 (MB), got 64.',
    },
    {
      range: '47:15-47:23',
      severity: 'error',
      message: `CodeUri folder ${dir}/missing does not exist.`,
    },
    {
      range: '54:15-54:26',
      severity: 'error',
      code: 'handler-export-missing',
      message:
        "Handler 'esm.handler' names no export 'handler' in esm.mjs; exports: process. " +
        "Only nodejs24.x looks inside the default export: export 'handler' by name.",
    },
    {
      range: '67:15-67:26',
      severity: 'error',
      code: 'handler-not-a-function',
      message:
        "Handler 'app.VERSION' names 'VERSION' in app.ts, which is not a function " +
        '(Lambda fails with "app.VERSION is not a function").',
    },
  ];
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('templates: diagnostics of the workspace on disk', () => {
  let s: Session;
  before(async () => {
    s = await startSession('project');
  });
  after(() => s.end());

  it('reports each function at the value that is wrong, Handler checks included', async () => {
    const published = await s.client.diagnostics(s.uri('template.yaml'));
    assert.equal(published.version, undefined, 'not open: no version');
    assert.deepEqual(rows(published), templateRows(s.dir));
  });

  it('reads JSON templates and AWS::Lambda::Function with Code', async () => {
    assert.deepEqual(rows(await s.client.diagnostics(s.uri('json-stack/template.json'))), [
      {
        range: '7:19-7:33',
        severity: 'error',
        code: 'handler-export-missing',
        message:
          "Handler 'index.handlr' names no export 'handlr' in index.cjs; exports: handler, health.",
      },
      {
        range: '9:22-9:27',
        severity: 'error',
        message: 'MemorySize must be an integer from 128 to 10240 (MB), got 20000.',
      },
    ]);
  });

  it('says how long indexing took', async () => {
    assert.match(
      await s.client.indexed,
      /^Indexed 2 templates, 5 handler files and 1 launch files in \d+ ms$/,
    );
  });
});

describe('templates: hover, definition and completion', () => {
  let s: Session;
  let uri: string;
  before(async () => {
    s = await startSession('project');
    uri = await s.client.open(s.file('template.yaml'));
  });
  after(() => s.end());

  it('hovers a Handler value with the file, export, runtime, timeout and memory', async () => {
    const hover = await s.client.hover(uri, { line: 14, character: 20 });
    assert.equal(span(hover!.range!), '14:15-14:30');
    assert.equal(
      markdown(hover),
      [
        '**Hello** (AWS::Serverless::Function)',
        '',
        `- File: [src/app.ts](file://${s.dir}/src/app.ts#L8)`,
        '- Export: `handler`, async function (event, context)',
        '- Runtime: `nodejs22.x`',
        '- Timeout: 10 s',
        '- Memory: 256 MB',
      ].join('\n'),
    );
  });

  it("hovers a logical id, and says why a function's handler does not resolve", async () => {
    const typo = await s.client.hover(uri, { line: 17, character: 4 });
    assert.equal(span(typo!.range!), '17:2-17:6');
    assert.equal(
      markdown(typo),
      [
        '**Typo** (AWS::Serverless::Function)',
        '',
        "- Handler: `src/app.hander` does not resolve: Handler 'src/app.hander' names no export 'hander' in src/app.ts; exports: handler, helper.",
        '- Runtime: `nodejs22.x`',
        '- Timeout: 10 s',
        "- Memory: 128 MB (Lambda's default)",
      ].join('\n'),
    );
    assert.equal(
      markdown(await s.client.hover(uri, { line: 36, character: 4 })),
      [
        '**Limits** (AWS::Serverless::Function)',
        '',
        `- File: [src/esm.mjs](file://${s.dir}/src/esm.mjs#L2)`,
        '- Export: `process`, async function (event, context)',
        '- Runtime: `nodejs22.x`',
        '- Timeout: 0, not valid: Lambda takes 1 to 900 s',
        '- Memory: 64, not valid: Lambda takes 128 to 10240 MB',
      ].join('\n'),
    );
    assert.equal(await s.client.hover(uri, { line: 13, character: 10 }), null, 'CodeUri: no hover');
  });

  it('goes from a Handler value to the exported function, in TypeScript, CommonJS and ES modules', async () => {
    const cases: [line: number, target: string, range: string][] = [
      [14, 'src/app.ts', '7:13-7:20'], // export const handler = async (…
      [33, 'src/legacy.js', '3:8-3:15'], // exports.handler = function (…
      [40, 'src/esm.mjs', '1:22-1:29'], // export async function process(…
      [60, 'src/esm.mjs', '7:17-7:24'], // nodejs24.x: export default { handler }
    ];
    for (const [line, file, range] of cases) {
      const location = (await s.client.definition(uri, { line, character: 17 })) as Location;
      assert.equal(location.uri, s.uri(file), `line ${line}`);
      assert.equal(span(location.range), range, `line ${line}`);
    }
    const missingExport = (await s.client.definition(uri, { line: 21, character: 17 })) as Location;
    assert.deepEqual(
      { uri: missingExport.uri, range: span(missingExport.range) },
      { uri: s.uri('src/app.ts'), range: '0:0-0:0' },
      'a missing export still leads to its file',
    );
    assert.equal(await s.client.definition(uri, { line: 27, character: 17 }), null, 'no such file');
  });

  it('completes Handler values with file.export from the real exports under CodeUri', async () => {
    const items = await s.client.completion(uri, { line: 14, character: 23 });
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepEqual(
      sorted.map((i) => [i.label, i.detail]),
      [
        [
          'json-stack/code/index.handler',
          'async function (event, context) · json-stack/code/index.cjs',
        ],
        [
          'json-stack/code/index.health',
          'async function (event, context) · json-stack/code/index.cjs',
        ],
        ['src/app.handler', 'async function (event, context) · src/app.ts'],
        ['src/esm.process', 'async function (event, context) · src/esm.mjs'],
        ['src/legacy.handler', 'function (event, context, callback) · src/legacy.js'],
        ['src/legacy.other', 'async function (event, context) · src/legacy.js'],
        ['src/app.helper', 'function (name) · src/app.ts'],
        ['src/esm.default', 'object · src/esm.mjs'],
        ['src/util.format', 'function (value) · src/util.js'],
      ],
    );
    const handler = items.find((i) => i.label === 'src/app.handler') as CompletionItem;
    assert.deepEqual(handler.textEdit, {
      range: { start: { line: 14, character: 15 }, end: { line: 14, character: 30 } },
      newText: 'src/app.handler',
    });
    // CodeUri: src gives names relative to src/.
    const inSrc = await s.client.completion(uri, { line: 33, character: 15 });
    assert.deepEqual(inSrc.map((i) => i.label).sort(), [
      'app.handler',
      'app.helper',
      'esm.default',
      'esm.process',
      'legacy.handler',
      'legacy.other',
      'util.format',
    ]);
    assert.deepEqual(
      await s.client.completion(uri, { line: 13, character: 16 }),
      [],
      'CodeUri: none',
    );
  });
});

describe('templates: documents being typed', () => {
  let s: Session;
  let uri: string;
  before(async () => {
    s = await startSession('project');
    uri = await s.client.open(s.file('template.yaml'));
    await s.client.diagnosticsOfVersion(uri, 1);
  });
  after(() => s.end());

  const HELLO_HANDLER = { start: { line: 14, character: 15 }, end: { line: 14, character: 30 } };

  it('re-validates a half-typed Handler on every keystroke', async () => {
    let version = await s.client.change(uri, [{ range: HELLO_HANDLER, text: 'src/app.h' }]);
    const half = rows(await s.client.diagnosticsOfVersion(uri, version));
    assert.deepEqual(half[0], {
      range: '14:15-14:24',
      severity: 'error',
      code: 'handler-export-missing',
      message: "Handler 'src/app.h' names no export 'h' in src/app.ts; exports: handler, helper.",
    });
    for (const [i, letter] of [...'andler'].entries()) {
      version = await s.client.type(uri, { line: 14, character: 24 + i }, letter);
    }
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, version)), templateRows(s.dir));
  });

  it('reports an empty Handler where its value is missing', async () => {
    const version = await s.client.change(uri, [{ range: HELLO_HANDLER, text: '' }]);
    const published = rows(await s.client.diagnosticsOfVersion(uri, version));
    assert.deepEqual(published[0], {
      range: '14:15-14:15',
      severity: 'error',
      message: 'Handler must be a non-empty string, got null.',
    });
    const restored = await s.client.type(uri, { line: 14, character: 15 }, 'src/app.handler');
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, restored)), templateRows(s.dir));
  });

  it('reports broken YAML as a syntax error and keeps completing handlers', async () => {
    const version = await s.client.change(uri, [
      { range: HELLO_HANDLER, text: '[src/app.handler' },
    ]);
    const published = rows(await s.client.diagnosticsOfVersion(uri, version));
    assert.deepEqual(published, [
      {
        // The parser notices where the next key starts; only its first error is shown.
        range: '15:6-15:7',
        severity: 'error',
        message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
    // Typo's Handler, below the break: the functions of the last text that parsed still answer.
    const items = await s.client.completion(uri, { line: 21, character: 23 });
    assert.ok(
      items.some((i) => i.label === 'src/app.handler'),
      'completion in broken YAML',
    );
    assert.equal(
      await s.client.hover(uri, { line: 21, character: 18 }),
      null,
      'no hover on stale ranges',
    );
    const fixed = await s.client.change(uri, [
      { range: { start: { line: 14, character: 15 }, end: { line: 14, character: 16 } }, text: '' },
    ]);
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, fixed)), templateRows(s.dir));
  });

  it('treats a YAML file as a template once it says it is one', async () => {
    const other = s.uri('other.yaml');
    await s.client.open(
      s.file('other.yaml'),
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n',
    );
    const version = await s.client.type(
      other,
      { line: 0, character: 0 },
      'Transform: AWS::Serverless-2016-10-31\n',
    );
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(other, version)), [
      {
        range: '2:2-2:4',
        severity: 'error',
        message: 'Handler is required: file.export relative to CodeUri, for example app.handler.',
      },
      {
        range: '2:2-2:4',
        severity: 'error',
        message: 'Runtime is required: nodejs20.x, nodejs22.x or nodejs24.x.',
      },
    ]);
    assert.ok(
      !s.client.published.some((p) => p.uri === other && p.version === 1),
      'nothing published while it was plain YAML',
    );
  });
});
