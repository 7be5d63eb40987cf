// Code lenses over handler files, over stdio: which exports get "Invoke", "Debug" and
// "Invoke with Event…", with which command and argument, and how edits to a handler file reach the
// templates that name it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lensRows, rows, startSession, type Session } from './helpers';

/** The three lenses of one function, as lensRows shows them. */
function three(range: string, args: Record<string, string>, suffix = '') {
  return [
    { range, title: `Invoke${suffix}`, command: 'lambdaWorkbench.invoke', args },
    { range, title: `Debug${suffix}`, command: 'lambdaWorkbench.debug', args },
    {
      range,
      title: `Invoke${suffix} with Event…`,
      command: 'lambdaWorkbench.invokeWithEvent',
      args,
    },
  ];
}

describe('code lenses: handlers that templates name', () => {
  let s: Session;
  const fromTemplate = (id: string, handler: string, codeUri: string, file: string) => ({
    functionName: id,
    functionId: id,
    handler,
    codeUri: s.file(codeUri),
    template: s.file('template.yaml'),
    file: s.file(file),
  });
  before(async () => {
    s = await startSession('project');
  });
  after(() => s.end());

  it('puts Invoke, Debug and Invoke with Event… over a TypeScript handler a template names', async () => {
    const uri = await s.client.open(s.file('src/app.ts'));
    assert.deepEqual(
      lensRows(await s.client.codeLenses(uri)),
      three('7:13-7:20', fromTemplate('Hello', 'src/app.handler', '.', 'src/app.ts')),
    );
  });

  it('finds CommonJS exports, named by a template or looking like handlers', async () => {
    const uri = await s.client.open(s.file('src/legacy.js'));
    assert.deepEqual(lensRows(await s.client.codeLenses(uri)), [
      ...three('3:8-3:15', fromTemplate('Legacy', 'legacy.handler', 'src', 'src/legacy.js')),
      // `other` takes (event, context); its code folder is the deepest CodeUri that holds it.
      ...three('7:15-7:20', {
        handler: 'legacy.other',
        codeUri: s.file('src'),
        file: s.file('src/legacy.js'),
      }),
    ]);
  });

  it('finds ES module exports, and a handler found on the default export by nodejs24.x', async () => {
    const uri = await s.client.open(s.file('src/esm.mjs'));
    assert.deepEqual(lensRows(await s.client.codeLenses(uri)), [
      ...three('1:22-1:29', fromTemplate('Limits', 'esm.process', 'src', 'src/esm.mjs')),
      ...three('7:7-7:14', fromTemplate('Node24', 'esm.handler', 'src', 'src/esm.mjs')),
    ]);
  });

  it('puts no lens over functions that are not handlers', async () => {
    const uri = await s.client.open(s.file('src/util.js'));
    assert.deepEqual(await s.client.codeLenses(uri), []);
  });

  it('carries an edit of a handler file to the templates and launch files that name it', async () => {
    const uri = await s.client.open(s.file('src/app.ts'));
    const refreshes = s.client.codeLensRefreshes;
    // `export const handler = async (` becomes `export const main = async (`.
    await s.client.change(uri, [
      {
        range: { start: { line: 7, character: 13 }, end: { line: 7, character: 20 } },
        text: 'main',
      },
    ]);
    const template = await s.client.diagnostics(s.uri('template.yaml'), (p) =>
      p.diagnostics.some((d) => d.range.start.line === 14),
    );
    assert.deepEqual(rows(template).slice(0, 2), [
      {
        range: '14:15-14:30',
        severity: 'error',
        code: 'handler-export-missing',
        message:
          "Handler 'src/app.handler' names no export 'handler' in src/app.ts; exports: main, helper.",
      },
      {
        range: '21:15-21:29',
        severity: 'error',
        code: 'handler-export-missing',
        message:
          "Handler 'src/app.hander' names no export 'hander' in src/app.ts; exports: main, helper.",
      },
    ]);
    const launch = await s.client.diagnostics(s.uri('.vscode/launch.json'), (p) =>
      p.diagnostics.some((d) => d.range.start.line === 8),
    );
    assert.deepEqual(rows(launch)[0], {
      range: '8:17-8:34',
      severity: 'error',
      code: 'handler-export-missing',
      message: `"handler" 'src/app.handler' names no export 'handler' in src/app.ts; exports: main, helper.`,
    });
    // `main` still takes (event, context): it keeps lenses, now as a look-alike.
    assert.deepEqual(
      lensRows(await s.client.codeLenses(uri)),
      three('7:13-7:17', {
        handler: 'app.main',
        codeUri: s.file('src'),
        file: s.file('src/app.ts'),
      }),
    );
    await s.client.waitFor('a code lens refresh', () =>
      s.client.codeLensRefreshes > refreshes ? true : undefined,
    );
  });

  it('moves the lenses when a template edit names another export', async () => {
    const template = await s.client.open(s.file('template.yaml'));
    const refreshes = s.client.codeLensRefreshes;
    // Legacy's `Handler: legacy.handler` becomes `legacy.other`.
    await s.client.change(template, [
      {
        range: { start: { line: 33, character: 22 }, end: { line: 33, character: 29 } },
        text: 'other',
      },
    ]);
    await s.client.waitFor('a code lens refresh', () =>
      s.client.codeLensRefreshes > refreshes ? true : undefined,
    );
    const legacy = s.uri('src/legacy.js');
    assert.deepEqual(lensRows(await s.client.codeLenses(legacy)), [
      // `handler` is still called handler: a look-alike now.
      ...three('3:8-3:15', {
        handler: 'legacy.handler',
        codeUri: s.file('src'),
        file: s.file('src/legacy.js'),
      }),
      ...three('7:15-7:20', fromTemplate('Legacy', 'legacy.other', 'src', 'src/legacy.js')),
    ]);
  });

  it('keeps the last exports of a handler file while it does not lex', async () => {
    const uri = s.uri('src/app.ts');
    const before = lensRows(await s.client.codeLenses(uri));
    // Delete the closing `};` of the handler: the braces no longer balance.
    await s.client.change(uri, [
      { range: { start: { line: 13, character: 0 }, end: { line: 13, character: 2 } }, text: '' },
    ]);
    assert.deepEqual(lensRows(await s.client.codeLenses(uri)), before);
  });
});

