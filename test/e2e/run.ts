// `npm run test:e2e` (issue #7): the user's path in a real VS Code. Sets up code-server once per
// machine (scripts/e2e/setup.mjs), packages the extension and installs the VSIX into a private
// profile, copies examples/orders (plus test/e2e/fixtures/orders) into a temp folder, then runs:
//   1. the UI steps (test/e2e/ui.ts) in headless Chromium, as a user would;
//   2. the extension-host mocha suite (test/e2e/host/) in a trusted workspace;
//   3. its Workspace Trust part in a second code-server with trust on.
// Prints `N passed, N failed` last, exits non-zero on any failure, and ends every process it
// started. Artifacts (screenshots, failed pages, traces, logs) go to test-results/e2e/.
// Usage: npm run test:e2e [-- --only <text in a step name>] [-- --skip-ui] [-- --skip-host] [-- --keep]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  installExtension,
  makeProfile,
  startCodeServer,
  type CodeServer,
} from '../../scripts/e2e/codeServer.mjs';
import { ARTIFACTS, ROOT, VSIX } from '../../scripts/e2e/env.mjs';
import { setup } from '../../scripts/e2e/setup.mjs';
import { launchBrowser, Workbench, type Browser } from '../../scripts/e2e/workbench';
import { applyOverlay, copyExample } from '../../scripts/e2e/workspace.mjs';
import { buildHostSuite, runHostSuite } from './hostSuite';
import { Report } from './report';
import { runUiSteps } from './ui';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const keep = args.includes('--keep');

const report = new Report();
const servers: CodeServer[] = [];
const browsers: Browser[] = [];
let temp: string | undefined;

function phase(text: string): void {
  console.log(`\n== ${text}`);
}

/** A fresh copy of the example with the E2E additions (launch.json, a broken template). */
function workspace(name: string): string {
  const dir = copyExample('orders', path.join(temp!, name, 'orders'));
  applyOverlay(path.join(ROOT, 'test', 'e2e', 'fixtures', 'orders'), dir);
  return dir;
}

async function server(
  name: string,
  options: {
    folder: string;
    trust?: boolean;
    smokeTestDriver?: boolean;
    settings?: Record<string, unknown>;
    vsix?: boolean;
  },
): Promise<CodeServer> {
  const profile = makeProfile(path.join(temp!, name, 'profile'), options.settings);
  if (options.vsix) installExtension(profile, VSIX);
  const started = await startCodeServer({
    profile,
    folder: options.folder,
    trust: options.trust,
    smokeTestDriver: options.smokeTestDriver,
    logFile: path.join(temp!, name, 'code-server.log'),
    // What the server's processes leave in the temp folder (an emulator ended by our signal
    // keeps its instances' /tmp) goes with this run's folder.
    env: { TMPDIR: profile.tmp },
  });
  servers.push(started);
  return started;
}

/** Stops a server now (it would otherwise compete for the 2 cores with the next phase). */
async function stopServer(started: CodeServer): Promise<void> {
  servers.splice(servers.indexOf(started), 1);
  await started.stop();
}

