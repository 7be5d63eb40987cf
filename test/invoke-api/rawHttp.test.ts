// The Invoke API at the byte level, over plain node:http: exact header names and values, exact
// error bodies (lambda-runtime-spec.md §8.2, §8.3), and the server's own promises (early 413s,
// background Event runs and retries, keep-alive sockets closed by close(), no crash on bugs).
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { InvokeApiServer } from '../../debug-adapter/emulator/invoke-api/invokeApiServer';
import type {
  InvokeApiDiagnostic,
  InvokeApiRequestRecord,
} from '../../debug-adapter/emulator/invoke-api/invokeApiServer';
import { FakeTarget, failure, logRecords, result, standardBehaviours } from './fakeTarget';

interface RawResponse {
  status: number;
  /** Header name/value pairs exactly as sent (case preserved). */
  rawHeaders: [string, string][];
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

interface RawRequest {
  path: string;
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  agent?: Agent;
}

function send(base: string, input: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      base + input.path,
      { method: input.method ?? 'POST', headers: input.headers, agent: input.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const rawHeaders: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            rawHeaders.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          }
          resolve({
            status: res.statusCode ?? 0,
            rawHeaders,
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(input.body);
  });
}

const invokePath = (name: string, query = ''): string =>
  `/2015-03-31/functions/${encodeURIComponent(name)}/invocations${query}`;

/** Raw headers minus the ones Node adds on its own (Date, Connection, Keep-Alive). */
function ours(response: RawResponse): [string, string][] {
  return response.rawHeaders.filter(([k]) => !['Date', 'Connection', 'Keep-Alive'].includes(k));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

void describe('Invoke API wire format', () => {
  const diagnostics: InvokeApiDiagnostic[] = [];
  const records: InvokeApiRequestRecord[] = [];
  const target = new FakeTarget({
    ...standardBehaviours(),
    tailed: () => {
      const r = result('{"ok":true}', { requestId: 'c0ffee00-0000-4000-8000-000000000001' });
      return { ...r, logs: logRecords(r.requestId, ['START', 'hello', 'END']) };
    },
    'text-out': () =>
      result(Buffer.from([0xff, 0x00, 0x7b]), {
        requestId: 'c0ffee00-0000-4000-8000-000000000002',
        contentType: 'application/octet-stream',
      }),
    // Fails twice, then succeeds: for the async retry test.
    flaky: (_payload, options, attempt) =>
      attempt < 2
        ? failure(
            { errorType: 'Error', errorMessage: `attempt ${attempt}` },
            { requestId: options.requestId },
          )
        : result('null', { requestId: options.requestId }),
  });
  const server = new InvokeApiServer({
    target,
    asyncRetries: 2,
    asyncRetryDelaysMs: [5, 10],
    onDiagnostic: (d) => diagnostics.push(d),
    onRequest: (r) => records.push(r),
  });
  let url: string;

  before(async () => {
    ({ url } = await server.start());
  });
  after(async () => {
    await server.close();
  });

  void test('binds to 127.0.0.1 on a free port by default', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  void test('200: headers and body exactly as Lambda sends them', async () => {
    const res = await send(url, {
      path: invokePath('tailed'),
      headers: {
        'X-Amz-Log-Type': 'Tail',
        'X-Amzn-Trace-Id':
          'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      },
      body: '{}',
    });
    assert.equal(res.status, 200);
    assert.deepEqual(ours(res), [
      ['Content-Type', 'application/json'],
      ['Content-Length', '11'],
      ['X-Amz-Executed-Version', '$LATEST'],
      ['x-amzn-RequestId', 'c0ffee00-0000-4000-8000-000000000001'],
      ['x-amzn-Remapped-Content-Length', '0'],
      [
        'X-Amzn-Trace-Id',
        'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      ],
      ['X-Amz-Log-Result', Buffer.from('START\nhello\nEND\n').toString('base64')],
    ]);
    assert.equal(res.body.toString(), '{"ok":true}');
    assert.equal(target.lastCall().options.traceId, res.headers['x-amzn-trace-id']);
  });

  void test('200: the payload bytes and content type are passed through untouched', async () => {
    const res = await send(url, { path: invokePath('text-out'), body: '{}' });
    assert.equal(res.headers['content-type'], 'application/octet-stream');
    assert.deepEqual([...res.body], [0xff, 0x00, 0x7b]);
  });

  void test('200 with X-Amz-Function-Error: Unhandled for a function error', async () => {
    const res = await send(url, { path: invokePath('fails'), body: '{}' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-amz-function-error'], 'Unhandled');
    assert.equal(res.headers['x-amz-log-result'], undefined);
    assert.equal(
      res.body.toString(),
      '{"errorType":"Error","errorMessage":"boom","trace":["Error: boom","    at Runtime.handler (file:///var/task/index.mjs:2:9)"]}',
    );
  });

  void test('202 for Event and 204 for DryRun, empty, without X-Amz-Executed-Version', async () => {
    const event = await send(url, {
      path: invokePath('echo'),
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      body: '{}',
    });
    assert.equal(event.status, 202);
    assert.equal(event.body.length, 0);
    assert.equal(event.headers['x-amz-executed-version'], undefined);
    assert.match(String(event.headers['x-amzn-requestid']), UUID);
    const dryRun = await send(url, {
      path: invokePath('echo'),
      headers: { 'X-Amz-Invocation-Type': 'DryRun' },
    });
    assert.equal(dryRun.status, 204);
    assert.equal(dryRun.body.length, 0);
    assert.equal(dryRun.headers['x-amz-executed-version'], undefined);
  });

  void test('404 ResourceNotFoundException: body and headers byte for byte', async () => {
    const res = await send(url, { path: invokePath('nope'), body: '{}' });
    assert.equal(res.status, 404);
    const headers = ours(res);
    assert.deepEqual(headers.slice(0, 3), [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(res.body.length)],
      ['x-amzn-ErrorType', 'ResourceNotFoundException'],
    ]);
    assert.equal(headers[3][0], 'x-amzn-RequestId');
    assert.match(headers[3][1], UUID);
    assert.equal(
      res.body.toString(),
      '{"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST","Type":"User"}',
    );
  });

  void test('404 for an unknown version keeps the qualified ARN of the function', async () => {
    const res = await send(url, { path: invokePath('echo', '?Qualifier=7'), body: '{}' });
    assert.equal(
      res.body.toString(),
      '{"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:echo:7","Type":"User"}',
    );
  });

  void test('429 TooManyRequestsException: body key order and Retry-After', async () => {
    const res = await send(url, { path: invokePath('throttled'), body: '{}' });
    assert.equal(res.status, 429);
    assert.equal(res.headers['x-amzn-errortype'], 'TooManyRequestsException');
    assert.equal(res.headers['retry-after'], '1');
    assert.equal(
      res.body.toString(),
      '{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}',
    );
  });

  const badBodies: [string, string | Buffer, string][] = [
    [
      'a stray byte',
      Buffer.from([0x99]),
      "Unexpected character ((CTRL-CHAR, code 153)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]",
    ],
    [
      'invalid UTF-8 in a string',
      Buffer.from([0x22, 0x87, 0x22]),
      'Invalid UTF-8 start byte 0x87\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 3]',
    ],
    [
      'plain text',
      'hello',
      "Unrecognized token 'hello': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 6]",
    ],
    [
      'an unclosed object',
      '{"a":1',
      'Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 7]',
    ],
  ];
  for (const [label, body, parserMessage] of badBodies) {
    void test(`400 InvalidRequestContentException for ${label}`, async () => {
      const res = await send(url, { path: invokePath('echo'), body });
      assert.equal(res.status, 400);
      assert.equal(res.headers['x-amzn-errortype'], 'InvalidRequestContentException');
      assert.equal(
        res.body.toString(),
        JSON.stringify({
          Type: 'User',
          message: `Could not parse request body into json: Could not parse payload into json: ${parserMessage}`,
        }),
      );
    });
  }

  void test('400 InvalidParameterValueException for an unknown invocation or log type', async () => {
    const badType = await send(url, {
      path: invokePath('echo'),
      headers: { 'X-Amz-Invocation-Type': 'Sometimes' },
      body: '{}',
    });
    assert.equal(badType.status, 400);
    assert.equal(badType.headers['x-amzn-errortype'], 'InvalidParameterValueException');
    assert.equal(
      badType.body.toString(),
      `{"Type":"User","message":"1 validation error detected: Value 'Sometimes' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"}`,
    );
    const badLog = await send(url, {
      path: invokePath('echo'),
      headers: { 'X-Amz-Log-Type': 'All' },
      body: '{}',
    });
    assert.equal(badLog.status, 400);
    assert.equal(badLog.headers['x-amzn-errortype'], 'InvalidParameterValueException');
  });

  void test('404 UnknownOperationException for other routes and methods', async () => {
    for (const [method, path] of [
      ['POST', '/2015-03-31/functions/echo'],
      ['GET', invokePath('echo')],
      ['POST', '/2015-03-31/functions/a/b/invocations'],
      ['GET', '/'],
    ]) {
      const res = await send(url, { method, path });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.headers['x-amzn-errortype'], 'UnknownOperationException');
      assert.equal(
        res.body.toString(),
        JSON.stringify({ Type: 'User', message: `Unknown operation: ${method} ${path}` }),
      );
    }
  });

  void test('413 is answered at once from Content-Length, without waiting for a 100 MB body', async () => {
    const started = Date.now();
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url + invokePath('echo'), {
        method: 'POST',
        headers: { 'Content-Length': 100 * 1024 * 1024 },
      });
      req.on('response', (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write('{"start": "of a body that never ends"');
    });
    assert.ok(Date.now() - started < 2000);
    assert.equal(res.status, 413);
    assert.equal(
      res.body,
      '{"Type":"User","message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}',
    );
  });

  void test('413 for a chunked body is answered as soon as the count passes 6 MB', async () => {
    const res = await new Promise<{ status: number; sentWhenAnswered: number }>(
      (resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = request(url + invokePath('echo'), { method: 'POST' });
        req.on('response', (r) => {
          answered = true;
          r.resume();
          resolve({ status: r.statusCode ?? 0, sentWhenAnswered: sent });
          req.destroy();
        });
        req.on('error', (e) => (answered ? undefined : reject(e)));
        const piece = Buffer.alloc(256 * 1024, 0x20);
        const pump = (): void => {
          // Keep sending (up to 64 MB) until the server answers.
          while (!answered && sent < 64 * 1024 * 1024) {
            sent += piece.length;
            if (!req.write(piece)) {
              req.once('drain', pump);
              return;
            }
          }
        };
        pump();
      },
    );
    assert.equal(res.status, 413);
    assert.ok(
      res.sentWhenAnswered < 32 * 1024 * 1024,
      `answered after ${res.sentWhenAnswered} bytes`,
    );
  });

  void test('413 for a chunked Event body names its full size', async () => {
    const body = Buffer.alloc(1024 * 1024 + 5, 0x20);
    const res = await new Promise<RawResponse>((resolve, reject) => {
      const req = request(
        url + invokePath('echo'),
        { method: 'POST', headers: { 'X-Amz-Invocation-Type': 'Event' } },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () =>
            resolve({
              status: r.statusCode ?? 0,
              rawHeaders: [],
              headers: r.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      // Two writes without Content-Length: Node sends them chunked.
      req.write(body.subarray(0, 1000));
      req.end(body.subarray(1000));
    });
    assert.equal(res.status, 413);
    assert.equal(res.headers['x-amzn-errortype'], 'RequestEntityTooLargeException');
    assert.equal(
      res.body.toString(),
      '{"Type":"User","message":"1048581 byte payload is too large for the Event invocation type (limit 1048576 bytes)"}',
    );
  });

  void test('a keep-alive connection stays usable after a refused request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await send(url, {
        path: invokePath('nope'),
        body: Buffer.alloc(200 * 1024, 0x20),
        agent,
      });
      assert.equal(refused.status, 404);
      const ok = await send(url, { path: invokePath('echo'), body: '[true]', agent });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.toString(), '[true]');
    } finally {
      agent.destroy();
    }
  });

  void test('a failing Event invocation is retried with the same request id and reported, never thrown', async () => {
    const before = target.calls.length;
    const res = await send(url, {
      path: invokePath('flaky'),
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      body: '{"n":1}',
    });
    assert.equal(res.status, 202);
    await target.waitForCalls(before + 3);
    const attempts = target.calls.slice(before).filter((c) => c.name === 'flaky');
    assert.equal(attempts.length, 3);
    for (const call of attempts) {
      assert.equal(call.options.requestId, res.headers['x-amzn-requestid']);
      assert.equal(call.payload.toString(), '{"n":1}');
    }
    const warnings = diagnostics.filter((d) => d.functionName === 'flaky');
    assert.deepEqual(
      warnings.map((d) => d.level),
      ['warn', 'warn'],
    );
    assert.match(warnings[0].message, /attempt 1\): Error: attempt 0; retrying as Lambda would$/);
  });

  void test('a throttled Event invocation is reported as a diagnostic, the caller already has its 202', async () => {
    const res = await send(url, {
      path: invokePath('throttled'),
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      body: '{}',
    });
    assert.equal(res.status, 202);
    await new Promise((r) => setTimeout(r, 20));
    const warning = diagnostics.find((d) => d.functionName === 'throttled');
    assert.equal(warning?.level, 'warn');
    assert.match(warning?.message ?? '', /was not run: Rate Exceeded\.$/);
  });

  void test('a bug in the target is a 500 ServiceException, reported, and the server keeps serving', async () => {
    const res = await send(url, { path: invokePath('explodes-on-lookup'), body: '{}' });
    assert.equal(res.status, 500);
    assert.equal(res.headers['x-amzn-errortype'], 'ServiceException');
    assert.equal(
      res.body.toString(),
      '{"Type":"Service","Message":"Lambda Workbench internal error: lookup blew up"}',
    );
    assert.ok(diagnostics.some((d) => d.level === 'error' && d.message.includes('lookup blew up')));
    const ok = await send(url, { path: invokePath('echo'), body: '{}' });
    assert.equal(ok.status, 200);
  });

  void test('onRequest reports each request once it is answered', async () => {
    records.length = 0;
    await send(url, { path: invokePath('nope'), body: '{}' });
    await send(url, { path: invokePath('echo'), body: '{}' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      records.map((r) => [r.operation, r.functionName, r.invocationType, r.status, r.errorCode]),
      [
        ['Invoke', undefined, undefined, 404, 'ResourceNotFoundException'],
        ['Invoke', 'echo', 'RequestResponse', 200, undefined],
      ],
    );
    assert.ok(records.every((r) => r.durationMs >= 0 && typeof r.requestId === 'string'));
  });
});

void describe('InvokeApiServer.close', () => {
  void test('closes idle keep-alive sockets and in-flight requests, and resolves promptly', async () => {
    let release!: () => void;
    const target = new FakeTarget({
      echo: (payload) => result(payload),
      hangs: () => new Promise((resolve) => (release = () => resolve(result('null')))),
    });
    const server = new InvokeApiServer({ target });
    const { url, port } = await server.start();
    const agent = new Agent({ keepAlive: true });
    await send(url, { path: invokePath('echo'), body: '{}', agent });
    const idleSocket = Object.values(agent.freeSockets).flat()[0];
    assert.ok(idleSocket, 'a keep-alive socket is pooled');
    const idleClosed = new Promise((resolve) => idleSocket.once('close', resolve));
    const inFlight = send(url, { path: invokePath('hangs'), body: '{}' }).then(
      () => 'answered',
      () => 'cut',
    );
    await target.waitForCalls(2);
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 1000);
    await idleClosed;
    assert.equal(await inFlight, 'cut');
    release(); // The late result must be dropped quietly.
    await new Promise((r) => setTimeout(r, 10));
    // Nothing listens any more.
    await assert.rejects(
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
        socket.on('error', reject);
      }),
    );
    agent.destroy();
  });
});
