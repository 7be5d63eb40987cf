// Drives VS Code's workbench in headless Chromium the way a person does: the command palette,
// Quick Open, the keyboard, clicks on what is visible. Every wait is for a selector or a text,
// bounded, and a failed wait says what it was waiting for. Used by the E2E suite
// (test/e2e/ui.ts) and the F5-to-paused benchmark (bench/vscode.bench.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  chromium,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core';
import { CHROMIUM_ARGS } from '../../test/helpers/chromium';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Generous but bounded: the workbench on 2 busy cores can take a few seconds for anything. */
export const WAIT_MS = 30_000;

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, in a throw-away profile, with the flags VS Code needs here. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A regular expression that matches exactly `text`, give or take surrounding white space. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** The little of the DOM that evaluate() callbacks use (this program has no DOM types). */
interface DomNode {
  style: { top: string };
  parentElement: DomNode | null;
  textContent: string | null;
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens the workbench at `url` and waits until it can take input. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the folder once the remote file system answers.
    await this.page
      .locator('.explorer-folders-view .monaco-list-row')
      .first()
      .waitFor({ timeout: 60_000 });
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Closes whatever quick input, notification or widget has focus. */
  async escape(times = 2): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /** F1, then runs the command whose palette label is exactly `label` ("Lambda: New Handler…"). */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input');
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill(`>${label}`);
    await this.pick(label);
  }

  /** Ctrl+P, then opens the file `name` (a unique file name in the workspace). */
  async quickOpen(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput.locator('input');
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill(name);
    await this.pick(name);
    await this.activeTab(name);
  }

  /**
   * In the open quick pick, waits for the item labelled exactly `label` and accepts it. With
   * `filter`, types it into the box first (replacing what is there).
   */
  async pick(label: string, filter?: string): Promise<void> {
    const input = this.quickInput.locator('input');
    await input.waitFor({ timeout: WAIT_MS });
    if (filter !== undefined) await input.fill(filter);
    const text = await input.inputValue();
    const row = this.quickInput.locator('.monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: exactly(label) }),
    });
    const deadline = Date.now() + WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await row.first().waitFor({ timeout: 2000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          const shown = await this.quickInput
            .locator('.monaco-list-row .label-name')
            .allTextContents();
          const placeholder = await input.getAttribute('placeholder');
          throw new Error(
            `no item "${label}" in the quick pick "${placeholder ?? ''}"; it shows: ${JSON.stringify(shown.map((s) => s.trim()))}`,
            { cause: error },
          );
        }
        // The list is computed as the filter changes: commands of an extension host that was
        // still starting appear once the filter is typed again.
        if (attempt % 2 === 0) {
          await input.fill('');
          await input.fill(text);
        }
      }
    }
    await row.first().click();
  }

  /** Waits for the quick input to show `placeholder` (a question the extension asks). */
  async waitForQuickInput(placeholder: string | RegExp): Promise<void> {
    const input = this.quickInput.locator('input');
    await input.waitFor({ timeout: WAIT_MS });
    await this.poll(`a quick input asking "${placeholder}"`, async () => {
      const text = (await input.getAttribute('placeholder')) ?? '';
      const title =
        (await this.quickInput
          .locator('.quick-input-title')
          .textContent()
          .catch(() => '')) ?? '';
      const prompt =
        (await this.quickInput
          .locator('.quick-input-message')
          .textContent()
          .catch(() => '')) ?? '';
      const all = `${text}\n${title}\n${prompt}`;
      return typeof placeholder === 'string' ? all.includes(placeholder) : placeholder.test(all);
    });
  }

  /** Waits until the active editor tab is `name`. */
  async activeTab(name: string): Promise<void> {
    await this.page
      .locator(
        `.editor-group-container.active .tab.active[data-resource-name=${JSON.stringify(name)}]`,
      )
      .waitFor({ timeout: WAIT_MS });
  }

  /** The editor of the active tab. */
  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Ctrl+G to line `line` of the active editor, which then has the keyboard focus. */
  async gotoLine(line: number): Promise<void> {
    await this.editor.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput.locator('input');
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await this.poll(`the cursor on line ${line}`, async () => (await this.cursorLine()) === line);
  }

  /** The cursor's line, from the status bar ("Ln 41, Col 1"). */
  async cursorLine(): Promise<number | undefined> {
    const text = await this.page
      .locator('.statusbar-item[id="status.editor.selection"]')
      .textContent({ timeout: 2000 })
      .catch(() => null);
    const match = /Ln (\d+)/.exec(text ?? '');
    return match ? Number(match[1]) : undefined;
  }

  /**
   * The line number shown beside a glyph of the active editor's margin (a breakpoint dot, the
   * paused-frame arrow). Glyphs and line numbers are placed with the same `top` offset, which
   * does not move while the editor scrolls, unlike screen coordinates.
   */
  async lineOfGlyph(glyph: Locator): Promise<number | undefined> {
    const top = await glyph.evaluate((element) => {
      for (let node = element as unknown as DomNode | null; node; node = node.parentElement) {
        if (node.style.top) return node.style.top;
      }
      return undefined;
    });
    if (!top) return undefined;
    const text = await this.editor.locator('.margin-view-overlays > div').evaluateAll(
      (rows, wanted) =>
        rows
          .filter((row) => (row as unknown as DomNode).style.top === wanted)
          .map((row) => row.querySelector('.line-numbers')?.textContent ?? '')
          .find((number) => number.trim() !== ''),
      top,
    );
    return text ? Number(text.trim()) : undefined;
  }

  /** Breakpoint dots in the active editor's margin (verified or not). */
  get breakpointGlyphs(): Locator {
    return this.editor.locator('.codicon-debug-breakpoint, .codicon-debug-breakpoint-unverified');
  }

  /** The "paused here" arrow of the top stack frame in the active editor. */
  get pausedGlyph(): Locator {
    return this.editor.locator('.codicon-debug-stackframe');
  }

  /** The floating debug toolbar, shown while a debug session runs. */
  get debugToolbar(): Locator {
    return this.page.locator('.debug-toolbar');
  }

  /** Names of the Variables view's rows (e.g. "event", "Local", "Closure"). */
  async variableNames(): Promise<string[]> {
    const names = await this.page
      .locator('.debug-variables .monaco-list-row .monaco-tl-contents')
      .allTextContents();
    return names.map((name) => name.trim());
  }

  /** F9 on `line` of the active editor; resolves once the dot is on that line. */
  async toggleBreakpoint(line: number): Promise<void> {
    await this.gotoLine(line);
    const before = await this.breakpointGlyphs.count();
    await this.page.keyboard.press('F9');
    await this.poll(`a breakpoint dot on line ${line}`, async () => {
      for (const glyph of await this.breakpointGlyphs.all()) {
        if ((await this.lineOfGlyph(glyph)) === line) return true;
      }
      return false;
    });
    if ((await this.breakpointGlyphs.count()) <= before)
      throw new Error(`F9 on line ${line} added no breakpoint`);
  }

  /** The line the editor shows paused on (its paused-frame arrow), once it shows one. */
  async waitPaused(timeout = 60_000): Promise<number | undefined> {
    await this.pausedGlyph.first().waitFor({ timeout });
    return this.lineOfGlyph(this.pausedGlyph.first());
  }

  /** Shift+F5, then waits for the debug toolbar to go. */
  async stopDebugging(): Promise<void> {
    if (!(await this.debugToolbar.isVisible())) return;
    await this.page.keyboard.press('Shift+F5');
    await this.debugToolbar.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }

  /** Opens a view or panel through its palette command ("View: Focus Problems (Errors, Warnings, Infos)"). */
  async focusView(command: string, selector: string): Promise<Locator> {
    await this.runCommand(command);
    const view = this.page.locator(selector).first();
    await view.waitFor({ timeout: WAIT_MS });
    return view;
  }

  /**
   * The frame of a webview of the extension `extensionId` (the Invocations panel) once it shows
   * `probe`: VS Code nests a webview's content in an iframe inside an iframe whose URL names the
   * extension.
   */
  async webviewFrame(extensionId: string, probe: string): Promise<Frame> {
    let found: Frame | undefined;
    await this.poll(`a webview of ${extensionId} showing ${probe}`, async () => {
      for (const frame of this.page.frames()) {
        const parent = frame.parentFrame();
        if (!parent?.url().includes(`extensionId=${extensionId}`)) continue;
        if ((await frame.locator(probe).count()) > 0) {
          found = frame;
          return true;
        }
      }
      return false;
    });
    return found!;
  }

  /** Polls `check` every 100 ms until it is true, or fails after `timeout` naming `what`. */
  async poll(what: string, check: () => Promise<boolean>, timeout = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
      await this.page.waitForTimeout(100);
    }
  }
}
