// InvokeWithResponseStream (lambda-runtime-spec.md §8.4) through the real SDK, plus the raw
// event-stream bytes read with our own decoder: chunks must arrive as the handler writes them.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  InvokeWithResponseStreamCommand,
  LambdaClient,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import type { InvokeWithResponseStreamResponseEvent } from '@aws-sdk/client-lambda';
import { EventStreamDecoder } from '../../debug-adapter/emulator/invoke-api/eventStream';
import type { EventMessage } from '../../debug-adapter/emulator/invoke-api/eventStream';
import { InvokeApiServer } from '../../debug-adapter/emulator/invoke-api/invokeApiServer';
import {
  FakeTarget,
  deferred,
  failure,
  logRecords,
  result,
  standardBehaviours,
} from './fakeTarget';
import { localLambdaClient } from '../helpers/lambdaClient';

void describe('InvokeWithResponseStream', () => {
  // Lock-step: the streaming fake writes its first chunk, then waits until the test has received
  // it. Without incremental delivery this deadlocks and the test times out.
  let firstChunkSeen = deferred();
  const target = new FakeTarget({
    ...standardBehaviours(),
    streamer: async (_payload, options) => {
      const sink = options.responseStream!;
      sink.start('text/plain');
      sink.write(Buffer.from('first,'));
      await firstChunkSeen.promise;
      sink.write(Buffer.from('second,'));
      sink.write(Buffer.alloc(0)); // Empty writes produce no event.
      sink.write(Buffer.from('third'));
      sink.end();
      const r = result('', { requestId: options.requestId });
      return { ...r, logs: logRecords(r.requestId, ['START', 'streamed', 'END']) };
    },
    'stream-fails': (_payload, options) => {
      const sink = options.responseStream!;
      sink.start('application/octet-stream');
      sink.write(Buffer.from('partial'));
      const error = { errorType: 'Error', errorMessage: 'mid-stream failure', trace: [] };
      sink.end(error);
      const r = failure(error, { requestId: options.requestId });
      return { ...r, logs: logRecords(r.requestId, ['START', 'ERROR mid-stream failure', 'END']) };
    },
  });
  const server = new InvokeApiServer({ target });
  let client: LambdaClient;
  let url: string;

  before(async () => {
    ({ url } = await server.start());
    client = localLambdaClient(url);
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  async function collect(
    stream: AsyncIterable<InvokeWithResponseStreamResponseEvent> | undefined,
    onChunk?: (text: string) => void,
  ): Promise<{
    chunks: string[];
    complete: InvokeWithResponseStreamResponseEvent['InvokeComplete'];
  }> {
    const chunks: string[] = [];
    let complete: InvokeWithResponseStreamResponseEvent['InvokeComplete'];
    for await (const event of stream ?? []) {
      if (event.PayloadChunk) {
        const text = Buffer.from(event.PayloadChunk.Payload ?? []).toString();
        chunks.push(text);
        onChunk?.(text);
      } else if (event.InvokeComplete) {
        assert.equal(complete, undefined, 'exactly one InvokeComplete');
        complete = event.InvokeComplete;
      }
    }
    return { chunks, complete };
  }

  void test('chunks reach the SDK as the handler writes them, then InvokeComplete', async () => {
    firstChunkSeen = deferred();
    const out = await client.send(
      new InvokeWithResponseStreamCommand({ FunctionName: 'streamer', Payload: '{}' }),
    );
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.equal(out.ResponseStreamContentType, 'application/vnd.amazon.eventstream');
    // The response's request id is the one the function was given.
    assert.equal(out.$metadata.requestId, target.lastCall().options.requestId);
    const { chunks, complete } = await collect(out.EventStream, () => firstChunkSeen.resolve());
    assert.deepEqual(chunks, ['first,', 'second,', 'third']);
    assert.deepEqual(complete, {});
  });

  void test('a mid-stream error ends with InvokeComplete carrying ErrorCode, ErrorDetails and LogResult', async () => {
    const out = await client.send(
      new InvokeWithResponseStreamCommand({ FunctionName: 'stream-fails', LogType: 'Tail' }),
    );
    assert.equal(out.StatusCode, 200);
    const { chunks, complete } = await collect(out.EventStream);
    assert.deepEqual(chunks, ['partial']);
    assert.deepEqual(complete, {
      ErrorCode: 'Error',
      ErrorDetails: 'mid-stream failure',
      LogResult: Buffer.from('START\nERROR mid-stream failure\nEND\n').toString('base64'),
    });
  });

  void test('a buffered function answers with its whole payload as one PayloadChunk', async () => {
    const out = await client.send(
      new InvokeWithResponseStreamCommand({
        FunctionName: 'echo',
        Payload: '{"whole": "payload"}',
      }),
    );
    const { chunks, complete } = await collect(out.EventStream);
    assert.deepEqual(chunks, ['{"whole": "payload"}']);
    assert.deepEqual(complete, {});
  });

  void test('a failing buffered function: no chunk, InvokeComplete with the error', async () => {
    const out = await client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'fails' }));
    const { chunks, complete } = await collect(out.EventStream);
    assert.deepEqual(chunks, []);
    assert.deepEqual(complete, { ErrorCode: 'Error', ErrorDetails: 'boom' });
  });

  void test('the client context reaches a streaming invocation', async () => {
    firstChunkSeen = deferred();
    firstChunkSeen.resolve();
    const out = await client.send(
      new InvokeWithResponseStreamCommand({
        FunctionName: 'streamer',
        ClientContext: Buffer.from('{"custom":{"s":1}}').toString('base64'),
      }),
    );
    await collect(out.EventStream);
    assert.equal(target.lastCall().options.clientContext, '{"custom":{"s":1}}');
  });

  void test('DryRun is a 204', async () => {
    const before = target.calls.length;
    const out = await client.send(
      new InvokeWithResponseStreamCommand({ FunctionName: 'streamer', InvocationType: 'DryRun' }),
    );
    assert.equal(out.StatusCode, 204);
    assert.equal(target.calls.length, before);
  });

  void test('typed errors: ResourceNotFoundException and TooManyRequestsException', async () => {
    await assert.rejects(
      client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'nope' })),
      ResourceNotFoundException,
    );
    await assert.rejects(
      client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'throttled' })),
      (e: unknown) => {
        assert.ok(e instanceof TooManyRequestsException);
        assert.equal(e.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
        return true;
      },
    );
  });

  void test('raw bytes: event-stream frames with valid CRCs, headers and payloads', async () => {
    firstChunkSeen = deferred();
    firstChunkSeen.resolve();
    const { status, headers, messages, leftover } = await rawStream(url, 'streamer');
    assert.equal(status, 200);
    assert.equal(headers['content-type'], 'application/vnd.amazon.eventstream');
    assert.equal(headers['x-amz-executed-version'], '$LATEST');
    assert.equal(headers['transfer-encoding'], 'chunked');
    assert.equal(leftover, 0);
    assert.deepEqual(
      messages.map((m) => [m.headers, m.payload.toString()]),
      [
        [chunkHeaders, 'first,'],
        [chunkHeaders, 'second,'],
        [chunkHeaders, 'third'],
        [completeHeaders, '{}'],
      ],
    );
  });

  void test('raw bytes: a streamed Event invocation type is refused', async () => {
    const { status, body, headers } = await rawPost(url, 'streamer', {
      'X-Amz-Invocation-Type': 'Event',
    });
    assert.equal(status, 400);
    assert.equal(headers['x-amzn-errortype'], 'InvalidParameterValueException');
    assert.equal(
      body,
      JSON.stringify({
        Type: 'User',
        message:
          "1 validation error detected: Value 'Event' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [RequestResponse, DryRun]",
      }),
    );
  });
});

const chunkHeaders = {
  ':event-type': 'PayloadChunk',
  ':content-type': 'application/octet-stream',
  ':message-type': 'event',
};
const completeHeaders = {
  ':event-type': 'InvokeComplete',
  ':content-type': 'application/json',
  ':message-type': 'event',
};

function rawPost(
  base: string,
  name: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/2021-11-15/functions/${name}/response-streaming-invocations`,
      { method: 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

function rawStream(
  base: string,
  name: string,
): Promise<{
  status: number;
  headers: Record<string, unknown>;
  messages: EventMessage[];
  leftover: number;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/2021-11-15/functions/${name}/response-streaming-invocations`,
      { method: 'POST' },
      (res) => {
        const decoder = new EventStreamDecoder();
        const messages: EventMessage[] = [];
        res.on('data', (c: Buffer) => messages.push(...decoder.push(c)));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            messages,
            leftover: decoder.buffered,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}
