// The language server's life in a workspace, over stdio: the file watchers it registers, files
// and folders created, changed and deleted on disk, workspace folders added and removed, clients
// with fewer capabilities, the example project, and requests it cannot answer (none may crash it
// or make it log an error).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  FileChangeType,
  type Location,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver';
import { copyFixture, LspClient, SERVER, uriOf } from '../helpers/lspClient';
import { waitForExit } from '../helpers/processes';
import { rows, span, startSession, type Session } from './helpers';

const hasLine = (line: number) => (p: PublishDiagnosticsParams) =>
  p.diagnostics.some((d) => d.range.start.line === line);
const lacksLine = (line: number) => (p: PublishDiagnosticsParams) => !hasLine(line)(p);

describe('workspace: files changing on disk', () => {
  let s: Session;
  let template: string;
  before(async () => {
    s = await startSession('project');
    template = s.uri('template.yaml');
  });
  after(() => s.end());

  it('registers watchers for handler sources, templates and folders', async () => {
    const registration = await s.client.waitFor('a watcher registration', () =>
      s.client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
    );
    assert.deepEqual(registration.registerOptions, {
      watchers: [
        { globPattern: '**/*.{js,mjs,cjs,ts,mts,cts,yaml,yml,json}' },
        { globPattern: '**/*', kind: 5 },
      ],
    });
  });

  it('resolves a handler once its file is created, and not after it is deleted', async () => {
    const file = s.file('src/ap.ts');
    fs.writeFileSync(file, 'export const handler = async (event: unknown) => event;\n');
    await s.client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    await s.client.diagnostics(template, lacksLine(27));
    fs.rmSync(file);
    await s.client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Deleted }]);
    const back = await s.client.diagnostics(template, hasLine(27));
    assert.equal(rows(back).find((r) => r.range.startsWith('27:'))?.code, 'handler-file-missing');
  });

  it('accepts a CodeUri once its folder appears (one event for the whole folder)', async () => {
    fs.mkdirSync(s.file('missing'));
    fs.writeFileSync(
      s.file('missing/app.js'),
      'exports.handler = async (event, context) => event;\n',
    );
    await s.client.filesChanged([{ uri: uriOf(s.file('missing')), type: FileChangeType.Created }]);
    await s.client.diagnostics(template, lacksLine(47));
  });

  it('follows a handler file changed outside the editor', async () => {
    const file = s.file('src/esm.mjs');
    fs.appendFileSync(file, '\nexport { handler };\n');
    await s.client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Changed }]);
    await s.client.diagnostics(template, lacksLine(54));
  });

  it('indexes a template created on disk, and clears it when deleted', async () => {
    const file = s.file('stacks/api.yaml');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(
      file,
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Api:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: ../src',
        '      Handler: app.handlr',
        '      Runtime: nodejs20.x',
        '',
      ].join('\n'),
    );
    await s.client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    assert.deepEqual(rows(await s.client.diagnostics(uriOf(file))), [
      {
        range: '6:15-6:25',
        severity: 'error',
        code: 'handler-export-missing',
        message:
          "Handler 'app.handlr' names no export 'handlr' in app.ts; exports: handler, helper.",
      },
    ]);
    fs.rmSync(path.dirname(file), { recursive: true });
    await s.client.filesChanged([{ uri: uriOf(path.dirname(file)), type: FileChangeType.Deleted }]);
    await s.client.diagnostics(uriOf(file), (p) => p.diagnostics.length === 0);
  });

  it('does not index what appears in node_modules', async () => {
    const before = s.client.published.length;
    const file = s.file('node_modules/pkg/template.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "AWSTemplateFormatVersion: '2010-09-09'\nResources: 3\n");
    await s.client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    // A later template's diagnostics prove the first event was handled (events are handled in
    // order), without sleeping.
    const later = s.file('later.yaml');
    fs.writeFileSync(later, "AWSTemplateFormatVersion: '2010-09-09'\nResources: 3\n");
    await s.client.filesChanged([{ uri: uriOf(later), type: FileChangeType.Created }]);
    assert.deepEqual(rows(await s.client.diagnostics(uriOf(later))), [
      {
        range: '1:11-1:12',
        severity: 'error',
        message: 'Resources must be a map of logical ids to resources.',
      },
    ]);
    assert.ok(!s.client.published.slice(before).some((p) => p.uri === uriOf(file)));
  });
});

describe('workspace: code built into a folder the index skips', () => {
  it('resolves, completes and finds handlers under CodeUri: dist once it exists', async () => {
    const s = await startSession('built');
    try {
      const template = s.uri('template.yaml');
      assert.deepEqual(rows(await s.client.diagnostics(template)), [
        {
          range: '6:15-6:19',
          severity: 'error',
          message: `CodeUri folder ${s.dir}/dist does not exist.`,
        },
      ]);
      // The build writes dist/ (the editor reports the folder, not each file in it).
      fs.mkdirSync(s.file('dist'));
      fs.writeFileSync(
        s.file('dist/index.js'),
        'exports.handler = async (event, context) => event;\n',
      );
      await s.client.filesChanged([{ uri: uriOf(s.file('dist')), type: FileChangeType.Created }]);
      await s.client.diagnostics(template, (p) => p.diagnostics.length === 0);
      const uri = await s.client.open(s.file('template.yaml'));
      const items = await s.client.completion(uri, { line: 7, character: 15 });
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        [['index.handler', 'async function (event, context) · index.js']],
      );
      const location = (await s.client.definition(uri, { line: 7, character: 18 })) as Location;
      assert.deepEqual(
        { uri: location.uri, range: span(location.range) },
        { uri: s.uri('dist/index.js'), range: '0:8-0:15' },
      );
    } finally {
      await s.end();
    }
  });
});

