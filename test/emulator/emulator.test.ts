// The emulator facade end to end: real instance processes running our bootstrap against our
// Runtime API, driven as the CLI, the Invoke API and the debug adapter drive it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Emulator } from '../../debug-adapter/emulator/emulator';
import { EmulatorError } from '../../debug-adapter/emulator/errors';
import { ConfigError } from '../../debug-adapter/emulator/functionConfig';
import { logText } from '../../debug-adapter/emulator/logs/tail';
import type { InvocationResult, LogRecord } from '../../debug-adapter/protocol/lambda';
import { assertGolden, normalise } from '../helpers/golden';
import { waitForExit } from '../helpers/processes';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'emulator');
const GOLDEN = path.join(__dirname, 'golden');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are whatever the fixture returns
function json(result: InvocationResult): any {
  return JSON.parse(result.payload.toString('utf8'));
}

describe('Emulator', () => {
  let emulator: Emulator;
  const pids = new Set<number | undefined>();
  const streamed: LogRecord[] = [];

  before(() => {
    emulator = new Emulator({
      hostEnv: {
        PATH: process.env.PATH,
        AWS_ACCESS_KEY_ID: 'AKIDHOST',
        AWS_SECRET_ACCESS_KEY: 'secret',
        HOME: '/root',
        SECRET_HOST_VAR: 'leak',
      },
    });
    emulator.onInstanceStarted((event) => pids.add(event.pid));
    emulator.onLog((record) => streamed.push(record));
  });

  after(async () => {
    await emulator.dispose();
    await waitForExit([...pids]);
  });

  describe('function model', () => {
    const base = { name: 'fn', handler: 'index.handler', codeUri: FIXTURES };
    const bad: Array<[string, object, RegExp]> = [
      [
        'timeout',
        { timeout: 0 },
        /^timeout must be a whole number of seconds from 1 to 900; got 0\.$/,
      ],
      ['timeout', { timeout: 901 }, /got 901/],
      ['timeout', { timeout: 1.5 }, /got 1\.5/],
      [
        'memorySize',
        { memorySize: 64 },
        /^memorySize must be a whole number of MB from 128 to 10240; got 64\.$/,
      ],
      ['memorySize', { memorySize: 10241 }, /got 10241/],
      ['ephemeralStorage', { ephemeralStorage: 100 }, /from 512 to 10240/],
      ['reservedConcurrency', { reservedConcurrency: -1 }, /from 0 to 1000/],
      [
        'runtime',
        { runtime: 'python3.12' },
        /^runtime must be one of nodejs20\.x, nodejs22\.x, nodejs24\.x; got "python3\.12"\.$/,
      ],
      ['logFormat', { logFormat: 'XML' }, /Text or JSON/],
      [
        'applicationLogLevel',
        { applicationLogLevel: 'LOUD' },
        /TRACE, DEBUG, INFO, WARN, ERROR, FATAL/,
      ],
      ['name', { name: 'has space' }, /^name must be 1 to 64/],
      ['codeUri', { codeUri: 'relative/path' }, /absolute folder path/],
      [
        'environment.AWS_REGION',
        { environment: { AWS_REGION: 'x' } },
        /AWS_REGION is reserved by Lambda/,
      ],
      ['environment.1BAD', { environment: { '1BAD': 'x' } }, /start with a letter/],
      ['environment', { environment: { BIG: 'x'.repeat(5000) } }, /at most 4096/],
    ];
    for (const [field, patch, message] of bad) {
      it(`rejects a bad ${field} naming the field and the allowed values`, () => {
        assert.throws(
          () => emulator.defineFunction({ ...base, ...patch } as never),
          (error: unknown) =>
            error instanceof ConfigError && error.field === field && message.test(error.message),
        );
      });
    }

    it("applies Lambda's defaults", () => {
      const config = emulator.defineFunction({ ...base, name: 'defaults' });
      assert.deepEqual(
        [
          config.runtime,
          config.timeout,
          config.memorySize,
          config.ephemeralStorage,
          config.logFormat,
          config.reservedConcurrency,
        ],
        ['nodejs22.x', 3, 128, 512, 'Text', undefined],
      );
      assert.equal(config.arn, 'arn:aws:lambda:us-east-1:123456789012:function:defaults');
    });
  });

  describe('invocations', () => {
    before(() => {
      emulator.defineFunction({
        name: 'basic',
        handler: 'basic.handler',
        codeUri: FIXTURES,
        environment: { GREETING: 'hi' },
      });
    });

    it('runs cold, then warm with module state kept and the same process', async () => {
      const first = await emulator.invoke('basic', '{"n":1}');
      const second = await emulator.invoke('basic', '{"n":2}');
      assert.equal(first.status, 'success');
      assert.equal(first.cold, true);
      assert.equal(second.cold, false);
      assert.equal(first.instanceId, second.instanceId);
      assert.equal(json(first).count, 1);
      assert.equal(json(second).count, 2);
      assert.equal(json(first).pid, json(second).pid, 'no new process for a warm invocation');
      assert.ok(first.metrics.initDurationMs! > 0);
      assert.equal(second.metrics.initDurationMs, undefined);
      assert.equal(json(second).requestId, second.requestId);
      assert.equal(json(second).memoryLimitInMB, '128');
      assert.match(json(second).logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
      const remaining = json(second).remaining;
      assert.ok(remaining > 2500 && remaining <= 3000, `remaining time ${remaining}`);
      assert.ok(second.metrics.maxMemoryUsedMB > 10 && second.metrics.maxMemoryUsedMB < 128);
      assert.equal(second.metrics.memorySizeMB, 128);
    });

    it("gives the handler Lambda's environment, not the host's", async () => {
      const env = json(await emulator.invoke('basic', '{}')).env as Record<string, string>;
      assert.equal(env.GREETING, 'hi');
      assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'basic');
      assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
      assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
      assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/basic');
      assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs22.x');
      assert.equal(env._HANDLER, 'basic.handler');
      assert.equal(env.LAMBDA_TASK_ROOT, FIXTURES);
      assert.equal(env.AWS_REGION, 'us-east-1');
      assert.equal(env.TZ, ':UTC');
      assert.equal(env.AWS_ACCESS_KEY_ID, 'AKIDHOST', 'host credentials pass through');
      assert.match(
        env._X_AMZN_TRACE_ID ?? '',
        /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/,
      );
      assert.equal(env.SECRET_HOST_VAR, undefined, 'host variables do not leak');
      assert.equal(env.HOME, undefined);
      assert.equal(
        Object.keys(env).filter((key) => key.startsWith('_LAMBDA_')).length,
        0,
        'private variables are removed',
      );
    });

    it('writes START, the function lines, END and REPORT as Lambda does (golden)', async () => {
      const result = await emulator.invoke('basic', '{"golden":true}');
      assertGolden(path.join(GOLDEN, 'warm-invocation.txt'), normalise(logText(result.logs)));
      assert.ok(
        result.logs.every(
          (record) =>
            record.requestId === result.requestId && record.instanceId === result.instanceId,
        ),
      );
      assert.deepEqual(
        result.logs.map((record) => record.source),
        ['platform', 'function', 'platform', 'platform'],
      );
    });

    it('streams log records to subscribers as they are printed', async () => {
      const result = await emulator.invoke('basic', '{"stream":1}');
      const mine = streamed.filter((record) => record.requestId === result.requestId);
      assert.deepEqual(
        mine.map((r) => r.text),
        result.logs.map((r) => r.text),
      );
    });

    it('refuses an unknown function and a payload over 6 MB', async () => {
      await assert.rejects(
        emulator.invoke('nope', '{}'),
        (error: unknown) =>
          error instanceof EmulatorError && error.code === 'ResourceNotFoundException',
      );
      await assert.rejects(
        emulator.invoke('basic', Buffer.alloc(6 * 1024 * 1024 + 1, 0x20)),
        (error: unknown) =>
          error instanceof EmulatorError && error.code === 'RequestEntityTooLargeException',
      );
    });
  });

  describe('instances', () => {
    it('gives each instance its own /tmp, kept across its invocations and removed on retire', async () => {
      emulator.defineFunction({ name: 'tmp', handler: 'tmp.write', codeUri: FIXTURES });
      emulator.defineFunction({ name: 'tmpRead', handler: 'tmp.read', codeUri: FIXTURES });
      const [a, b] = await Promise.all([
        emulator.invoke('tmp', '{"value":"A","holdMs":300}'),
        emulator.invoke('tmp', '{"value":"B","holdMs":300}'),
      ]);
      assert.notEqual(a.instanceId, b.instanceId, 'overlapping invocations run on two instances');
      assert.deepEqual(json(a).files, ['owner.txt', 'second.txt']);
      const dirs = emulator.instances('tmp').map((instance) => instance.tmpDir);
      assert.equal(dirs.length, 2);
      const contents = dirs
        .map((dir) => fs.readFileSync(path.join(dir, 'owner.txt'), 'utf8'))
        .sort();
      assert.deepEqual(contents, ['A', 'B'], 'each wrote into its own folder');
      assert.ok(
        !fs.existsSync('/tmp/owner.txt') || fs.readFileSync('/tmp/owner.txt', 'utf8') !== 'A',
        'the real /tmp is untouched',
      );
      const again = await emulator.invoke('tmp', '{"value":"C"}');
      assert.ok([a.instanceId, b.instanceId].includes(again.instanceId));
      const other = await emulator.invoke('tmpRead', '{}');
      assert.deepEqual(json(other), { owner: null, second: null }, 'another function sees nothing');
      await emulator.removeFunction('tmp');
      for (const dir of dirs)
        assert.equal(fs.existsSync(dir), false, 'the folder goes with the instance');
    });

    it('starts more instances up to the reserved concurrency and throttles past it', async () => {
      emulator.defineFunction({
        name: 'capped',
        handler: 'faults.handler',
        codeUri: FIXTURES,
        reservedConcurrency: 2,
      });
      const calls = [1, 2, 3].map(() =>
        emulator.invoke('capped', '{"kind":"sleep","ms":300}').then(
          (r) => r,
          (e: unknown) => e,
        ),
      );
      const outcomes = await Promise.all(calls);
      const throttled = outcomes.filter((o) => o instanceof EmulatorError);
      assert.equal(throttled.length, 1);
      const error = throttled[0] as EmulatorError;
      assert.equal(error.code, 'TooManyRequestsException');
      assert.equal(error.message, 'Rate Exceeded.');
      assert.equal(error.details.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
      emulator.defineFunction({
        name: 'zero',
        handler: 'faults.handler',
        codeUri: FIXTURES,
        reservedConcurrency: 0,
      });
      await assert.rejects(emulator.invoke('zero', '{"kind":"ok"}'), /Rate Exceeded/);
    });

    it('recycles instances when the code changes, so the next invocation runs the new code', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-code-'));
      try {
        fs.writeFileSync(path.join(dir, 'index.js'), "exports.handler = async () => 'v1';\n");
        emulator.defineFunction({ name: 'changing', handler: 'index.handler', codeUri: dir });
        assert.equal(json(await emulator.invoke('changing', '{}')), 'v1');
        fs.writeFileSync(path.join(dir, 'index.js'), "exports.handler = async () => 'v2';\n");
        let value = '';
        for (let attempt = 0; attempt < 50 && value !== 'v2'; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const result = await emulator.invoke('changing', '{}');
          value = json(result);
        }
        assert.equal(value, 'v2');
      } finally {
        await emulator.removeFunction('changing');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('retires idle instances after the idle timeout', async () => {
      const short = new Emulator({ idleTimeoutMs: 200 });
      try {
        short.defineFunction({ name: 'idle', handler: 'basic.echo', codeUri: FIXTURES });
        const stopped = new Promise((resolve) =>
          short.onInstanceStopped((event) => resolve(event.reason)),
        );
        const result = await short.invoke('idle', '{}');
        assert.equal(await stopped, 'idle');
        assert.equal(short.instances('idle').length, 0);
        const next = await short.invoke('idle', '{}');
        assert.equal(next.cold, true);
        assert.notEqual(next.instanceId, result.instanceId);
      } finally {
        await short.dispose();
      }
    });
  });

  describe('TypeScript', () => {
    before(() => {
      emulator.defineFunction({ name: 'ts', handler: 'ts/app.handler', codeUri: FIXTURES });
      emulator.defineFunction({
        name: 'tsBroken',
        handler: 'ts/broken.handler',
        codeUri: FIXTURES,
      });
    });

    it('compiles a .ts handler and keeps it warm', async () => {
      const first = await emulator.invoke('ts', '{"id":"a","quantity":2}');
      const second = await emulator.invoke('ts', '{"id":"b","quantity":1}');
      assert.deepEqual(json(first), { ok: true, id: 'a', invocations: 1 });
      assert.deepEqual(json(second), { ok: true, id: 'b', invocations: 2 });
    });

    it('reports errors with a trace that points at the .ts lines', async () => {
      const result = await emulator.invoke('ts', '{"id":"c","quantity":0}');
      assert.equal(result.functionError, 'Unhandled');
      assert.equal(result.error?.errorType, 'RangeError');
      assert.equal(result.error?.errorMessage, 'quantity must be positive, got 0');
      const frames = result.error?.trace ?? [];
      assert.ok(
        frames.some((frame) => frame.includes(path.join('ts', 'util.ts') + ':8:')),
        frames.join('\n'),
      );
      assert.ok(
        frames.some((frame) => frame.includes(path.join('ts', 'app.ts') + ':7:')),
        frames.join('\n'),
      );
    });

    it('reports a compile error as Runtime.UserCodeSyntaxError', async () => {
      const result = await emulator.invoke('tsBroken', '{}');
      assert.equal(result.error?.errorType, 'Runtime.UserCodeSyntaxError');
      assert.match(result.error!.errorMessage, /^SyntaxError: /);
    });
  });

  describe('faults', () => {
    before(() => {
      emulator.defineFunction({
        name: 'faults',
        handler: 'faults.handler',
        codeUri: FIXTURES,
        timeout: 1,
      });
    });

    it('times out with Sandbox.Timedout, stops the instance and cold-starts the next call with /tmp kept', async () => {
      const result = await emulator.invoke('faults', '{"kind":"hang"}');
      assert.equal(result.status, 'timeout');
      assert.equal(result.functionError, 'Unhandled');
      assert.equal(
        result.payload.toString(),
        `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds"}`,
      );
      assert.equal(result.metrics.durationMs, 1000);
      assertGolden(path.join(GOLDEN, 'timeout.txt'), normalise(logText(result.logs)));
      const next = await emulator.invoke('faults', '{"kind":"ok"}');
      assert.equal(next.cold, true);
      assert.equal(next.instanceId, result.instanceId, 'the same environment, re-initialised');
      assert.equal(json(next).warm, 1, 'module state was lost');
    });

    it('times out a synchronous infinite loop too', async () => {
      const result = await emulator.invoke('faults', '{"kind":"busy"}');
      assert.equal(result.status, 'timeout');
      assert.ok(logText(result.logs).includes('spinning'));
    });

    it('reports process.exit as Runtime.ExitError with the lines printed before it', async () => {
      const result = await emulator.invoke('faults', '{"kind":"exit","code":2}');
      assert.equal(
        result.payload.toString(),
        `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: ${result.requestId} Error: Runtime exited with error: exit status 2"}`,
      );
      assert.equal(result.reportErrorType, 'Runtime.ExitError');
      assertGolden(path.join(GOLDEN, 'exit.txt'), normalise(logText(result.logs)));
      const zero = await emulator.invoke('faults', '{"kind":"exit0"}');
      assert.equal(
        zero.error?.errorMessage,
        `RequestId: ${zero.requestId} Error: Runtime exited without providing a reason`,
      );
    });

    it('reports an out-of-memory kill as Runtime.OutOfMemory', async () => {
      const result = await emulator.invoke('faults', '{"kind":"oom"}');
      assert.equal(result.error?.errorType, 'Runtime.OutOfMemory');
      assert.match(
        result.error!.errorMessage,
        /^RequestId: \S+ Error: Runtime exited with error: signal: (killed|aborted \(core dumped\))$/,
      );
      assert.ok(result.metrics.maxMemoryUsedMB >= 100, `peak ${result.metrics.maxMemoryUsedMB} MB`);
      assert.match(logText(result.logs), /Status: error\tError Type: Runtime\.OutOfMemory/);
    });

    it('reports an unhandled rejection as Runtime.UnhandledPromiseRejection and restarts the runtime', async () => {
      const result = await emulator.invoke('faults', '{"kind":"rejection"}');
      assert.equal(result.error?.errorType, 'Runtime.UnhandledPromiseRejection');
      assert.equal(result.error?.errorMessage, 'Error: floating');
      assert.match(
        logText(result.logs),
        /ERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime\.UnhandledPromiseRejection"/,
      );
      assert.match(
        logText(result.logs),
        /Runtime exited with error: exit status 128\nRuntime\.ExitError/,
      );
      const next = await emulator.invoke('faults', '{"kind":"ok"}');
      assert.equal(next.cold, true);
    });

    it('reports a thrown error with its type, message and trace', async () => {
      const result = await emulator.invoke('faults', '{"kind":"throw"}');
      assert.equal(result.status, 'error');
      assert.equal(result.reportErrorType, undefined, 'a handler error adds no status to REPORT');
      assert.deepEqual(
        [result.error?.errorType, result.error?.errorMessage],
        ['TypeError', 'bad thing'],
      );
      assert.equal(result.error?.trace?.[0], 'TypeError: bad thing');
      assertGolden(
        path.join(GOLDEN, 'throw.txt'),
        normalise(logText(result.logs), { [FIXTURES]: '<fixtures>' }),
      );
    });

    it('refuses a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
      const result = await emulator.invoke('faults', '{"kind":"big"}');
      assert.equal(
        result.payload.toString(),
        '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}',
      );
    });

    it('loses no line of a 10 MB log flood and keeps its own copy bounded', async () => {
      emulator.defineFunction({
        name: 'flood',
        handler: 'faults.handler',
        codeUri: FIXTURES,
        timeout: 60,
      });
      let seen = 0;
      let last = -1;
      let ordered = true;
      const subscription = emulator.onLog((record) => {
        if (record.functionName !== 'flood' || record.source !== 'function') return;
        const index = Number(record.text.split('\t')[3]?.split(' ')[0]);
        if (index !== last + 1) ordered = false;
        last = index;
        seen++;
      });
      try {
        const result = await emulator.invoke(
          'flood',
          '{"kind":"flood","lines":100000,"width":100,"raw":1000}',
        );
        assert.equal(result.status, 'success');
        assert.equal(seen, 100000);
        assert.ok(ordered, 'lines arrive in order');
        assert.ok(result.droppedLogRecords > 0);
        const text = logText(result.logs);
        assert.ok(text.length < 2 * 1024 * 1024, `kept ${text.length} bytes`);
        assert.match(text, /raw 999\n/);
        assert.match(text, /REPORT RequestId: /);
      } finally {
        subscription.dispose();
      }
    });
  });

  describe('init errors', () => {
    it('runs the init twice (init, then invoke phase) and returns the init error (golden)', async () => {
      emulator.defineFunction({
        name: 'initError',
        handler: 'initError.handler',
        codeUri: FIXTURES,
      });
      const result = await emulator.invoke('initError', '{}');
      assert.equal(result.functionError, 'Unhandled');
      assert.equal(result.error?.errorType, 'Error');
      assert.equal(result.error?.errorMessage, 'init boom');
      assert.equal(result.reportErrorType, 'Error');
      assertGolden(
        path.join(GOLDEN, 'init-error.txt'),
        normalise(logText(result.logs), { [FIXTURES]: '<fixtures>' }),
      );
    });

    const cases: Array<[string, string, RegExp]> = [
      [
        'missingModule.handler',
        'Runtime.ImportModuleError',
        /^Error: Cannot find module '\.\/does-not-exist'/,
      ],
      ['basic.nope', 'Runtime.HandlerNotFound', /^basic\.nope is undefined or not exported$/],
      ['nofile.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module 'nofile'/],
      ['nodot', 'Runtime.MalformedHandlerName', /^Bad handler$/],
    ];
    for (const [handler, errorType, message] of cases) {
      it(`reports ${handler} as ${errorType}`, async () => {
        const name = `init-${handler.replace(/\W/g, '-')}`;
        emulator.defineFunction({ name, handler, codeUri: FIXTURES });
        const result = await emulator.invoke(name, '{}');
        assert.equal(result.error?.errorType, errorType);
        assert.match(result.error!.errorMessage, message);
        assert.equal(result.cold, true);
      });
    }

    it('reports a runtime that exits during init as Runtime.ExitError', async () => {
      emulator.defineFunction({ name: 'initExit', handler: 'initExit.handler', codeUri: FIXTURES });
      const result = await emulator.invoke('initExit', '{}');
      assert.equal(result.error?.errorType, 'Runtime.ExitError');
      assert.equal(
        result.error?.errorMessage,
        `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 3`,
      );
      assert.match(
        logText(result.logs),
        /INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: invoke\tStatus: error\tError Type: Runtime\.ExitError/,
      );
    });
  });

  describe('streaming', () => {
    it('passes chunks to a response stream sink as they are written', async () => {
      emulator.defineFunction({ name: 'stream', handler: 'streaming.handler', codeUri: FIXTURES });
      const chunks: string[] = [];
      let contentType = '';
      let ended = false;
      const result = await emulator.invoke('stream', '{"chunks":3}', {
        responseStream: {
          start: (type) => (contentType = type),
          write: (chunk) => chunks.push(chunk.toString()),
          end: () => (ended = true),
        },
      });
      assert.equal(result.status, 'success');
      assert.equal(contentType, 'text/plain');
      assert.equal(chunks.join(''), 'chunk 0\nchunk 1\nchunk 2\n');
      assert.ok(ended);
      const buffered = await emulator.invoke('stream', '{"chunks":2}');
      assert.equal(
        buffered.payload.toString(),
        'chunk 0\nchunk 1\n',
        'without a sink the response is buffered',
      );
      const failed = await emulator.invoke('stream', '{"chunks":1,"fail":true}');
      assert.equal(failed.functionError, 'Unhandled');
      assert.equal(failed.error?.errorMessage, 'stream broke');
    });
  });
});
