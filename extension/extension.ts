/**
 * Lambda Workbench's entry point. activate() only composes the features (house-style.md 7): each
 * register*() owns its disposables. The returned API is what the extension-host tests use.
 */
import * as vscode from 'vscode';
import { Commands, OUTPUT_CHANNEL } from './contributions';
import { registerDebugConfigurations } from './debug/configurationProvider';
import { registerDescriptorFactory } from './debug/descriptorFactory';
import { FeedEmitter, LambdaSessions } from './debug/sessions';
import { FunctionDiscovery } from './discovery/functionDiscovery';
import { EventStore } from './invoke/eventStore';
import { invokeByName, invokeWithEvent, registerInvokeCommands } from './invoke/invokeCommands';
import { LocalRunner } from './invoke/localRunner';
import { registerLanguageClient } from './language-client/client';
import { registerLogPanel } from './log-panel/panel';
import { createChannels } from './output';
import { newHandler, registerScaffoldCommand } from './scaffold/command';
import { readSetting } from './settings';

export function activate(context: vscode.ExtensionContext) {
  try {
    const channels = createChannels(context);
    const feed = new FeedEmitter();
    const discovery = new FunctionDiscovery(channels.diagnostics);
    const sessions = new LambdaSessions(feed, channels.diagnostics);
    const runner = new LocalRunner(context.extensionPath, feed);
    const events = new EventStore(context.workspaceState);
    context.subscriptions.push(
      feed,
      discovery,
      sessions,
      runner,
      feed.onLog((record) => channels.appendRecord(record)),
    );

    registerDescriptorFactory(context, channels.diagnostics);
    registerDebugConfigurations(context, discovery);
    const invokeDeps = { discovery, sessions, runner, events, channels };
    registerInvokeCommands(context, invokeDeps);
    registerScaffoldCommand(context);
    const panel = registerLogPanel(context, {
      feed,
      discovery,
      events,
      log: channels.diagnostics,
      reinvoke: (name, event) => invokeByName(invokeDeps, name, event),
      maxRecords: readSetting('lambdaWorkbench.logPanel.maxRecords') ?? 100_000,
    });
    context.subscriptions.push(
      vscode.commands.registerCommand(Commands.showLogPanel, () => panel.reveal()),
      vscode.commands.registerCommand(Commands.showOutput, () => channels.lambda.show(true)),
    );
    const languageClient = registerLanguageClient(context, channels.diagnostics);
    channels.diagnostics.info(
      `Lambda Workbench activated; logs of invocations go to the "${OUTPUT_CHANNEL}" channel`,
    );
    return {
      discovery,
      sessions,
      runner,
      panel,
      languageClient,
      invokeWithEvent: () => invokeWithEvent(invokeDeps),
      newHandler,
    };
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Cannot activate Lambda Workbench: ${(error as Error).message}`,
    );
    throw error;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
