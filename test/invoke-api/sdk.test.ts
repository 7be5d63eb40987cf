// The Invoke API driven by the real AWS SDK for JavaScript v3 (@aws-sdk/client-lambda with an
// endpoint override), against a fake InvokeTarget: what the SDK returns must be what it returns
// against AWS (lambda-runtime-spec.md §8, feasibility-runtime.md §3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  InvalidParameterValueException,
  InvalidRequestContentException,
  InvokeCommand,
  LambdaClient,
  LambdaServiceException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { InvokeApiServer } from '../../debug-adapter/emulator/invoke-api/invokeApiServer';
import type { InvokeApiDiagnostic } from '../../debug-adapter/emulator/invoke-api/invokeApiServer';
import { LIMITS } from '../../debug-adapter/protocol/lambda';
import { FakeTarget, failure, logRecords, result, standardBehaviours } from './fakeTarget';
import { localLambdaClient } from '../helpers/lambdaClient';

const PARSE_PREFIX = 'Could not parse request body into json: Could not parse payload into json: ';

void describe('Invoke through @aws-sdk/client-lambda', () => {
  const diagnostics: InvokeApiDiagnostic[] = [];
  const target = new FakeTarget({
    ...standardBehaviours(),
    // Formatting and key order must survive: the bytes are passed through, never re-serialised.
    formatted: () => result('{ "b" : 2,\n  "a" : [1, 2.50] }'),
    'returns-nothing': () => result('null'),
    tailed: (_payload, _options) => {
      const r = result('"ok"');
      const lines = [
        `START RequestId: ${r.requestId} Version: $LATEST`,
        ...Array.from({ length: 80 }, (_, i) => `line ${i} ${'x'.repeat(60)}`),
        `END RequestId: ${r.requestId}`,
        `REPORT RequestId: ${r.requestId}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t`,
      ];
      return { ...r, logs: logRecords(r.requestId, lines) };
    },
    'fails-tailed': () => {
      const r = failure({ errorType: 'TypeError', errorMessage: 'nope', trace: [] });
      return { ...r, logs: logRecords(r.requestId, ['START', 'an error line', 'END']) };
    },
  });
  const server = new InvokeApiServer({ target, onDiagnostic: (d) => diagnostics.push(d) });
  let client: LambdaClient;

  before(async () => {
    const { url } = await server.start();
    client = localLambdaClient(url);
  });
  after(async () => {
    client.destroy();
    await server.close();
    assert.deepEqual(
      diagnostics.filter((d) => d.level === 'error' && !d.message.includes('fake target bug')),
      [],
    );
  });

  void test('RequestResponse: Payload is the function output byte for byte, with version and request id', async () => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'formatted', Payload: Buffer.from(' {"in": 1} ') }),
    );
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.equal(out.FunctionError, undefined);
    assert.equal(out.LogResult, undefined);
    assert.equal(Buffer.from(out.Payload!).toString(), '{ "b" : 2,\n  "a" : [1, 2.50] }');
    assert.match(out.$metadata.requestId!, /^00000000-0000-4000-8000-\d{12}$/);
    // The function got the caller's bytes, surrounding spaces included, and no qualifier.
    const call = target.lastCall();
    assert.equal(call.payload.toString(), ' {"in": 1} ');
    assert.equal(call.options.qualifier, undefined);
    assert.equal(call.options.clientContext, undefined);
    assert.match(
      call.options.traceId!,
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/,
    );
  });

  void test('a handler that returns nothing gives the 4-byte payload null', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'returns-nothing' }));
    assert.equal(Buffer.from(out.Payload!).toString(), 'null');
  });

  void test('an empty request body reaches the function as {}', async () => {
    await client.send(new InvokeCommand({ FunctionName: 'echo' }));
    assert.equal(target.lastCall().payload.toString(), '{}');
  });

  void test('a function error is a 200 with FunctionError Unhandled and the error body', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'fails', Payload: '{}' }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    assert.deepEqual(JSON.parse(Buffer.from(out.Payload!).toString()), {
      errorType: 'Error',
      errorMessage: 'boom',
      trace: ['Error: boom', '    at Runtime.handler (file:///var/task/index.mjs:2:9)'],
    });
  });

  void test('LogType Tail returns the last 4 KB of the log, base64', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'tailed', LogType: 'Tail' }));
    const tail = Buffer.from(out.LogResult!, 'base64').toString();
    assert.equal(Buffer.byteLength(tail), LIMITS.logTailBytes);
    assert.match(tail, /END RequestId: \S+\nREPORT RequestId: \S+\tDuration: 1\.00 ms\t.*\t\n$/);
  });

  void test('LogType Tail on a failing function gives both FunctionError and LogResult', async () => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'fails-tailed', LogType: 'Tail' }),
    );
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(Buffer.from(out.LogResult!, 'base64').toString(), 'START\nan error line\nEND\n');
  });

  void test('Event: 202 with no payload; the function runs afterwards with the same request id and no client context', async () => {
    const before = target.calls.length;
    const out = await client.send(
      new InvokeCommand({
        FunctionName: 'echo',
        InvocationType: 'Event',
        Payload: '{"async":true}',
        ClientContext: Buffer.from('{"custom":{"a":1}}').toString('base64'),
      }),
    );
    assert.equal(out.StatusCode, 202);
    // What the SDK gives for an empty body (as against AWS, feasibility-runtime.md §3).
    assert.equal(out.Payload as unknown, null);
    assert.equal(out.ExecutedVersion, undefined);
    await target.waitForCalls(before + 1);
    const call = target.lastCall();
    assert.equal(call.payload.toString(), '{"async":true}');
    assert.equal(call.options.requestId, out.$metadata.requestId);
    assert.equal(call.options.clientContext, undefined);
  });

  void test('DryRun: 204 without invoking; still a 404 for a missing function', async () => {
    const before = target.calls.length;
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }),
    );
    assert.equal(out.StatusCode, 204);
    // What the SDK gives for an empty body (as against AWS, feasibility-runtime.md §3).
    assert.equal(out.Payload as unknown, null);
    assert.equal(target.calls.length, before);
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'nope', InvocationType: 'DryRun' })),
      ResourceNotFoundException,
    );
  });

  void test('client context is base64-decoded to JSON text for the function', async () => {
    const context = '{"custom":{"k":"v"},"env":{"locale":"fr"}}';
    await client.send(
      new InvokeCommand({
        FunctionName: 'echo',
        ClientContext: Buffer.from(context).toString('base64'),
      }),
    );
    assert.equal(target.lastCall().options.clientContext, context);
  });

  void test('client context that is not base64 JSON is InvalidRequestContentException', async () => {
    for (const ClientContext of ['not base64!', Buffer.from('not json').toString('base64')]) {
      await assert.rejects(
        client.send(new InvokeCommand({ FunctionName: 'echo', ClientContext })),
        (e: unknown) => {
          assert.ok(e instanceof InvalidRequestContentException);
          assert.equal(e.$metadata.httpStatusCode, 400);
          assert.match(e.message, /^Client context must be a valid Base64-encoded JSON object/);
          return true;
        },
      );
    }
  });

  void test('client context over 3,583 bytes is refused', async () => {
    const big = Buffer.from(JSON.stringify({ custom: { k: 'x'.repeat(2700) } })).toString('base64');
    assert.ok(big.length > 3583);
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'echo', ClientContext: big })),
      InvalidRequestContentException,
    );
  });

  for (const FunctionName of [
    'echo:$LATEST',
    'arn:aws:lambda:us-east-1:123456789012:function:echo',
    'arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST',
    '123456789012:function:echo',
    '123456789012:function:echo:$LATEST',
  ]) {
    void test(`FunctionName ${FunctionName} invokes echo`, async () => {
      const out = await client.send(new InvokeCommand({ FunctionName, Payload: '[1]' }));
      assert.equal(out.StatusCode, 200);
      assert.equal(Buffer.from(out.Payload!).toString(), '[1]');
      const call = target.lastCall();
      assert.equal(call.name, 'echo');
      assert.equal(
        call.options.qualifier,
        FunctionName.endsWith('$LATEST') ? '$LATEST' : undefined,
      );
    });
  }

  void test('Qualifier $LATEST works; any other version or alias does not exist locally', async () => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'echo', Qualifier: '$LATEST' }),
    );
    assert.equal(out.StatusCode, 200);
    assert.equal(target.lastCall().options.qualifier, '$LATEST');
    for (const input of [
      { FunctionName: 'echo', Qualifier: 'live' },
      { FunctionName: 'echo:live' },
      { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:echo:live' },
    ]) {
      await assert.rejects(client.send(new InvokeCommand(input)), (e: unknown) => {
        assert.ok(e instanceof ResourceNotFoundException);
        assert.equal(
          e.message,
          'Function not found: arn:aws:lambda:us-east-1:123456789012:function:echo:live',
        );
        return true;
      });
    }
  });

  void test('a qualifier in the name that disagrees with Qualifier is InvalidParameterValueException', async () => {
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'echo:$LATEST', Qualifier: 'live' })),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterValueException);
        assert.equal(
          e.message,
          'The derived qualifier from the function name does not match the specified qualifier.',
        );
        return true;
      },
    );
  });

  void test('an ARN from another region is not reachable', async () => {
    await assert.rejects(
      client.send(
        new InvokeCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:echo' }),
      ),
      (e: unknown) => {
        assert.ok(e instanceof ResourceNotFoundException);
        assert.equal(
          e.message,
          "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
        );
        return true;
      },
    );
  });

  void test('ResourceNotFoundException for an unknown function, with the $LATEST-qualified ARN', async () => {
    await assert.rejects(client.send(new InvokeCommand({ FunctionName: 'nope' })), (e: unknown) => {
      assert.ok(e instanceof ResourceNotFoundException);
      assert.equal(
        e.message,
        'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST',
      );
      assert.equal(e.Type, 'User');
      assert.equal(e.$metadata.httpStatusCode, 404);
      assert.equal(e.$fault, 'client');
      return true;
    });
  });

  void test('a name that breaks the API pattern is a ValidationException', async () => {
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'bad name' })),
      (e: unknown) => {
        assert.ok(e instanceof LambdaServiceException);
        assert.equal(e.name, 'ValidationException');
        assert.equal(e.$metadata.httpStatusCode, 400);
        assert.match(
          e.message,
          /^1 validation error detected: Value 'bad name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
        );
        return true;
      },
    );
  });

  void test('TooManyRequestsException with Reason and Retry-After', async () => {
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'throttled' })),
      (e: unknown) => {
        assert.ok(e instanceof TooManyRequestsException);
        assert.equal(e.message, 'Rate Exceeded.');
        assert.equal(e.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
        assert.equal(e.Type, 'User');
        assert.equal(e.retryAfterSeconds, '1');
        assert.equal(e.$metadata.httpStatusCode, 429);
        assert.equal(e.$metadata.attempts, 1);
        return true;
      },
    );
  });

  void test('a payload over 6 MB is a 413 RequestEntityTooLargeException', async () => {
    const Payload = Buffer.alloc(LIMITS.syncPayloadBytes + 1, 0x20);
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'echo', Payload })),
      (e: unknown) => {
        // Not a modelled code, so the SDK raises its generic service exception under that name.
        assert.ok(e instanceof LambdaServiceException);
        assert.equal(e.name, 'RequestEntityTooLargeException');
        assert.equal(
          e.message,
          'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
        );
        assert.equal(e.$metadata.httpStatusCode, 413);
        return true;
      },
    );
  });

  void test('a payload of exactly 6 MB is accepted and passed through', async () => {
    const Payload = Buffer.alloc(LIMITS.syncPayloadBytes, 0x20);
    Payload.write('"', 0);
    Payload.write('"', Payload.length - 1);
    const out = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload }));
    assert.equal(out.StatusCode, 200);
    assert.ok(Buffer.from(out.Payload!).equals(Payload));
  });

  void test('an Event payload over 1 MB is a 413 naming its size', async () => {
    const Payload = Buffer.alloc(LIMITS.asyncPayloadBytes + 10, 0x20);
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload })),
      (e: unknown) => {
        assert.ok(e instanceof LambdaServiceException);
        assert.equal(e.name, 'RequestEntityTooLargeException');
        assert.equal(
          e.message,
          '1048586 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
        );
        return true;
      },
    );
  });

  void test('a body that is not JSON is InvalidRequestContentException (the SDK sends bytes as given)', async () => {
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('not json') })),
      (e: unknown) => {
        assert.ok(e instanceof InvalidRequestContentException);
        assert.equal(e.$metadata.httpStatusCode, 400);
        assert.ok(e.message.startsWith(PARSE_PREFIX), e.message);
        assert.equal(e.Type, 'User');
        return true;
      },
    );
  });

  void test('a bug behind the API is a 500 ServiceException, and the server keeps serving', async () => {
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'buggy' })),
      (e: unknown) => {
        assert.ok(e instanceof ServiceException);
        assert.equal(e.$metadata.httpStatusCode, 500);
        assert.equal(e.$fault, 'server');
        return true;
      },
    );
    assert.ok(
      diagnostics.some((d) => d.level === 'error' && d.message.includes('fake target bug')),
    );
    const out = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: '1' }));
    assert.equal(out.StatusCode, 200);
  });
});
