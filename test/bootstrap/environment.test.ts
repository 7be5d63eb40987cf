/**
 * The bootstrap's process environment: the private /tmp (literal paths, os.tmpdir(), Buffer and
 * URL paths, fs/promises, ESM named imports, chdir), the warm loop and its request-id encoding,
 * the extra `/next` headers, waiting for a debugger, the `awslambda` opt-out and a missing
 * Runtime API.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  disposeAll,
  FIXTURES,
  makeTree,
  removeTree,
  runOnce,
  startInstance,
  TEST_TIMEOUT,
} from './harness';

after(disposeAll);

const RUNTIMES = [22, 24] as const;

void describe('private /tmp', { concurrency: 4 }, () => {
  const dirs: string[] = [];
  let copiedRoot = '';
  before(() => {
    // A task root that itself lives under the real /tmp must not be redirected.
    copiedRoot = makeTree({ 'tmp.js': readFileSync(join(FIXTURES, 'tmp.js'), 'utf8') });
    dirs.push(copiedRoot);
  });
  after(() => dirs.forEach(removeTree));

  const leftInRealTmp = (name: string) => readdirSync('/tmp').filter((f) => f.startsWith(name));

  for (const runtime of RUNTIMES) {
    for (const [label, taskRoot] of [
      ['task root outside /tmp', FIXTURES],
      ['task root under /tmp', ''],
    ] as const) {
      void test(`CommonJS, nodejs${runtime}.x, ${label}`, TEST_TIMEOUT, async () => {
        const privateDir = makeTree({}, 'lwb-bootstrap-private-');
        dirs.push(privateDir);
        const name = `wb${randomUUID().slice(0, 8)}`;
        const outcome = await runOnce(
          {
            handler: 'tmp.handler',
            taskRoot: taskRoot || copiedRoot,
            runtime,
            env: { _LAMBDA_WORKBENCH_TMP: privateDir },
          },
          { payload: JSON.stringify({ name }) },
        );
        try {
          assert.equal(outcome.kind, 'response', outcome.body);
          assert.deepEqual(JSON.parse(outcome.body ?? ''), {
            tmpdir: privateDir,
            cwd: realpathSync(privateDir),
            renamed: 'literal',
            exists: true,
            ownSource: true,
          });
          assert.deepEqual(readdirSync(privateDir).sort(), [
            `${name}-buffer.txt`,
            `${name}-copy.txt`,
            `${name}-dir`,
            `${name}-fs-promises.txt`,
            `${name}-promises.txt`,
            `${name}-relative.txt`,
            `${name}-stream.txt`,
            `${name}-tmpdir.txt`,
            `${name}-url.txt`,
          ]);
          assert.equal(readFileSync(join(privateDir, `${name}-stream.txt`), 'utf8'), 'stream');
          assert.deepEqual(leftInRealTmp(name), [], 'nothing written to the real /tmp');
        } finally {
          await outcome.instance.dispose();
        }
      });
    }

    void test(`ES module named imports, nodejs${runtime}.x`, TEST_TIMEOUT, async () => {
      const privateDir = makeTree({}, 'lwb-bootstrap-private-');
      dirs.push(privateDir);
      const name = `wb${randomUUID().slice(0, 8)}`;
      // tmp.js wins over tmp.mjs (§1.3), so load the ES module through a nested handler string.
      const esm = await runOnce(
        {
          handler: 'esm-tmp.handler',
          taskRoot: makeEsmRoot(dirs),
          runtime,
          env: { _LAMBDA_WORKBENCH_TMP: privateDir },
        },
        { payload: JSON.stringify({ name }) },
      );
      try {
        assert.equal(esm.kind, 'response', esm.body);
        assert.deepEqual(JSON.parse(esm.body ?? ''), { tmpdir: privateDir, exists: true });
        for (const suffix of ['esm-named', 'esm-default', 'esm-promises']) {
          assert.ok(existsSync(join(privateDir, `${name}-${suffix}.txt`)), suffix);
        }
        assert.deepEqual(leftInRealTmp(name), []);
      } finally {
        await esm.instance.dispose();
      }
    });
  }
});

/** A task root holding only the ESM /tmp fixture, renamed so no `.js` file shadows it. */
function makeEsmRoot(dirs: string[]): string {
  const root = makeTree({ 'esm-tmp.mjs': readFileSync(join(FIXTURES, 'tmp.mjs'), 'utf8') });
  dirs.push(root);
  return root;
}

