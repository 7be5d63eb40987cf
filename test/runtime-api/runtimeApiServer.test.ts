// The Runtime API's HTTP contract (lambda-runtime-spec.md §7), driven over real HTTP on 127.0.0.1 as
// a runtime client would: headers of /next, status codes and exact bodies of every answer.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  RuntimeApiServer,
  type RuntimeApiListener,
  type RuntimeResult,
} from '../../debug-adapter/emulator/runtime-api/runtimeApiServer';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  port: number,
  method: string,
  path: string,
  body?: Buffer | string,
  headers: http.OutgoingHttpHeaders = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function recorder() {
  const events: Array<{ kind: string; value?: unknown }> = [];
  const listener: RuntimeApiListener = {
    onNext: (info) => events.push({ kind: 'next', value: info }),
    onResult: (result: RuntimeResult) => events.push({ kind: 'result', value: result }),
    onStreamStart: (id, type) => events.push({ kind: 'streamStart', value: { id, type } }),
    onStreamChunk: (chunk) => events.push({ kind: 'chunk', value: chunk.toString('utf8') }),
    onStreamEnd: (trailers) => events.push({ kind: 'streamEnd', value: trailers }),
    onInitError: (body, type) =>
      events.push({ kind: 'initError', value: { body: body.toString('utf8'), type } }),
  };
  return { events, listener };
}

const P = '/2018-06-01/runtime';

