// The headless CLI end to end, as a user runs it: stdout, stderr and exit status of
// `node dist/cli.js` for each subcommand, including start-lambda called by the AWS SDK.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { localLambdaClient } from '../helpers/lambdaClient';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const EXAMPLE = path.join(ROOT, 'examples', 'orders');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cli');

function run(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli invoke', () => {
  it('invokes a TypeScript function of the example template: response on stdout, logs on stderr, exit 0', () => {
    const { code, stdout, stderr } = run(
      ['invoke', 'CreateOrder', '--event', 'events/CreateOrder/valid.json'],
      EXAMPLE,
    );
    assert.equal(code, 0, stderr);
    const response = JSON.parse(stdout);
    assert.equal(response.statusCode, 201);
    assert.deepEqual(JSON.parse(response.body), {
      id: 'JKJaXmPLvHcESHA=',
      customer: 'ada',
      amount: 25,
      currency: 'EUR',
      table: 'orders-dev',
    });
    assert.match(stderr, /^INIT_START Runtime Version: nodejs:22\.mainline\.v122\t/m);
    assert.match(stderr, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/m);
    assert.match(stderr, /\tINFO\torder for ada: 25 EUR$/m);
    assert.match(
      stderr,
      /^REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t$/m,
    );
  });

  it('prints the Lambda error and exits 1 on a function error, with a trace into the .ts source', () => {
    const { code, stdout } = run(
      ['invoke', 'CreateOrder', '-e', 'events/CreateOrder/invalid-quantity.json'],
      EXAMPLE,
    );
    assert.equal(code, 1);
    const error = JSON.parse(stdout);
    assert.equal(error.errorType, 'RangeError');
    assert.equal(error.errorMessage, 'quantity of book must be positive');
    assert.ok(
      error.trace.some((frame: string) => frame.includes(path.join('src', 'createOrder.ts'))),
      error.trace.join('\n'),
    );
  });

  it('reads the event from stdin with --event -', () => {
    const { code, stdout } = run(
      ['invoke', 'ProcessQueue', '--event', '-'],
      EXAMPLE,
      '{"Records":[{"messageId":"m1","body":"nope"}]}',
    );
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), { batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });

  it('applies --parameter-overrides and --env-vars (which may add variables)', () => {
    const { code, stdout } = run(
      [
        'invoke',
        'EnvEcho',
        '--parameter-overrides',
        'ParameterKey=Greeting,ParameterValue=bonjour',
        '--env-vars',
        'env.json',
        '-e',
        '-',
      ],
      FIXTURE,
      '{"x":1}',
    );
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      event: { x: 1 },
      GREETING: 'bonjour',
      DECLARED: 'from-parameters',
      EXTRA: 'added-by-override',
    });
  });

  it('runs a handler without a template', () => {
    const { code, stdout, stderr } = run(
      ['invoke', '--handler', 'src/counter.handler', '--code-uri', EXAMPLE, '--timeout', '10'],
      ROOT,
    );
    assert.equal(code, 0, stderr);
    const body = JSON.parse(stdout);
    assert.equal(body.invocations, 1);
    assert.ok(body.remainingMs > 9000);
  });

  const usage: Array<[string, string[], RegExp]> = [
    [
      'an unknown flag',
      ['invoke', 'CreateOrder', '--bogus'],
      /^error: Unknown option '--bogus' \(see 'lambda-workbench invoke --help'\)\n$/,
    ],
    [
      'a missing function name',
      ['invoke'],
      /^error: name the function to invoke: one of CreateOrder, ProcessQueue, Counter\n$/,
    ],
    [
      'an unknown function',
      ['invoke', 'Nope'],
      /^error: no function 'Nope' in template\.yaml; the template has CreateOrder, ProcessQueue, Counter\n$/,
    ],
    [
      'a bad timeout',
      ['invoke', 'Counter', '--timeout', '0'],
      /^error: --timeout must be a whole number from 1 to 900; got '0'\n$/,
    ],
    [
      'a missing event file',
      ['invoke', 'Counter', '-e', 'nope.json'],
      /^error: --event: cannot read 'nope\.json': no such file\n$/,
    ],
    [
      'an event that is not JSON',
      ['invoke', 'Counter', '-e', 'src/counter.js'],
      /^error: --event: src\/counter\.js is not valid JSON/,
    ],
    ['an unknown command', ['deploy'], /^error: unknown command 'deploy'/],
    [
      'a missing template',
      ['invoke', '--template', 'missing.yaml'],
      /^error: --template: no such file 'missing\.yaml'\n$/,
    ],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 with a one-line error on ${what}`, () => {
      const { code, stderr, stdout } = run(args, EXAMPLE);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    });
  }

  it('exits 2 naming file, line and property for a template error', () => {
    const { code, stderr } = run(['invoke', '-t', 'broken.yaml'], FIXTURE);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /broken\.yaml:7:\d+: error: .*Timeout.*900.*\[Resources\.Fn\.Properties\.Timeout\]/,
    );
  });

  it('prints help for each command', () => {
    for (const command of ['invoke', 'start-lambda', 'generate-event']) {
      const { code, stdout } = run([command, '--help'], ROOT);
      assert.equal(code, 0);
      assert.match(stdout, /^Usage: /m);
    }
  });
});

describe('cli generate-event', () => {
  it('lists services and events', () => {
    const services = run(['generate-event'], ROOT);
    assert.equal(services.code, 0);
    for (const service of ['apigateway', 'sqs', 's3', 'dynamodb', 'kinesis', 'eventbridge'])
      assert.match(services.stdout, new RegExp(`^  ${service}$`, 'm'));
    const events = run(['generate-event', 'sqs'], ROOT);
    assert.match(events.stdout, /receive-message/);
  });

  it('prints an event with parameters applied', () => {
    const { code, stdout } = run(
      ['generate-event', 'sqs', 'receive-message', '--count', '2', '--body', 'hi'],
      ROOT,
    );
    assert.equal(code, 0);
    const event = JSON.parse(stdout);
    assert.equal(event.Records.length, 2);
    assert.equal(event.Records[0].body, 'hi');
    assert.equal(event.Records[0].eventSource, 'aws:sqs');
  });

  it('rejects an unknown parameter with the allowed ones', () => {
    const { code, stderr } = run(['generate-event', 's3', 'put', '--colour', 'red'], ROOT);
    assert.equal(code, 2);
    assert.match(stderr, /^error: .*colour.*bucket/);
  });
});

describe('cli start-lambda', () => {
  it('serves the Invoke API to the AWS SDK and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [CLI, 'start-lambda', '--port', '0'], {
      cwd: EXAMPLE,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /Lambda Invoke API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      const client = localLambdaClient(url);
      try {
        const first = await client.send(
          new InvokeCommand({
            FunctionName: 'Counter',
            Payload: Buffer.from('{}'),
            LogType: 'Tail',
          }),
        );
        const second = await client.send(
          new InvokeCommand({ FunctionName: 'Counter', Payload: Buffer.from('{}') }),
        );
        assert.equal(first.StatusCode, 200);
        assert.equal(first.ExecutedVersion, '$LATEST');
        assert.equal(JSON.parse(Buffer.from(first.Payload!).toString()).invocations, 1);
        assert.equal(
          JSON.parse(Buffer.from(second.Payload!).toString()).invocations,
          2,
          'warm instance reused',
        );
        const tail = Buffer.from(first.LogResult!, 'base64').toString();
        assert.match(tail, /"type":"platform\.report"/, 'Counter logs in JSON format');
        if (fs.existsSync('/usr/bin/aws')) {
          // The AWS CLI v2 (Debian's awscli) against the same endpoint, as the README tour does.
          const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lw-cli-')), 'out.json');
          const cli = spawnSync(
            '/usr/bin/aws',
            [
              'lambda',
              'invoke',
              '--endpoint-url',
              url,
              '--function-name',
              'ProcessQueue',
              '--cli-binary-format',
              'raw-in-base64-out',
              '--payload',
              'file://events/ProcessQueue/batch.json',
              '--log-type',
              'Tail',
              out,
            ],
            {
              cwd: EXAMPLE,
              encoding: 'utf8',
              env: {
                ...process.env,
                AWS_ACCESS_KEY_ID: 'x',
                AWS_SECRET_ACCESS_KEY: 'x',
                AWS_DEFAULT_REGION: 'us-east-1',
                AWS_MAX_ATTEMPTS: '1',
                AWS_EC2_METADATA_DISABLED: 'true',
                AWS_PAGER: '',
              },
            },
          );
          assert.equal(cli.status, 0, cli.stderr);
          const printed = JSON.parse(cli.stdout);
          assert.equal(printed.StatusCode, 200);
          assert.equal(printed.ExecutedVersion, '$LATEST');
          assert.match(Buffer.from(printed.LogResult, 'base64').toString(), /REPORT RequestId: /);
          assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')), {
            batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }],
          });
        } else if (process.env.CI) {
          assert.fail('/usr/bin/aws (Debian awscli) is missing; .ci/run installs it');
        }
        const failed = await client.send(
          new InvokeCommand({
            FunctionName: 'CreateOrder',
            Payload: Buffer.from(
              '{"body":"{}","isBase64Encoded":false,"requestContext":{"http":{"method":"POST","path":"/"},"requestId":"r"}}',
            ),
          }),
        );
        assert.equal(failed.FunctionError, undefined);
        assert.equal(JSON.parse(Buffer.from(failed.Payload!).toString()).statusCode, 400);
      } finally {
        client.destroy();
      }
    } finally {
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 0, stderr);
    }
    assert.match(stderr, /START RequestId: /);
  });
});
