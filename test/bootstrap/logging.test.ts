/**
 * The console patch (lambda-runtime-spec.md §5): telemetry frames for Text and JSON, level masks
 * and filtering, util.format, console.fatal, console.trace without a stack, the request id before,
 * during and after invocations, tenant ids, and the `lambda-workbench-log-bytes` contract.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { LevelMask, TelemetryFrame } from '../../debug-adapter/protocol/bootstrapContract';
import { disposeAll, FIXTURES, runOnce, startInstance, type Frame, TEST_TIMEOUT } from './harness';

after(disposeAll);

const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ID = 'b0d4c0de-0000-4000-8000-00000000000a';

/** `[level, message]` pairs of Text frames, checking each frame's type, newline and timestamp. */
function textRecords(frames: Frame[]): [string, string, string][] {
  return frames.map((frame) => {
    assert.ok(frame.message.endsWith('\n'), 'text records end with a newline');
    const [time, requestId, level, ...rest] = frame.message.slice(0, -1).split('\t');
    assert.match(time, TS);
    assert.equal(frame.micros, BigInt(Date.parse(time)) * 1000n);
    assert.equal(
      frame.type,
      (TelemetryFrame.textType | LevelMask[level as keyof typeof LevelMask]) >>> 0,
    );
    return [requestId, level, rest.join('\t')];
  });
}

/** Parsed JSON frames, checking each frame's type and the absence of a trailing newline. */
function jsonRecords(frames: Frame[]): Record<string, unknown>[] {
  return frames.map((frame) => {
    assert.ok(!frame.message.endsWith('\n'), 'JSON records have no trailing newline');
    const record = JSON.parse(frame.message) as Record<string, unknown>;
    const level = record.level as keyof typeof LevelMask;
    assert.equal(frame.type, (TelemetryFrame.jsonType | LevelMask[level]) >>> 0);
    assert.match(record.timestamp as string, TS);
    return record;
  });
}

