/**
 * Replays every case of the aws-lambda-ric oracle transcripts (golden/oracle.json, transcribed from
 * feasibility-runtime/oracle-*.md) against our bootstrap, for RIC3 (nodejs20.x) and RIC4
 * (nodejs24.x) semantics, and compares requests, headers, bodies, trailers, log lines, telemetry
 * frames and exit codes byte for byte after normalising ids, timestamps and paths. Stack frames of
 * the runtime itself are allowed to differ; the first line and the handler frames must match.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  disposeAll,
  makeTree,
  normalizeJsonText,
  normalizeRecord,
  normalizeText,
  normalizeXRay,
  ORACLE_ID,
  removeTree,
  startInstance,
  userFrames,
  type Instance,
  type RecordedRequest,
  TEST_TIMEOUT,
} from './harness';

interface OracleRequest {
  method: string;
  url: string;
  headers?: [string, string][];
  body?: string;
  trailers?: [string, string][];
}

interface OracleCase {
  name: string;
  handler: string;
  env: Record<string, string>;
  outcome: 'response' | 'error' | 'timeout' | 'exited' | null;
  exitCode: number | null;
  requests: OracleRequest[];
  stdout: string[];
  stderr: string[];
  frames: { type: string; len: number; tsMicros: string; msg: string }[];
}

interface Oracle {
  ric3: OracleCase[];
  ric4: OracleCase[];
  fixtures: Record<string, string>;
}

const oracle = JSON.parse(readFileSync(join(__dirname, 'golden', 'oracle.json'), 'utf8')) as Oracle;

/** Where the oracle's fixtures lived (the base64 streaming trailers kept the real path). */
const ORACLE_ROOTS = ['$SCRATCH/exp2/fn', '/tmp/feas-d/exp2/fn'];
const XRAY_HEADER = 'lambda-runtime-function-xray-error-cause';
const ERROR_TYPE_HEADER = 'lambda-runtime-function-error-type';

let taskRoot = '';
before(() => {
  // The oracle fixtures are written out byte for byte, so handler frames have the same line:col.
  taskRoot = makeTree(oracle.fixtures);
});
after(async () => {
  await disposeAll();
  removeTree(taskRoot);
});

const lines = (text: string) => {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
};

