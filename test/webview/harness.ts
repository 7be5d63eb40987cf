// Runs dist/log-panel.js in headless Chromium (Debian's, driven by playwright-core) inside a page
// that looks to it like a VS Code webview: a CSP with a nonce, the theme's CSS variables on
// `body.vscode-dark` / `body.vscode-light`, and a fake `acquireVsCodeApi` that records what the
// panel posts and keeps its state. Messages from the "host" arrive as window `message` events, as
// VS Code delivers them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FromPanel, ToPanel } from '../../extension/log-panel/protocol';
import { CHROMIUM_ARGS } from '../helpers/chromium';

const ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-results', 'webview');
const BUNDLE = path.join(ROOT, 'dist', 'log-panel.js');
const STYLES = path.join(ROOT, 'dist', 'log-panel.css');

/**
 * Why the suite cannot run here, or false. Without Chromium the suite skips locally, but CI must
 * run it, so there the missing browser is a failure (the test says how to install it).
 */
export function skipReason(): string | false {
  if (fs.existsSync(CHROMIUM)) return false;
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  return process.env.CI ? false : reason;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  if (!fs.existsSync(BUNDLE) || !fs.existsSync(STYLES)) {
    throw new Error(
      'dist/log-panel.js or dist/log-panel.css is missing: run `node build.mjs` first',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export type Theme = 'dark' | 'light';

/** Colours of VS Code's Dark Modern and Light Modern themes, as the webview receives them. */
const THEMES: Record<Theme, Record<string, string>> = {
  dark: {
    'editor-background': '#1f1f1f',
    'panel-background': '#181818',
    foreground: '#cccccc',
    descriptionForeground: '#9d9d9d',
    'panel-border': '#2b2b2b',
    focusBorder: '#0078d4',
    errorForeground: '#f85149',
    'debugConsole-errorForeground': '#f85149',
    'debugConsole-warningForeground': '#cca700',
    'debugConsole-infoForeground': '#3794ff',
    'editorWarning-foreground': '#cca700',
    'testing-iconPassed': '#73c991',
    'charts-blue': '#3794ff',
    'charts-green': '#89d185',
    'charts-red': '#f14c4c',
    'charts-orange': '#d18616',
    'progressBar-background': '#0078d4',
    'icon-foreground': '#cccccc',
    'toolbar-hoverBackground': 'rgba(90, 93, 94, 0.31)',
    'toolbar-activeBackground': 'rgba(99, 102, 103, 0.31)',
    'inputOption-activeBackground': 'rgba(36, 137, 219, 0.51)',
    'inputOption-activeBorder': '#2488db',
    'inputOption-activeForeground': '#ffffff',
    'textLink-foreground': '#4daafc',
    'textLink-activeForeground': '#4daafc',
    'input-background': '#313131',
    'input-border': '#3c3c3c',
    'input-foreground': '#cccccc',
    'input-placeholderForeground': '#989898',
    'dropdown-background': '#313131',
    'dropdown-border': '#3c3c3c',
    'dropdown-foreground': '#cccccc',
    'tree-indentGuidesStroke': '#585858',
    'list-hoverBackground': '#2a2d2e',
    'list-activeSelectionBackground': '#04395e',
    'list-activeSelectionForeground': '#ffffff',
    'list-inactiveSelectionBackground': '#37373d',
    'list-focusOutline': '#0078d4',
    'badge-background': '#616161',
    'badge-foreground': '#f8f8f8',
    'symbolIcon-keywordForeground': '#cccccc',
    'debugTokenExpression-name': '#c586c0',
    'debugTokenExpression-string': '#ce9178',
    'debugTokenExpression-number': '#b5cea8',
    'debugTokenExpression-boolean': '#4e94ce',
    'editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)',
    'scrollbarSlider-background': 'rgba(121, 121, 121, 0.4)',
    'scrollbarSlider-hoverBackground': 'rgba(100, 100, 100, 0.7)',
    'scrollbarSlider-activeBackground': 'rgba(191, 191, 191, 0.4)',
  },
  light: {
    'editor-background': '#ffffff',
    'panel-background': '#f8f8f8',
    foreground: '#3b3b3b',
    descriptionForeground: '#717171',
    'panel-border': '#e5e5e5',
    focusBorder: '#005fb8',
    errorForeground: '#f85149',
    'debugConsole-errorForeground': '#a1260d',
    'debugConsole-warningForeground': '#bf8803',
    'debugConsole-infoForeground': '#1a85ff',
    'editorWarning-foreground': '#bf8803',
    'testing-iconPassed': '#388a34',
    'charts-blue': '#1a85ff',
    'charts-green': '#388a34',
    'charts-red': '#e51400',
    'charts-orange': '#d18616',
    'progressBar-background': '#005fb8',
    'icon-foreground': '#3b3b3b',
    'toolbar-hoverBackground': 'rgba(184, 184, 184, 0.31)',
    'toolbar-activeBackground': 'rgba(166, 166, 166, 0.31)',
    'inputOption-activeBackground': '#bed6ed',
    'inputOption-activeBorder': '#005fb8',
    'inputOption-activeForeground': '#000000',
    'textLink-foreground': '#005fb8',
    'textLink-activeForeground': '#005fb8',
    'input-background': '#ffffff',
    'input-border': '#cecece',
    'input-foreground': '#3b3b3b',
    'input-placeholderForeground': '#767676',
    'dropdown-background': '#ffffff',
    'dropdown-border': '#cecece',
    'dropdown-foreground': '#3b3b3b',
    'tree-indentGuidesStroke': '#a9a9a9',
    'list-hoverBackground': '#f2f2f2',
    'list-activeSelectionBackground': '#e8e8e8',
    'list-activeSelectionForeground': '#000000',
    'list-inactiveSelectionBackground': '#e4e6f1',
    'list-focusOutline': '#005fb8',
    'badge-background': '#cccccc',
    'badge-foreground': '#3b3b3b',
    'symbolIcon-keywordForeground': '#3b3b3b',
    'debugTokenExpression-name': '#9b46b0',
    'debugTokenExpression-string': '#a31515',
    'debugTokenExpression-number': '#098658',
    'debugTokenExpression-boolean': '#0000ff',
    'editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)',
    'scrollbarSlider-background': 'rgba(100, 100, 100, 0.4)',
    'scrollbarSlider-hoverBackground': 'rgba(100, 100, 100, 0.7)',
    'scrollbarSlider-activeBackground': 'rgba(0, 0, 0, 0.6)',
  },
};

const FONTS = {
  'font-family': 'system-ui, "Ubuntu", "DejaVu Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"DejaVu Sans Mono", "Droid Sans Mono", monospace',
  'editor-font-size': '13px',
};

function themeCss(): string {
  return (Object.keys(THEMES) as Theme[])
    .map((theme) => {
      const variables = { ...FONTS, ...THEMES[theme] };
      const body = Object.entries(variables)
        .map(([name, value]) => `  --vscode-${name}: ${value};`)
        .join('\n');
      return `body.vscode-${theme} {\n${body}\n}`;
    })
    .join('\n');
}

const ORIGIN = 'https://panel.test';
const NONCE = 'bG9nLXBhbmVsLXRlc3Q';

/** The page a WebviewViewProvider would produce: CSP with a nonce, our CSS and script from dist/. */
function html(theme: Theme): string {
  const csp = [
    "default-src 'none'",
    `style-src ${ORIGIN} 'nonce-${NONCE}'`,
    `script-src 'nonce-${NONCE}'`,
    `img-src ${ORIGIN} data:`,
    `font-src ${ORIGIN}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${NONCE}">
${themeCss()}
</style>
<link rel="stylesheet" href="${ORIGIN}/dist/log-panel.css">
<title>Lambda</title>
</head>
<body class="vscode-${theme}" data-vscode-theme-kind="vscode-${theme}">
<div id="root"></div>
<script nonce="${NONCE}" src="${ORIGIN}/dist/log-panel.js"></script>
</body>
</html>`;
}

/** The page's globals the tests touch (the test files have no DOM types). */
interface PageGlobals {
  __posted: FromPanel[];
  __state: unknown;
  __violations: string[];
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface PanelOptions {
  theme?: Theme;
  width?: number;
  height?: number;
  /** What getState() returns at load (a reload after setState). */
  state?: unknown;
  /** Fixes the page's clock (Date.now) at this epoch ms, for running invocations. */
  now?: number;
}

/** One loaded panel. */
export class PanelPage {
  constructor(
    readonly page: Page,
    /** Uncaught errors of the page's scripts; a test ends by checking it is empty. */
    readonly errors: string[],
  ) {}

  /** Posts a message to the panel as the host would. */
  async send(...messages: ToPanel[]): Promise<void> {
    await this.page.evaluate((all) => {
      const page = globalThis as unknown as PageGlobals;
      for (const message of all) page.postMessage(message, '*');
    }, messages);
    await this.settle();
  }

  /** Waits until the panel has drawn what it was sent (two animation frames). */
  async settle(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const frame = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void })
            .requestAnimationFrame;
          frame(() => frame(() => resolve()));
        }),
    );
  }

  /** Everything the panel has posted to the host so far. */
  posted(): Promise<FromPanel[]> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
  }

  /** Forgets what the panel has posted so far. */
  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__posted = [];
    });
  }

  /** The last state the panel stored with setState. */
  state(): Promise<unknown> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__state);
  }

  /** CSP violations reported by the page. */
  violations(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__violations);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, name);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/** Opens the panel in a new page and waits for its `ready`. */