for (const generation of ['ric3', 'ric4'] as const) {
  const runtime = generation === 'ric3' ? 22 : 24;
  const initId = generation === 'ric3' ? 'undefined' : '-';

  void describe(`console patch, ${generation}`, { concurrency: 4 }, () => {
    void test(
      'Text records for every method, util.format, no stack for console.trace',
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce(
          { handler: 'logging.levels', taskRoot: FIXTURES, runtime },
          { id: ID },
        );
        try {
          assert.deepEqual(textRecords(outcome.instance.frames), [
            [initId, 'INFO', 'init line'],
            [ID, 'TRACE', 'trace line'],
            [ID, 'DEBUG', 'debug line'],
            [ID, 'INFO', 'info line'],
            [ID, 'INFO', 'log line'],
            [ID, 'WARN', 'warn line'],
            [ID, 'ERROR', 'error line'],
            [ID, 'FATAL', 'fatal line'],
            [ID, 'INFO', 'answer=42'],
            [ID, 'INFO', '{ nested: { a: 1 } }'],
          ]);
          assert.equal(outcome.instance.stdout, '', 'nothing reaches stdout with the fd');
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test(
      'AWS_LAMBDA_LOG_LEVEL=warn filters below WARN; FATAL always logs',
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce(
          {
            handler: 'logging.levels',
            taskRoot: FIXTURES,
            runtime,
            env: { AWS_LAMBDA_LOG_LEVEL: 'warn' },
          },
          { id: ID },
        );
        try {
          assert.deepEqual(
            textRecords(outcome.instance.frames).map(([, level, message]) => `${level} ${message}`),
            ['WARN warn line', 'ERROR error line', 'FATAL fatal line'],
          );
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test(
      'AWS_LAMBDA_LOG_LEVEL=FATAL silences even the Invoke Error record',
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce(
          {
            handler: 'logging.throws',
            taskRoot: FIXTURES,
            runtime,
            env: { AWS_LAMBDA_LOG_LEVEL: 'FATAL' },
          },
          { id: ID },
        );
        try {
          assert.equal(outcome.kind, 'error');
          assert.deepEqual(outcome.instance.frames, []);
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test(
      'JSON records: key order, init request id, frame types (§5.3)',
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce(
          {
            handler: 'logging.levels',
            taskRoot: FIXTURES,
            runtime,
            env: { AWS_LAMBDA_LOG_FORMAT: 'json' },
          },
          { id: ID },
        );
        try {
          const records = jsonRecords(outcome.instance.frames);
          const { timestamp: _t, ...init } = records[0];
          // RIC3's init request id is undefined, so JSON drops the key; RIC4 says "-".
          assert.deepEqual(
            init,
            generation === 'ric3'
              ? { level: 'INFO', message: 'init line' }
              : { level: 'INFO', requestId: '-', message: 'init line' },
          );
          assert.deepEqual(Object.keys(records[1]), ['timestamp', 'level', 'requestId', 'message']);
          assert.deepEqual(
            records.slice(1).map((r) => [r.level, r.requestId, r.message]),
            [
              ['TRACE', ID, 'trace line'],
              ['DEBUG', ID, 'debug line'],
              ['INFO', ID, 'info line'],
              ['INFO', ID, 'log line'],
              ['WARN', ID, 'warn line'],
              ['ERROR', ID, 'error line'],
              ['FATAL', ID, 'fatal line'],
              ['INFO', ID, 'answer=42'],
              ['INFO', ID, { nested: { a: 1 } }],
            ],
          );
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test('JSON records with errors, and the tenant id', TEST_TIMEOUT, async () => {
      const outcome = await runOnce(
        {
          handler: 'logging.errorArgs',
          taskRoot: FIXTURES,
          runtime,
          env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' },
        },
        { id: ID, headers: { 'Lambda-Runtime-Aws-Tenant-Id': 'tenant-1' } },
      );
      try {
        const [, withText, alone, errorFirst] = jsonRecords(outcome.instance.frames);
        assert.deepEqual(Object.keys(withText), [
          'timestamp',
          'level',
          'requestId',
          'tenantId',
          'message',
          'errorType',
          'errorMessage',
          'stackTrace',
        ]);
        assert.equal(withText.tenantId, 'tenant-1');
        assert.match(withText.message as string, /^failed: TypeError: bad input\n {4}at /);
        assert.equal(withText.errorType, 'TypeError');
        assert.equal(withText.errorMessage, 'bad input');
        const message = alone.message as Record<string, unknown>;
        assert.deepEqual(Object.keys(message), ['errorType', 'errorMessage', 'stackTrace']);
        assert.equal(message.errorType, 'RangeError');
        assert.equal((message.stackTrace as string[])[0], 'RangeError: alone');
        // Only RIC3 looks at the first argument for the top-level error fields.
        assert.equal(errorFirst.errorType, generation === 'ric3' ? 'Error' : undefined);
      } finally {
        await outcome.instance.dispose();
      }
    });

    void test(
      'JSON format logs an invocation error as the error object',
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce(
          {
            handler: 'logging.throws',
            taskRoot: FIXTURES,
            runtime,
            env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' },
          },
          { id: ID },
        );
        try {
          const records = jsonRecords(outcome.instance.frames);
          const last = records[records.length - 1];
          assert.equal(last.level, 'ERROR');
          const message = last.message as Record<string, unknown>;
          assert.equal(message.errorType, 'Error');
          assert.equal(message.errorMessage, 'logged as JSON');
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test(
      'a log after the response carries the old id (≤22) or "-" (24)',
      TEST_TIMEOUT,
      async () => {
        const instance = await startInstance({
          handler: 'callbacks.lateLog',
          taskRoot: FIXTURES,
          runtime,
        });
        try {
          await instance.alive(instance.api.invoke({ id: 'first-id', payload: '{"key":"one"}' }));
          // The timer fires after the response, while the bootstrap waits for the next event.
          const isLate = (f: Frame) => f.message.endsWith('\tlate log of one\n');
          const deadline = Date.now() + 10_000;
          while (!instance.frames.some(isLate) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          const late = textRecords(instance.frames.filter(isLate));
          assert.deepEqual(late, [
            [generation === 'ric3' ? 'first-id' : '-', 'INFO', 'late log of one'],
          ]);
        } finally {
          await instance.dispose();
        }
      },
    );

    void test(
      'callback handlers: deprecation warning at init on ≤22, unless disabled',
      TEST_TIMEOUT,
      async (t) => {
        if (generation === 'ric4') return t.skip('rejected at init on Node 24 (semantics.test.ts)');
        const warned = await runOnce({
          handler: 'callbacks.firstWins',
          taskRoot: FIXTURES,
          runtime,
        });
        const quiet = await runOnce({
          handler: 'callbacks.firstWins',
          taskRoot: FIXTURES,
          runtime,
          env: { AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING: '' },
        });
        try {
          const [first] = textRecords(warned.instance.frames);
          assert.deepEqual(first.slice(0, 2), ['undefined', 'WARN']);
          assert.match(
            first[2],
            /^AWS Lambda plans to remove support for callback-based function handlers/,
          );
          assert.deepEqual(quiet.instance.frames, []);
        } finally {
          await warned.instance.dispose();
          await quiet.instance.dispose();
        }
      },
    );

    void test('lambda-workbench-log-bytes counts every telemetry byte', TEST_TIMEOUT, async () => {
      const instance = await startInstance({
        handler: 'logging.levels',
        taskRoot: FIXTURES,
        runtime,
      });
      try {
        await instance.alive(instance.api.invoke());
        const next = await instance.settle(2);
        const announced = Number(next.headers['lambda-workbench-log-bytes']);
        assert.ok(announced > 0);
        assert.equal(announced, instance.telemetryBytes);
        const total = instance.frames.reduce(
          (sum, f) => sum + 16 + Buffer.byteLength(f.message),
          0,
        );
        assert.equal(announced, total);
        const first = Number((await instance.api.nthNext(1)).headers['lambda-workbench-log-bytes']);
        assert.equal(first, 16 + Buffer.byteLength(instance.frames[0].message), 'init line only');
      } finally {
        await instance.dispose();
      }
    });
  });
}
