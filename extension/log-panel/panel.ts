/**
 * The log panel's host side: a WebviewViewProvider that serves dist/log-panel.js and .css under a
 * strict CSP with a nonce, streams the invocation feed through LogPanelModel (batched, capped,
 * replayed when the view reappears), and does what the panel's buttons ask: re-invoke, save the
 * event, copy the request id, export a `.log` file, open a trace location.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Views } from '../contributions';
import type { InvocationFeed } from '../debug/sessions';
import type { FunctionDiscovery } from '../discovery/functionDiscovery';
import type { EventStore } from '../invoke/eventStore';
import { LogPanelModel } from './batcher';
import { isFromPanel, type FromPanel, type ToPanel } from './protocol';

export interface PanelDeps {
  feed: InvocationFeed;
  discovery: FunctionDiscovery;
  events: EventStore;
  log: vscode.LogOutputChannel;
  /** Re-runs an invocation (the Invoke command's path: live session or full speed). */
  reinvoke(functionName: string, event: string): Promise<unknown>;
  maxRecords: number;
}

export class LogPanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly model: LogPanelModel;
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: PanelDeps,
  ) {
    this.model = new LogPanelModel({ maxRecords: deps.maxRecords });
    this.disposables.push(
      deps.feed.onInvocationStarted((event) => this.model.invocationStarted(event)),
      deps.feed.onLog((record) => this.model.log(record)),
      deps.feed.onInvocationEnded((summary) => this.model.invocationEnded(summary)),
      deps.feed.onInstance((event) => this.model.instance(event.state, event.instance)),
      deps.discovery.onDidChange((functions) =>
        this.model.setFunctions(functions.map((fn) => fn.name)),
      ),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    view.webview.html = this.html(view.webview, dist);
    this.model.attach({ postMessage: (message: ToPanel) => view.webview.postMessage(message) });
    this.disposables.push(
      view.webview.onDidReceiveMessage((message: unknown) => {
        if (!isFromPanel(message)) return;
        void this.handle(message).catch((error: unknown) =>
          this.deps.log.error(`log panel: ${String(error)}`),
        );
      }),
      view.onDidDispose(() => {
        this.model.detach();
        this.view = undefined;
      }),
    );
  }

  /** Shows the panel and the given invocation. */
  reveal(requestId?: string): void {
    if (this.view) this.view.show(true);
    // Never opened yet, so not resolved: open it through the focus command VS Code gives each view.
    else void vscode.commands.executeCommand(`${Views.logPanel}.focus`);
    if (requestId) this.model.reveal(requestId);
  }

  dispose(): void {
    this.model.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async handle(message: FromPanel): Promise<void> {
    const reply = (ok: boolean, text?: string): void => {
      if ('id' in message && message.id !== undefined)
        void this.view?.webview.postMessage({
          type: 'reply',
          id: message.id,
          ok,
          message: text,
        } satisfies ToPanel);
    };
    switch (message.type) {
      case 'ready':
        this.model.handleReady();
        this.model.setFunctions((await this.deps.discovery.list()).map((fn) => fn.name));
        return;
      case 'reinvoke': {
        const event = this.model.eventFor(message.requestId);
        if (!event) return reply(false, 'The event of that invocation is no longer kept.');
        await this.deps.reinvoke(message.functionName, event.payload);
        return reply(true);
      }
      case 'saveEvent': {
        const event = this.model.eventFor(message.requestId);
        const fn = (await this.deps.discovery.list()).find(
          (candidate) => candidate.name === message.functionName,
        );
        const folder = fn?.folder ?? vscode.workspace.workspaceFolders?.[0];
        if (!event || !folder) return reply(false, 'Nothing to save.');
        const name = await vscode.window.showInputBox({
          prompt: `Save the event of ${message.functionName} as`,
          value: `event-${message.requestId.slice(0, 8)}`,
        });
        if (!name) return reply(false, 'Cancelled.');
        let text = event.payload;
        try {
          text = JSON.stringify(JSON.parse(event.payload), null, 2);
        } catch {
          // Keep the bytes as they were sent.
        }
        const uri = await this.deps.events.save(folder, message.functionName, name, text);
        return reply(true, `Saved ${vscode.workspace.asRelativePath(uri)}`);
      }
      case 'copyRequestId':
        await vscode.env.clipboard.writeText(message.requestId);
        return reply(true, 'Copied');
      case 'exportLog': {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, message.suggestedName) : undefined,
          filters: { 'Lambda log': ['log'] },
        });
        if (!target) return reply(false, 'Cancelled.');
        await vscode.workspace.fs.writeFile(target, Buffer.from(message.text));
        return reply(
          true,
          `Exported ${message.recordCount} records to ${path.basename(target.fsPath)}`,
        );
      }
      case 'openSource': {
        const uri = message.path.startsWith('file:')
          ? vscode.Uri.parse(message.path)
          : vscode.Uri.file(message.path);
        const position = new vscode.Position(
          Math.max(0, message.line - 1),
          Math.max(0, message.column - 1),
        );
        await vscode.window.showTextDocument(uri, {
          selection: new vscode.Range(position, position),
        });
        return reply(true);
      }
      case 'clear':
        this.model.clear();
        return;
      case 'panelError':
        this.deps.log.error(`log panel script: ${message.message}\n${message.stack ?? ''}`);
        return;
    }
  }

  private html(webview: vscode.Webview, dist: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'log-panel.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'log-panel.css'));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Lambda invocations</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

export function registerLogPanel(
  context: vscode.ExtensionContext,
  deps: PanelDeps,
): LogPanelProvider {
  const provider = new LogPanelProvider(context.extensionUri, deps);
  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(Views.logPanel, provider, {
      webviewOptions: { retainContextWhenHidden: true },
    }),
  );
  return provider;
}
