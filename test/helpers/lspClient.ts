// A small LSP client that drives `dist/language-server.js --stdio` as an editor would: it
// initializes with workspace folders, opens and edits documents, answers the server's requests
// (registerCapability, workDoneProgress/create, codeLens/refresh) and records what the server
// publishes, so tests can wait for exactly the diagnostics of one document version.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRefreshRequest,
  CodeLensRequest,
  CompletionRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type FileEvent,
  type Hover,
  type Location,
  type LocationLink,
  type LogMessageParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressEnd,
} from 'vscode-languageserver/node';

const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'language-server.js');
const WAIT_MS = 10_000;

/** The capabilities of an editor like VS Code, as far as the server looks at them. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: {
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    completion: { completionItem: { snippetSupport: false } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

export interface StartOptions {
  /** Workspace folder paths. */
  folders: string[];
  /** Defaults to EDITOR_CAPABILITIES. */
  capabilities?: ClientCapabilities;
}

export class LspClient {
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  codeLensRefreshes = 0;
  /** The message of the indexing progress's end. */
  readonly indexed: Promise<string>;
  stderr = '';
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private markIndexed: (message: string) => void = () => {};

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.indexed = new Promise((resolve) => {
      this.markIndexed = resolve;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.notify();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
        if (value.kind === 'end') this.markIndexed((value as WorkDoneProgressEnd).message ?? '');
      });
    });
    connection.onRequest(CodeLensRefreshRequest.type, () => {
      this.codeLensRefreshes++;
      this.notify();
    });
  }

  /** Spawns the server, initializes it and waits until it has indexed the folders. */
  static async start(options: StartOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspClient(child, connection);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.folders[0] ? uriOf(options.folders[0]) : null,
      capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
      workspaceFolders: options.folders.map((folder) => ({
        uri: uriOf(folder),
        name: path.basename(folder),
      })),
    });
    await connection.sendNotification(InitializedNotification.type, {});
    if ((options.capabilities ?? EDITOR_CAPABILITIES).window?.workDoneProgress) {
      await withTimeout(client.indexed, 'the end of indexing');
    }
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Opens a document (its text from disk unless given); returns its URI. */
  async open(file: string, text?: string, languageId = languageOf(file)): Promise<string> {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text: text ?? fs.readFileSync(file, 'utf8') },
    });
    return uri;
  }

  /** Sends edits to an open document; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  /** Inserts text at a position (one keystroke, or a paste). */
  type(uri: string, at: Position, text: string): Promise<number> {
    return this.change(uri, [{ range: { start: at, end: at }, text }]);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  /** Tells the server files changed on disk, as the editor's file watcher does. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /**
   * The latest diagnostics published for a URI that satisfy `accept` (by default: any), waiting
   * for them if none has come yet.
   */
  async diagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () =>
      this.published.filter((p) => p.uri === uri && accept(p)).at(-1),
    );
  }

  /** The diagnostics of one version of an open document. */
  diagnosticsOfVersion(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(uri, (p) => p.version === version);
  }

  /** Waits until a condition holds, re-checking whenever the server sends something. */
  async waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
    const now = probe();
    if (now !== undefined) return now;
    return withTimeout(
      new Promise<T>((resolve) => {
        const listener = (): void => {
          const value = probe();
          if (value === undefined) return;
          this.listeners.delete(listener);
          resolve(value);
        };
        this.listeners.add(listener);
      }),
      what,
    );
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(
      CompletionRequest.type,
      { textDocument: { uri }, position },
    );
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return (
      (await this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []
    );
  }

  async definition(
    uri: string,
    position: Position,
  ): Promise<Location | Location[] | LocationLink[] | null> {
    return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  /** Error-level messages the server logged: each is a bug of ours. */
  errors(): string[] {
    return this.logs.filter((l) => l.type === MessageType.Error).map((l) => l.message);
  }

  /** Shuts the server down as an editor does; resolves with its exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await withTimeout(exited, 'the server to exit');
    this.connection.dispose();
    return code;
  }

  /** Kills the server if a test failed before shutting it down. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function languageOf(file: string): string {
  if (file.endsWith('launch.json')) return 'jsonc';
  if (/\.ya?ml$/.test(file)) return 'yaml';
  if (/\.json$/.test(file)) return 'json';
  if (/\.[mc]?ts$/.test(file)) return 'typescript';
  return 'javascript';
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Copies a fixture workspace to a fresh temporary folder that tests may change. */
export function copyFixture(name: string): string {
  const target = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), `lsp-${name}-`));
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'lsp', name), target, { recursive: true });
  return target;
}
