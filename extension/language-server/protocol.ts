/**
 * The Lambda language server's contract with the extension, declared once (house-style.md
 * principle 4): how the client starts the server, which documents it sends, the commands the code
 * lenses invoke and their argument. The extension (extension/language-client/) imports this file;
 * the server imports it too. Types and constants only: imports nothing, never vscode.
 */

/** The server bundle, relative to the extension's root; run it with `--stdio`. */
export const SERVER_MODULE = 'dist/language-server.js';

/** The client's id and name (the output channel is called after the name). */
export const LANGUAGE_CLIENT_ID = 'lambdaWorkbench';
export const LANGUAGE_CLIENT_NAME = 'Lambda Workbench Language Server';

/** `Diagnostic.source` of everything the server reports. */
export const DIAGNOSTIC_SOURCE = 'Lambda Workbench';

/**
 * The documents the client sends (its `documentSelector`). Which YAML or JSON file is a template,
 * an event file or a launch configuration is decided by the server from the path and the text,
 * so the selector is broad and the server ignores the rest cheaply.
 */
export const DOCUMENT_SELECTOR: readonly { scheme: 'file'; language: string }[] = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
];

/**
 * Files the server watches. It registers these itself (`client/registerCapability` for
 * `workspace/didChangeWatchedFiles`) when the client allows dynamic registration, as
 * vscode-languageclient does; a client that does not should send the same events itself.
 */
export const WATCHED_FILES = [
  { globPattern: '**/*.{js,mjs,cjs,ts,mts,cts,yaml,yml,json}' },
  // Folders appearing or disappearing change which CodeUri exists; kind 5 = Create | Delete.
  { globPattern: '**/*', kind: 5 },
] as const;

/** Title of the `$/progress` the server reports while it indexes the workspace. */
export const INDEXING_TITLE = 'Indexing Lambda functions';

/** The commands the code lenses over handler functions invoke (server -> client). */
export const LensCommand = {
  /** Invokes the function once with its last (or an empty) event, without the debugger. */
  invoke: 'lambdaWorkbench.invoke',
  /** Starts a `lambda` debug session for the function. */
  debug: 'lambdaWorkbench.debug',
  /** Asks for an event (saved, sample or new), then invokes the function with it. */
  invokeWithEvent: 'lambdaWorkbench.invokeWithEvent',
} as const;

/** One of the lens command ids. */
export type LensCommandId = (typeof LensCommand)[keyof typeof LensCommand];

/**
 * The only argument of every lens command (`CodeLens.command.arguments[0]`), server -> client.
 * Paths are absolute file system paths, not URIs, as a `lambda` launch configuration takes them.
 */
export interface HandlerCommandArgs {
  /**
   * The function's name: the template's FunctionName or logical id, or a launch configuration's
   * `functionName`. Absent for a function no template or launch configuration defines.
   */
  functionName?: string;
  /** The handler string, `file.export` relative to `codeUri` (e.g. `src/app.handler`). */
  handler: string;
  /** The code folder (Lambda's `/var/task`). */
  codeUri: string;
  /** The handler's source file (where the lens is). */
  file: string;
  /** The template that defines the function, when one does (use it with `functionId`). */
  template?: string;
  /** The function's logical id in `template`. */
  functionId?: string;
}