describe('Runtime API server', () => {
  let server: RuntimeApiServer;
  let port: number;
  let events: Array<{ kind: string; value?: unknown }>;

  before(async () => {
    const rec = recorder();
    events = rec.events;
    server = new RuntimeApiServer(rec.listener);
    port = await server.listen();
  });
  after(() => server.close());

  it('binds to 127.0.0.1 on a port chosen at run time', () => {
    assert.ok(port > 0);
  });

  it('serves an event on /next with the exact headers, then accepts the response', async () => {
    const next = request(port, 'GET', `${P}/invocation/next`, undefined, {
      'lambda-workbench-log-bytes': '42',
      'lambda-workbench-max-rss': '1000',
    });
    server.deliver({
      requestId: 'req-1',
      payload: Buffer.from('{"a":1}'),
      deadlineMs: 1700000000000,
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
      traceId: 'Root=1-abc;Parent=def;Sampled=0',
      clientContext: '{"custom":{"k":"v"}}',
    });
    const reply = await next;
    assert.equal(reply.status, 200);
    assert.equal(reply.body, '{"a":1}');
    assert.equal(reply.headers['lambda-runtime-aws-request-id'], 'req-1');
    assert.equal(reply.headers['lambda-runtime-deadline-ms'], '1700000000000');
    assert.equal(
      reply.headers['lambda-runtime-invoked-function-arn'],
      'arn:aws:lambda:us-east-1:123456789012:function:fn',
    );
    assert.equal(reply.headers['lambda-runtime-trace-id'], 'Root=1-abc;Parent=def;Sampled=0');
    assert.equal(reply.headers['lambda-runtime-client-context'], '{"custom":{"k":"v"}}');
    assert.equal(
      reply.headers['lambda-runtime-cognito-identity'],
      undefined,
      'optional headers only when present',
    );
    assert.equal(reply.headers['content-type'], 'application/json');
    assert.deepEqual(events.find((e) => e.kind === 'next')?.value, { logBytes: 42, maxRss: 1000 });

    const twice = await request(port, 'GET', `${P}/invocation/next`);
    assert.equal(twice.status, 403);
    assert.equal(
      twice.body,
      '{"errorMessage":"State transition from Running to Ready failed for runtime. Error: State transition is not allowed","errorType":"InvalidStateTransition"}',
    );

    const wrong = await request(port, 'POST', `${P}/invocation/other/response`, '1');
    assert.equal(wrong.status, 400);
    assert.equal(
      wrong.body,
      '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}',
    );

    const ok = await request(port, 'POST', `${P}/invocation/req-1/response`, '"done"', {
      'content-type': 'application/json',
    });
    assert.equal(ok.status, 202);
    assert.equal(ok.body, '{"status":"OK"}');
    const result = events.find((e) => e.kind === 'result')?.value as RuntimeResult & {
      body: Buffer;
    };
    assert.equal(result.kind, 'response');
    assert.equal(result.body.toString(), '"done"');

    const again = await request(port, 'POST', `${P}/invocation/req-1/response`, '"again"');
    assert.equal(again.status, 400, 'a second response for the same id is refused');
    assert.equal(
      again.body,
      '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}',
    );
  });

  it('accepts an error with its error-type header, decoding a URL-encoded request id', async () => {
    const next = request(port, 'GET', `${P}/invocation/next`);
    server.deliver({
      requestId: 'a/b c',
      payload: Buffer.from('{}'),
      deadlineMs: 1,
      invokedFunctionArn: 'arn',
      traceId: 't',
    });
    await next;
    const reply = await request(
      port,
      'POST',
      `${P}/invocation/${encodeURIComponent('a/b c')}/error`,
      '{"errorType":"Error","errorMessage":"x","trace":[]}',
      {
        'lambda-runtime-function-error-type': 'Error',
      },
    );
    assert.equal(reply.status, 202);
    const result = events.filter((e) => e.kind === 'result').at(-1)?.value as {
      kind: string;
      requestId: string;
      errorType: string;
    };
    assert.deepEqual(
      [result.kind, result.requestId, result.errorType],
      ['error', 'a/b c', 'Error'],
    );
  });

  it('refuses a response over 6291556 bytes with 413 and reports it', async () => {
    const next = request(port, 'GET', `${P}/invocation/next`);
    server.deliver({
      requestId: 'big',
      payload: Buffer.from('{}'),
      deadlineMs: 1,
      invokedFunctionArn: 'arn',
      traceId: 't',
    });
    await next;
    const reply = await request(
      port,
      'POST',
      `${P}/invocation/big/response`,
      Buffer.alloc(6291557, 0x61),
    );
    assert.equal(reply.status, 413);
    assert.equal(
      reply.body,
      '{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}',
    );
    assert.equal(
      (events.filter((e) => e.kind === 'result').at(-1)?.value as { kind: string }).kind,
      'tooLarge',
    );
  });

  it('streams a response chunk by chunk and reads the error trailers', async () => {
    const next = request(port, 'GET', `${P}/invocation/next`);
    server.deliver({
      requestId: 's1',
      payload: Buffer.from('{}'),
      deadlineMs: 1,
      invokedFunctionArn: 'arn',
      traceId: 't',
    });
    await next;
    const errorBody = Buffer.from('{"errorType":"Error","errorMessage":"mid","trace":[]}').toString(
      'base64',
    );
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `${P}/invocation/s1/response`,
          headers: {
            'Lambda-Runtime-Function-Response-Mode': 'streaming',
            'Transfer-Encoding': 'chunked',
            Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
            'Content-Type': 'text/plain',
          },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.write('hello ');
      req.write('world');
      req.addTrailers({
        'Lambda-Runtime-Function-Error-Type': 'Error',
        'Lambda-Runtime-Function-Error-Body': errorBody,
      });
      req.end();
    });
    assert.deepEqual(events.find((e) => e.kind === 'streamStart')?.value, {
      id: 's1',
      type: 'text/plain',
    });
    assert.equal(
      events
        .filter((e) => e.kind === 'chunk')
        .map((e) => e.value)
        .join(''),
      'hello world',
    );
    const end = events.find((e) => e.kind === 'streamEnd')?.value as {
      errorType: string;
      errorBody: Buffer;
    };
    assert.equal(end.errorType, 'Error');
    assert.equal(end.errorBody.toString(), '{"errorType":"Error","errorMessage":"mid","trace":[]}');
  });

  it('rejects an unknown response mode', async () => {
    const next = request(port, 'GET', `${P}/invocation/next`);
    server.deliver({
      requestId: 'm1',
      payload: Buffer.from('{}'),
      deadlineMs: 1,
      invokedFunctionArn: 'arn',
      traceId: 't',
    });
    await next;
    const reply = await request(port, 'POST', `${P}/invocation/m1/response`, 'x', {
      'Lambda-Runtime-Function-Response-Mode': 'bogus',
    });
    assert.equal(reply.status, 400);
    assert.equal(
      reply.body,
      '{"errorMessage":"Invalid function response mode","errorType":"InvalidFunctionResponseMode"}',
    );
  });

  it('only accepts init/error during init', async () => {
    const fresh = recorder();
    const initServer = new RuntimeApiServer(fresh.listener);
    const initPort = await initServer.listen();
    try {
      const body = '{"errorType":"Runtime.ImportModuleError","errorMessage":"x","trace":[]}';
      const ok = await request(initPort, 'POST', `${P}/init/error`, body, {
        'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError',
      });
      assert.equal(ok.status, 202);
      assert.deepEqual(fresh.events[0], {
        kind: 'initError',
        value: { body, type: 'Runtime.ImportModuleError' },
      });
      const late = await request(initPort, 'POST', `${P}/init/error`, body);
      assert.equal(late.status, 403);
      assert.match(late.body, /"errorType":"InvalidStateTransition"/);
    } finally {
      initServer.close();
    }
  });

  it('answers unknown paths with 404', async () => {
    const reply = await request(port, 'GET', '/2018-06-01/nope');
    assert.equal(reply.status, 404);
  });
});
