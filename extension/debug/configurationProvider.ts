/**
 * Debug configurations of type `lambda`: initial ones for a new launch.json, dynamic ones (one per
 * function found in the workspace, so F5 works with no launch.json), and the resolver that fills
 * defaults and refuses to run handler code in an untrusted workspace.
 */
import * as vscode from 'vscode';
import type { LambdaLaunchConfig } from '../../debug-adapter/protocol/dap';
import { LAMBDA_DEBUG_TYPE } from '../contributions';
import type { FunctionDiscovery } from '../discovery/functionDiscovery';
import { readSetting } from '../settings';
import { ensureTrusted } from '../trust';

type Configuration = vscode.DebugConfiguration & LambdaLaunchConfig;

export function registerDebugConfigurations(
  context: vscode.ExtensionContext,
  discovery: FunctionDiscovery,
): void {
  const initial: vscode.DebugConfigurationProvider = {
    async provideDebugConfigurations(folder) {
      const functions = (await discovery.list()).filter(
        (fn) => !folder || fn.folder.uri.toString() === folder.uri.toString(),
      );
      const configurations = functions
        .filter((fn) => fn.source !== 'launch')
        .map((fn) => ({ ...fn.launch, event: {} }));
      return configurations.length
        ? configurations
        : [
            {
              type: LAMBDA_DEBUG_TYPE,
              request: 'launch',
              name: 'Lambda: handler',
              handler: 'index.handler',
              codeUri: '${workspaceFolder}',
              event: {},
            },
          ];
    },
  };
  const dynamic: vscode.DebugConfigurationProvider = {
    async provideDebugConfigurations(folder) {
      const functions = (await discovery.list()).filter(
        (fn) =>
          fn.source !== 'launch' && (!folder || fn.folder.uri.toString() === folder.uri.toString()),
      );
      return functions.map((fn) => ({ ...fn.launch }));
    },
  };
  const resolver: vscode.DebugConfigurationProvider = {
    async resolveDebugConfiguration(folder, configuration: Configuration) {
      // F5 with no launch.json and nothing selected: offer the functions found in the workspace.
      if (!configuration.type && !configuration.request && !configuration.name) {
        const functions = await discovery.list();
        if (functions.length === 0) {
          void vscode.window.showInformationMessage(
            'No Lambda function found: add a SAM template, a handler file, or a "lambda" launch configuration.',
          );
          return undefined;
        }
        const pick =
          functions.length === 1
            ? functions[0]
            : (
                await vscode.window.showQuickPick(
                  functions.map((fn) => ({ label: fn.name, description: fn.detail, fn })),
                  { placeHolder: 'Debug which function?' },
                )
              )?.fn;
        if (!pick) return undefined;
        configuration = { ...pick.launch } as Configuration;
        folder = pick.folder;
      }
      if (!(await ensureTrusted('debugging a handler'))) return undefined;
      configuration.cwd ??=
        folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      configuration.pauseTimeoutWhileDebugging ??=
        readSetting('lambdaWorkbench.pauseTimeoutWhileDebugging', folder) ?? true;
      return configuration;
    },
  };
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(
      LAMBDA_DEBUG_TYPE,
      initial,
      vscode.DebugConfigurationProviderTriggerKind.Initial,
    ),
    vscode.debug.registerDebugConfigurationProvider(
      LAMBDA_DEBUG_TYPE,
      dynamic,
      vscode.DebugConfigurationProviderTriggerKind.Dynamic,
    ),
    vscode.debug.registerDebugConfigurationProvider(LAMBDA_DEBUG_TYPE, resolver),
  );
}