export async function openPanel(browser: Browser, options: PanelOptions = {}): Promise<PanelPage> {
  const theme = options.theme ?? 'dark';
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1400, height: options.height ?? 620 },
    deviceScaleFactor: 1,
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') {
      return route.fulfill({ contentType: 'text/html', body: html(theme) });
    }
    const file = path.join(ROOT, url.pathname);
    if (!file.startsWith(path.join(ROOT, 'dist') + path.sep) || !fs.existsSync(file))
      return route.fulfill({ status: 404 });
    const contentType = file.endsWith('.css') ? 'text/css' : 'text/javascript';
    return route.fulfill({ contentType, body: fs.readFileSync(file) });
  });
  if (options.now !== undefined) await page.clock.setFixedTime(options.now);
  await page.addInitScript((initialState: unknown) => {
    const page = globalThis as unknown as PageGlobals & {
      acquireVsCodeApi(): unknown;
      __name(target: unknown): unknown;
      document: {
        addEventListener(
          type: string,
          listener: (event: { violatedDirective: string; blockedURI: string }) => void,
        ): void;
      };
    };
    // tsx compiles the functions we pass to evaluate() with esbuild's keepNames, which wraps
    // named functions in __name(); the page needs it defined.
    page.__name = (target) => target;
    page.__posted = [];
    page.__state = initialState;
    page.__violations = [];
    page.document.addEventListener('securitypolicyviolation', (event) =>
      page.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
    let acquired = false;
    page.acquireVsCodeApi = () => {
      // VS Code allows one acquisition per page load.
      if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
      acquired = true;
      return {
        postMessage: (message: FromPanel) => page.__posted.push(structuredClone(message)),
        getState: () => page.__state,
        setState: (state: unknown) => {
          page.__state = structuredClone(state);
        },
      };
    };
  }, options.state);
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() =>
    (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'),
  );
  if (errors.length > 0) throw new Error(`the panel threw: ${errors.join('; ')}`);
  return new PanelPage(page, errors);
}
