// The living `lambda` session without the debugger (noDebug, Ctrl+F5): output events, custom
// events, more invocations from lambda/invoke and the session's Invoke API, restart, template
// launches and the threads/breakpoints answers VS Code relies on. Build first: `node build.mjs`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ErrorCode, type InvocationSummary } from '../../debug-adapter/protocol/dap';
import { ADAPTER, LambdaDapClient } from '../helpers/dapClient';
import { waitForExit } from '../helpers/processes';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'dap');
const JS_DIR = path.join(FIXTURES, 'js');

describe('lambda debug adapter: noDebug session', () => {
  let client: LambdaDapClient;

  before(async () => {
    client = new LambdaDapClient();
    await client.start();
    await client.launch({
      handler: 'remaining.handler',
      codeUri: JS_DIR,
      functionName: 'greeter',
      eventFile: path.join(FIXTURES, 'event.json'),
      envFile: path.join(FIXTURES, 'good.env'),
      noDebug: true,
    });
  });

  after(async () => {
    const pids = client.pids;
    await client.stop();
    await waitForExit(pids);
    assert.doesNotMatch(client.stderr, /\] error /, 'no error-level diagnostics');
  });

  it('runs the event at full speed, without an inspector or an attach request', async () => {
    const ended = await client.waitFor('lambda/invocationEnded');
    assert.equal(ended.status, 'success');
    assert.equal(ended.functionName, 'greeter');
    assert.equal(JSON.parse(ended.payload).greeting, 'hello from-file');
    assert.equal(client.all('lambda/attachRequested').length, 0);
    assert.equal(client.all('lambda/instanceStarted')[0]?.inspectorUrl, undefined);
  });

  it('prints START, the log line, END, REPORT and the pretty result as output events, in order', async () => {
    const ended = await client.waitFor('lambda/invocationEnded');
    await client.waitForEvent('output', (body) =>
      /Response for RequestId/.test((body as DebugProtocol.OutputEvent['body']).output),
    );
    const lines = client.outputEvents.map(([category, text]) => `${category}|${text}`);
    const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    const id = ended.requestId;
    const start = index(new RegExp(`^stdout\\|START RequestId: ${id} Version: \\$LATEST\\n$`));
    const log = index(new RegExp(`^stdout\\|\\S+\\t${id}\\tINFO\\tgreeting hello from-file\\n$`));
    const end = index(new RegExp(`^stdout\\|END RequestId: ${id}\\n$`));
    const report = index(
      new RegExp(
        `^stdout\\|REPORT RequestId: ${id}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB`,
      ),
    );
    const result = index(
      new RegExp(
        `^stdout\\|Response for RequestId: ${id}\\n\\{\\n  "greeting": "hello from-file",`,
      ),
    );
    assert.ok(
      start >= 0 && log > start && end > log && report > end && result > report,
      lines.join('\n'),
    );
    assert.match(
      client.output,
      /Invoke API for this session: http:\/\/127\.0\.0\.1:\d+ \(function greeter\)/,
    );
  });

  it('sends invocationStarted, log and invocationEnded custom events for the log panel', async () => {
    const ended = await client.waitFor('lambda/invocationEnded');
    const started = client
      .all('lambda/invocationStarted')
      .find((event) => event.requestId === ended.requestId);
    assert.ok(started);
    assert.equal(started.cold, true);
    assert.equal(started.payload.trim(), '{ "name": "from-file" }');
    const logs = client.all('lambda/log').filter((record) => record.requestId === ended.requestId);
    assert.deepEqual(
      logs.map((record) => record.source),
      ['platform', 'function', 'platform', 'platform'],
    );
    assert.ok(ended.metrics.billedDurationMs >= 1);
    assert.equal(ended.metrics.memorySizeMB, 128);
  });

  it('takes more invocations from lambda/invoke on the warm instance', async () => {
    const response = await client.request('lambda/invoke', { event: { name: 'again' } });
    assert.equal(response.success, true, response.message);
    const summary = response.body as InvocationSummary;
    assert.equal(summary.status, 'success');
    assert.equal(summary.cold, false);
    assert.equal(JSON.parse(summary.payload).greeting, 'hello again');
  });

  it('answers a handler failure as data and a refusal as an error response', async () => {
    const failure = await client.request('lambda/invoke', { event: null });
    assert.equal(failure.success, true);
    const summary = failure.body as InvocationSummary;
    assert.equal(summary.status, 'error');
    assert.equal(summary.error?.errorType, 'TypeError');
    await client.waitForEvent('output', (body) =>
      /^Function error \(TypeError\) for RequestId: /.test((body as { output: string }).output),
    );

    const refused = await client.request('lambda/invoke', { functionName: 'nope', event: {} });
    assert.equal(refused.success, false);
    assert.match(refused.message ?? '', /^ResourceNotFoundException: Function not found/);
  });

  it('serves the Invoke API for the user’s own code', async () => {
    const endpoint = await client.waitFor('lambda/endpoint');
    assert.equal(endpoint.functionName, 'greeter');
    const response = await fetch(`${endpoint.url}/2015-03-31/functions/greeter/invocations`, {
      method: 'POST',
      body: JSON.stringify({ name: 'sdk' }),
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { greeting: string }).greeting, 'hello sdk');
  });

  it('passes envFile variables to the function', async () => {
    const response = await client.request('lambda/invoke', { event: { name: 'env' } });
    assert.equal(response.success, true);
    assert.deepEqual(JSON.parse((response.body as InvocationSummary).payload).env, {
      GREETING: 'from env file',
    });
  });

  it('answers threads with an empty list and setBreakpoints with an empty array', async () => {
    const threads = await client.dc.threadsRequest();
    assert.deepEqual(threads.body, { threads: [] });
    const breakpoints = await client.dc.setBreakpointsRequest({
      source: { path: path.join(JS_DIR, 'remaining.js') },
      breakpoints: [{ line: 4 }],
    });
    assert.deepEqual(breakpoints.body, { breakpoints: [] });
    const evaluate = await client.request('evaluate', { expression: '1 + 1', context: 'repl' });
    assert.equal(evaluate.success, false);
    assert.match(evaluate.message ?? '', /child session/);
    assert.equal((evaluate as DebugProtocol.ErrorResponse).body.error?.id, ErrorCode.NotSupported);
  });

  it('restart recycles the instances and runs the launch event again on a new one', async () => {
    const before = client.all('lambda/invocationEnded').length;
    const firstInstances = new Set(
      client.all('lambda/instanceStarted').map((event) => event.instanceId),
    );
    const response = await client.request('restart', {});
    assert.equal(response.success, true, response.message);
    const ended = await client.waitFor(
      'lambda/invocationEnded',
      () => client.all('lambda/invocationEnded').length > before,
    );
    assert.equal(ended.cold, true);
    assert.ok(!firstInstances.has(ended.instanceId));
    assert.equal(JSON.parse(ended.payload).greeting, 'hello from-file');
  });
});

