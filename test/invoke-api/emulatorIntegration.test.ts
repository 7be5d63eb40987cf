// The Invoke API in front of the real emulator (not a fake target): the AWS SDK sees the same
// Payload, StatusCode, FunctionError, LogResult and typed errors a real function would give it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  InvokeCommand,
  InvokeWithResponseStreamCommand,
  LambdaClient,
  TooManyRequestsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { Emulator } from '../../debug-adapter/emulator/emulator';
import { InvokeApiServer } from '../../debug-adapter/emulator/invoke-api/invokeApiServer';
import { localLambdaClient } from '../helpers/lambdaClient';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'emulator');

describe('Invoke API + emulator, driven by @aws-sdk/client-lambda', () => {
  let emulator: Emulator;
  let server: InvokeApiServer;
  let client: LambdaClient;

  before(async () => {
    emulator = new Emulator({ hostEnv: { PATH: process.env.PATH } });
    emulator.defineFunction({ name: 'echo', handler: 'basic.echo', codeUri: FIXTURES });
    emulator.defineFunction({
      name: 'faults',
      handler: 'faults.handler',
      codeUri: FIXTURES,
      timeout: 1,
      reservedConcurrency: 1,
    });
    emulator.defineFunction({ name: 'stream', handler: 'streaming.handler', codeUri: FIXTURES });
    server = new InvokeApiServer({ target: emulator });
    const { url } = await server.start();
    client = localLambdaClient(url);
  });

  after(async () => {
    client.destroy();
    await server.close();
    await emulator.dispose();
  });

  it('returns the payload, status, version and a log tail', async () => {
    const output = await client.send(
      new InvokeCommand({
        FunctionName: 'echo',
        Payload: Buffer.from('{"hello":"world"}'),
        LogType: 'Tail',
      }),
    );
    assert.equal(output.StatusCode, 200);
    assert.equal(output.FunctionError, undefined);
    assert.equal(output.ExecutedVersion, '$LATEST');
    assert.equal(Buffer.from(output.Payload!).toString(), '{"hello":"world"}');
    const tail = Buffer.from(output.LogResult!, 'base64').toString();
    assert.match(tail, /^INIT_START Runtime Version: /);
    assert.match(
      tail,
      /\nEND RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\t.*\tInit Duration: [\d.]+ ms\t\n$/,
    );
  });

  it('marks a function error Unhandled and returns the error body', async () => {
    const output = await client.send(
      new InvokeCommand({ FunctionName: 'faults', Payload: Buffer.from('{"kind":"throw"}') }),
    );
    assert.equal(output.StatusCode, 200);
    assert.equal(output.FunctionError, 'Unhandled');
    const body = JSON.parse(Buffer.from(output.Payload!).toString());
    assert.deepEqual([body.errorType, body.errorMessage], ['TypeError', 'bad thing']);
  });

  it('returns Sandbox.Timedout as a function error', async () => {
    const output = await client.send(
      new InvokeCommand({ FunctionName: 'faults', Payload: Buffer.from('{"kind":"hang"}') }),
    );
    assert.equal(output.FunctionError, 'Unhandled');
    assert.match(
      Buffer.from(output.Payload!).toString(),
      /^\{"errorType":"Sandbox\.Timedout","errorMessage":"RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds"\}$/,
    );
  });

  it('throttles past the reserved concurrency with TooManyRequestsException', async () => {
    const slow = client.send(
      new InvokeCommand({
        FunctionName: 'faults',
        Payload: Buffer.from('{"kind":"sleep","ms":400}'),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await assert.rejects(
      client.send(
        new InvokeCommand({ FunctionName: 'faults', Payload: Buffer.from('{"kind":"ok"}') }),
      ),
      (error: unknown) =>
        error instanceof TooManyRequestsException &&
        error.Reason === 'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
    assert.equal((await slow).StatusCode, 200);
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'missing', Payload: Buffer.from('{}') })),
      (error: unknown) =>
        error instanceof ResourceNotFoundException &&
        error.message ===
          'Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing:$LATEST',
    );
  });

  it('runs Event invocations in the background (202) and DryRun checks only (204)', async () => {
    const ended = new Promise<string>((resolve) =>
      emulator.onInvocationEnded((event) => resolve(event.result.payload.toString())),
    );
    const event = await client.send(
      new InvokeCommand({
        FunctionName: 'echo',
        InvocationType: 'Event',
        Payload: Buffer.from('{"async":true}'),
      }),
    );
    assert.equal(event.StatusCode, 202);
    assert.equal(await ended, '{"async":true}');
    const dry = await client.send(
      new InvokeCommand({
        FunctionName: 'echo',
        InvocationType: 'DryRun',
        Payload: Buffer.from('{}'),
      }),
    );
    assert.equal(dry.StatusCode, 204);
  });

  it('streams a streamifyResponse handler chunk by chunk through InvokeWithResponseStream', async () => {
    const output = await client.send(
      new InvokeWithResponseStreamCommand({
        FunctionName: 'stream',
        Payload: Buffer.from('{"chunks":3,"gapMs":30}'),
      }),
    );
    assert.equal(output.StatusCode, 200);
    const chunks: Array<{ text: string; at: number }> = [];
    let complete: unknown;
    for await (const event of output.EventStream!) {
      if (event.PayloadChunk?.Payload)
        chunks.push({ text: Buffer.from(event.PayloadChunk.Payload).toString(), at: Date.now() });
      if (event.InvokeComplete) complete = event.InvokeComplete;
    }
    assert.equal(chunks.map((c) => c.text).join(''), 'chunk 0\nchunk 1\nchunk 2\n');
    assert.ok(chunks.length >= 2, 'the chunks arrive separately');
    assert.ok(chunks.at(-1)!.at - chunks[0]!.at >= 30, 'and over time, not all at the end');
    assert.deepEqual(complete, {});
  });
});
