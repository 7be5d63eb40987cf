/**
 * The webview API VS Code injects (`acquireVsCodeApi`), typed with our protocol. Tests stand in a
 * fake with the same three methods. Browser bundle: never vscode or node:*.
 */
import type { FromPanel } from '../protocol';

/** What `acquireVsCodeApi()` returns, for a panel whose persisted state is `State`. */
export interface VsCodeApi<State> {
  /** Posts a message to the extension host (`webview.onDidReceiveMessage`). */
  postMessage(message: FromPanel): void;
  /** The state last stored with setState, kept while the webview is hidden or reloaded. */
  getState(): State | undefined;
  /** Stores the panel's UI state (small, JSON-serialisable). */
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** Calls `acquireVsCodeApi` (which VS Code allows once per page load). */
export function getVsCodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
