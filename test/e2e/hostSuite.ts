// Runs the extension-host mocha suite (test/e2e/host/) inside code-server's Node extension host.
// code-server started with `--vscode-option enable-smoke-test-driver` lets the page's `payload`
// parameter load a development extension (extensionDevelopmentPath) and run our tests
// (extensionTestsPath); the development extension is a stub (host/harness), so Lambda Workbench is
// the VSIX installed in the profile, as a user has it. The workbench forwards the host's console to `window.codeAutomationLog`
// and the exit code to `window.codeAutomationExit`, which we expose with Playwright.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../../scripts/e2e/env.mjs';
import type { Browser } from '../../scripts/e2e/workbench';
import type { TestResult } from './report';

const SOURCE = path.join(ROOT, 'test', 'e2e', 'host');
/** Inside the repo so the bundles resolve `mocha` from its node_modules. */
export const HOST_BUNDLE_DIR = path.join(ROOT, '.e2e', 'host-suite');

/** Bundles the suite: one file per entry, `vscode` and `mocha` left to the extension host. */
export async function buildHostSuite(files: string[]): Promise<void> {
  await esbuild.build({
    entryPoints: files.map((file) => path.join(SOURCE, file)),
    outdir: HOST_BUNDLE_DIR,
    outbase: SOURCE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

export interface HostRun {
  browser: Browser;
  /** The running code-server (started with smokeTestDriver). */
  server: { port: number; folderUrl(dir: string, query?: Record<string, string>): string };
  workspace: string;
  /** `trusted` or `untrusted`: which test files run (see host/index.ts). */
  suite: string;
  /** Where the extension host's forwarded console goes. */
  logFile: string;
  report: (result: TestResult) => void;
  timeoutMs?: number;
}

/** Runs one suite in a fresh page; every mocha test becomes a result. */
export async function runHostSuite(run: HostRun): Promise<void> {
  const started = Date.now();
  const authority = `127.0.0.1:${run.server.port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${path.join(SOURCE, 'harness')}`],
    ['extensionTestsPath', `vscode-remote://${authority}${path.join(HOST_BUNDLE_DIR, 'index')}`],
    ['extensionEnvironment', JSON.stringify({ LAMBDA_E2E_HOST_SUITE: run.suite })],
  ];
  const page = run.browser.page;
  const results: TestResult[] = [];
  let exit: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  try {
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = args
        .map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)))
        .join(' ');
      for (const text of line.split('\n')) {
        const result = /^E2E-RESULT (.*)$/.exec(text);
        if (result) {
          const parsed = JSON.parse(result[1]!) as Omit<TestResult, 'suite'>;
          results.push({ ...parsed, suite: `host:${run.suite}` });
          run.report({ ...parsed, suite: `host:${run.suite}` });
        } else {
          fs.appendFileSync(run.logFile, `${text}\n`);
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.goto(run.server.folderUrl(run.workspace, { payload: JSON.stringify(payload) }));
    const timeoutMs = run.timeoutMs ?? 180_000;
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
      ),
    ]);
    clearTimeout(timer);
    if (code === 'timeout') {
      run.report({
        suite: `host:${run.suite}`,
        name: 'the suite finishes',
        ok: false,
        ms: Date.now() - started,
        error: `no exit after ${timeoutMs / 1000} s`,
      });
    } else if (code !== 0 && !results.some((result) => !result.ok)) {
      run.report({
        suite: `host:${run.suite}`,
        name: 'the suite runs',
        ok: false,
        ms: Date.now() - started,
        error: `the extension host exited with ${code} before reporting a failed test`,
      });
    } else if (results.length === 0) {
      run.report({
        suite: `host:${run.suite}`,
        name: 'the suite runs tests',
        ok: false,
        ms: Date.now() - started,
        error: 'no test reported a result',
      });
    }
  } finally {
    await page.goto('about:blank').catch(() => undefined);
  }
}
