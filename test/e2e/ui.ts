// The user's path in a real VS Code (issue #7): the extension installed from its VSIX into
// code-server, driven in headless Chromium by keyboard and clicks as a person would. Each step is
// a named test that keeps a screenshot; a failing step also keeps the page's HTML and a Playwright
// trace of the step (open it with `npx playwright-core show-trace <file>`), then the next step
// starts from a clean slate (widgets closed, debugging stopped), so one broken behaviour fails one
// step.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { exactly, WAIT_MS, type Browser, type Workbench } from '../../scripts/e2e/workbench';
import type { TestResult } from './report';

/** What the steps work on. */
export interface UiContext {
  wb: Workbench;
  page: Page;
  browser: Browser;
  /** The copy of examples/orders the workbench has open. */
  workspace: string;
  /** Where screenshots, HTML and traces go. */
  artifacts: string;
}

interface Step {
  name: string;
  /** Longest the step may take, waits included. */
  timeoutMs: number;
  run(ctx: UiContext): Promise<void>;
}

const EXTENSION_ID = 'lambda-workbench.lambda-workbench';

/** The line of `text` (1-based) in a workspace file, so the test follows edits to the example. */
function lineOf(ctx: UiContext, file: string, text: string): number {
  const lines = fs.readFileSync(path.join(ctx.workspace, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${file} has no line with ${JSON.stringify(text)}`);
  return index + 1;
}

/** CreateOrder's timeout in seconds, from the template (the function's or the Globals'). */
function createOrderTimeout(ctx: UiContext): number {
  const template = fs.readFileSync(path.join(ctx.workspace, 'template.yaml'), 'utf8');
  const own = /CreateOrder:[\s\S]*?Timeout:\s*(\d+)/.exec(template.split('ProcessQueue:')[0] ?? '');
  const global = /Globals:[\s\S]*?Timeout:\s*(\d+)/.exec(template);
  return Number(own?.[1] ?? global?.[1] ?? 3);
}

/** The Debug Console's rendered lines (the console keeps the newest in view), without badges. */
async function debugConsoleLines(page: Page): Promise<string[]> {
  const lines = await page.locator('.repl .monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => {
      type Node = { querySelector(selector: string): Node | null; textContent: string | null };
      const element = row as unknown as Node;
      return (element.querySelector('.value') ?? element).textContent ?? '';
    }),
  );
  return lines.map((line) => line.trim());
}

/** The Invocations panel's frame; runs "Lambda: Show Invocation Log" to bring it up. */
async function invocationsPanel(ctx: UiContext): Promise<Frame> {
  await ctx.wb.runCommand('Lambda: Show Invocation Log');
  return ctx.wb.webviewFrame(EXTENSION_ID, '[role="treegrid"]');
}

interface PanelRow {
  requestId: string;
  functionName: string;
  status: string;
}

async function panelRows(frame: Frame): Promise<PanelRow[]> {
  return frame.locator('[role="row"][aria-level="1"][data-request-id]').evaluateAll((rows) =>
    rows.map((row) => ({
      requestId: row.getAttribute('data-request-id') ?? '',
      functionName: row.getAttribute('data-function') ?? '',
      status: row.getAttribute('data-status') ?? '',
    })),
  );
}

/** Expands the invocation row (if it is not) and returns the text of its log lines. */
async function panelLogLines(ctx: UiContext, frame: Frame, requestId: string): Promise<string[]> {
  const row = frame.locator(`[role="row"][aria-level="1"][data-request-id="${requestId}"]`);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  let lines: string[] = [];
  await ctx.wb.poll(`the log lines under the row of ${requestId}`, async () => {
    lines = await row.evaluate((element) => {
      const found: string[] = [];
      type Node = {
        nextElementSibling: Node | null;
        getAttribute(name: string): string | null;
        querySelector(selector: string): Node | null;
        textContent: string | null;
      };
      for (
        let next = (element as unknown as Node).nextElementSibling;
        next;
        next = next.nextElementSibling
      ) {
        if (next.getAttribute('aria-level') !== '2') break;
        found.push((next.querySelector('.message')?.textContent ?? next.textContent ?? '').trim());
      }
      return found;
    });
    return lines.length > 0;
  });
  return lines;
}

const steps: Step[] = [
  {
    name: 'the example opens in VS Code with Lambda Workbench installed and its Invocations panel',
    timeoutMs: 90_000,
    async run(ctx) {
      await ctx.wb.page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: exactly('template.yaml') })
        .waitFor({ timeout: WAIT_MS });
      const frame = await invocationsPanel(ctx);
      await frame
        .locator('[role="treegrid"][aria-label="Invocations"]')
        .waitFor({ timeout: WAIT_MS });
    },
  },
  {
    name: 'F5 on "Lambda: CreateOrder" stops on the breakpoint in createOrder.ts with `event` in Variables',
    timeoutMs: 120_000,
    async run(ctx) {
      const { wb, page } = ctx;
      const line = lineOf(ctx, 'src/createOrder.ts', 'console.log(');
      await wb.quickOpen('createOrder.ts');
      await wb.toggleBreakpoint(line);
      // F5 starts the launch configuration selected in Run and Debug: the only one, ours.
      await page.keyboard.press('F5');
      const paused = await wb.waitPaused();
      if (paused !== line)
        throw new Error(`paused on line ${paused}, expected the breakpoint on line ${line}`);
      await page
        .locator('.debug-call-stack', { hasText: /paused on breakpoint/i })
        .waitFor({ timeout: WAIT_MS });
      await page
        .locator('.debug-call-stack .monaco-list-row', {
          hasText: new RegExp(`createOrder\\.ts\\s*${line}:\\d+`),
        })
        .first()
        .waitFor({ timeout: WAIT_MS });
      // The handler's scope, expanded as a user would if VS Code has not already.
      const scope = page
        .locator('.debug-variables .monaco-list-row', { hasText: /^\s*Local/ })
        .first();
      await scope.waitFor({ timeout: WAIT_MS });
      if ((await scope.getAttribute('aria-expanded')) === 'false') await scope.click();
      await page
        .locator('.debug-variables .monaco-list-row[aria-label^="event, value"]')
        .first()
        .waitFor({ timeout: WAIT_MS });
    },
  },
  {
    name: 'paused longer than the 5 s timeout, Continue gives the 201 result and a REPORT line, not a timeout',
    timeoutMs: 90_000,
    async run(ctx) {
      const { wb, page } = ctx;
      const seconds = createOrderTimeout(ctx);
      // The one deliberate wait of the suite: the behaviour under test is the clock.
      await page.waitForTimeout((seconds + 2) * 1000);
      if (!(await wb.pausedGlyph.first().isVisible())) {
        const tail = (await debugConsoleLines(page)).slice(-6);
        throw new Error(
          `the editor is no longer paused after ${seconds + 2} s; the Debug Console ends with ${JSON.stringify(tail)}`,
        );
      }
      await page.keyboard.press('F5');
      await wb.pausedGlyph.first().waitFor({ state: 'hidden', timeout: WAIT_MS });
      let lines: string[] = [];
      await wb.poll('the Debug Console to show the REPORT line and the response', async () => {
        lines = await debugConsoleLines(page);
        return (
          lines.some((l) => l.startsWith('REPORT RequestId:')) &&
          lines.some((l) => l.includes('"statusCode": 201'))
        );
      });
      const report = lines.find((l) => l.startsWith('REPORT RequestId:'))!;
      if (/timeout/i.test(report))
        throw new Error(`the REPORT line says the function timed out: ${report}`);
      if (!lines.some((l) => l.startsWith('Response for RequestId:'))) {
        throw new Error(
          `no "Response for RequestId" heading in the Debug Console: ${JSON.stringify(lines)}`,
        );
      }
      if (lines.some((l) => /Task timed out|Sandbox\.Timedout/.test(l))) {
        throw new Error(`the Debug Console reports a timeout: ${JSON.stringify(lines)}`);
      }
    },
  },
  {
    name: '"Lambda: Invoke with Event…" with the saved event "valid" adds a row with its log lines to the Invocations panel',
    timeoutMs: 90_000,
    async run(ctx) {
      const { wb } = ctx;
      await wb.stopDebugging();
      const panel = await invocationsPanel(ctx);
      const before = new Set((await panelRows(panel)).map((row) => row.requestId));
      await wb.runCommand('Lambda: Invoke with Event…');
      await wb.waitForQuickInput('Invoke which function?');
      await wb.pick('CreateOrder', 'CreateOrder');
      await wb.waitForQuickInput('Invoke CreateOrder with which event?');
      await wb.pick('valid', 'valid');
      let row: PanelRow | undefined;
      await wb.poll('a new CreateOrder row in the Invocations panel that ended', async () => {
        row = (await panelRows(panel)).find(
          (r) =>
            !before.has(r.requestId) && r.functionName === 'CreateOrder' && r.status !== 'running',
        );
        return row !== undefined;
      });
      if (row!.status !== 'success')
        throw new Error(`the new row's status is ${row!.status}, expected success`);
      const logs = await panelLogLines(ctx, panel, row!.requestId);
      for (const expected of [/^START\b/, /order for ada: 25 EUR/, /^END\b/, /^REPORT\b/]) {
        if (!logs.some((line) => expected.test(line))) {
          throw new Error(
            `the row's log lines have nothing like ${expected}: ${JSON.stringify(logs)}`,
          );
        }
      }
    },
  },
  {
    name: '"Lambda: New Handler…" writes a handler whose "Invoke" code lens runs it',
    timeoutMs: 120_000,
    async run(ctx) {
      const { wb, page } = ctx;
      await wb.runCommand('Lambda: New Handler…');
      await wb.waitForQuickInput('Language');
      await wb.pick('TypeScript');
      await wb.waitForQuickInput('Trigger');
      await wb.pick('Plain', 'Plain');
      await wb.waitForQuickInput(/Function name/);
      await wb.quickInput.locator('input').fill('GreetFunction');
      await page.keyboard.press('Enter');
      await wb.activeTab('greet.ts');
      if (!fs.existsSync(path.join(ctx.workspace, 'src', 'greet.ts')))
        throw new Error('src/greet.ts was not written');
      const lens = wb.editor
        .locator('.codelens-decoration a', { hasText: exactly('Invoke') })
        .first();
      await lens.waitFor({ timeout: WAIT_MS });
      const panel = await invocationsPanel(ctx);
      const before = new Set((await panelRows(panel)).map((row) => row.requestId));
      await wb.activeTab('greet.ts');
      await lens.click();
      // The response opens beside the handler.
      await page
        .locator('.monaco-editor .view-lines', { hasText: /"ok":\s*true/ })
        .first()
        .waitFor({ timeout: WAIT_MS });
      let row: PanelRow | undefined;
      await wb.poll('a GreetFunction row in the Invocations panel that succeeded', async () => {
        row = (await panelRows(panel)).find(
          (r) =>
            !before.has(r.requestId) &&
            r.functionName === 'GreetFunction' &&
            r.status === 'success',
        );
        return row !== undefined;
      });
    },
  },
  {
    name: 'a SAM template with a broken Handler shows its diagnostic in the Problems view',
    timeoutMs: 90_000,
    async run(ctx) {
      const { wb, page } = ctx;
      await wb.quickOpen('staging.yaml');
      await wb.editor.locator('.squiggly-error').first().waitFor({ timeout: WAIT_MS });
      await page.keyboard.press('Control+Shift+M');
      const problems = page.locator('.markers-panel');
      await problems.waitFor({ timeout: WAIT_MS });
      await problems
        .locator('.monaco-list-row', { hasText: 'staging.yaml' })
        .first()
        .waitFor({ timeout: WAIT_MS });
      await problems
        .locator('.monaco-list-row', {
          hasText: /src\/createOrder\.hander.*names no export 'hander'/,
        })
        .first()
        .waitFor({ timeout: WAIT_MS });
    },
  },
];

