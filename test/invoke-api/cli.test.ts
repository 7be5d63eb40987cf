// The Invoke API driven by the AWS CLI (`aws lambda invoke --endpoint-url`), the second real client
// (feasibility-runtime.md §4). Skipped, saying why, when no `aws` is installed; CI installs awscli.
// v1 sends --payload raw; v2 needs --cli-binary-format raw-in-base64-out.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InvokeApiServer } from '../../debug-adapter/emulator/invoke-api/invokeApiServer';
import { FakeTarget, logRecords, result, standardBehaviours } from './fakeTarget';

/** Every distinct AWS CLI on this machine (PATH first, then Debian's), by its version line. */
function findClis(): { command: string; version: string }[] {
  const found = new Map<string, string>();
  for (const command of ['aws', '/usr/bin/aws', '/usr/local/bin/aws']) {
    const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const version = `${probe.stdout}${probe.stderr}`.trim();
    if (![...found.values()].includes(version)) found.set(command, version);
  }
  return [...found].map(([command, version]) => ({ command, version }));
}

const clis = findClis();
if (clis.length === 0) {
  void describe('aws lambda invoke', {
    skip: 'the AWS CLI (`aws`) is not installed here; install awscli to run these tests',
  });
}

/** v2 prints `(reached max retries: N)` after the operation name; v1 does not. */
const AFTER_OPERATION = String.raw`when calling the Invoke operation(?: \(reached max retries: \d+\))?: `;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** What the CLI wrote to the outfile ('' when it wrote nothing). */
  out: string;
}

for (const { command, version } of clis) {
  const binaryFormat = version.startsWith('aws-cli/2')
    ? ['--cli-binary-format', 'raw-in-base64-out']
    : [];
  void describe(`aws lambda invoke (${version})`, () => {
    const target = new FakeTarget({
      ...standardBehaviours(),
      tailed: (payload) => {
        const r = result(payload);
        return { ...r, logs: logRecords(r.requestId, ['START', 'from the CLI', 'END']) };
      },
    });
    const server = new InvokeApiServer({ target });
    let url: string;
    let dir: string;
    let count = 0;
    // Every CLI call starts at once in before(): each takes about a second of Python start-up.
    const cases = {
      ok: ['--function-name', 'echo', '--payload', '{"a": 1}'],
      tail: [
        '--function-name',
        'arn:aws:lambda:us-east-1:123456789012:function:tailed',
        '--qualifier',
        '$LATEST',
        '--log-type',
        'Tail',
        '--payload',
        '{}',
      ],
      fails: ['--function-name', 'fails', '--payload', '{}'],
      event: ['--function-name', 'echo', '--invocation-type', 'Event', '--payload', '{}'],
      missing: ['--function-name', 'nope', '--payload', '{}'],
      throttled: ['--function-name', 'throttled', '--payload', '{}'],
      notJson: ['--function-name', 'echo', '--payload', 'not json'],
    };
    let runs: Record<keyof typeof cases, Promise<CliRun>>;

    before(async () => {
      ({ url } = await server.start());
      dir = mkdtempSync(join(tmpdir(), 'invoke-api-cli-'));
      const entries = Object.entries(cases).map(([key, args]) => [key, invoke(args)] as const);
      runs = Object.fromEntries(entries) as typeof runs;
    });
    after(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    // Asynchronous on purpose: the server runs in this process, so a blocking spawn would deadlock.
    function invoke(args: string[]): Promise<CliRun> {
      const outfile = join(dir, `out-${++count}.json`);
      const argv = ['lambda', 'invoke', '--endpoint-url', url, ...binaryFormat, ...args, outfile];
      return new Promise((resolve) => {
        execFile(
          command,
          argv,
          {
            env: {
              ...process.env,
              AWS_ACCESS_KEY_ID: 'x',
              AWS_SECRET_ACCESS_KEY: 'x',
              AWS_DEFAULT_REGION: 'us-east-1',
              AWS_MAX_ATTEMPTS: '1',
              AWS_EC2_METADATA_DISABLED: 'true',
              AWS_PAGER: '',
              // Keep the developer's own profiles out of it.
              AWS_CONFIG_FILE: join(dir, 'no-config'),
              AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
            },
          },
          (error, stdout, stderr) => {
            let out = '';
            try {
              out = readFileSync(outfile, 'utf8');
            } catch {
              // No outfile: the call failed before the CLI wrote one.
            }
            const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
            resolve({ code, stdout, stderr, out });
          },
        );
      });
    }

    void test('RequestResponse: StatusCode and ExecutedVersion printed, payload written as is', async () => {
      const run = await runs.ok;
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), { StatusCode: 200, ExecutedVersion: '$LATEST' });
      assert.equal(run.out, '{"a": 1}');
    });

    void test('--log-type Tail with --qualifier $LATEST and an ARN prints LogResult', async () => {
      const run = await runs.tail;
      assert.equal(run.code, 0, run.stderr);
      const printed = JSON.parse(run.stdout);
      assert.equal(printed.StatusCode, 200);
      assert.equal(
        Buffer.from(printed.LogResult, 'base64').toString(),
        'START\nfrom the CLI\nEND\n',
      );
      const call = target.calls.find((c) => c.name === 'tailed');
      assert.equal(call?.options.qualifier, '$LATEST');
    });

    void test('a function error prints FunctionError Unhandled and exits 0', async () => {
      const run = await runs.fails;
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), {
        StatusCode: 200,
        FunctionError: 'Unhandled',
        ExecutedVersion: '$LATEST',
      });
      assert.equal(JSON.parse(run.out).errorMessage, 'boom');
    });

    void test('--invocation-type Event prints StatusCode 202 and writes nothing', async () => {
      const run = await runs.event;
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), { StatusCode: 202 });
      assert.equal(run.out, '');
    });

    void test('an unknown function is ResourceNotFoundException with the qualified ARN', async () => {
      const run = await runs.missing;
      assert.notEqual(run.code, 0);
      assert.match(
        run.stderr,
        new RegExp(
          String.raw`An error occurred \(ResourceNotFoundException\) ${AFTER_OPERATION}Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\$LATEST`,
        ),
      );
    });

    void test('a throttle is TooManyRequestsException: Rate Exceeded.', async () => {
      const run = await runs.throttled;
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /\(TooManyRequestsException\).*Rate Exceeded\./);
    });

    void test('a payload that is not JSON is InvalidRequestContentException', async () => {
      const run = await runs.notJson;
      assert.notEqual(run.code, 0);
      assert.match(
        run.stderr,
        new RegExp(
          String.raw`\(InvalidRequestContentException\) ${AFTER_OPERATION}Could not parse request body into json: Could not parse payload into json: Unrecognized token 'not'`,
        ),
      );
    });
  });
}
