// Function discovery in the real extension host: the functions of the example's template and
// launch.json, and a handler file that appears and disappears while VS Code watches.
import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, file, folder, next, until } from './helpers';

/** What discovery and VS Code know about `uri`, for a failure message. */
async function discoveryState(uri: vscode.Uri): Promise<string> {
  const { discovery } = await api();
  const within = <T>(promise: PromiseLike<T>): Promise<T | 'no answer in 5 s'> =>
    Promise.race([
      promise,
      new Promise<'no answer in 5 s'>((r) => setTimeout(() => r('no answer in 5 s'), 5000)),
    ]);
  const listed = await within(discovery.list().then((l) => l.some((fn) => fn.file === uri.fsPath)));
  const found = await within(
    vscode.workspace
      .findFiles(new vscode.RelativePattern(folder(), '**/*.js'), '**/node_modules/**')
      .then((files) => files.some((f) => f.fsPath === uri.fsPath)),
  );
  return `list() has it: ${listed}; findFiles finds it: ${found}`;
}

describe('function discovery', () => {
  // VS Code's file watcher (parcel, in code-server's host) starts with a crawl of the workspace
  // and drops events until it is done, which can take seconds on a busy 2-core machine. Wait until
  // a probe file is noticed, so the test below measures discovery, not the watcher's start-up.
  before(async function () {
    this.timeout(60_000);
    const { discovery } = await api();
    const probe = file('watcher-probe/probe.js');
    await until(
      'the file watcher to report a new handler file',
      async () => {
        const seen = next(
          'a rescan',
          discovery.onDidChange,
          (l) => l.some((fn) => fn.file === probe.fsPath),
          3000,
        );
        await vscode.workspace.fs.writeFile(
          probe,
          Buffer.from(`exports.handler = async () => ${Date.now()};\n`),
        );
        return seen.then(() => true).catch(() => false);
      },
      45_000,
    );
    await vscode.workspace.fs.delete(probe);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(probe, '..'), { recursive: true });
  });

  it('finds the functions of template.yaml and of launch.json', async () => {
    const { discovery } = await api();
    const functions = await discovery.list();
    const fromTemplate = functions.filter((fn) => fn.source === 'template');
    assert.deepEqual(fromTemplate.map((fn) => fn.name).sort(), [
      'Counter',
      'CreateOrder',
      'ProcessQueue',
    ]);
    const createOrder = fromTemplate.find((fn) => fn.name === 'CreateOrder')!;
    assert.equal(createOrder.file, file('src/createOrder.ts').fsPath);
    assert.deepEqual(createOrder.launch, {
      type: 'lambda',
      request: 'launch',
      name: 'Lambda: CreateOrder',
      template: '${workspaceFolder}/template.yaml',
      functionId: 'CreateOrder',
    });
    assert.equal(createOrder.input?.handler, 'src/createOrder.handler');
    assert.equal(createOrder.input?.timeout, 5, "the Globals' Timeout");
    const fromLaunch = functions.filter((fn) => fn.source === 'launch');
    assert.deepEqual(
      fromLaunch.map((fn) => [fn.name, fn.launch.name]),
      [['CreateOrder', 'Lambda: CreateOrder']],
    );
    // A launch configuration naming a template function can run at full speed too.
    assert.equal(fromLaunch[0]!.input?.handler, 'src/createOrder.handler');
  });

  it('notices a handler file created and deleted in the workspace', async () => {
    const { discovery } = await api();
    const uri = file('jobs/cleanup.js');
    const added = next('discovery to list jobs/cleanup.js', discovery.onDidChange, (list) =>
      list.some((fn) => fn.file === uri.fsPath),
    );
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from('exports.handler = async () => "cleaned";\n'),
    );
    const list = await added.catch(async (error: Error) => {
      throw new Error(`${error.message}; ${await discoveryState(uri)}`);
    });
    const cleanup = list.find((fn) => fn.file === uri.fsPath)!;
    assert.equal(cleanup.source, 'handler');
    assert.equal(cleanup.name, 'cleanup');
    assert.equal(cleanup.input?.handler, 'jobs/cleanup.handler');

    const removed = next(
      'discovery to drop jobs/cleanup.js',
      discovery.onDidChange,
      (l) => !l.some((fn) => fn.file === uri.fsPath),
    );
    await vscode.workspace.fs.delete(uri);
    await removed;
    await until(
      'list() to agree',
      async () => !(await discovery.list()).some((fn) => fn.file === uri.fsPath),
    );
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
  });
});
