// The log panel's bundle (dist/log-panel.js + dist/log-panel.css) in headless Chromium with a fake
// acquireVsCodeApi (house-style.md principle 14): the tests post ToPanel messages as the host
// would and check the rows, expansion, filters, timeline and the FromPanel messages that come
// back. Screenshots in both themes are kept under test-results/webview/.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertGolden } from '../helpers/golden';
import { exportLogText } from '../../extension/log-panel/format';
import type { FromPanel, ToPanelEvent } from '../../extension/log-panel/protocol';
import {
  BASE,
  IMAGES,
  INSTANCE_A,
  INSTANCE_B,
  INSTANCE_C,
  ORDERS,
  REQ,
  recordsOf,
  session,
} from './fixtures';
import { launchBrowser, openPanel, skipReason, type PanelOptions, type PanelPage } from './harness';

const skip = skipReason();
if (skip) console.log(`# skipping the log panel browser tests: ${skip}`);

/** What the test reads off an invocation row. */
interface RowInfo {
  requestId: string;
  functionName: string;
  status: string;
  expanded: string;
  cells: Record<string, string>;
}

/** The minimal DOM surface the evaluate() callbacks use (the test program has no DOM types). */
interface El {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  textContent: string | null;
  className: string;
}

describe('log panel in Chromium', { skip }, () => {
  let browser: Browser;
  const pages: PanelPage[] = [];

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    for (const panel of pages) {
      assert.deepEqual(panel.errors, [], 'the panel threw');
      assert.deepEqual(await panel.violations(), [], 'the panel broke the CSP');
    }
    await browser?.close();
  });

  async function open(options: PanelOptions = {}): Promise<PanelPage> {
    const panel = await openPanel(browser, { height: 900, ...options });
    pages.push(panel);
    return panel;
  }

  /** Opens a panel and plays the session into it as the host does after `ready`. */
  async function withSession(
    options: PanelOptions & { running?: boolean } = {},
  ): Promise<PanelPage> {
    const panel = await open(options);
    await panel.send({
      type: 'batch',
      messages: [
        { type: 'reset' },
        { type: 'config', maxRecords: 100_000 },
        ...session({ running: options.running }),
      ],
    });
    return panel;
  }

  async function rows(panel: PanelPage): Promise<RowInfo[]> {
    const found = await panel.page.locator('.row.invocation').evaluateAll((elements: El[]) =>
      elements
        .map((row) => {
          const cells: Record<string, string> = {};
          for (const cell of Array.from(row.querySelectorAll('.cell'))) {
            const name = cell.className.replace(/\bcell\b|\bnumeric\b/g, '').trim();
            cells[name] = (cell.textContent ?? '').trim();
          }
          return {
            index: Number(row.getAttribute('aria-rowindex')),
            requestId: row.getAttribute('data-request-id') ?? '',
            functionName: row.getAttribute('data-function') ?? '',
            status: row.getAttribute('data-status') ?? '',
            expanded: row.getAttribute('aria-expanded') ?? '',
            cells,
          };
        })
        .sort((a, b) => a.index - b.index),
    );
    return found.map(({ index: _index, ...row }) => row);
  }

  async function lineTexts(
    panel: PanelPage,
  ): Promise<Array<{ level: string; kind: string; text: string }>> {
    const found = await panel.page.locator('.row.line').evaluateAll((elements: El[]) =>
      elements
        .map((line) => ({
          index: Number(line.getAttribute('aria-rowindex')),
          level: line.getAttribute('data-level') ?? '',
          kind: /kind-(\w+)/.exec(line.className)?.[1] ?? '',
          text: line.querySelectorAll('.message')[0]?.textContent ?? '',
        }))
        .sort((a, b) => a.index - b.index),
    );
    return found.map(({ index: _index, ...line }) => line);
  }

  function invocationRow(panel: PanelPage, requestId: string) {
    return panel.page.locator(`.row.invocation[data-request-id="${requestId}"]`);
  }

  async function lastPosted(panel: PanelPage): Promise<FromPanel | undefined> {
    const posted = await panel.posted();
    return posted[posted.length - 1];
  }

  it('posts ready, then shows one row per invocation with every column', async () => {
    const panel = await withSession();
    assert.deepEqual(
      (await panel.posted()).map((m) => m.type),
      ['ready'],
    );
    const shown = await rows(panel);
    assert.deepEqual(
      shown.map((row) => [row.requestId, row.functionName, row.status]),
      [
        [REQ.coldOk, ORDERS, 'success'],
        [REQ.coldError, ORDERS, 'error'],
        [REQ.warmOk, ORDERS, 'success'],
        [REQ.jsonCold, IMAGES, 'success'],
        [REQ.timeout, ORDERS, 'timeout'],
        [REQ.exit, ORDERS, 'error'],
      ],
    );
    const cold = shown[0].cells;
    assert.equal(cold.time, '03:52:30.000');
    assert.equal(cold['function'], `${ORDERS}9`, 'name and line count badge');
    assert.equal(cold['request-id'], REQ.coldOk);
    assert.equal(cold.start, 'Cold');
    assert.equal(cold.instance, INSTANCE_A.slice(0, 8));
    assert.equal(cold.status, 'success');
    assert.equal(cold.duration, '32.56 ms');
    assert.equal(cold.billed, '332 ms');
    assert.equal(cold.memory, '80 MB');
    assert.equal(cold.init, '299.31 ms');
    const warm = shown[2].cells;
    assert.equal(warm.start, 'Warm');
    assert.equal(warm.init, '', 'no init duration on a warm start');
    assert.equal(shown[1].cells.status, 'errorTypeError', 'status and error type');
    assert.equal(shown[5].cells.status, 'errorRuntime.ExitError');
    assert.equal(shown[4].cells.duration, '3000.00 ms');
    const headers = await panel.page.locator('.grid-header .cell').allTextContents();
    assert.deepEqual(headers.filter(Boolean), [
      'Time (UTC)',
      'Function',
      'Request ID',
      'Start',
      'Instance',
      'Status',
      'Duration',
      'Billed',
      'Max Memory',
      'Init',
    ]);
    const lines = recordsOf(session()).length;
    assert.equal(await panel.page.locator('.counts').innerText(), `6 invocations · ${lines} lines`);
  });

  it('streams live: a running invocation ticks, then ends with its metrics', async () => {
    const panel = await withSession({ running: true, now: BASE + 9000 });
    const row = invocationRow(panel, REQ.running);
    assert.equal(await row.getAttribute('data-status'), 'running');
    assert.equal(
      (await row.locator('.duration').innerText()).trim(),
      '1.4 s',
      'elapsed time while running',
    );
    await panel.send({
      type: 'invocationEnded',
      invocation: {
        requestId: REQ.running,
        functionName: IMAGES,
        instanceId: INSTANCE_C,
        status: 'success',
        cold: false,
        error: undefined,
        metrics: {
          durationMs: 812.5,
          billedDurationMs: 813,
          memorySizeMB: 256,
          maxMemoryUsedMB: 130,
        },
        startTime: BASE + 7600,
        endTime: BASE + 8413,
        droppedLogRecords: 0,
      },
    });
    assert.equal(await row.getAttribute('data-status'), 'success');
    assert.equal((await row.locator('.duration').innerText()).trim(), '812.50 ms');
  });

  it('expands a row that is redrawn between mousedown and mouseup (it is streaming)', async () => {
    const panel = await withSession({ running: true, now: BASE + 9000 });
    await panel.page.waitForTimeout(150); // the timeline has grown its lanes; nothing moves now
    const row = invocationRow(panel, REQ.running);
    const box = await row.boundingBox();
    assert.ok(box);
    await panel.page.mouse.move(box.x + 200, box.y + box.height / 2);
    await panel.page.mouse.down();
    await panel.send({
      type: 'logRecords',
      records: [
        {
          time: BASE + 8000,
          functionName: IMAGES,
          instanceId: INSTANCE_C,
          requestId: REQ.running,
          source: 'function',
          level: 'INFO',
          text: JSON.stringify({
            timestamp: new Date(BASE + 8000).toISOString(),
            level: 'INFO',
            requestId: REQ.running,
            message: 'still resizing',
          }),
        },
      ],
    });
    await panel.page.mouse.up();
    await panel.settle();
    assert.equal(await row.getAttribute('aria-expanded'), 'true');
    assert.equal((await row.locator('.count-badge').innerText()).trim(), '3');
  });

  it('expands a row into its log lines, coloured by level, with platform lines marked', async () => {
    const panel = await withSession();
    await invocationRow(panel, REQ.coldOk).click();
    assert.equal(await invocationRow(panel, REQ.coldOk).getAttribute('aria-expanded'), 'true');
    const lines = await lineTexts(panel);
    assert.deepEqual(
      lines.map((line) => [line.kind, line.level]),
      [
        ['platform', 'INFO'],
        ['text', 'INFO'],
        ['platform', 'INFO'],
        ['text', 'INFO'],
        ['text', 'DEBUG'],
        ['text', 'WARN'],
        ['text', 'INFO'],
        ['platform', 'INFO'],
        ['platform', 'INFO'],
      ],
      'the init records (no request id) belong to the cold invocation',
    );
    assert.match(lines[0].text, /^INIT_START Runtime Version: nodejs:22/);
    assert.equal(
      lines[1].text,
      'loading configuration from /opt/config.json',
      'Text prefix taken off',
    );
    assert.match(lines[8].text, /^REPORT RequestId: c7bb77a1/);
    const colour = (selector: string) =>
      panel.page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const page = globalThis as unknown as {
            getComputedStyle(el: unknown): { color: string };
          };
          return page.getComputedStyle(el).color;
        });
    assert.equal(
      await colour('.row.line.level-warn .message'),
      'rgb(204, 167, 0)',
      'WARN: debugConsole warning',
    );
    assert.equal(
      await colour('.row.line.level-debug .message'),
      'rgb(157, 157, 157)',
      'DEBUG: dimmed',
    );
    assert.equal(await colour('.row.line.kind-platform .platform-keyword'), 'rgb(204, 204, 204)');
    await invocationRow(panel, REQ.coldError).click();
    assert.equal(
      await colour('.row.line.level-error .message'),
      'rgb(248, 81, 73)',
      'ERROR: debugConsole error',
    );
    // Collapsing hides the lines again.
    await invocationRow(panel, REQ.coldOk).click();
    await invocationRow(panel, REQ.coldError).click();
    assert.equal(await panel.page.locator('.row.line').count(), 0);
  });

  it('pretty-prints JSON: Invoke Error bodies and JSON-format records', async () => {
    const panel = await withSession();
    await invocationRow(panel, REQ.coldError).click();
    const invokeError = panel.page.locator('.row.line.has-json.level-error');
    assert.equal(await invokeError.count(), 1);
    const json = await invokeError.locator('.json').innerText();
    assert.equal(
      json,
      JSON.stringify(
        {
          errorType: 'TypeError',
          errorMessage: "Cannot read properties of undefined (reading 'id')",
          stack: [
            "TypeError: Cannot read properties of undefined (reading 'id')",
            '    at exports.handler (/work/app/src/orders.js:14:27)',
          ],
        },
        null,
        2,
      ),
    );
    assert.match(await invokeError.locator('.message').innerText(), /^Invoke Error \n\{/);
    assert.equal(await invokeError.locator('.json-key').first().innerText(), '"errorType"');
    await invocationRow(panel, REQ.coldError).click();

    await invocationRow(panel, REQ.jsonCold).click();
    const lines = await lineTexts(panel);
    assert.equal(lines.length, 7);
    assert.deepEqual(
      lines.map((line) => line.level),
      ['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG', 'INFO'],
    );
    assert.equal(
      lines[2].text,
      JSON.stringify({ bucket: 'photos', key: 'cat.jpg', sizes: [64, 256, 1024] }, null, 2),
    );
    assert.equal(lines[3].text, 'large image: 12.4 MB', 'a string message is shown as text');
    assert.match(lines[4].text, /^thumbnail failed, retrying\n\{\n {2}"errorType": "SharpError"/);
    assert.match(lines[6].text, /^platform\.report\n\{\n {2}"requestId"/);
  });

  it('filters by text, level, function and status, and keeps the filters in the state', async () => {
    const panel = await withSession();
    const ids = async () => (await rows(panel)).map((row) => row.requestId);
    const input = panel.page.locator('.filter-text');

    await input.fill('inventory');
    await panel.page.waitForTimeout(200);
    await panel.settle();
    assert.deepEqual(await ids(), [REQ.coldOk]);
    await invocationRow(panel, REQ.coldOk).click();
    assert.deepEqual(
      (await lineTexts(panel)).map((l) => l.text),
      ['inventory service slow: 212 ms'],
      'only matching lines',
    );
    assert.equal(await panel.page.locator('.row.line mark').innerText(), 'inventory');

    await input.fill(REQ.timeout.slice(0, 8));
    await panel.page.waitForTimeout(200);
    await panel.settle();
    assert.deepEqual(await ids(), [REQ.timeout], 'a request id selects its invocation');
    await input.fill('');
    await panel.page.waitForTimeout(200);

    await panel.page.selectOption('.filter-level', 'ERROR');
    await panel.settle();
    assert.deepEqual(await ids(), [REQ.coldError, REQ.jsonCold, REQ.timeout, REQ.exit]);
    await panel.page.selectOption('.filter-level', 'TRACE');

    await panel.page.selectOption('.filter-function', IMAGES);
    await panel.settle();
    assert.deepEqual(await ids(), [REQ.jsonCold]);
    await panel.page.selectOption('.filter-function', '');

    const byStatus: Array<[string, string[]]> = [
      ['success', [REQ.coldOk, REQ.warmOk, REQ.jsonCold]],
      ['error', [REQ.coldError, REQ.exit]],
      ['timeout', [REQ.timeout]],
      ['running', []],
    ];
    for (const [status, expected] of byStatus) {
      await panel.page.selectOption('.filter-status', status);
      await panel.settle();
      assert.deepEqual(await ids(), expected, `status ${status}`);
    }
    assert.equal(
      await panel.page.locator('.empty-state .empty-title').innerText(),
      'No invocations match the filters',
    );
    assert.match(await panel.page.locator('.counts').innerText(), /^0 of 6 invocations/);
    const state = (await panel.state()) as { filters: unknown };
    assert.deepEqual(state.filters, {
      text: '',
      level: 'TRACE',
      functionName: '',
      status: 'running',
    });
    await panel.page.locator('.empty-state .link-button').click();
    await panel.settle();
    assert.equal((await ids()).length, 6, 'Clear the filters');
  });

  it('restores filters and expanded rows from getState after a reload', async () => {
    const panel = await withSession({
      state: {
        version: 1,
        filters: { text: '', level: 'TRACE', functionName: ORDERS, status: 'error' },
        expanded: [REQ.exit],
        timeline: false,
        focused: REQ.exit,
      },
    });
    assert.deepEqual(
      (await rows(panel)).map((row) => [row.requestId, row.expanded]),
      [
        [REQ.coldError, 'false'],
        [REQ.exit, 'true'],
      ],
    );
    assert.equal(await panel.page.locator('.filter-status').inputValue(), 'error');
    assert.equal(await panel.page.locator('.filter-function').inputValue(), ORDERS);
    assert.equal(await panel.page.locator('.timeline').isHidden(), true);
    const fault = (await lineTexts(panel)).find((line) => line.text.startsWith('RequestId:'));
    assert.equal(
      fault?.text,
      `RequestId: ${REQ.exit} Error: Runtime exited with error: exit status 2\nRuntime.ExitError`,
    );
    assert.equal(fault?.level, 'ERROR');
  });

  it('row buttons post reinvoke, saveEvent and copyRequestId, and show the reply', async () => {
    const panel = await withSession();
    const row = invocationRow(panel, REQ.coldError);
    const cases: Array<[string, FromPanel]> = [
      ['reinvoke', { type: 'reinvoke', functionName: ORDERS, requestId: REQ.coldError, id: 1 }],
      ['saveEvent', { type: 'saveEvent', functionName: ORDERS, requestId: REQ.coldError, id: 2 }],
      ['copyRequestId', { type: 'copyRequestId', requestId: REQ.coldError, id: 3 }],
    ];
    for (const [action, expected] of cases) {
      await row.hover();
      await row.locator(`[data-action="${action}"]`).click();
      assert.deepEqual(await lastPosted(panel), expected);
    }
    assert.equal(
      await row.getAttribute('aria-expanded'),
      'false',
      'a button does not toggle the row',
    );
    await panel.send({ type: 'reply', id: 2, ok: true, message: 'Saved events/orders-api.json' });
    assert.equal(await panel.page.locator('.notice').innerText(), 'Saved events/orders-api.json');
    await panel.send({
      type: 'reply',
      id: 1,
      ok: false,
      message: 'No Lambda debug session is running.',
    });
    assert.equal(
      await panel.page.locator('.notice.error').innerText(),
      'No Lambda debug session is running.',
    );
  });

  it('works from the keyboard: arrows, Enter, Left, and action keys', async () => {
    const panel = await withSession();
    const grid = panel.page.locator('.grid');
    await grid.focus();
    assert.equal(await grid.getAttribute('role'), 'treegrid');
    await panel.page.keyboard.press('ArrowDown');
    await panel.page.keyboard.press('Enter');
    await panel.settle();
    const second = invocationRow(panel, REQ.coldError);
    assert.equal(await second.getAttribute('aria-expanded'), 'true');
    assert.equal(await second.getAttribute('aria-selected'), 'true');
    assert.equal(await grid.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
    const outline = await second.evaluate((el) => {
      const page = globalThis as unknown as {
        getComputedStyle(el: unknown): { outlineColor: string; outlineStyle: string };
      };
      const style = page.getComputedStyle(el);
      return `${style.outlineStyle} ${style.outlineColor}`;
    });
    assert.equal(outline, 'solid rgb(0, 120, 212)', 'focus outline in list.focusOutline');
    await panel.page.keyboard.press('ArrowRight');
    await panel.page.keyboard.press('ArrowDown');
    await panel.settle();
    assert.equal(
      await panel.page.locator('.row.line.focused').count(),
      1,
      'focus moved into the lines',
    );
    await panel.page.keyboard.press('ArrowLeft');
    await panel.page.keyboard.press('ArrowLeft');
    await panel.settle();
    assert.equal(await second.getAttribute('aria-expanded'), 'false');
    await panel.page.keyboard.press('c');
    assert.deepEqual(await lastPosted(panel), {
      type: 'copyRequestId',
      requestId: REQ.coldError,
      id: 1,
    });
    await panel.page.keyboard.press('End');
    await panel.page.keyboard.press('r');
    assert.deepEqual(await lastPosted(panel), {
      type: 'reinvoke',
      functionName: ORDERS,
      requestId: REQ.exit,
      id: 2,
    });
  });

  it('exports exactly the raw log text, and matches the golden', async () => {
    const panel = await withSession();
    await panel.page.locator('.export-log').click();
    const message = await lastPosted(panel);
    assert.equal(message?.type, 'exportLog');
    if (message?.type !== 'exportLog') return;
    const records = recordsOf(session());
    assert.equal(message.text, exportLogText(records));
    assert.equal(message.text, records.map((record) => `${record.text}\n`).join(''));
    assert.equal(message.recordCount, records.length);
    assert.match(
      message.suggestedName,
      /^lambda-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.lambda\.log$/,
    );
    assertGolden(path.join(__dirname, 'golden', 'export.lambda.log'), message.text);
  });

  it('links stack frames to openSource', async () => {
    const panel = await withSession();
    await invocationRow(panel, REQ.coldError).click();
    await panel.page.locator('.source-link').first().click();
    assert.deepEqual(await lastPosted(panel), {
      type: 'openSource',
      path: '/work/app/src/orders.js',
      line: 14,
      column: 27,
      id: 1,
    });
  });

  it('clears: no rows, an empty state, and `clear` to the host', async () => {
    const panel = await withSession();
    await panel.page.locator('.clear-log').click();
    await panel.settle();
    assert.equal(await panel.page.locator('.row').count(), 0);
    assert.equal(
      await panel.page.locator('.empty-state .empty-title').innerText(),
      'No invocations yet',
    );
    assert.deepEqual(await lastPosted(panel), { type: 'clear' });
    // The timeline redraws at most every 100 ms, so give it that long to empty.
    await panel.page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('.tl-lane').length === 0,
      null,
      {
        timeout: 2000,
      },
    );
  });

  it('reveals an invocation the host asks for', async () => {
    const panel = await withSession();
    await panel.send({ type: 'reveal', requestId: REQ.timeout });
    const row = invocationRow(panel, REQ.timeout);
    assert.equal(await row.getAttribute('aria-expanded'), 'true');
    assert.equal(await row.getAttribute('aria-selected'), 'true');
    const texts = (await lineTexts(panel)).map((line) => line.text);
    assert.ok(
      texts.includes('Task timed out after 3.00 seconds') ||
        texts.some((t) => t.endsWith('Task timed out after 3.00 seconds')),
    );
  });

  it('draws one timeline lane per instance, with cold starts and concurrency', async () => {
    const panel = await withSession({ running: true, now: BASE + 9000 });
    // The timeline redraws at most every 100 ms while data streams in.
    await panel.page.waitForTimeout(150);
    const lanes = await panel.page.locator('.tl-lane').evaluateAll((elements: El[]) =>
      elements.map((lane) => ({
        instance: lane.getAttribute('data-instance'),
        fn: lane.getAttribute('data-function'),
        label: lane.querySelectorAll('.tl-label')[0]?.textContent,
        bars: Array.from(lane.querySelectorAll('.tl-bar')).map((bar) => ({
          id: bar.getAttribute('data-request-id'),
          cls: bar.className,
        })),
      })),
    );
    assert.deepEqual(
      lanes.map((lane) => [lane.instance, lane.fn, lane.label, lane.bars.map((bar) => bar.id)]),
      [
        [
          INSTANCE_A,
          ORDERS,
          `${ORDERS}${INSTANCE_A.slice(0, 8)}`,
          [REQ.coldOk, REQ.warmOk, REQ.timeout],
        ],
        [INSTANCE_B, ORDERS, `${ORDERS}${INSTANCE_B.slice(0, 8)}`, [REQ.coldError, REQ.exit]],
        [INSTANCE_C, IMAGES, `${IMAGES}${INSTANCE_C.slice(0, 8)}`, [REQ.jsonCold, REQ.running]],
      ],
    );
    const classOf = (id: string) =>
      lanes.flatMap((lane) => lane.bars).find((bar) => bar.id === id)?.cls ?? '';
    assert.match(classOf(REQ.coldOk), /\bcold\b/);
    assert.doesNotMatch(classOf(REQ.warmOk), /\bcold\b/);
    assert.match(classOf(REQ.timeout), /status-timeout/);
    assert.match(classOf(REQ.running), /status-running/);
    assert.equal(
      await panel.page.locator('.tl-lane.stopped').getAttribute('data-instance'),
      INSTANCE_B,
      'B stopped',
    );
    // The two cold starts overlap in time: their bars overlap horizontally.
    const box = async (id: string) => {
      const found = await panel.page.locator(`.tl-bar[data-request-id="${id}"]`).boundingBox();
      assert.ok(found);
      return found;
    };
    const a = await box(REQ.coldOk);
    const b = await box(REQ.coldError);
    assert.ok(b.x < a.x + a.width && a.x < b.x + b.width, 'concurrent invocations overlap');
    const init = await panel.page
      .locator(`.tl-bar[data-request-id="${REQ.coldOk}"] .tl-init`)
      .boundingBox();
    assert.ok(init && init.width > a.width * 0.8, 'the init part of a cold start is drawn');
    // Clicking a bar reveals its invocation in the list.
    await panel.page.locator(`.tl-bar[data-request-id="${REQ.warmOk}"]`).click();
    await panel.settle();
    assert.equal(await invocationRow(panel, REQ.warmOk).getAttribute('aria-expanded'), 'true');
    // The filters dim the bars they hide.
    await panel.page.selectOption('.filter-function', IMAGES);
    await panel.settle();
    await panel.page.waitForTimeout(150);
    assert.match(
      (await panel.page
        .locator(`.tl-bar[data-request-id="${REQ.coldOk}"]`)
        .getAttribute('class')) ?? '',
      /dimmed/,
    );
  });

  it('keeps the DOM small with 100,000 lines and scrolls to the last one', async () => {
    const panel = await open({ height: 700 });
    const started = Date.now();
    await panel.page.evaluate(
      ({ base, total }) => {
        const page = globalThis as unknown as {
          postMessage(message: unknown, origin: string): void;
        };
        const requestId = 'f00df00d-0000-4000-8000-000000000001';
        const instanceId = 'ffffffffffffffffffffffffffffffff';
        page.postMessage({ type: 'reset' }, '*');
        page.postMessage(
          {
            type: 'invocationStarted',
            invocation: {
              requestId,
              functionName: 'flood',
              instanceId,
              cold: false,
              startTime: base,
            },
          },
          '*',
        );
        const levels = ['INFO', 'DEBUG', 'WARN', 'ERROR'];
        for (let chunk = 0; chunk < total; chunk += 10_000) {
          const records = [];
          for (let i = chunk; i < chunk + 10_000; i++) {
            const level = levels[i % 4];
            const time = new Date(base + i).toISOString();
            const message =
              i % 97 === 0 ? JSON.stringify({ line: i, ok: true }) : `line ${i} of the flood`;
            records.push({
              time: base + i,
              functionName: 'flood',
              instanceId,
              requestId,
              source: 'function',
              level,
              text: `${time}\t${requestId}\t${level}\t${message}`,
            });
          }
          page.postMessage({ type: 'logRecords', records }, '*');
        }
      },
      { base: BASE, total: 100_000 },
    );
    await panel.settle();
    const row = panel.page.locator('.row.invocation');
    assert.equal((await row.locator('.count-badge').innerText()).trim(), '100000');
    const expandStarted = Date.now();
    await row.click();
    await panel.settle();
    const expandMs = Date.now() - expandStarted;
    const rendered = await panel.page.locator('.row.line').count();
    assert.ok(rendered > 0 && rendered < 500, `${rendered} line rows in the DOM`);
    await panel.page.locator('.grid').focus();
    await panel.page.keyboard.press('End');
    await panel.settle();
    await panel.settle();
    const last = (await lineTexts(panel)).at(-1);
    assert.equal(last?.text, 'line 99999 of the flood');
    assert.ok(
      await panel.page.locator('.row.line.focused').isVisible(),
      'the last line is in view',
    );
    const box = await panel.page.locator('.row.line.focused').boundingBox();
    assert.ok(box && box.y + box.height <= 700, 'the last line is inside the viewport');
    assert.ok((await panel.page.locator('.row.line').count()) < 500);
    // Scrolling back to the top with the scrollbar shows the first lines.
    await panel.page.locator('.grid').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await panel.settle();
    assert.match((await lineTexts(panel))[0]?.text ?? '', /^\{\n {2}"line": 0/);
    const textFilterStarted = Date.now();
    await panel.page.locator('.filter-text').fill('line 4242 of');
    await panel.page.waitForTimeout(200);
    await panel.settle();
    assert.deepEqual(
      (await lineTexts(panel)).map((l) => l.text),
      ['line 4242 of the flood'],
    );
    console.log(
      `# 100,000 lines: fed+drawn in ${expandStarted - started} ms, expanded in ${expandMs} ms, filtered in ${Date.now() - textFilterStarted} ms`,
    );
  });

  it('caps its records as the host configures, dropping the oldest', async () => {
    const panel = await open();
    const requestId = 'cafe0000-0000-4000-8000-000000000002';
    const instanceId = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
    const records = Array.from({ length: 1500 }, (_, i) => ({
      time: BASE + i,
      functionName: 'capped',
      instanceId,
      requestId,
      source: 'stdout' as const,
      level: undefined,
      text: `raw ${i}`,
    }));
    const messages: ToPanelEvent[] = [
      { type: 'config', maxRecords: 1000 },
      {
        type: 'invocationStarted',
        invocation: { requestId, functionName: 'capped', instanceId, cold: false, startTime: BASE },
      },
      { type: 'logRecords', records },
    ];
    await panel.send({ type: 'batch', messages });
    const badge = Number(await panel.page.locator('.count-badge').innerText());
    assert.ok(badge <= 1000 && badge >= 900, `${badge} records kept`);
    assert.match(await panel.page.locator('.counts').innerText(), /oldest dropped/);
    await panel.page.locator('.export-log').click();
    const exported = await lastPosted(panel);
    assert.ok(
      exported?.type === 'exportLog' &&
        exported.text.endsWith('raw 1499\n') &&
        !exported.text.startsWith('raw 0\n'),
    );
  });

  it('takes screenshots in the dark and the light theme', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const panel = await withSession({ theme, height: 900, running: true, now: BASE + 9000 });
      await invocationRow(panel, REQ.coldOk).click();
      await invocationRow(panel, REQ.coldError).click();
      await panel.page.waitForTimeout(150);
      await panel.page.locator('.filter-text').focus();
      await invocationRow(panel, REQ.warmOk).hover();
      await panel.settle();
      const file = await panel.screenshot(`log-panel-${theme}.png`);
      console.log(`# screenshot: ${path.relative(process.cwd(), file)}`);
      const background = await panel.page.evaluate(() => {
        const page = globalThis as unknown as {
          getComputedStyle(el: unknown): { backgroundColor: string };
          document: { body: unknown };
        };
        return page.getComputedStyle(page.document.body).backgroundColor;
      });
      assert.equal(
        background,
        theme === 'dark' ? 'rgb(24, 24, 24)' : 'rgb(248, 248, 248)',
        'panel.background',
      );
    }
  });
});
