// Golden files (house-style.md principle 16): compare after normalising only ids, times and
// durations; UPDATE_GOLDENS=1 rewrites them and review happens in the diff.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Replaces request ids, instance ids, timestamps, durations, memory figures and local paths, and
 * drops stack frames outside the fixtures (runtime and Node internals differ by machine).
 */
export function normalise(text: string, replacements: Record<string, string> = {}): string {
  let out = text;
  for (const [from, to] of Object.entries(replacements)) out = out.split(from).join(to);
  return out
    .replace(/,"    at [^"]*"/g, (frame) => (frame.includes('<fixtures>') ? frame : ''))
    .replace(UUID, '<request-id>')
    .replace(/\[\$LATEST\][0-9a-f]{32}/g, '[$LATEST]<instance-id>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
    .replace(/(Duration|Init Duration): \d+\.\d{2} ms/g, '$1: <ms> ms')
    .replace(/Billed Duration: \d+ ms/g, 'Billed Duration: <ms> ms')
    .replace(/Max Memory Used: \d+ MB/g, 'Max Memory Used: <mb> MB')
    .replace(/runtime:[0-9a-f]{64}/g, 'runtime:<hex>')
    .replace(/:\d+:\d+\)/g, ':<line>:<col>)')
    .replace(/after \d+\.\d{2} seconds/g, 'after <s> seconds');
}

export function assertGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDENS === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDENS !== '1' && process.env.CI) {
      assert.fail(`golden file ${file} was missing; it has been written, commit it`);
    }
    return;
  }
  assert.equal(
    actual,
    fs.readFileSync(file, 'utf8'),
    `golden mismatch: ${file} (UPDATE_GOLDENS=1 to rewrite)`,
  );
}