async function main(): Promise<number> {
  const started = Date.now();
  phase('set-up');
  await setup();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-e2e-'));

  phase('package');
  fs.mkdirSync(path.dirname(VSIX), { recursive: true });
  const packaged = spawnSync(process.execPath, ['scripts/package.mjs', '--out', VSIX], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (packaged.status !== 0) {
    process.stdout.write(`${packaged.stdout}\n${packaged.stderr}`);
    throw new Error('npm run package failed');
  }
  console.log(packaged.stdout.trim().split('\n').at(-1));
  await buildHostSuite(
    fs.readdirSync(path.join(ROOT, 'test', 'e2e', 'host')).filter((file) => file.endsWith('.ts')),
  );

  // Each phase gets its own Chromium: VS Code relays file events to the extension host through
  // the page, and a page left behind by an earlier phase must not compete with it.
  const browser = async (): Promise<Browser> => {
    const launched = await launchBrowser();
    browsers.push(launched);
    return launched;
  };
  const closeBrowser = async (done: Browser): Promise<void> => {
    browsers.splice(browsers.indexOf(done), 1);
    await done.close();
  };

  if (!args.includes('--skip-ui')) {
    phase('the user path in VS Code (Playwright)');
    const folder = workspace('ui');
    const ui = await server('ui', { folder, vsix: true });
    const uiBrowser = await browser();
    const wb = new Workbench(uiBrowser.page);
    const opened = Date.now();
    try {
      await wb.open(ui.folderUrl(folder));
      await runUiSteps(
        { wb, page: uiBrowser.page, browser: uiBrowser, workspace: folder, artifacts: ARTIFACTS },
        report.add,
        only,
      );
    } catch (error) {
      await uiBrowser.page
        .screenshot({ path: path.join(ARTIFACTS, '00-workbench.FAILED.png') })
        .catch(() => undefined);
      report.add({
        suite: 'ui',
        name: 'the workbench opens',
        ok: false,
        ms: Date.now() - opened,
        error: (error as Error).message,
      });
    }
    await closeBrowser(uiBrowser);
    await stopServer(ui);
  }

  if (!args.includes('--skip-host')) {
    phase('extension-host tests (mocha in VS Code)');
    const trustedFolder = workspace('host');
    const trusted = await server('host', {
      folder: trustedFolder,
      smokeTestDriver: true,
      vsix: true,
    });
    const trustedBrowser = await browser();
    await runHostSuite({
      browser: trustedBrowser,
      server: trusted,
      workspace: trustedFolder,
      suite: 'trusted',
      report: report.add,
      logFile: path.join(ARTIFACTS, 'host-trusted.log'),
    });
    await closeBrowser(trustedBrowser);
    await stopServer(trusted);

    phase('extension-host tests in an untrusted workspace');
    const untrustedFolder = workspace('untrusted');
    const untrusted = await server('untrusted', {
      folder: untrustedFolder,
      smokeTestDriver: true,
      vsix: true,
      trust: true,
      settings: {
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
      },
    });
    const untrustedBrowser = await browser();
    await runHostSuite({
      browser: untrustedBrowser,
      server: untrusted,
      workspace: untrustedFolder,
      suite: 'untrusted',
      report: report.add,
      logFile: path.join(ARTIFACTS, 'host-untrusted.log'),
    });
    await closeBrowser(untrustedBrowser);
    await stopServer(untrusted);
  }
  console.log(
    `\ne2e run took ${Math.round((Date.now() - started) / 1000)} s; artifacts in ${path.relative(process.cwd(), ARTIFACTS)}/`,
  );
  return report.finish();
}

/** Ends the browsers and servers; keeps the logs of a failed run with the artifacts. */
async function cleanUp(failed: boolean): Promise<void> {
  for (const browser of browsers.splice(0)) await browser.close();
  for (const started of servers.splice(0)) await started.stop();
  if (!temp) return;
  if (failed) {
    for (const name of fs.readdirSync(temp)) {
      const dir = path.join(temp, name);
      const logs = path.join(ARTIFACTS, 'logs', name);
      if (fs.existsSync(path.join(dir, 'code-server.log'))) {
        fs.mkdirSync(logs, { recursive: true });
        fs.copyFileSync(path.join(dir, 'code-server.log'), path.join(logs, 'code-server.log'));
      }
      // VS Code's own logs, the extension's "Lambda Workbench" channel among them.
      const vscodeLogs = path.join(dir, 'profile', 'user-data', 'logs');
      if (fs.existsSync(vscodeLogs))
        fs.cpSync(vscodeLogs, path.join(logs, 'vscode'), { recursive: true });
    }
  }
  if (keep) console.log(`kept ${temp}`);
  else fs.rmSync(temp, { recursive: true, force: true });
}

let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${signal}: stopping code-server and Chromium`);
    void cleanUp(true).finally(() => process.exit(130));
  });
}

void main()
  .catch((error: Error) => {
    console.error(`\ne2e: ${error.message}`);
    report.add({
      suite: 'e2e',
      name: 'the run gets through set-up, packaging and start-up',
      ok: false,
      ms: 0,
      error: error.message,
    });
    return report.finish();
  })
  .then(async (code) => {
    await cleanUp(code !== 0);
    process.exit(code);
  });
