// Workspace Trust (run in a code-server with trust on, on a folder never trusted, with Lambda
// Workbench installed from its VSIX): the manifest says it does not support untrusted workspaces,
// so VS Code keeps it disabled in Restricted Mode and nothing of it can run handler code there.
// (F5 on a lambda configuration would first meet VS Code's own "Do you trust the authors?"
// dialog, which the smoke-test driver refuses to show, so that path is not tested here.)
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

describe('an untrusted workspace', () => {
  it('is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('keeps Lambda Workbench disabled, without its commands', async () => {
    // Disabled, not merely idle: the extension host does not know it at all.
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID), undefined);
    const commands = await vscode.commands.getCommands(true);
    assert.deepEqual(
      commands.filter((command) => command.startsWith('lambdaWorkbench.')),
      [],
    );
  });
});
