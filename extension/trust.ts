/**
 * Workspace Trust: handler code never runs in an untrusted workspace. The manifest declares the
 * extension unsupported there; this check covers the paths that could still be reached (a trust
 * change while running) and asks the user to trust the workspace instead of failing silently.
 */
import * as vscode from 'vscode';

export async function ensureTrusted(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(
    `Lambda Workbench does not run handler code in an untrusted workspace (${what}). Trust this workspace to run it.`,
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