/** A file name for a step: its number and the first words of its name. */
function slug(index: number, name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${String(index + 1).padStart(2, '0')}-${words}`;
}

/** Puts the workbench back in a neutral state after a failed step. */
async function recover(ctx: UiContext): Promise<void> {
  try {
    await ctx.wb.escape(3);
    if (await ctx.wb.debugToolbar.isVisible()) await ctx.wb.stopDebugging();
  } catch {
    // The next step will say what is wrong.
  }
}

/** Runs the steps in order; `only` keeps those whose name contains it. */
export async function runUiSteps(
  ctx: UiContext,
  report: (result: TestResult) => void,
  only?: string,
): Promise<void> {
  const tracing = ctx.browser.context.tracing;
  await tracing.start({ screenshots: true, snapshots: true });
  for (const [index, step] of steps.entries()) {
    if (only && !step.name.includes(only)) continue;
    const file = path.join(ctx.artifacts, slug(index, step.name));
    const started = Date.now();
    await tracing.startChunk({ title: step.name });
    let error: Error | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        step.run(ctx),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the step took longer than ${step.timeoutMs / 1000} s`)),
            step.timeoutMs,
          );
        }),
      ]);
    } catch (caught) {
      error = caught as Error;
    } finally {
      clearTimeout(timer);
    }
    const ms = Date.now() - started;
    if (error) {
      await ctx.page.screenshot({ path: `${file}.FAILED.png` }).catch(() => undefined);
      fs.writeFileSync(
        `${file}.FAILED.html`,
        await ctx.page.content().catch((e: Error) => `page.content() failed: ${e.message}`),
      );
      await tracing.stopChunk({ path: `${file}.FAILED.trace.zip` }).catch(() => undefined);
      report({
        suite: 'ui',
        name: step.name,
        ok: false,
        ms,
        error: `${error.message}\n    artifacts: ${path.relative(process.cwd(), file)}.FAILED.{png,html,trace.zip}`,
      });
      await recover(ctx);
    } else {
      await ctx.page.screenshot({ path: `${file}.png` }).catch(() => undefined);
      await tracing.stopChunk();
      report({ suite: 'ui', name: step.name, ok: true, ms });
    }
  }
  await tracing.stop();
}
