// The README's tour must stay true: every CLI command it shows (in ```sh blocks) runs as written
// from the folder the tour is in, and succeeds (or fails the way the text says it does).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'orders');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Commands of the sh blocks that run the CLI, with the folder they run in. */
function tourCommands(): Array<{ command: string; cwd: string }> {
  const commands: Array<{ command: string; cwd: string }> = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let cwd = ROOT;
    for (const raw of block[1]!.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (line === 'cd examples/orders') cwd = EXAMPLE;
      if (!/dist\/cli\.js/.test(line) || line.includes('start-lambda') || line.endsWith('\\'))
        continue;
      commands.push({ command: line, cwd });
    }
  }
  return commands;
}

describe('README tour', () => {
  const commands = tourCommands();
  it('shows CLI commands to run', () =>
    assert.ok(commands.length >= 8, `${commands.length} commands`));
  for (const { command, cwd } of commands) {
    it(`runs: ${command}`, () => {
      const result = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', timeout: 60_000 });
      // The tour shows one deliberate function error (the invalid quantity); everything else succeeds.
      const expected = command.includes('invalid-quantity') ? 1 : 0;
      assert.equal(result.status, expected, `${command}\n${result.stderr}`);
      assert.ok(result.stdout.length > 0, 'prints something on stdout');
    });
  }
});
