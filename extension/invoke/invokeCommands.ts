/**
 * "Lambda: Invoke with Event…", "Lambda: Invoke" and "Lambda: Debug" (also behind the code lenses
 * over handlers). An invocation runs in the function's live debug session when there is one (warm
 * instance, breakpoints), otherwise at full speed without the debugger. The result opens as JSON;
 * an error shows its type, message and trace, whose paths link to the lines.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvocationSummary } from '../../debug-adapter/protocol/dap';
import type { FunctionInput } from '../../debug-adapter/protocol/lambda';
import {
  EVENT_TEMPLATES,
  generateEvent,
  listEvents,
  listServices,
} from '../../debug-adapter/templates/events';
import type { HandlerCommandArgs } from '../language-server/protocol';
import { Commands, LAMBDA_DEBUG_TYPE } from '../contributions';
import {
  safeName,
  type DiscoveredFunction,
  type FunctionDiscovery,
} from '../discovery/functionDiscovery';
import type { LambdaSessions } from '../debug/sessions';
import type { Channels } from '../output';
import { ensureTrusted } from '../trust';
import type { EventStore } from './eventStore';
import type { LocalRunner } from './localRunner';

export interface InvokeDeps {
  discovery: FunctionDiscovery;
  sessions: LambdaSessions;
  runner: LocalRunner;
  events: EventStore;
  channels: Channels;
}

type EventChoice =
  | { kind: 'saved'; uri: vscode.Uri }
  | { kind: 'last'; text: string }
  | { kind: 'template' }
  | { kind: 'empty' }
  | { kind: 'editor'; document: vscode.TextDocument };

export function registerInvokeCommands(context: vscode.ExtensionContext, deps: InvokeDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      Commands.invokeWithEvent,
      (args?: HandlerCommandArgs | DiscoveredFunction) => invokeWithEvent(deps, args),
    ),
    vscode.commands.registerCommand(
      Commands.invoke,
      (args?: HandlerCommandArgs | DiscoveredFunction) => invokeQuick(deps, args),
    ),
    vscode.commands.registerCommand(
      Commands.debug,
      (args?: HandlerCommandArgs | DiscoveredFunction) => debugFunction(deps, args),
    ),
    vscode.commands.registerCommand(Commands.recycleInstances, () => deps.runner.recycle()),
  );
}

/** Invokes a function with an event the user picks. Returns the summary (for tests). */
export async function invokeWithEvent(
  deps: InvokeDeps,
  args?: HandlerCommandArgs | DiscoveredFunction,
): Promise<InvocationSummary | undefined> {
  const fn = await pickFunction(deps, args);
  if (!fn) return undefined;
  const event = await pickEvent(deps, fn);
  if (event === undefined) return undefined;
  return run(deps, fn, event);
}

/** Invokes with the last event used (or `{}`), without asking. */
async function invokeQuick(
  deps: InvokeDeps,
  args?: HandlerCommandArgs | DiscoveredFunction,
): Promise<InvocationSummary | undefined> {
  const fn = await pickFunction(deps, args);
  if (!fn) return undefined;
  return run(deps, fn, deps.events.lastUsed(fn.key) ?? '{}');
}

async function debugFunction(
  deps: InvokeDeps,
  args?: HandlerCommandArgs | DiscoveredFunction,
): Promise<boolean> {
  const fn = await pickFunction(deps, args);
  if (!fn) return false;
  const event = deps.events.lastUsed(fn.key);
  return vscode.debug.startDebugging(fn.folder, {
    ...fn.launch,
    event: event ? JSON.parse(event) : {},
  });
}

