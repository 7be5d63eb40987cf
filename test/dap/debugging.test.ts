// The `lambda` debug adapter driven as VS Code drives it (issue #4): DebugClient against
// dist/debug-adapter.js, with FakeJsDebug (a CDP client) attaching where the extension would
// start js-debug on `lambda/attachRequested`. Build first: `node build.mjs`.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { CdpConnection } from '../../debug-adapter/emulator/inspector/cdpConnection';
import type { AttachRequestedEvent } from '../../debug-adapter/protocol/dap';
import { FakeJsDebug, SourceMap } from '../helpers/cdp';
import { LambdaDapClient } from '../helpers/dapClient';
import { waitForExit } from '../helpers/processes';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'dap');
const JS_DIR = path.join(FIXTURES, 'js');
const JS_FILE = path.join(JS_DIR, 'remaining.js');
const TS_DIR = path.join(FIXTURES, 'ts');
const TS_FILE = path.join(TS_DIR, 'app.ts');
/** Lines of the fixtures (1-based). */
const JS_TOP_LEVEL_LINE = 2;
const JS_HANDLER_LINE = 4;
const TS_HANDLER_LINE = 7;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lambda debug adapter: debugging', () => {
  const clients: LambdaDapClient[] = [];
  const debuggers: FakeJsDebug[] = [];

  async function start(): Promise<LambdaDapClient> {
    const client = new LambdaDapClient();
    clients.push(client);
    await client.start();
    return client;
  }

  async function attach(event: AttachRequestedEvent): Promise<FakeJsDebug> {
    const debuggerClient = await FakeJsDebug.attach(event.inspectorUrl);
    debuggers.push(debuggerClient);
    return debuggerClient;
  }

  afterEach(async () => {
    for (const debuggerClient of debuggers.splice(0)) debuggerClient.close();
    for (const client of clients.splice(0)) {
      const pids = client.pids;
      await client.stop();
      // Stop leaves no process behind, paused ones included.
      await waitForExit(pids);
      assert.doesNotMatch(client.stderr, /\] error /, 'no error-level diagnostics');
    }
  });

  it('holds the module until the debugger attaches, then hits a top-level and a handler breakpoint in a .js file', async () => {
    const client = await start();
    await client.launch({
      handler: 'remaining.handler',
      codeUri: JS_DIR,
      event: { name: 'js' },
      timeout: 3,
    });
    const attachRequest = await client.waitFor('lambda/attachRequested');
    assert.equal(
      client.reverseRequests.length,
      0,
      'no startDebugging reverse request: VS Code cannot start pwa-node that way',
    );
    const config = attachRequest.attachConfig;
    assert.equal(config.type, 'pwa-node');
    assert.equal(config.request, 'attach');
    assert.equal(config.address, '127.0.0.1');
    assert.equal(config.port, attachRequest.inspectorPort);
    assert.ok(config.port > 0);
    assert.equal(config.continueOnAttach, true);
    assert.equal(config.__lambdaInstanceId, attachRequest.instanceId);
    assert.ok(
      config.resolveSourceMapLocations.at(-1)!.endsWith('/node_modules/.cache/lambda-workbench/**'),
    );

    const js = await attach(attachRequest);
    await js.setBreakpoint(JS_FILE, JS_TOP_LEVEL_LINE);
    await js.setBreakpoint(JS_FILE, JS_HANDLER_LINE);
    await js.release();
    const topLevel = await js.waitPaused();
    assert.equal(topLevel.line, JS_TOP_LEVEL_LINE);
    assert.ok(topLevel.url.endsWith('remaining.js'), topLevel.url);
    await js.resume();
    const inHandler = await js.waitPaused();
    assert.equal(inHandler.line, JS_HANDLER_LINE);
    await js.resume();

    const ended = await client.waitFor('lambda/invocationEnded');
    assert.equal(ended.status, 'success');
    assert.equal(JSON.parse(ended.payload).greeting, 'hello js');
    // The bootstrap's console writes to the telemetry fd, never through the inspector's console,
    // so js-debug prints nothing of its own and each line appears once in the Debug Console.
    assert.equal(js.consoleCalls.length, 0);
    await client.waitForEvent('output', (body) =>
      /Response for RequestId/.test((body as { output: string }).output),
    );
    const output = client.output;
    assert.equal(
      output.split('\tgreeting hello js').length,
      2,
      'the console line appears exactly once',
    );
    assert.doesNotMatch(
      output,
      /Debugger (listening|attached)/,
      'inspector notices are not Lambda logs',
    );
  });

  it('does not time out while paused, and getRemainingTimeInMillis leaves the pause out', async () => {
    const client = await start();
    await client.launch({
      handler: 'remaining.handler',
      codeUri: JS_DIR,
      event: { name: 'pause' },
      timeout: 1,
    });
    const js = await attach(await client.waitFor('lambda/attachRequested'));
    await js.setBreakpoint(JS_FILE, JS_HANDLER_LINE);
    await js.release();
    assert.equal((await js.waitPaused()).line, JS_HANDLER_LINE);
    await sleep(2000); // twice the timeout
    await js.resume();

    const ended = await client.waitFor('lambda/invocationEnded');
    assert.equal(ended.status, 'success', JSON.stringify(ended.error));
    assert.ok(ended.endTime - ended.startTime >= 2000, 'the invocation did last through the pause');
    const { remaining } = JSON.parse(ended.payload) as { remaining: number };
    const expected = 1000 - ended.metrics.durationMs;
    assert.ok(
      Math.abs(remaining - expected) <= 100,
      `remaining ${remaining} ms, expected about ${expected.toFixed(0)} ms`,
    );
    assert.ok(ended.metrics.durationMs < 1000, 'REPORT counts running time only');
  });

  it('leaves earlier pauses of the process out of a later invocation’s remaining time', async () => {
    const client = await start();
    await client.launch({
      handler: 'remaining.handler',
      codeUri: JS_DIR,
      event: { name: 'first' },
      timeout: 1,
    });
    const js = await attach(await client.waitFor('lambda/attachRequested'));
    await js.setBreakpoint(JS_FILE, JS_HANDLER_LINE);
    await js.release();
    for (const name of ['first', 'second']) {
      const invoked =
        name === 'second' ? client.request('lambda/invoke', { event: { name } }) : undefined;
      await js.waitPaused();
      await sleep(1200);
      await js.resume();
      const ended = await client.waitFor(
        'lambda/invocationEnded',
        (event) => JSON.parse(event.payload).greeting === `hello ${name}`,
      );
      await invoked;
      const { remaining } = JSON.parse(ended.payload) as { remaining: number };
      const expected = 1000 - ended.metrics.durationMs;
      assert.equal(ended.status, 'success');
      assert.ok(
        Math.abs(remaining - expected) <= 100,
        `${name}: remaining ${remaining} ms, expected about ${expected.toFixed(0)} ms`,
      );
    }
  });

  it('binds a breakpoint in a .ts handler through its source map', async () => {
    const client = await start();
    await client.launch({ handler: 'app.handler', codeUri: TS_DIR, event: { name: 'ts' } });
    const attachRequest = await client.waitFor('lambda/attachRequested');
    // js-debug finds the compiled file through outFiles; it exists before the process loads it.
    const compiled = path.join(TS_DIR, 'node_modules', '.cache', 'lambda-workbench', 'app.cjs');
    assert.ok(
      attachRequest.attachConfig.outFiles.some((glob) =>
        glob.includes('/node_modules/.cache/lambda-workbench/'),
      ),
    );
    const map = SourceMap.read(compiled);
    assert.ok(map.sources.includes(TS_FILE), `map sources: ${map.sources.join(', ')}`);
    const generated = map.generatedFor(TS_FILE, TS_HANDLER_LINE);

    const js = await attach(attachRequest);
    await js.setBreakpoint(compiled, generated.line);
    await js.release();
    const pause = await js.waitPaused();
    assert.ok(pause.url.endsWith('app.cjs'), pause.url);
    const original = map.originalFor(pause.line, pause.column);
    assert.deepEqual(original, { source: TS_FILE, line: TS_HANDLER_LINE });
    await js.resume();

    const ended = await client.waitFor('lambda/invocationEnded');
    assert.equal(ended.status, 'success');
    assert.deepEqual(JSON.parse(ended.payload), { greeting: 'hello ts' });
  });

  it('lets the wall clock rule with pauseTimeoutWhileDebugging: false', async () => {
    const client = await start();
    await client.launch({
      handler: 'remaining.handler',
      codeUri: JS_DIR,
      event: { name: 'wall' },
      timeout: 1,
      pauseTimeoutWhileDebugging: false,
    });
    const js = await attach(await client.waitFor('lambda/attachRequested'));
    await js.setBreakpoint(JS_FILE, JS_HANDLER_LINE);
    await js.release();
    await js.waitPaused();
    const ended = await client.waitFor('lambda/invocationEnded', () => true, 5000);
    assert.equal(ended.status, 'timeout');
    assert.equal(ended.error?.errorType, 'Sandbox.Timedout');
    await client.waitForEvent('output', (body) =>
      /Function error \(Sandbox\.Timedout\)/.test((body as { output: string }).output),
    );
  });

  it('resumes an instance its debugger left paused (lambda/debuggerDetached)', async () => {
    const client = await start();
    await client.launch({
      handler: 'remaining.handler',
      codeUri: JS_DIR,
      event: { name: 'detach' },
    });
    const attachRequest = await client.waitFor('lambda/attachRequested');
    const js = await attach(attachRequest);
    await js.setBreakpoint(JS_FILE, JS_HANDLER_LINE);
    await js.release();
    await js.waitPaused();
    js.close();
    // V8 stays paused for the observer's sake until the adapter hears the debugger has gone.
    await sleep(300);
    assert.equal(client.all('lambda/invocationEnded').length, 0);
    const response = await client.request('lambda/debuggerDetached', {
      instanceId: attachRequest.instanceId,
      inspectorPort: attachRequest.inspectorPort,
    });
    assert.equal(response.success, true);
    assert.deepEqual(response.body, { released: true });
    const ended = await client.waitFor('lambda/invocationEnded');
    assert.equal(ended.status, 'success');
  });

  it('does not stop at a debugger statement when only the observer watches', async () => {
    const client = await start();
    await client.launch({
      handler: 'debuggerStatement.handler',
      codeUri: JS_DIR,
      event: {},
      timeout: 2,
    });
    const attachRequest = await client.waitFor('lambda/attachRequested');
    // A debugger with no Debugger domain: it only releases the process.
    const bare = await CdpConnection.connect(attachRequest.inspectorUrl);
    try {
      await bare.send('Runtime.runIfWaitingForDebugger');
      const ended = await client.waitFor('lambda/invocationEnded', () => true, 5000);
      assert.equal(ended.status, 'success');
      assert.ok(ended.metrics.durationMs < 1000);
    } finally {
      bare.close();
    }
  });

  it('does not time out the init retry while its debugger attaches', async () => {
    const client = await start();
    await client.launch({ handler: 'initError.handler', codeUri: JS_DIR, event: {}, timeout: 1 });
    const first = await client.waitFor('lambda/attachRequested');
    await (await attach(first)).release();
    // Lambda retries a failed init within the invocation; the new process waits for a debugger
    // longer than the function's timeout.
    const second = await client.waitFor(
      'lambda/attachRequested',
      (event) => event.pid !== first.pid,
    );
    await sleep(1500);
    await (await attach(second)).release();
    const ended = await client.waitFor('lambda/invocationEnded');
    assert.equal(ended.status, 'error');
    assert.equal(ended.error?.errorType, 'Error');
    assert.equal(ended.error?.errorMessage, 'init failed');
  });

  it('gives each concurrent instance its own attach request and stops them all on disconnect', async () => {
    const client = await start();
    await client.launch({ handler: 'remaining.handler', codeUri: JS_DIR });
    const endpoint = await client.waitFor('lambda/endpoint');
    // Two invocations at once: one from the session's Invoke API, one from lambda/invoke.
    const viaHttp = fetch(
      `${endpoint.url}/2015-03-31/functions/${endpoint.functionName}/invocations`,
      {
        method: 'POST',
        body: JSON.stringify({ name: 'http' }),
      },
    ).then(
      (response) => response.status,
      (error: Error) => error,
    );
    const viaDap = client.request('lambda/invoke', { event: { name: 'dap' } });
    await client.waitFor('lambda/attachRequested');
    await client.waitFor(
      'lambda/attachRequested',
      (event) => event.instanceId !== client.all('lambda/attachRequested')[0]!.instanceId,
    );
    const requests = client.all('lambda/attachRequested');
    assert.equal(new Set(requests.map((event) => event.inspectorPort)).size, 2);
    for (const request of requests) {
      const js = await attach(request);
      await js.setBreakpoint(JS_FILE, JS_HANDLER_LINE);
      await js.release();
      await js.waitPaused();
    }
    // Both are paused at the breakpoint; stopping the session must end both processes
    // (afterEach checks every pid), and the pending requests still get answers.
    const pids = client.pids;
    assert.equal(pids.length, 2);
    await client.stop();
    await waitForExit(pids);
    // The session's end drops the Invoke API's connections; the DAP answer may still arrive.
    const [httpOutcome] = await Promise.all([viaHttp, Promise.race([viaDap, sleep(500)])]);
    assert.ok(httpOutcome instanceof Error || typeof httpOutcome === 'number');
  });
});
