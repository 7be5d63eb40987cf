/**
 * The webview API VS Code injects (`acquireVsCodeApi`), typed with our protocol. Tests stand in a
 * fake with the same three methods. Browser bundle: never vscode or node:*.
 */
import type { FromPanel } from '../protocol';

/** What `acquireVsCodeApi()` returns, for a panel whose persisted state is `State`. */
export interface VsCodeApi<State> {
  postMessage(message: FromPanel): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** Calls `acquireVsCodeApi` (which VS Code allows once per page load). */
export function getVsCodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
