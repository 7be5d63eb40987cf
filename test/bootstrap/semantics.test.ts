/**
 * Completion semantics, error shapes, the context object and process-level failures for both
 * generations (lambda-runtime-spec.md §2, §3, §4), plus the streaming cases the oracle transcripts
 * do not cover (§2.4, §7.3).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  disposeAll,
  FIXTURES,
  FUNCTION_ARN,
  runOnce,
  startInstance,
  TRACE_ID,
  type EventSpec,
  type Outcome,
  TEST_TIMEOUT,
} from './harness';

/** An exact body, a body matcher, or a process exit with nothing posted. */
type Expect =
  | { response: string }
  | { error: string | { errorType: string; errorMessage: string | RegExp } }
  | { initError: string }
  | { exit: number };

interface Row {
  name: string;
  handler: string;
  ric3: Expect;
  ric4: Expect;
}

const HANDLED = '{"errorType":"string","errorMessage":"handled","trace":[]}';
const DEPRECATED = 'Runtime.CallbackHandlerDeprecated';
const notAFunction = (name: string) => ({
  error: { errorType: 'TypeError', errorMessage: `context.${name} is not a function` },
});

const ROWS: Row[] = [
  {
    name: 'context.succeed',
    handler: 'callbacks.succeed',
    ric3: { response: '"succeeded"' },
    ric4: notAFunction('succeed'),
  },
  {
    name: 'context.fail() without an error posts "handled"',
    handler: 'callbacks.failEmpty',
    ric3: { error: HANDLED },
    ric4: notAFunction('fail'),
  },
  {
    name: 'context.done(error)',
    handler: 'callbacks.doneError',
    ric3: { error: { errorType: 'Error', errorMessage: 'via done' } },
    ric4: notAFunction('done'),
  },
  {
    name: 'first completion wins',
    handler: 'callbacks.firstWins',
    ric3: { response: '"first"' },
    ric4: { initError: DEPRECATED },
  },
  {
    name: 'callback before a resolving promise',
    handler: 'callbacks.callbackThenPromise',
    ric3: { response: '"from callback"' },
    ric4: { initError: DEPRECATED },
  },
  {
    name: 'plain (non-promise) return value',
    handler: 'callbacks.syncReturn',
    // Ignored on ≤22 (the drained loop answers null), used on 24 (spec §2.1, §2.2).
    ric3: { response: 'null' },
    ric4: { response: '"sync value"' },
  },
  {
    name: 'synchronous throw undefined',
    handler: 'callbacks.throwUndefined',
    ric3: { response: 'null' },
    ric4: { error: '{"errorType":"undefined","errorMessage":"undefined","trace":[]}' },
  },
  {
    name: 'async handler whose promise never settles',
    handler: 'callbacks.asyncNeverSettles',
    ric3: {
      error: {
        errorType: 'Runtime.NodeJsExit',
        errorMessage:
          'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
      },
    },
    ric4: { exit: 0 },
  },
  {
    name: 'rejection with undefined',
    handler: 'callbacks.rejectUndefined',
    ric3: { error: HANDLED },
    ric4: { error: '{"errorType":"undefined","errorMessage":"undefined","trace":[]}' },
  },
  {
    name: 'rejection with null',
    handler: 'callbacks.rejectNull',
    ric3: { error: HANDLED },
    ric4: { error: '{"errorType":"object","errorMessage":"null","trace":[]}' },
  },
  {
    name: 'error-like object: duck-typed on ≤22, instanceof on 24',
    handler: 'callbacks.duckError',
    ric3: {
      error:
        '{"errorType":"DuckError","errorMessage":"quack","trace":["DuckError: quack","    at pond (pond.js:1:1)"]}',
    },
    ric4: { error: '{"errorType":"object","errorMessage":"[object Object]","trace":[]}' },
  },
  {
    name: 'DEL becomes %7F',
    handler: 'callbacks.delCharacter',
    ric3: { error: { errorType: 'Error', errorMessage: 'a%7Fb' } },
    ric4: { error: { errorType: 'Error', errorMessage: 'a%7Fb' } },
  },
  {
    name: 'result JSON.stringify cannot handle',
    handler: 'callbacks.badJsonResult',
    ric3: { error: { errorType: 'Error', errorMessage: 'Unable to stringify response body' } },
    ric4: {
      error: {
        errorType: 'Runtime.JSONStringifyError',
        errorMessage: 'Unable to stringify response body',
      },
    },
  },
  {
    name: 'uncaught exception in a timer',
    handler: 'callbacks.uncaughtInTimer',
    // RIC3 posts the error then exits 129; RIC4 has no handler, so Node exits 1 (spec §4.4).
    ric3: { error: { errorType: 'TypeError', errorMessage: 'timer exploded' } },
    ric4: { exit: 1 },
  },
];