describe('lambda debug adapter: template launch', () => {
  it('runs a function of a SAM template by logical id, with launch overrides', async () => {
    const client = new LambdaDapClient();
    await client.start();
    try {
      await client.launch({
        template: path.join(FIXTURES, 'template.yaml'),
        functionId: 'RemainingFunction',
        event: { name: 'sam' },
        timeout: 2,
        noDebug: true,
      });
      const ended = await client.waitFor('lambda/invocationEnded');
      assert.equal(ended.functionName, 'remaining-fn');
      assert.equal(ended.status, 'success');
      const { remaining } = JSON.parse(ended.payload) as { remaining: number };
      assert.ok(remaining > 1000 && remaining <= 2000, `timeout override: remaining ${remaining}`);
      assert.deepEqual(JSON.parse(ended.payload).env, { FROM_TEMPLATE: 'yes' });
    } finally {
      const pids = client.pids;
      await client.stop();
      await waitForExit(pids);
    }
  });
});

describe('lambda debug adapter: restart', () => {
  it('rebuilds TypeScript, shared code outside codeUri included, so new code loads', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-dap-restart-'));
    const shared = path.join(root, 'shared', 'greet.ts');
    fs.mkdirSync(path.join(root, 'fn'));
    fs.mkdirSync(path.dirname(shared));
    fs.writeFileSync(shared, 'export const greet = (name: string): string => `hello ${name}`;\n');
    fs.writeFileSync(
      path.join(root, 'fn', 'app.ts'),
      "import { greet } from '../shared/greet';\nexport const handler = async (event: { name: string }) => greet(event.name);\n",
    );
    const client = new LambdaDapClient();
    await client.start();
    try {
      await client.launch({
        handler: 'app.handler',
        codeUri: path.join(root, 'fn'),
        event: { name: 'v1' },
        noDebug: true,
      });
      assert.equal((await client.waitFor('lambda/invocationEnded')).payload, '"hello v1"');
      // The code watcher sees codeUri only; restart must still pick the change up.
      fs.writeFileSync(
        shared,
        'export const greet = (name: string): string => `bonjour ${name}`;\n',
      );
      const response = await client.request('restart', {});
      assert.equal(response.success, true, response.message);
      const ended = await client.waitFor(
        'lambda/invocationEnded',
        (event) => event.payload !== '"hello v1"',
      );
      assert.equal(ended.payload, '"bonjour v1"');
    } finally {
      const pids = client.pids;
      await client.stop();
      await waitForExit(pids);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('lambda debug adapter: --server=PORT', () => {
  it('serves a session per connection and stops its instances when the client disconnects', async () => {
    const server = spawn(process.execPath, [ADAPTER, '--server=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let text = '';
        server.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          const match = /waiting for debug protocol on 127\.0\.0\.1:(\d+)/.exec(text);
          if (match) resolve(Number(match[1]));
        });
        server.once('exit', () => reject(new Error(`the adapter exited: ${text}`)));
      });
      const client = new LambdaDapClient();
      await client.start(port);
      await client.launch({
        handler: 'remaining.handler',
        codeUri: JS_DIR,
        event: { name: 'server' },
        noDebug: true,
      });
      const ended = await client.waitFor('lambda/invocationEnded');
      assert.equal(JSON.parse(ended.payload).greeting, 'hello server');
      const pids = client.pids;
      await client.stop();
      await waitForExit(pids);
      assert.equal(server.exitCode, null, 'the server outlives its sessions');
    } finally {
      server.kill();
    }
  });
});

describe('lambda debug adapter: process end', () => {
  it('stops its instances when VS Code terminates the adapter process (SIGTERM)', async () => {
    const client = new LambdaDapClient();
    await client.start();
    await client.launch({
      handler: 'remaining.handler',
      codeUri: JS_DIR,
      event: { name: 'sigterm' },
      noDebug: true,
    });
    await client.waitFor('lambda/invocationEnded');
    const pids = client.pids;
    assert.equal(pids.length, 1);
    const adapter = client.adapterProcess!;
    const exited = new Promise((resolve) => adapter.once('exit', resolve));
    adapter.kill('SIGTERM');
    await exited;
    await waitForExit(pids);
    await client.stop();
  });
});