async function run(
  deps: InvokeDeps,
  fn: DiscoveredFunction,
  event: string,
): Promise<InvocationSummary | undefined> {
  if (!(await ensureTrusted('invoking a handler'))) return undefined;
  await deps.events.remember(fn.key, event);
  const session = deps.sessions.sessionFor(fn.name);
  let summary: InvocationSummary;
  try {
    if (session) {
      summary = await deps.sessions.invokeInSession(session, {
        functionName: fn.name,
        event: JSON.parse(event),
      });
    } else {
      if (!fn.input)
        throw new Error(
          `cannot run ${fn.name} without its launch configuration: use Debug instead`,
        );
      summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Invoking ${fn.name}…` },
        () => deps.runner.invoke(fn.input!, event),
      );
    }
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot invoke ${fn.name}: ${(error as Error).message}`);
    return undefined;
  }
  await showResult(deps.channels, summary);
  return summary;
}

/** Opens the response as JSON, or reports the error with its trace in the "Lambda" channel. */
async function showResult(channels: Channels, summary: InvocationSummary): Promise<void> {
  if (summary.error) {
    const { errorType, errorMessage, trace } = summary.error;
    channels.lambda.appendLine(
      `--- ${summary.functionName} ${summary.requestId}: ${errorType}: ${errorMessage}`,
    );
    for (const frame of trace ?? []) channels.lambda.appendLine(frame);
    const choice = await vscode.window.showErrorMessage(
      `${summary.functionName} failed: ${errorType}: ${errorMessage}`,
      'Show Trace',
    );
    if (choice === 'Show Trace') channels.lambda.show(true);
    return;
  }
  let content = summary.payload;
  let language = 'json';
  try {
    content = JSON.stringify(JSON.parse(summary.payload), null, 2);
  } catch {
    language = 'plaintext';
  }
  const document = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(document, {
    preview: true,
    viewColumn: vscode.ViewColumn.Beside,
    preserveFocus: true,
  });
  vscode.window.setStatusBarMessage(
    `${summary.functionName}: ${summary.cold ? 'cold' : 'warm'}, ${summary.metrics.durationMs.toFixed(2)} ms, billed ${summary.metrics.billedDurationMs} ms`,
    10_000,
  );
}

async function pickFunction(
  deps: InvokeDeps,
  args?: HandlerCommandArgs | DiscoveredFunction,
): Promise<DiscoveredFunction | undefined> {
  const functions = await deps.discovery.list();
  if (args && 'launch' in args) return args;
  if (args && 'handler' in args) {
    const known = functions.find(
      (fn) =>
        (args.functionName && fn.name === args.functionName) ||
        (fn.file === args.file && fn.input?.handler === args.handler),
    );
    if (known) return known;
    const folder =
      vscode.workspace.getWorkspaceFolder(vscode.Uri.file(args.file)) ??
      vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const input: FunctionInput = {
      name: args.functionName ?? safeName(args.handler),
      handler: args.handler,
      codeUri: args.codeUri,
    };
    return {
      key: `lens:${args.file}:${args.handler}`,
      name: input.name,
      source: 'handler',
      folder,
      launch: args.template
        ? {
            type: LAMBDA_DEBUG_TYPE,
            request: 'launch',
            name: `Lambda: ${input.name}`,
            template: args.template,
            functionId: args.functionId,
          }
        : {
            type: LAMBDA_DEBUG_TYPE,
            request: 'launch',
            name: `Lambda: ${input.name}`,
            handler: args.handler,
            codeUri: args.codeUri,
          },
      input,
      file: args.file,
      detail: args.handler,
    };
  }
  if (functions.length === 0) {
    void vscode.window.showInformationMessage(
      'No Lambda function found in this workspace. Create one with "Lambda: New Handler…".',
    );
    return undefined;
  }
  if (functions.length === 1) return functions[0];
  const pick = await vscode.window.showQuickPick(
    functions.map((fn) => ({ label: fn.name, description: fn.source, detail: fn.detail, fn })),
    { placeHolder: 'Invoke which function?', matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.fn;
}

async function pickEvent(deps: InvokeDeps, fn: DiscoveredFunction): Promise<string | undefined> {
  const saved = await deps.events.list(fn.folder, fn.name);
  const last = deps.events.lastUsed(fn.key);
  const items: Array<vscode.QuickPickItem & { choice?: EventChoice }> = [];
  if (saved.length) items.push({ label: 'Saved events', kind: vscode.QuickPickItemKind.Separator });
  for (const event of saved) {
    items.push({
      label: `$(json) ${event.name}`,
      description: vscode.workspace.asRelativePath(event.uri),
      choice: { kind: 'saved', uri: event.uri },
    });
  }
  items.push({ label: 'Other', kind: vscode.QuickPickItemKind.Separator });
  if (last)
    items.push({
      label: '$(history) Last event used',
      description: last.slice(0, 80),
      choice: { kind: 'last', text: last },
    });
  const active = vscode.window.activeTextEditor?.document;
  if (
    active &&
    active.languageId === 'json' &&
    !saved.some((event) => event.uri.fsPath === active.uri.fsPath)
  ) {
    items.push({
      label: '$(file) The JSON in the active editor',
      description: path.basename(active.fileName),
      choice: { kind: 'editor', document: active },
    });
  }
  items.push({
    label: '$(add) New event from a template…',
    description: `${EVENT_TEMPLATES.length} event sources`,
    choice: { kind: 'template' },
  });
  items.push({ label: '$(circle-slash) Empty event {}', choice: { kind: 'empty' } });
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: `Invoke ${fn.name} with which event?`,
  });
  const choice = picked?.choice;
  if (!choice) return undefined;
  switch (choice.kind) {
    case 'saved':
      return validJson(
        Buffer.from(await vscode.workspace.fs.readFile(choice.uri)).toString('utf8'),
        choice.uri.fsPath,
      );
    case 'last':
      return choice.text;
    case 'editor':
      return validJson(choice.document.getText(), choice.document.fileName);
    case 'empty':
      return '{}';
    case 'template':
      return newEventFromTemplate(deps, fn);
  }
}

