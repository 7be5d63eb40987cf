/**
 * Starts the Lambda language server (dist/language-server.js over stdio) when a Lambda project is
 * open, and stops it cleanly with the extension or when the setting turns it off.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  DOCUMENT_SELECTOR,
  LANGUAGE_CLIENT_ID,
  LANGUAGE_CLIENT_NAME,
  SERVER_MODULE,
} from '../language-server/protocol';
import { readSetting } from '../settings';

export class LambdaLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Whether the client is running (for tests). */
  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  async start(): Promise<void> {
    if (this.client || readSetting('lambdaWorkbench.languageServer.enabled') === false) return;
    this.starting ??= (async () => {
      const module = path.join(this.context.extensionPath, SERVER_MODULE);
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.stdio },
        debug: {
          module,
          transport: TransportKind.stdio,
          options: { execArgv: ['--inspect=127.0.0.1:6011'] },
        },
      };
      const clientOptions: LanguageClientOptions = {
        documentSelector: DOCUMENT_SELECTOR.map((selector) => ({ ...selector })),
        outputChannelName: LANGUAGE_CLIENT_NAME,
      };
      const client = new LanguageClient(
        LANGUAGE_CLIENT_ID,
        LANGUAGE_CLIENT_NAME,
        serverOptions,
        clientOptions,
      );
      this.client = client;
      try {
        await client.start();
        this.log.info('language server started');
      } catch (error) {
        this.log.error(`language server did not start: ${String(error)}`);
        this.client = undefined;
      }
    })().finally(() => {
      this.starting = undefined;
    });
    await this.starting;
  }

  async stop(): Promise<void> {
    await this.starting;
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop();
  }

  dispose(): void {
    void this.stop();
  }
}

/** Starts the client now, and stops or starts it when the setting changes. */
export function registerLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): LambdaLanguageClient {
  const client = new LambdaLanguageClient(context, log);
  context.subscriptions.push(
    client,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('lambdaWorkbench.languageServer.enabled')) return;
      if (readSetting('lambdaWorkbench.languageServer.enabled') === false) void client.stop();
      else void client.start();
    }),
  );
  void client.start();
  return client;
}
