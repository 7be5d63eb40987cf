/**
 * How VS Code reaches the `lambda` debug adapter (house-style.md principle 3): a child process
 * (`dist/debug-adapter.js`, the default, so a bug in the emulator cannot take down the extension
 * host), inline for development, or a TCP server we can attach a debugger to.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LAMBDA_DEBUG_TYPE } from '../contributions';
import { readSetting } from '../settings';

export function registerDescriptorFactory(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): void {
  const factory: vscode.DebugAdapterDescriptorFactory = {
    async createDebugAdapterDescriptor(session) {
      const mode =
        readSetting('lambdaWorkbench.debugAdapter', session.workspaceFolder) ?? 'process';
      if (mode === 'server') {
        const port = readSetting('lambdaWorkbench.debugAdapterPort') ?? 4711;
        log.info(`debug adapter: connecting to the server on 127.0.0.1:${port}`);
        return new vscode.DebugAdapterServer(port, '127.0.0.1');
      }
      if (mode === 'inline') {
        // Loaded only in this mode, so the default path never pulls the adapter into our process.
        const { LambdaDebugSession } =
          await import('../../debug-adapter/dap/lambdaDebugSession.js');
        return new vscode.DebugAdapterInlineImplementation(
          new LambdaDebugSession() as unknown as vscode.DebugAdapter,
        );
      }
      const program = path.join(context.extensionPath, 'dist', 'debug-adapter.js');
      return new vscode.DebugAdapterExecutable(process.execPath, [program], { env: adapterEnv() });
    },
  };
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory(LAMBDA_DEBUG_TYPE, factory),
    // Mirrors DAP traffic into the diagnostics channel at trace level (house-style.md 21).
    vscode.debug.registerDebugAdapterTrackerFactory(LAMBDA_DEBUG_TYPE, {
      createDebugAdapterTracker: () => ({
        onWillReceiveMessage: (message) =>
          log.trace(`dap <- ${JSON.stringify(message).slice(0, 2000)}`),
        onDidSendMessage: (message) =>
          log.trace(`dap -> ${JSON.stringify(message).slice(0, 2000)}`),
        onError: (error) => log.error(`debug adapter error: ${error.message}`),
        onExit: (code, signal) => {
          if (code) log.warn(`debug adapter exited with ${code ?? signal}`);
        },
      }),
    }),
  );
}

/** The adapter runs under the extension host's Node binary as plain Node, not as Electron. */
function adapterEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env.ELECTRON_RUN_AS_NODE = '1';
  return env;
}
