// Launch configurations of type `lambda` (.vscode/launch.json, JSON with comments and trailing
// commas) over stdio: diagnostics for a handler, template or functionId that resolves to nothing,
// go-to-definition and completion of their values.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver';
import { rows, span, startSession, type Row, type Session } from './helpers';

const FUNCTIONS =
  'Hello, Typo, MissingFile, Legacy, Limits, NoFolder, DefaultOnly, Node24, NotAFunction';

function launchRows(dir: string): Row[] {
  return [
    {
      range: '15:17-15:33',
      severity: 'error',
      code: 'handler-export-missing',
      message: `"handler" 'src/app.handlr' names no export 'handlr' in src/app.ts; exports: handler, helper.`,
    },
    {
      range: '22:20-22:26',
      severity: 'error',
      code: 'launch-function-missing',
      message: `"functionId" 'Helo' is not a function of template.yaml; functions: ${FUNCTIONS}.`,
    },
    {
      range: '28:18-28:52',
      severity: 'error',
      code: 'launch-function-missing',
      message: `"template" template.yaml defines 9 functions: set "functionId" to one of ${FUNCTIONS}.`,
    },
    {
      range: '35:20-35:26',
      severity: 'error',
      code: 'handler-export-missing',
      message:
        "Typo's Handler 'src/app.hander' names no export 'hander' in src/app.ts; exports: handler, helper.",
    },
    {
      range: '42:17-42:45',
      severity: 'error',
      code: 'launch-path-missing',
      message: `"codeUri" folder ${dir}/nowhere does not exist.`,
    },
  ];
}

describe('launch configurations', () => {
  let s: Session;
  let uri: string;
  before(async () => {
    s = await startSession('project');
    uri = s.uri('.vscode/launch.json');
  });
  after(() => s.end());

  it('reports what does not resolve, reading comments, trailing commas and ${workspaceFolder}', async () => {
    assert.deepEqual(rows(await s.client.diagnostics(uri)), launchRows(s.dir));
  });

  it('re-validates as the configuration is edited', async () => {
    await s.client.open(s.file('.vscode/launch.json'));
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, 1)), launchRows(s.dir));
    // "src/app.handlr" → "src/app.handler".
    const version = await s.client.type(uri, { line: 15, character: 31 }, 'e');
    assert.deepEqual(
      rows(await s.client.diagnosticsOfVersion(uri, version)),
      launchRows(s.dir).slice(1),
    );
  });

  it('survives a half-typed configuration and checks the ones that still parse', async () => {
    // Open a string on the Typo configuration's handler line and leave it unclosed.
    const version = await s.client.change(uri, [
      {
        range: { start: { line: 15, character: 17 }, end: { line: 15, character: 34 } },
        text: '"src/app.',
      },
    ]);
    // jsonc-parser ends the unclosed string at the end of the line; the configurations after it
    // still parse and are still checked.
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, version)), [
      {
        range: '15:17-15:49',
        severity: 'error',
        code: 'handler-malformed',
        message:
          `"handler" 'src/app., // one letter missing' is not file.export: write the file's path ` +
          'without extension, a dot, then the exported function, for example src/app.handler.',
      },
      ...launchRows(s.dir).slice(1),
    ]);
  });

  it("goes from a handler to its function, and from a functionId to the template's resource", async () => {
    const handler = (await s.client.definition(uri, { line: 8, character: 22 })) as Location;
    assert.deepEqual(
      { uri: handler.uri, range: span(handler.range) },
      { uri: s.uri('src/app.ts'), range: '7:13-7:20' },
    );
    const functionId = (await s.client.definition(uri, { line: 35, character: 22 })) as Location;
    assert.deepEqual(
      { uri: functionId.uri, range: span(functionId.range) },
      { uri: s.uri('template.yaml'), range: '17:2-17:6' },
    );
  });

  it("completes functionId with the template's logical ids and handler with file.export", async () => {
    const ids = await s.client.completion(uri, { line: 22, character: 22 });
    assert.deepEqual(
      ids.map((i) => i.label),
      FUNCTIONS.split(', '),
    );
    assert.deepEqual(ids[0]?.textEdit, {
      range: { start: { line: 22, character: 21 }, end: { line: 22, character: 25 } },
      newText: 'Hello',
    });
    assert.equal(ids[0]?.detail, 'src/app.handler · template.yaml');
    const handlers = await s.client.completion(uri, { line: 8, character: 26 });
    assert.ok(
      handlers.some(
        (i) =>
          i.label === 'src/app.handler' &&
          i.detail === 'async function (event, context) · src/app.ts',
      ),
    );
  });
});
