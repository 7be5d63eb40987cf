/**
 * "Lambda: New Handler…": asks for a language, a trigger and a name, then writes the handler, a
 * sample event, a launch configuration, and adds the function to the SAM template when there is
 * one. The files come from render.ts; this file is only the conversation with the user.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../contributions';
import { insertSamResource, renderScaffold, type Scaffold } from './render';
import {
  LANGUAGE_LABELS,
  LANGUAGES,
  TRIGGER_INFO,
  TRIGGERS,
  type Language,
  type Trigger,
} from './templates';

export function registerScaffoldCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.newHandler, () => newHandler()),
  );
}

/** Returns the handler file it wrote (for tests), or undefined when the user cancelled. */
export async function newHandler(): Promise<vscode.Uri | undefined> {
  const folder =
    vscode.workspace.workspaceFolders?.length === 1
      ? vscode.workspace.workspaceFolders[0]
      : await vscode.window.showWorkspaceFolderPick({
          placeHolder: 'Where should the handler go?',
        });
  if (!folder) return undefined;
  const language = (
    await vscode.window.showQuickPick(
      LANGUAGES.map((id) => ({ label: LANGUAGE_LABELS[id], id })),
      { placeHolder: 'Language' },
    )
  )?.id as Language | undefined;
  if (!language) return undefined;
  const trigger = (
    await vscode.window.showQuickPick(
      TRIGGERS.map((id) => ({
        label: TRIGGER_INFO[id].label,
        description: TRIGGER_INFO[id].description,
        id,
      })),
      { placeHolder: 'Trigger' },
    )
  )?.id as Trigger | undefined;
  if (!trigger) return undefined;
  const functionName = await vscode.window.showInputBox({
    prompt: 'Function name (letters, digits, hyphens; becomes the logical id in the template)',
    value: `${trigger.replace(/[^a-z]/g, '')[0]!.toUpperCase()}${trigger.replace(/[^a-z]/g, '').slice(1)}Function`,
    validateInput: (value) =>
      /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(value)
        ? undefined
        : 'Start with a letter; letters and digits only',
  });
  if (!functionName) return undefined;
  const fileName =
    functionName.replace(/Function$/, '').replace(/^./, (c) => c.toLowerCase()) || 'handler';

  const root = folder.uri.fsPath;
  const packageType = await readPackageType(root);
  const template = await findTemplate(folder);
  const scaffold = renderScaffold({
    language,
    trigger,
    functionName,
    fileName,
    folder: 'src',
    packageType,
    runtime: 'nodejs22.x',
  });
  const handlerUri = vscode.Uri.file(path.join(root, scaffold.handlerFile.path));
  if (await exists(handlerUri)) {
    void vscode.window.showErrorMessage(
      `${scaffold.handlerFile.path} already exists; choose another name.`,
    );
    return undefined;
  }
  await write(handlerUri, scaffold.handlerFile.content);
  await write(
    vscode.Uri.file(path.join(root, scaffold.eventFile.path)),
    scaffold.eventFile.content,
  );
  await addLaunchConfiguration(folder, scaffold);
  let templateNote = '';
  if (template) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(template)).toString('utf8');
    const updated = insertSamResource(text, scaffold.samResource);
    if (updated) {
      await vscode.workspace.fs.writeFile(template, Buffer.from(updated));
      templateNote = ` and added ${functionName} to ${vscode.workspace.asRelativePath(template)}`;
    } else {
      templateNote = `; add it to ${vscode.workspace.asRelativePath(template)} yourself (only YAML templates are edited)`;
    }
  }
  await vscode.window.showTextDocument(handlerUri);
  void vscode.window.showInformationMessage(
    `Created ${scaffold.handlerFile.path}, a sample event and a launch configuration${templateNote}.`,
  );
  return handlerUri;
}

async function addLaunchConfiguration(
  folder: vscode.WorkspaceFolder,
  scaffold: Scaffold,
): Promise<void> {
  const launch = vscode.workspace.getConfiguration('launch', folder);
  const configurations = launch.get<Array<Record<string, unknown>>>('configurations') ?? [];
  if (configurations.some((config) => config.name === scaffold.launchConfiguration.name)) return;
  await launch.update(
    'configurations',
    [...configurations, scaffold.launchConfiguration],
    vscode.ConfigurationTarget.WorkspaceFolder,
  );
}

async function readPackageType(root: string): Promise<'module' | 'commonjs'> {
  try {
    const text = Buffer.from(
      await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(root, 'package.json'))),
    ).toString('utf8');
    return (JSON.parse(text) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'commonjs';
  }
}

async function findTemplate(folder: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  for (const name of ['template.yaml', 'template.yml', 'template.json']) {
    const uri = vscode.Uri.joinPath(folder.uri, name);
    if (await exists(uri)) return uri;
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function write(uri: vscode.Uri, content: string): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(uri.fsPath)));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
}
