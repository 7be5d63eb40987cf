// Function discovery in the real extension host: the functions of the example's template and
// launch.json, and a handler file that appears and disappears while VS Code watches.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, file, next, until } from './helpers';

describe('function discovery', () => {
  it('finds the functions of template.yaml and of launch.json', async () => {
    const { discovery } = await api();
    const functions = await discovery.list();
    const fromTemplate = functions.filter((fn) => fn.source === 'template');
    assert.deepEqual(fromTemplate.map((fn) => fn.name).sort(), ['Counter', 'CreateOrder', 'ProcessQueue']);
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
    const added = next('discovery to list jobs/cleanup.js', discovery.onDidChange, (list) => list.some((fn) => fn.file === uri.fsPath));
    await vscode.workspace.fs.writeFile(uri, Buffer.from('exports.handler = async () => "cleaned";\n'));
    const list = await added;
    const cleanup = list.find((fn) => fn.file === uri.fsPath)!;
    assert.equal(cleanup.source, 'handler');
    assert.equal(cleanup.name, 'cleanup');
    assert.equal(cleanup.input?.handler, 'jobs/cleanup.handler');

    const removed = next('discovery to drop jobs/cleanup.js', discovery.onDidChange, (l) => !l.some((fn) => fn.file === uri.fsPath));
    await vscode.workspace.fs.delete(uri);
    await removed;
    await until('list() to agree', async () => !(await discovery.list()).some((fn) => fn.file === uri.fsPath));
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
  });
});
