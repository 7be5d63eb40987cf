/**
 * Entry of the log panel's browser bundle (`dist/log-panel.js`, an IIFE, with `dist/log-panel.css`
 * emitted beside it by esbuild from the CSS import below). It builds the panel, feeds it the host's
 * messages and reports its own errors to the host.
 * DOM only: never vscode, never node:* (this runs in a webview, where neither exists). It may
 * import ../protocol.ts and ../format.ts, and nothing else outside this folder.
 */
import './logPanel.css';
import { isToPanel } from '../protocol';
import { LogPanel, type UiState } from './logPanel';
import { getVsCodeApi } from './vscodeApi';

const api = getVsCodeApi<UiState>();

// Our own bugs go to the host's log with a stack (house-style.md principle 18).
window.addEventListener('error', (event) => {
  api.postMessage({
    type: 'panelError',
    message: String(event.message),
    stack: event.error instanceof Error ? event.error.stack : undefined,
  });
});
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  api.postMessage({
    type: 'panelError',
    message: reason instanceof Error ? reason.message : String(reason),
    stack: reason instanceof Error ? reason.stack : undefined,
  });
});

const panel = new LogPanel(document.getElementById('root') ?? document.body, api);
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isToPanel(event.data)) panel.receive(event.data);
});
panel.start();
