// F5 to paused on a breakpoint in a real VS Code (issue #7): code-server with the extension loaded
// from this checkout (dist/ from `npm run build`), a copy of examples/orders, a breakpoint in
// src/createOrder.ts, then F5 on its launch configuration until the editor shows the paused arrow,
// as the E2E suite drives it. The first run (js-debug and the TypeScript compile warming up) is
// shown apart; the figure is the median of the next five. Skips, saying why, when the real VS
// Code is not set up (`npm run e2e:setup`).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeProfile, startCodeServer, type CodeServer } from '../scripts/e2e/codeServer.mjs';
import { isInstalled, missingSystemPackages, ROOT } from '../scripts/e2e/env.mjs';
import { launchBrowser, Workbench, type Browser } from '../scripts/e2e/workbench';
import { copyExample } from '../scripts/e2e/workspace.mjs';
import { row } from './stats';

const RUNS = 5;

const LAUNCH = {
  version: '0.2.0',
  configurations: [
    {
      type: 'lambda',
      request: 'launch',
      name: 'Lambda: CreateOrder',
      template: '${workspaceFolder}/template.yaml',
      functionId: 'CreateOrder',
      eventFile: '${workspaceFolder}/events/CreateOrder/valid.json',
    },
  ],
};

/** One F5: milliseconds from the key press to the paused arrow on `line`, then Continue and stop. */
async function f5ToPaused(wb: Workbench, line: number): Promise<number> {
  const started = performance.now();
  await wb.page.keyboard.press('F5');
  const paused = await wb.waitPaused();
  const elapsed = performance.now() - started;
  if (paused !== line) throw new Error(`paused on line ${paused}, expected ${line}`);
  await wb.page.keyboard.press('F5');
  await wb.pausedGlyph.first().waitFor({ state: 'hidden' });
  await wb.stopDebugging();
  return elapsed;
}

export async function benchVsCode(): Promise<void> {
  console.log('\n## Real VS Code (code-server, headless Chromium)');
  const missing = missingSystemPackages();
  if (!isInstalled() || missing.length) {
    const why = missing.length ? `missing ${missing.join(', ')}` : 'code-server is not installed';
    console.log(`skipped: ${why} (run \`npm run e2e:setup\`)`);
    return;
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-bench-vscode-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const folder = copyExample('orders', path.join(temp, 'orders'));
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode', 'launch.json'), JSON.stringify(LAUNCH, null, 2));
    const source = fs.readFileSync(path.join(folder, 'src', 'createOrder.ts'), 'utf8').split('\n');
    const line = source.findIndex((text) => text.includes('console.log(')) + 1;

    const profile = makeProfile(path.join(temp, 'profile'));
    server = await startCodeServer({
      profile,
      folder,
      smokeTestDriver: true,
      logFile: path.join(temp, 'code-server.log'),
      env: { TMPDIR: profile.tmp },
    });
    // The payload loads the extension from this checkout, as "Run Extension" would.
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`],
    ];
    browser = await launchBrowser();
    const wb = new Workbench(browser.page);
    await wb.open(server.folderUrl(folder, { payload: JSON.stringify(payload) }));
    await wb.quickOpen('createOrder.ts');
    await wb.toggleBreakpoint(line);

    const first = await f5ToPaused(wb, line);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await f5ToPaused(wb, line));
    row('F5 to paused on a breakpoint, first run (cold)', [first]);
    row('F5 to paused on a breakpoint (createOrder.ts)', samples);
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