function header(request: { rawHeaders?: [string, string][]; headers?: [string, string][] }) {
  const list = request.rawHeaders ?? request.headers ?? [];
  return (name: string) =>
    list.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

async function runCase(instance: Instance, expected: OracleCase): Promise<void> {
  const first = expected.requests[0];
  if (first.method === 'GET') {
    const result = instance.api.invoke({ id: ORACLE_ID });
    if (expected.outcome === 'response' || expected.outcome === 'error') {
      await instance.alive(result);
      if (expected.requests.length >= 3) await instance.settle(2);
      else await instance.closed;
    } else if (expected.outcome === 'exited') {
      await instance.closed;
    } else {
      // "timeout": once the event is taken, nothing may be posted while the handler keeps the
      // loop alive.
      await instance.alive(instance.api.nthNext(1));
      await new Promise((r) => setTimeout(r, 300));
    }
  } else {
    await instance.closed;
  }
}

function checkPost(ours: RecordedRequest, theirs: OracleRequest, roots: string[]): void {
  const ourHeader = header({ rawHeaders: ours.rawHeaders });
  const theirHeader = header(theirs);
  const ourBody = ours.body.toString();
  const theirBody = theirs.body ?? '';
  const streaming = theirHeader('lambda-runtime-function-response-mode').length > 0;

  if (streaming) {
    const names = (list: [string, string][]) =>
      list.map(([name, value]) => `${name}: ${name === 'Host' ? '<host>' : value}`);
    assert.deepEqual(names(ours.rawHeaders), names(theirs.headers ?? []), 'streaming headers');
    assert.equal(ourBody, theirBody, 'streamed body');
    const trailer = (list: [string, string][], name: string) =>
      list.find(([key]) => key.toLowerCase() === name)?.[1];
    const theirTrailers = theirs.trailers ?? [];
    assert.deepEqual(
      ours.trailers.map(([name]) => name),
      theirTrailers.map(([name]) => name),
      'trailer names',
    );
    if (theirTrailers.length > 0) {
      assert.equal(
        trailer(ours.trailers, ERROR_TYPE_HEADER),
        trailer(theirTrailers, ERROR_TYPE_HEADER),
      );
      const decode = (value: string | undefined) => Buffer.from(value ?? '', 'base64').toString();
      const body = 'lambda-runtime-function-error-body';
      assert.equal(
        normalizeJsonText(decode(trailer(ours.trailers, body)), roots),
        normalizeJsonText(decode(trailer(theirTrailers, body)), ORACLE_ROOTS),
        'error trailer body',
      );
    }
    return;
  }

  assert.deepEqual(ourHeader('content-type'), theirHeader('content-type'), 'content-type');
  assert.deepEqual(
    ourHeader(ERROR_TYPE_HEADER),
    theirHeader(ERROR_TYPE_HEADER),
    'error-type header',
  );
  assert.equal(Number(ourHeader('content-length')[0]), ours.body.length, 'content-length');
  const theirCause = theirHeader(XRAY_HEADER)[0];
  if (theirCause === undefined) {
    assert.deepEqual(ourHeader(XRAY_HEADER), [], 'no X-Ray cause');
  } else {
    assert.equal(
      normalizeXRay(ourHeader(XRAY_HEADER)[0] ?? '{}', roots),
      normalizeXRay(theirCause, ORACLE_ROOTS),
      'X-Ray cause',
    );
  }
  if (ours.url.endsWith('/response')) {
    assert.equal(ourBody, theirBody, 'response body');
  } else {
    assert.equal(
      normalizeJsonText(ourBody, roots),
      normalizeJsonText(theirBody, ORACLE_ROOTS),
      'error body',
    );
  }
}

for (const generation of ['ric3', 'ric4'] as const) {
  void describe(`oracle transcripts, ${generation}`, { concurrency: 4 }, () => {
    for (const expected of oracle[generation]) {
      void test(`${expected.name} (${expected.handler})`, TEST_TIMEOUT, async () => {
        const { _LAMBDA_TELEMETRY_LOG_FD: fd, ...env } = expected.env;
        const instance = await startInstance({
          handler: expected.handler,
          taskRoot,
          runtime: generation === 'ric3' ? 20 : 24,
          env,
          telemetry: fd !== undefined,
        });
        try {
          await runCase(instance, expected);
          const roots = [taskRoot];

          // RIC 3.3.0 predates the callback deprecation warning that nodejs18–22 now print.
          const warns = generation === 'ric3' && expected.handler.startsWith('callback.') ? 1 : 0;
          const theirStdout = expected.stdout.filter((line, i, all) => i < all.length - 1 || line);
          // Late timers may still print after the invocation (callbackWaitsForEmptyEventLoop=false).
          await until(() => lines(instance.stdout).length >= theirStdout.length + warns, 5000);
          let ourStdout = lines(instance.stdout);
          if (warns) {
            assert.match(ourStdout[0], /\tundefined\tWARN\tAWS Lambda plans to remove support/);
            ourStdout = ourStdout.slice(1);
          }

          const requests = instance.api.requests.map((r) => `${r.method} ${r.url}`);
          assert.deepEqual(
            requests,
            expected.requests.map((r) => `${r.method} ${r.url}`),
            'request sequence',
          );
          expected.requests.forEach((theirs, i) => {
            if (theirs.method === 'POST') checkPost(instance.api.requests[i], theirs, roots);
          });

          assert.deepEqual(
            ourStdout.map((line) => normalizeRecord(line, roots)),
            theirStdout.map((line) => normalizeRecord(line, ORACLE_ROOTS)),
            'stdout',
          );

          // Node's own report of an error RIC4 lets escape: compare it without the Node-version
          // specifics (internal file positions, the `Node.js vNN` footer, runtime frames).
          const stderr = (text: string, rootsOf: readonly string[]) =>
            userFrames(lines(normalizeText(text, rootsOf))).filter(
              (line) => !/^node:internal\//.test(line) && !/^Node\.js v/.test(line),
            );
          assert.deepEqual(
            stderr(instance.stderr, roots),
            stderr(expected.stderr.join('\n'), ORACLE_ROOTS),
            'stderr',
          );

          assert.equal(instance.frames.length, expected.frames.length, 'frame count');
          instance.frames.forEach((frame, i) => {
            const theirs = expected.frames[i];
            assert.equal(`0x${frame.type.toString(16)}`, theirs.type, 'frame type');
            assert.equal(frame.length, Buffer.byteLength(frame.message), 'frame length');
            const time = /^(\S+)\t/.exec(frame.message)?.[1] ?? '';
            assert.equal(frame.micros, BigInt(Date.parse(time)) * 1000n, 'frame timestamp');
            assert.equal(
              normalizeRecord(frame.message, roots),
              normalizeRecord(theirs.msg, ORACLE_ROOTS),
              'frame message',
            );
          });

          if (expected.exitCode !== null) {
            const { code } = await instance.closed;
            assert.equal(code, expected.exitCode, 'exit code');
          }
        } finally {
          await instance.dispose();
        }
      });
    }
  });
}