function check(outcome: Outcome, expect: Expect): void {
  const { body = '' } = outcome;
  if ('response' in expect) {
    assert.equal(outcome.kind, 'response', body);
    assert.equal(body, expect.response);
  } else if ('error' in expect) {
    assert.equal(outcome.kind, 'error', body);
    if (typeof expect.error === 'string') {
      assert.equal(body, expect.error);
    } else {
      const parsed = JSON.parse(body) as {
        errorType: string;
        errorMessage: string;
        trace: string[];
      };
      assert.deepEqual(Object.keys(parsed), ['errorType', 'errorMessage', 'trace']);
      assert.equal(parsed.errorType, expect.error.errorType);
      if (typeof expect.error.errorMessage === 'string') {
        assert.equal(parsed.errorMessage, expect.error.errorMessage);
        assert.equal(parsed.trace[0], `${parsed.errorType}: ${parsed.errorMessage}`);
      } else {
        assert.match(parsed.errorMessage, expect.error.errorMessage);
      }
      // Invocation errors carry an X-Ray cause but no error-type header (spec §4.1).
      assert.equal(outcome.request?.headers['lambda-runtime-function-error-type'], undefined);
      assert.ok(outcome.request?.headers['lambda-runtime-function-xray-error-cause']);
    }
  } else if ('initError' in expect) {
    assert.equal(outcome.kind, 'init-error');
    assert.equal(JSON.parse(body).errorType, expect.initError);
  } else {
    assert.equal(outcome.kind, 'exit');
    assert.equal(outcome.exitCode, expect.exit);
    assert.equal(outcome.instance.api.requests.filter((r) => r.method === 'POST').length, 0);
  }
}

after(disposeAll);

