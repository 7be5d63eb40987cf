// Workspace Trust (run in a code-server with trust on, on a folder never trusted): the manifest
// says Lambda Workbench does not support untrusted workspaces, so VS Code keeps it disabled in
// Restricted Mode, and no handler code can run from there.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, folder } from './helpers';

describe('an untrusted workspace', () => {
  it('is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('keeps Lambda Workbench inactive, without its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.isActive ?? false, false);
    const commands = await vscode.commands.getCommands(true);
    assert.deepEqual(
      commands.filter((command) => command.startsWith('lambdaWorkbench.')),
      [],
    );
  });

  it('refuses to start a lambda debug session', async () => {
    let started = false;
    const listener = vscode.debug.onDidStartDebugSession((session) => {
      if (session.type === 'lambda') started = true;
    });
    try {
      const result = await vscode.debug.startDebugging(folder(), {
        type: 'lambda',
        request: 'launch',
        name: 'e2e: untrusted',
        template: '${workspaceFolder}/template.yaml',
        functionId: 'Counter',
        event: {},
      });
      assert.equal(result, false);
      assert.equal(started, false);
    } finally {
      listener.dispose();
    }
  });
});