/**
 * Generates an event, saves it under events/<Function>/, opens it to be edited, and sends it once
 * the user says so (the saved file is what is sent, unsaved edits included).
 */
async function newEventFromTemplate(
  deps: InvokeDeps,
  fn: DiscoveredFunction,
): Promise<string | undefined> {
  const service = await vscode.window.showQuickPick(listServices(), {
    placeHolder: 'Event source',
  });
  if (!service) return undefined;
  const eventName = await vscode.window.showQuickPick(listEvents(service), {
    placeHolder: `${service} event`,
  });
  if (!eventName) return undefined;
  const name = await vscode.window.showInputBox({
    prompt: 'Name of the new event',
    value: `${service}-${eventName}`,
    validateInput: (value) =>
      /^[\w.-]+$/.test(value) ? undefined : 'Letters, digits, dots, dashes and underscores only',
  });
  if (!name) return undefined;
  const text = JSON.stringify(generateEvent(service, eventName), null, 2);
  const uri = await deps.events.save(fn.folder, fn.name, name, text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const send = await vscode.window.showInformationMessage(
    `Edit ${path.basename(uri.fsPath)}, then send it to ${fn.name}.`,
    'Invoke Now',
  );
  if (send !== 'Invoke Now') return undefined;
  return validJson(document.getText(), uri.fsPath);
}

function validJson(text: string, source: string): string | undefined {
  try {
    JSON.parse(text);
    return text;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `${path.basename(source)} is not valid JSON: ${(error as Error).message}`,
    );
    return undefined;
  }
}

/** Invokes a function found by name with the given event (the log panel's Re-invoke). */
export async function invokeByName(
  deps: InvokeDeps,
  functionName: string,
  event: string,
): Promise<InvocationSummary | undefined> {
  const fn = (await deps.discovery.list()).find((candidate) => candidate.name === functionName);
  if (!fn) {
    const session = deps.sessions.sessionFor(functionName);
    if (!session) {
      void vscode.window.showErrorMessage(`No function named ${functionName} in this workspace.`);
      return undefined;
    }
    return deps.sessions.invokeInSession(session, { functionName, event: JSON.parse(event) });
  }
  return run(deps, fn, event);
}
