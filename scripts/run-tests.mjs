// Runs every *.test.ts (beside the code and under test/, except test/e2e) with Node's own test
// runner, TypeScript loaded through tsx. Node 20's --test takes no globs, so we list the files.
// Usage: node scripts/run-tests.mjs [filter...]  (a filter keeps the files whose path contains it)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['debug-adapter', 'extension', 'test'];
const skip = new Set(['node_modules', 'dist', 'fixtures', 'e2e']);
const files = [];
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.test.ts')) files.push(path);
  }
}
for (const root of roots) walk(root);
const filters = process.argv.slice(2);
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected.sort()],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