void describe('invoke loop', { concurrency: 4 }, () => {
  for (const runtime of RUNTIMES) {
    void test(
      `warm invocations, encoded request ids, /next headers, nodejs${runtime}.x`,
      TEST_TIMEOUT,
      async () => {
        const root = makeTree({
          'echo.js':
            'exports.handler = async (event, context) => ({ event, id: context.awsRequestId });\n',
        });
        const instance = await startInstance({ handler: 'echo.handler', taskRoot: root, runtime });
        try {
          const ids = ['a/b c?d', ...Array.from({ length: 20 }, (_, i) => `warm-${i}`)];
          for (const [i, id] of ids.entries()) {
            const posted = await instance.alive(
              instance.api.invoke({ id, payload: JSON.stringify({ i }) }),
            );
            assert.equal(
              posted.url,
              `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`,
            );
            assert.equal(posted.headers['content-type'], 'application/json');
            assert.equal(posted.body.toString(), JSON.stringify({ event: { i }, id }));
          }
          const next = await instance.settle(ids.length + 1);
          assert.ok(Number(next.headers['lambda-workbench-max-rss']) > 10 * 1024 * 1024);
          assert.equal(next.headers['lambda-workbench-log-bytes'], '0');
        } finally {
          await instance.dispose();
          removeTree(root);
        }
      },
    );

    void test(
      `AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA leaves awslambda undefined, nodejs${runtime}.x`,
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce({
          handler: 'stream-extra.objectChunk',
          taskRoot: FIXTURES,
          runtime,
          env: { AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA: 'true' },
        });
        try {
          assert.equal(outcome.kind, 'init-error');
          const body = JSON.parse(outcome.body ?? '') as {
            errorType: string;
            errorMessage: string;
          };
          assert.equal(body.errorType, 'ReferenceError');
          assert.equal(body.errorMessage, 'awslambda is not defined');
        } finally {
          await outcome.instance.dispose();
        }
      },
    );

    void test(
      `no Runtime API: report on stderr and exit 1, nodejs${runtime}.x`,
      TEST_TIMEOUT,
      async () => {
        const outcome = await runOnce({
          handler: 'context.describe',
          taskRoot: FIXTURES,
          runtime,
          env: { AWS_LAMBDA_RUNTIME_API: undefined },
        });
        try {
          assert.equal(outcome.kind, 'exit');
          assert.equal(outcome.exitCode, 1);
          assert.match(
            outcome.instance.stderr,
            /AWS_LAMBDA_RUNTIME_API environment variable is not set/,
          );
        } finally {
          await outcome.instance.dispose();
        }
      },
    );
  }
});

/**
 * Just enough of a WebSocket client to send one CDP command: the upgrade, then one masked text
 * frame (payloads under 126 bytes).
 */
async function sendCdp(wsUrl: string, message: object): Promise<Socket> {
  const url = new URL(wsUrl);
  const socket = connect(Number(url.port), url.hostname);
  await once(socket, 'connect');
  socket.write(
    `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
      'Sec-WebSocket-Version: 13\r\n\r\n',
  );
  const [reply] = (await once(socket, 'data')) as [Buffer];
  assert.match(reply.toString(), /^HTTP\/1\.1 101/);
  const payload = Buffer.from(JSON.stringify(message));
  const mask = randomBytes(4);
  const masked = payload.map((byte, i) => byte ^ mask[i % 4]);
  socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
  return socket;
}

void describe('waiting for a debugger', { concurrency: 4 }, () => {
  for (const runtime of RUNTIMES) {
    void test(
      `without an inspector the flag is ignored, nodejs${runtime}.x`,
      TEST_TIMEOUT,
      async () => {
        const instance = await startInstance({
          handler: 'context.describe',
          taskRoot: FIXTURES,
          runtime,
          env: { _LAMBDA_WORKBENCH_WAIT_FOR_DEBUGGER: '1' },
        });
        try {
          await instance.alive(instance.api.nthNext(1));
        } finally {
          await instance.dispose();
        }
      },
    );

    void test(
      `with an inspector, user code waits for the debugger, nodejs${runtime}.x`,
      TEST_TIMEOUT,
      async () => {
        const instance = await startInstance({
          handler: 'logging.levels',
          taskRoot: FIXTURES,
          runtime,
          env: { _LAMBDA_WORKBENCH_WAIT_FOR_DEBUGGER: '1' },
          nodeArgs: ['--inspect=127.0.0.1:0'],
        });
        let socket: Socket | undefined;
        try {
          // Wait for the whole line: stderr may arrive in pieces, cutting the URL short.
          const deadline = Date.now() + 15_000;
          let wsUrl: string | undefined;
          while (!(wsUrl = /(ws:\/\/\S+)\n/.exec(instance.stderr)?.[1]) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          assert.ok(wsUrl, instance.stderr);
          await new Promise((resolve) => setTimeout(resolve, 300));
          assert.equal(instance.api.requests.length, 0, 'no /next before the debugger attached');
          assert.equal(instance.frames.length, 0, 'user code (its init log) has not run');
          socket = await sendCdp(wsUrl, { id: 1, method: 'Runtime.runIfWaitingForDebugger' });
          await instance.settle(1);
          assert.equal(instance.frames.length, 1, 'the init log ran once released');
        } finally {
          socket?.destroy();
          await instance.dispose();
        }
      },
    );
  }
});