describe('code lenses: handlers nobody names', () => {
  let s: Session;
  before(async () => {
    s = await startSession('plain');
  });
  after(() => s.end());

  it('runs a look-alike from the nearest folder with a package.json', async () => {
    const orders = (file: string) => s.file(path.join('services/orders', file));
    const index = await s.client.open(orders('index.mjs'));
    assert.deepEqual(
      lensRows(await s.client.codeLenses(index)),
      three('1:13-1:20', {
        handler: 'index.handler',
        codeUri: orders(''),
        file: orders('index.mjs'),
      }),
    );
    const consumer = await s.client.open(orders('lib/consumer.cjs'));
    assert.deepEqual(
      lensRows(await s.client.codeLenses(consumer)),
      three('1:15-1:22', {
        handler: 'lib/consumer.onEvent',
        codeUri: orders(''),
        file: orders('lib/consumer.cjs'),
      }),
    );
  });

  it('gives lenses to a new file that is not saved yet', async () => {
    const uri = await s.client.open(
      s.file('jobs/nightly.ts'),
      'export async function run(event: unknown, context: { awsRequestId: string }) {}\n',
    );
    assert.deepEqual(
      lensRows(await s.client.codeLenses(uri)),
      three('0:22-0:25', {
        handler: 'jobs/nightly.run',
        codeUri: s.dir,
        file: s.file('jobs/nightly.ts'),
      }),
    );
  });
});
