// The language client's life in VS Code: it starts with the extension, diagnostics of a broken
// template come and go with it, and the setting lambdaWorkbench.languageServer.enabled stops and
// starts it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, file, until } from './helpers';

function handlerDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Lambda Workbench' && d.message.includes("'hander'"));
}

describe('the language client', () => {
  const staging = file('staging.yaml');

  after(async () => {
    await vscode.workspace
      .getConfiguration('lambdaWorkbench')
      .update('languageServer.enabled', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('is running once the extension is active, and flags the broken Handler of staging.yaml', async () => {
    const { languageClient } = await api();
    await until('the language client to run', () => languageClient.running);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(staging));
    const [diagnostic] = await until(
      'the Handler diagnostic',
      () => handlerDiagnostics(staging).length > 0 && handlerDiagnostics(staging),
    );
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic!.message, /names no export 'hander'/);
  });

  it('stop() ends it and clears its diagnostics; start() brings both back', async () => {
    const { languageClient } = await api();
    await languageClient.stop();
    assert.equal(languageClient.running, false);
    await until('the diagnostics to clear', () => handlerDiagnostics(staging).length === 0);
    await languageClient.start();
    assert.equal(languageClient.running, true);
    await until('the diagnostic to come back', () => handlerDiagnostics(staging).length > 0);
  });

  it('follows the setting lambdaWorkbench.languageServer.enabled', async () => {
    const { languageClient } = await api();
    const settings = () => vscode.workspace.getConfiguration('lambdaWorkbench');
    await settings().update('languageServer.enabled', false, vscode.ConfigurationTarget.Workspace);
    await until('the client to stop', () => !languageClient.running);
    await settings().update('languageServer.enabled', true, vscode.ConfigurationTarget.Workspace);
    await until('the client to start again', () => languageClient.running);
  });
});
