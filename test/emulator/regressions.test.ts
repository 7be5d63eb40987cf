// Regressions from the review of the instance process handling: each case broke once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Emulator } from '../../debug-adapter/emulator/emulator';
import { logText } from '../../debug-adapter/emulator/logs/tail';
import { isAlive, waitForExit } from '../helpers/processes';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'handlers', 'emulator');

describe('emulator regressions', () => {
  let emulator: Emulator;
  const pids = new Set<number | undefined>();
  before(() => {
    emulator = new Emulator({ hostEnv: { PATH: process.env.PATH }, initTimeoutMs: 500 });
    emulator.onInstanceStarted((event) => pids.add(event.pid));
  });
  after(async () => {
    await emulator.dispose();
    await waitForExit([...pids]);
  });

  it('a failed first init does not get the retried, healthy process killed later', async () => {
    emulator.defineFunction({
      name: 'flaky',
      handler: 'flaky.handler',
      codeUri: FIXTURES,
      timeout: 6,
    });
    const result = await emulator.invoke('flaky', '{"ms":2500}');
    assert.equal(result.payload.toString(), '"survived"', result.payload.toString());
    assert.match(
      logText(result.logs),
      /INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Error/,
    );
  });

  it('an init that outlives the INIT limit is a timeout, not an exit', async () => {
    emulator.defineFunction({
      name: 'slowInit',
      handler: 'slowInit.handler',
      codeUri: FIXTURES,
      timeout: 1,
    });
    const result = await emulator.invoke('slowInit', '{}');
    assert.equal(result.error?.errorType, 'Sandbox.Timedout');
    const text = logText(result.logs);
    assert.match(text, /INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: timeout\n/);
    assert.match(text, /INIT_REPORT Init Duration: [\d.]+ ms\tPhase: invoke\tStatus: timeout\n/);
    assert.doesNotMatch(text, /Runtime\.ExitError/);
  });

  it('refuses a streamed response over the limit instead of cutting a hole in it', async () => {
    emulator.defineFunction({ name: 'bigStream', handler: 'extras.bigStream', codeUri: FIXTURES });
    const result = await emulator.invoke('bigStream', '{}');
    assert.equal(result.error?.errorType, 'Function.ResponseSizeTooLarge');
  });

  it('kills the processes a handler started when the invocation times out', async () => {
    emulator.defineFunction({
      name: 'grandchild',
      handler: 'extras.grandchild',
      codeUri: FIXTURES,
      timeout: 1,
    });
    const result = await emulator.invoke('grandchild', '{}');
    assert.equal(result.status, 'timeout');
    const pid = Number(/grandchild (\d+)/.exec(logText(result.logs))?.[1]);
    assert.ok(pid > 0);
    await waitForExit([pid], 3000);
  });

  it('keeps UTF-8 characters whole across pipe reads', async () => {
    emulator.defineFunction({ name: 'euro', handler: 'extras.euro', codeUri: FIXTURES });
    const result = await emulator.invoke('euro', '{}');
    const line = result.logs.find((record) => record.source === 'stdout')!;
    assert.equal(line.text, '€'.repeat(100000));
  });

  it("names signals in Lambda's words", async () => {
    emulator.defineFunction({ name: 'sigterm', handler: 'extras.sigterm', codeUri: FIXTURES });
    const result = await emulator.invoke('sigterm', '{}');
    assert.equal(
      result.error?.errorMessage,
      `RequestId: ${result.requestId} Error: Runtime exited with error: signal: terminated`,
    );
  });

  it('picks up code in a folder that was deleted and made again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-watch-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'a.js'), "exports.handler = async () => 'v1';\n");
      emulator.defineFunction({ name: 'rewatch', handler: 'src/a.handler', codeUri: dir });
      assert.equal((await emulator.invoke('rewatch', '{}')).payload.toString(), '"v1"');
      fs.rmSync(path.join(dir, 'src'), { recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'a.js'), "exports.handler = async () => 'v2';\n");
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await emulator.invoke('rewatch', '{}')).payload.toString(), '"v2"');
      fs.writeFileSync(path.join(dir, 'src', 'a.js'), "exports.handler = async () => 'v3';\n");
      let value = '';
      for (let attempt = 0; attempt < 40 && value !== '"v3"'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        value = (await emulator.invoke('rewatch', '{}')).payload.toString();
      }
      assert.equal(value, '"v3"', 'edits after the re-creation are seen too');
    } finally {
      await emulator.removeFunction('rewatch');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('emulator lifetime', () => {
  /** Runs a script in a fresh Node process (so its exit and its children can be watched). */
  function host(script: string): ReturnType<typeof spawn> {
    return spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  }

  it('kills frozen instances when the emulator is killed hard', async () => {
    const child = host(`
      const { Emulator } = require('./debug-adapter/emulator/emulator');
      const e = new Emulator({ hostEnv: { PATH: process.env.PATH } });
      e.defineFunction({ name: 'p', handler: 'extras.pid', codeUri: ${JSON.stringify(FIXTURES)} });
      e.invoke('p', '{}').then((r) => console.log('PID ' + r.payload.toString()));
    `);
    const pid = await new Promise<number>((resolve) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /PID (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
    });
    assert.ok(isAlive(pid), 'the instance is up (frozen)');
    child.kill('SIGKILL');
    await waitForExit([pid], 5000);
  });

  it('leaves nothing behind when disposed during concurrent cold starts of a TypeScript function', async () => {
    const started = Date.now();
    const child = host(`
      const { Emulator } = require('./debug-adapter/emulator/emulator');
      const e = new Emulator({ hostEnv: { PATH: process.env.PATH } });
      e.defineFunction({ name: 'ts', handler: 'ts/app.handler', codeUri: ${JSON.stringify(FIXTURES)} });
      for (let i = 0; i < 3; i++) e.invoke('ts', '{"id":"x","quantity":1}').catch(() => {});
      setTimeout(() => e.dispose().then(() => console.log('DISPOSED')), 20);
    `);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 15000, 'the host exits by itself once disposed');
  });
});