for (const generation of ['ric3', 'ric4'] as const) {
  const runtime = generation === 'ric3' ? 20 : 24;

  void describe(`completion and errors, ${generation}`, { concurrency: 4 }, () => {
    for (const row of ROWS) {
      void test(row.name, TEST_TIMEOUT, async () => {
        const outcome = await runOnce({ handler: row.handler, taskRoot: FIXTURES, runtime });
        try {
          check(outcome, row[generation]);
        } finally {
          await outcome.instance.dispose();
        }
      });
    }

    void test(
      'an uncaught exception is logged, posted, then exits 129 (≤22 only)',
      TEST_TIMEOUT,
      async (t) => {
        if (generation === 'ric4') return t.skip('RIC4 installs no handler; covered by the table');
        const outcome = await runOnce({
          handler: 'callbacks.uncaughtInTimer',
          taskRoot: FIXTURES,
          runtime,
        });
        try {
          const { code } = await outcome.instance.closed;
          assert.equal(code, 129);
          const record = outcome.instance.frames
            .map((f) => f.message)
            .find((m) => m.includes('Uncaught'));
          assert.match(
            record ?? '',
            /^\S+\t[0-9a-f-]{36}\tERROR\tUncaught Exception \t\{"errorType":"TypeError","errorMessage":"timer exploded","stack":\["TypeError: timer exploded",/,
          );
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test('non-ASCII messages survive the X-Ray cause header', TEST_TIMEOUT, async () => {
      const outcome = await runOnce({
        handler: 'callbacks.unicodeError',
        taskRoot: FIXTURES,
        runtime,
      });
      try {
        assert.equal(JSON.parse(outcome.body ?? '').errorMessage, 'héllo ✓ — ünïcode');
        const cause = outcome.request?.headers[
          'lambda-runtime-function-xray-error-cause'
        ] as string;
        assert.match(cause, /^[\t\x20-\x7e]+$/, 'the header is plain ASCII');
        const parsed = JSON.parse(cause) as { exceptions: { message: string }[] };
        assert.equal(parsed.exceptions[0].message, 'héllo ✓ — ünïcode');
      } finally {
        await outcome.instance.dispose();
      }
    });

    void test(
      'an X-Ray cause too large for a header is left out, the body is not',
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce({
          handler: 'callbacks.hugeMessage',
          taskRoot: FIXTURES,
          runtime,
        });
        try {
          assert.equal(JSON.parse(outcome.body ?? '').errorMessage, 'x'.repeat(20000));
          assert.equal(
            outcome.request?.headers['lambda-runtime-function-xray-error-cause'],
            undefined,
          );
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test(
      'Invoke Error log: code and own properties before the stack',
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce({
          handler: 'callbacks.errorWithCode',
          taskRoot: FIXTURES,
          runtime,
        });
        try {
          const record = outcome.instance.frames.at(-1)?.message ?? '';
          const json = record.slice(record.indexOf('\t{') + 1);
          assert.match(record, /\tERROR\tInvoke Error \t\{/);
          assert.deepEqual(Object.keys(JSON.parse(json)), [
            'errorType',
            'errorMessage',
            'code',
            'statusCode',
            'stack',
          ]);
          assert.equal(JSON.parse(outcome.body ?? '').errorMessage, 'has code');
        } finally {
          await outcome.instance.dispose();
        }
      },
    );
  });

  void describe(`context object, ${generation}`, { concurrency: 4 }, () => {
    const describeContext = async (event: EventSpec) => {
      const outcome = await runOnce(
        { handler: 'context.describe', taskRoot: FIXTURES, runtime },
        event,
      );
      try {
        assert.equal(outcome.kind, 'response', outcome.body);
        return JSON.parse(outcome.body ?? '') as Record<string, unknown>;
      } finally {
        await outcome.instance.dispose();
      }
    };

    void test('properties, types and serialization order (§3.1, §3.2)', TEST_TIMEOUT, async () => {
      const seen = await describeContext({
        id: 'ctx-1',
        headers: {
          'Lambda-Runtime-Client-Context': '{"custom":{"k":"v"}}',
          'Lambda-Runtime-Cognito-Identity':
            '{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}',
          'Lambda-Runtime-Aws-Tenant-Id': 'tenant-7',
        },
      });
      const env = {
        functionVersion: '$LATEST',
        functionName: 'fn',
        memoryLimitInMB: '128',
        logGroupName: '/aws/lambda/fn',
        logStreamName: '2024/01/01/[$LATEST]abc',
      };
      const headers = {
        clientContext: { custom: { k: 'v' } },
        identity: { cognitoIdentityId: 'id', cognitoIdentityPoolId: 'pool' },
        invokedFunctionArn: FUNCTION_ARN,
        awsRequestId: 'ctx-1',
        tenantId: 'tenant-7',
      };
      if (generation === 'ric3') {
        assert.equal(
          JSON.stringify(seen.json),
          JSON.stringify({ callbackWaitsForEmptyEventLoop: true, ...env, ...headers }),
        );
        assert.deepEqual(seen.legacy, ['function', 'function', 'function']);
        assert.equal(seen.callbackWaits, true);
      } else {
        const { functionVersion, functionName, ...rest } = env;
        assert.equal(
          JSON.stringify(seen.json),
          JSON.stringify({
            ...headers,
            xRayTraceId: TRACE_ID,
            functionName,
            functionVersion,
            ...rest,
          }),
        );
        assert.deepEqual(seen.legacy, ['undefined', 'undefined', 'undefined']);
        assert.equal(seen.callbackWaits, null);
      }
      assert.equal(seen.memoryType, 'string');
      assert.equal(seen.traceEnv, TRACE_ID);
      assert.deepEqual(seen.privateEnv, [], 'private variables are gone before user code runs');
      assert.ok((seen.remaining as number) > 2000 && (seen.remaining as number) <= 3000);
    });

    void test('awslambda.InvokeStore (Node 24 only)', TEST_TIMEOUT, async () => {
      const outcome = await runOnce(
        { handler: 'context.store', taskRoot: FIXTURES, runtime },
        { id: 'store-1' },
      );
      try {
        assert.equal(
          outcome.body,
          generation === 'ric3'
            ? 'null'
            : JSON.stringify({ requestId: 'store-1', traceId: TRACE_ID }),
        );
      } finally {
        await outcome.instance.dispose();
      }
    });

    void test(
      '_X_AMZN_TRACE_ID is deleted when an event has no trace header',
      TEST_TIMEOUT,
      async () => {
        const seen = await describeContext({ headers: { 'Lambda-Runtime-Trace-Id': undefined } });
        assert.equal(seen.traceEnv, null);
      },
    );

    for (const [name, header, label] of [
      ['client context', 'Lambda-Runtime-Client-Context', 'ClientContext'],
      ['cognito identity', 'Lambda-Runtime-Cognito-Identity', 'CognitoIdentity'],
    ] as const) {
      void test(`malformed ${name} header (§3.3)`, TEST_TIMEOUT, async () => {
        const outcome = await runOnce(
          { handler: 'context.describe', taskRoot: FIXTURES, runtime },
          { headers: { [header]: '{not json' } },
        );
        try {
          assert.equal(outcome.kind, 'error');
          const body = JSON.parse(outcome.body ?? '') as {
            errorType: string;
            errorMessage: string;
          };
          if (generation === 'ric3') {
            assert.equal(body.errorType, 'Error');
            assert.match(
              body.errorMessage,
              new RegExp(`^Cannot parse ${label} as json: SyntaxError: `),
            );
          } else {
            assert.equal(body.errorType, 'Runtime.PlatformError');
            assert.match(
              body.errorMessage,
              new RegExp(`^Failed to parse ${header.toLowerCase()} as JSON: `),
            );
          }
        } finally {
          await outcome.instance.dispose();
        }
      });
    }

    void test(
      'getRemainingTimeInMillis adds only the paused time since the invocation began',
      TEST_TIMEOUT,
      async () => {
        const instance = await startInstance({
          handler: 'context.paused',
          taskRoot: FIXTURES,
          runtime,
        });
        try {
          const first = await instance.alive(
            instance.api.invoke({ payload: '{"pausedMs":100000}', timeoutMs: 3000 }),
          );
          const second = await instance.alive(
            instance.api.invoke({ payload: '{}', timeoutMs: 3000 }),
          );
          const a = JSON.parse(first.body.toString()) as { remaining: number; paused: number };
          const b = JSON.parse(second.body.toString()) as { remaining: number; paused: number };
          assert.equal(a.paused, 100000);
          assert.ok(a.remaining > 102000 && a.remaining <= 103000, String(a.remaining));
          // The global is the process's lifetime total; the second invocation starts from it.
          assert.equal(b.paused, 100000);
          assert.ok(b.remaining > 2000 && b.remaining <= 3000, String(b.remaining));
        } finally {
          await instance.dispose();
        }
      },
    );
  });

  void describe(`streaming edge cases, ${generation}`, { concurrency: 4 }, () => {
    const stream = async (handler: string) => {
      const outcome = await runOnce({
        handler: `stream-extra.${handler}`,
        taskRoot: FIXTURES,
        runtime,
      });
      await outcome.instance.dispose();
      assert.equal(outcome.kind, 'response');
      const request = outcome.request;
      assert.ok(request);
      assert.equal(request.headers['lambda-runtime-function-response-mode'], 'streaming');
      assert.equal(request.headers['transfer-encoding'], 'chunked');
      const trailers = Object.fromEntries(request.trailers.map(([k, v]) => [k.toLowerCase(), v]));
      const errorBody = trailers['lambda-runtime-function-error-body'];
      return {
        body: request.body.toString(),
        errorType: trailers['lambda-runtime-function-error-type'],
        error: errorBody
          ? (JSON.parse(Buffer.from(errorBody, 'base64').toString()) as Record<string, unknown>)
          : undefined,
        logs: outcome.instance.frames.map((f) => f.message),
      };
    };

    void test('setContentType after the first write', TEST_TIMEOUT, async () => {
      const result = await stream('lateContentType');
      assert.equal(result.body, 'first');
      assert.equal(result.errorType, 'Runtime.InvalidStreamingOperation');
      assert.equal(result.error?.errorMessage, 'Cannot set content-type, too late.');
    });

    void test('a handler that returns no promise', TEST_TIMEOUT, async () => {
      const result = await stream('notAsync');
      assert.equal(result.body, 'sync');
      const message = 'Streaming does not support non-async handlers.';
      if (generation === 'ric3') {
        // RIC3 fails with the bare string, so the trailer says "string" (spec §2.4).
        assert.equal(result.errorType, 'string');
        assert.deepEqual(result.error, { errorType: 'string', errorMessage: message, trace: [] });
      } else {
        assert.equal(result.errorType, 'Error');
        assert.equal(result.error?.errorMessage, message);
      }
    });

    void test('non-byte chunks are written as JSON', TEST_TIMEOUT, async () => {
      const result = await stream('objectChunk');
      assert.equal(result.body, '{"a":1}');
      assert.equal(result.errorType, undefined);
    });

    void test('a returned value is ignored with a warning', TEST_TIMEOUT, async () => {
      const result = await stream('returnsValue');
      assert.equal(result.body, 'done');
      assert.ok(
        result.logs.some((m) => m.endsWith('\tWARN\tStreaming handlers ignore return values.\n')),
      );
    });
  });
}
