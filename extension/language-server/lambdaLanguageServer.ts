/**
 * The LSP side of the Lambda language server: capabilities, document sync, indexing with
 * progress, watched files, and each request routed to its feature module. Every handler runs
 * through `guard`, so a bug of ours is logged (connection.console) and answered with an empty
 * result instead of crashing the server on a half-typed document (house-style.md principle 18).
 * May import vscode-languageserver; never vscode.
 */
import * as path from 'node:path';
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { eventCompletion, eventDiagnostics } from './eventFiles';
import {
  launchCompletion,
  launchDefinition,
  templateCompletion,
  templateDefinition,
  templateHover,
} from './handlerFeatures';
import { handlerLenses } from './handlerLenses';
import { LambdaProject, type DocumentKind } from './lambdaProject';
import { pathToUri, uriToPath } from './paths';
import { INDEXING_TITLE, WATCHED_FILES } from './protocol';

/** How long after the last edit code lenses are refreshed (they are not on the typing path). */
const LENS_REFRESH_DELAY_MS = 200;

export class LambdaLanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly project: LambdaProject;
  /** Open documents' URIs by path. */
  private readonly open = new Map<string, string>();
  /** The last diagnostics sent for each URI, to skip sending the same list again. */
  private readonly published = new Map<string, string>();
  /** Paths to validate, and whether to publish even when nothing changed (their own edit). */
  private readonly pending = new Map<string, boolean>();
  private flushQueued = false;
  private lensTimer: NodeJS.Timeout | undefined;
  private lensSignature = '';
  private capabilities: ClientCapabilities = {};
  private folders: string[] = [];
  private markReady: () => void = () => {};
  /** Settles when the first indexing is over; requests wait for it. */
  private readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  constructor(private readonly connection: Connection) {
    this.project = new LambdaProject((file) => {
      const uri = this.open.get(file);
      return uri ? this.documents.get(uri) : undefined;
    });
  }

  /** Registers every handler and starts listening. */
  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(
      () => void this.guard('initialized', undefined, () => this.initialized()),
    );
    connection.onDidChangeWatchedFiles(
      (params) =>
        void this.guard('didChangeWatchedFiles', undefined, async () => {
          await this.ready;
          const types = {
            [FileChangeType.Created]: 'created',
            [FileChangeType.Changed]: 'changed',
            [FileChangeType.Deleted]: 'deleted',
          } as const;
          for (const change of params.changes) {
            const file = uriToPath(change.uri);
            if (!file) continue;
            this.clear(await this.project.fileChanged(file, types[change.type]));
          }
          this.revalidateAll();
        }),
    );
    connection.onCompletion((params) =>
      this.guard('completion', [], async () => {
        await this.ready;
        const found = this.openDocument(params);
        if (!found) return [];
        const { document, file, kind } = found;
        if (kind === 'template')
          return templateCompletion(this.project, file, document, params.position);
        if (kind === 'launch')
          return launchCompletion(this.project, file, document, params.position);
        if (kind === 'event') return eventCompletion(document, params.position);
        return [];
      }),
    );
    connection.onCodeLens((params) =>
      this.guard('codeLens', [], async () => {
        await this.ready;
        const found = this.openDocument({
          textDocument: params.textDocument,
          position: { line: 0, character: 0 },
        });
        return found?.kind === 'handler' ? handlerLenses(this.project, found.file) : [];
      }),
    );
    connection.onDefinition((params) =>
      this.guard('definition', null, async () => {
        await this.ready;
        const found = this.openDocument(params);
        if (found?.kind === 'template')
          return templateDefinition(this.project, found.file, params.position) ?? null;
        if (found?.kind === 'launch') {
          return (
            launchDefinition(this.project, found.file, found.document, params.position) ?? null
          );
        }
        return null;
      }),
    );
    connection.onHover((params) =>
      this.guard('hover', null, async () => {
        await this.ready;
        const found = this.openDocument(params);
        return found?.kind === 'template'
          ? (templateHover(this.project, found.file, params.position) ?? null)
          : null;
      }),
    );
    connection.onShutdown(() => {
      if (this.lensTimer) clearTimeout(this.lensTimer);
    });

    this.documents.onDidChangeContent(
      (event) =>
        void this.guard('didChange', undefined, () => this.documentChanged(event.document)),
    );
    this.documents.onDidClose(
      (event) => void this.guard('didClose', undefined, () => this.documentClosed(event.document)),
    );
    this.documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const folders =
      params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.folders = folders.map((f) => uriToPath(f.uri)).filter((f): f is string => f !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        // `.` and `/` inside handler strings, `"` to start a key in an event file.
        completionProvider: { triggerCharacters: ['.', '/', '"'] },
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lambda-workbench-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_FILES.map((w) => ({ ...w })),
        })
        .catch((error: unknown) =>
          this.connection.console.warn(`Cannot watch files: ${String(error)}`),
        );
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(
        (event) =>
          void this.guard('didChangeWorkspaceFolders', undefined, async () => {
            await this.ready;
            for (const removed of event.removed) {
              const file = uriToPath(removed.uri);
              if (file) this.clear(this.project.removeFolder(file));
            }
            for (const added of event.added) {
              const file = uriToPath(added.uri);
              if (file) await this.project.addFolder(file);
            }
            this.revalidateAll();
          }),
      );
    }
    try {
      await this.index();
    } finally {
      this.markReady();
    }
  }

  /** Walks the workspace folders, then publishes every template's and launch file's diagnostics. */
  private async index(): Promise<void> {
    const started = performance.now();
    const token = `lambda-index-${Date.now()}`;
    let progress = false;
    if (this.capabilities.window?.workDoneProgress) {
      try {
        await this.connection.sendRequest(WorkDoneProgressCreateRequest.type, { token });
        progress = true;
        void this.connection.sendProgress(WorkDoneProgress.type, token, {
          kind: 'begin',
          title: INDEXING_TITLE,
        });
      } catch {
        // The client refused the progress token: index silently.
      }
    }
    for (const folder of this.folders) await this.project.addFolder(folder);
    for (const document of this.documents.all()) {
      const file = uriToPath(document.uri);
      if (file) this.clear(this.project.documentChanged(file, document.getText()));
    }
    for (const file of [...this.project.templates, ...this.project.launchFiles])
      this.publish(file, false);
    for (const [file] of this.open) this.publish(file, false);
    const stats = this.project.stats();
    const ms = Math.round(performance.now() - started);
    const message = `Indexed ${stats.templates} templates, ${stats.handlerFiles} handler files and ${stats.launchFiles} launch files in ${ms} ms`;
    this.connection.console.info(message);
    if (progress)
      void this.connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end', message });
    this.refreshLenses();
  }

  private documentChanged(document: TextDocument): void {
    const file = uriToPath(document.uri);
    if (!file) return;
    this.open.set(file, document.uri);
    this.clear(this.project.documentChanged(file, document.getText()));
    const kind = this.project.kindOf(file, document.getText());
    if (kind === 'handler') {
      this.project.handlersChanged(file);
      this.revalidateDependents(file);
    } else if (kind) {
      this.schedule(file, true);
    }
    if (kind) this.refreshLensesSoon();
  }

  private documentClosed(document: TextDocument): void {
    const file = uriToPath(document.uri);
    if (!file) return;
    this.open.delete(file);
    const kind = this.project.kindOf(file);
    if (kind === 'handler') {
      this.project.handlersChanged(file);
      this.revalidateDependents(file);
    } else if (this.project.templates.has(file) || this.project.launchFiles.has(file)) {
      // Back to the text on disk, which may differ from the discarded edits (or be gone).
      const disk = this.project.sources.document(file)?.getText() ?? '';
      this.clear(this.project.documentChanged(file, disk), document.uri);
      this.schedule(file, false);
    } else {
      this.clear([file], document.uri);
    }
    this.refreshLensesSoon();
  }

  /** Revalidates what a handler file's exports may affect. */
  private revalidateDependents(file: string): void {
    for (const template of this.project.templatesUsing(file)) this.schedule(template, false);
    for (const launch of this.project.launchFiles) this.schedule(launch, false);
  }

  private revalidateAll(): void {
    for (const file of [...this.project.templates, ...this.project.launchFiles])
      this.schedule(file, false);
    for (const [file] of this.open) this.schedule(file, false);
    this.refreshLensesSoon();
  }

  /** Queues a validation; edits arriving before it runs are validated once, at their latest. */
  private schedule(file: string, force: boolean): void {
    this.pending.set(file, force || (this.pending.get(file) ?? false));
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => void this.guard('validate', undefined, () => this.flush()));
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    await this.ready;
    const batch = [...this.pending];
    this.pending.clear();
    for (const [file, force] of batch) this.guardSync('validate', () => this.publish(file, force));
  }

  private publish(file: string, force: boolean): void {
    const uri = this.open.get(file) ?? pathToUri(file);
    const document = this.open.has(file) ? this.documents.get(uri) : undefined;
    let diagnostics: Diagnostic[] = [];
    if (this.project.templates.has(file)) diagnostics = this.project.templateDiagnostics(file);
    else if (this.project.launchFiles.has(file)) diagnostics = this.project.launchDiagnostics(file);
    else if (document && this.project.kindOf(file, document.getText()) === 'event') {
      diagnostics = eventDiagnostics(document);
    } else if (!this.published.has(uri)) return;
    const text = JSON.stringify(diagnostics);
    if (!force && this.published.get(uri) === text) return;
    this.published.set(uri, text);
    void this.connection.sendDiagnostics({
      uri,
      ...(document ? { version: document.version } : {}),
      diagnostics,
    });
  }

  /** Clears the diagnostics of files that are no longer templates or launch files. */
  private clear(files: string[], uri?: string): void {
    for (const file of files) {
      const target = uri ?? this.open.get(file) ?? pathToUri(file);
      if (!this.published.has(target)) continue;
      this.published.delete(target);
      void this.connection.sendDiagnostics({ uri: target, diagnostics: [] });
    }
  }

  private refreshLensesSoon(): void {
    if (this.lensTimer) clearTimeout(this.lensTimer);
    this.lensTimer = setTimeout(() => {
      this.lensTimer = undefined;
      this.guardSync('codeLens refresh', () => this.refreshLenses());
    }, LENS_REFRESH_DELAY_MS);
    this.lensTimer.unref();
  }

  /** Asks the client to request code lenses again when the named handlers changed. */
  private refreshLenses(): void {
    if (!this.capabilities.workspace?.codeLens?.refreshSupport) return;
    const signature = JSON.stringify([...this.project.references()]);
    if (signature === this.lensSignature) return;
    this.lensSignature = signature;
    void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  private openDocument(
    params: TextDocumentPositionParams,
  ): { document: TextDocument; file: string; kind: DocumentKind } | undefined {
    const document = this.documents.get(params.textDocument.uri);
    const file = uriToPath(params.textDocument.uri);
    if (!document || !file) return undefined;
    const kind = this.project.kindOf(file, document.getText());
    return kind ? { document, file: path.normalize(file), kind } : undefined;
  }

  /** Runs a handler; a bug of ours is logged with its stack and answered with `fallback`. */
  private async guard<T>(name: string, fallback: T, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.logError(name, error);
      return fallback;
    }
  }

  private guardSync(name: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.logError(name, error);
    }
  }

  private logError(name: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.connection.console.error(`${name} failed: ${detail}`);
  }
}