describe('workspace: folders, clients and requests it cannot answer', () => {
  let s: Session;
  before(async () => {
    s = await startSession('plain');
  });
  after(() => s.end());

  it('indexes a workspace folder added later, and forgets it when removed', async () => {
    const extra = copyFixture('project');
    await s.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: uriOf(extra), name: 'extra' }], removed: [] },
    });
    const added = await s.client.diagnostics(uriOf(path.join(extra, 'template.yaml')));
    assert.equal(added.diagnostics.length, 8);
    await s.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: uriOf(extra), name: 'extra' }] },
    });
    await s.client.diagnostics(
      uriOf(path.join(extra, 'template.yaml')),
      (p) => p.diagnostics.length === 0,
    );
    fs.rmSync(extra, { recursive: true, force: true });
  });

  it('answers requests about documents it does not know with nothing', async () => {
    const unknown = s.uri('never-opened.yaml');
    const at = { line: 0, character: 0 };
    assert.deepEqual(await s.client.completion(unknown, at), []);
    assert.deepEqual(await s.client.codeLenses(unknown), []);
    assert.equal(await s.client.hover(unknown, at), null);
    assert.equal(await s.client.definition(unknown, at), null);
    const untitled = 'untitled:Untitled-1';
    await s.client.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: untitled,
        languageId: 'yaml',
        version: 1,
        text: 'AWSTemplateFormatVersion: x',
      },
    });
    assert.deepEqual(await s.client.completion(untitled, at), []);
  });

  it('survives garbage in every kind of document', async () => {
    const garbage =
      "AWSTemplateFormatVersion: '2010-09-09'\n\u0000\u0001{[}]::: `${'\"\n\t- - ? !Ref\n/* /re/ `";
    const docs = [
      'template.yaml',
      'template.json',
      'events/Fn/e.json',
      '.vscode/launch.json',
      'a.ts',
      'b.cjs',
    ];
    for (const doc of docs) {
      const uri = await s.client.open(s.file(doc), garbage);
      for (let line = 0; line < 5; line++) {
        for (const character of [0, 3, 40]) {
          await s.client.completion(uri, { line, character });
          await s.client.hover(uri, { line, character });
          await s.client.definition(uri, { line, character });
        }
      }
      await s.client.codeLenses(uri);
    }
    // Still answering, and nothing logged as an error (checked when the session ends).
    const uri = await s.client.open(s.file('services/orders/index.mjs'));
    assert.equal((await s.client.codeLenses(uri)).length, 3);
  });
});

describe('workspace: a client without progress or dynamic registration', () => {
  it('still indexes, answers and publishes', async () => {
    const dir = copyFixture('project');
    const client = await LspClient.start({ folders: [dir], capabilities: {} });
    try {
      const published = await client.diagnostics(uriOf(path.join(dir, 'template.yaml')));
      assert.equal(published.diagnostics.length, 8);
      const uri = await client.open(path.join(dir, 'src/app.ts'));
      assert.equal((await client.codeLenses(uri)).length, 3);
      assert.deepEqual(client.registrations, []);
      assert.deepEqual(client.errors(), []);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace: the example project', () => {
  it('has nothing to report on examples/orders, and lenses over its three handlers', async () => {
    const dir = path.resolve(__dirname, '..', '..', 'examples', 'orders');
    const client = await LspClient.start({ folders: [dir] });
    try {
      assert.deepEqual(
        (await client.diagnostics(uriOf(path.join(dir, 'template.yaml')))).diagnostics,
        [],
      );
      for (const event of fs.readdirSync(path.join(dir, 'events'), { recursive: true })) {
        if (!String(event).endsWith('.json')) continue;
        const uri = await client.open(path.join(dir, 'events', String(event)));
        assert.deepEqual(
          (await client.diagnosticsOfVersion(uri, 1)).diagnostics,
          [],
          String(event),
        );
      }
      for (const [file, functionName] of [
        ['src/createOrder.ts', 'CreateOrder'],
        ['src/processQueue.js', 'ProcessQueue'],
        ['src/counter.js', 'Counter'],
      ] as const) {
        const lenses = await client.codeLenses(await client.open(path.join(dir, file)));
        assert.deepEqual(
          lenses.map((l) => [
            l.command?.title,
            (l.command?.arguments?.[0] as { functionName?: string }).functionName,
          ]),
          [
            ['Invoke', functionName],
            ['Debug', functionName],
            ['Invoke with Event…', functionName],
          ],
        );
      }
      assert.deepEqual(client.errors(), []);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });
});

describe('workspace: an editor that goes away', () => {
  it('exits when its input closes without a shutdown, leaving no process behind', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.stdin.end();
    // LSP: exit code 1 when the connection ends without a shutdown request.
    assert.equal(await exited, 1);
    await waitForExit([child.pid]);
  });
});
