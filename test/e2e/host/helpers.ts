// What the extension-host tests share: the extension's API, the workspace, and bounded waits on
// VS Code events (never sleeps).
import * as vscode from 'vscode';
import type { activate } from '../../../extension/extension';

export type Api = ReturnType<typeof activate>;

export const EXTENSION_ID = 'lambda-workbench.lambda-workbench';

/** Activates the extension (if VS Code has not yet) and returns what activate() returned. */
export async function api(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

export function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) throw new Error('no workspace folder is open');
  return first;
}

export function file(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, relative);
}

/** Polls `check` every 50 ms until it returns a value other than undefined/false. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the first event `event` fires that passes `filter`, or fails after `timeoutMs`. */
export function next<T>(
  what: string,
  event: vscode.Event<T>,
  filter: (value: T) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`));
    }, timeoutMs);
    const listener = event((value) => {
      if (!filter(value)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    });
  });
}

/** The body of the next custom event `name` from a `lambda` session. */
export function nextCustomEvent<T>(
  name: string,
  filter: (body: T) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<T> {
  return next(
    `the ${name} event`,
    vscode.debug.onDidReceiveDebugSessionCustomEvent,
    (event) => event.session.type === 'lambda' && event.event === name && filter(event.body as T),
    timeoutMs,
  ).then((event) => event.body as T);
}

/** Stops a debug session and waits until VS Code says it has ended. */
export async function stop(session: vscode.DebugSession): Promise<void> {
  const ended = next(
    `the end of ${session.name}`,
    vscode.debug.onDidTerminateDebugSession,
    (s) => s.id === session.id,
  );
  await vscode.debug.stopDebugging(session);
  await ended;
}
