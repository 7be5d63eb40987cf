// Entry of the extension-host suite (issue #7, part 3): VS Code loads this module in its Node
// extension host (code-server's, through the smoke-test driver) and awaits run(). It runs the
// mocha files beside it that belong to the requested suite and prints each result as one
// `E2E-RESULT` JSON line, which test/e2e/run.ts reads from the forwarded console.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

/** Which files run: `trusted` (the default) or `untrusted` (a workspace without trust). */
const SUITE = process.env.LAMBDA_E2E_HOST_SUITE ?? 'trusted';

export async function run(): Promise<void> {
  // The console is forwarded argument by argument, unformatted: format mocha's lines ourselves.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(util.format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .filter((file) => file.startsWith('untrusted') === (SUITE === 'untrusted'));
  for (const file of files.sort()) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => {
      console.log(
        `E2E-RESULT ${JSON.stringify({ name: test.fullTitle(), ok: true, ms: test.duration ?? 0 })}`,
      );
    });
    runner.on('fail', (test, error: Error) => {
      const result = {
        name: test.fullTitle(),
        ok: false,
        ms: test.duration ?? 0,
        error: error.stack ?? error.message,
      };
      console.log(`E2E-RESULT ${JSON.stringify(result)}`);
    });
  });
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
