// How the E2E run reports: one line per test as it ends, then the failures again with their
// errors, then the closing `N passed, N failed` line that CI reads.

export interface TestResult {
  /** `ui` (Playwright steps) or `host` (mocha in the extension host). */
  suite: string;
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export class Report {
  readonly results: TestResult[] = [];

  add = (result: TestResult): void => {
    this.results.push(result);
    const mark = result.ok ? 'ok  ' : 'FAIL';
    console.log(`${mark} [${result.suite}] ${result.name} (${(result.ms / 1000).toFixed(1)} s)`);
    if (result.error) console.log(`       ${result.error.split('\n').join('\n       ')}`);
  };

  /** Prints the summary and returns the exit code. */
  finish(): number {
    const failed = this.results.filter((result) => !result.ok);
    const passed = this.results.length - failed.length;
    if (failed.length) {
      console.log('\nFailed:');
      for (const result of failed)
        console.log(
          `  [${result.suite}] ${result.name}\n      ${(result.error ?? '').split('\n')[0]}`,
        );
    }
    console.log(`\n${passed} passed, ${failed.length} failed`);
    return failed.length === 0 && passed > 0 ? 0 : 1;
  }
}
