/**
 * Saved events, per function, in the workspace (`events/<Function>/<name>.json` by default) so
 * they are shared through git; and the last event used for each function.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSetting } from '../settings';

export interface SavedEvent {
  name: string;
  uri: vscode.Uri;
}

export class EventStore {
  constructor(private readonly state: vscode.Memento) {}

  folder(workspaceFolder: vscode.WorkspaceFolder, functionName: string): vscode.Uri {
    const root = readSetting('lambdaWorkbench.eventsFolder', workspaceFolder) ?? 'events';
    return vscode.Uri.file(path.join(workspaceFolder.uri.fsPath, root, functionName));
  }

  async list(workspaceFolder: vscode.WorkspaceFolder, functionName: string): Promise<SavedEvent[]> {
    const folder = this.folder(workspaceFolder, functionName);
    try {
      const entries = await vscode.workspace.fs.readDirectory(folder);
      return entries
        .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json'))
        .map(([name]) => ({
          name: name.replace(/\.json$/, ''),
          uri: vscode.Uri.joinPath(folder, name),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return [];
    }
  }

  async save(
    workspaceFolder: vscode.WorkspaceFolder,
    functionName: string,
    name: string,
    text: string,
  ): Promise<vscode.Uri> {
    const folder = this.folder(workspaceFolder, functionName);
    await vscode.workspace.fs.createDirectory(folder);
    const uri = vscode.Uri.joinPath(folder, `${name.replace(/[^\w.-]+/g, '-')}.json`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text.endsWith('\n') ? text : text + '\n'));
    return uri;
  }

  lastUsed(functionKey: string): string | undefined {
    return this.state.get<string>(`lastEvent:${functionKey}`);
  }

  async remember(functionKey: string, event: string): Promise<void> {
    await this.state.update(`lastEvent:${functionKey}`, event);
  }
}
