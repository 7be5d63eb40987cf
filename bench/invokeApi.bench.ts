// Invoke API benchmarks (issue #3): the round trip AWS SDK -> Invoke API -> instance -> SDK for a
// trivial handler, beside the floor (a bare loopback HTTP round trip, and the SDK against a bare
// server answering a canned response) and a peer (the lambda-local npm package running the same
// handler), all measured in the same run.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { Emulator } from '../debug-adapter/emulator/emulator';
import { InvokeApiServer } from '../debug-adapter/emulator/invoke-api/invokeApiServer';
import { fmt, row, summary } from './stats';
import { localLambdaClient } from '../test/helpers/lambdaClient';

const FIXTURES = path.join(__dirname, 'fixtures');
const PAYLOAD = Buffer.from('{"n":1}');
const N = 2000;

async function sample(once: () => Promise<unknown>, n = N, warmup = 300): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return times;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

export async function benchInvokeApi(): Promise<void> {
  console.log('\n## Invoke API (trivial handler, keep-alive, one request at a time)');
  const canned = Buffer.from('{"ok":true,"n":1}');
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': canned.length,
        'X-Amz-Executed-Version': '$LATEST',
      });
      res.end(canned);
    });
  });
  const bareUrl = await listen(bare);
  const agent = new Agent({ keepAlive: true });
  const floor = await sample(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          `${bareUrl}/2015-03-31/functions/trivial/invocations`,
          { method: 'POST', agent },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end(PAYLOAD);
      }),
  );
  row('floor: bare loopback HTTP round trip (node:http)', floor);
  const sdkBare = localLambdaClient(bareUrl);
  const sdkFloor = await sample(() =>
    sdkBare.send(new InvokeCommand({ FunctionName: 'trivial', Payload: PAYLOAD })),
  );
  row('floor: AWS SDK against a bare server (canned answer)', sdkFloor);

  const emulator = new Emulator({ hostEnv: { PATH: process.env.PATH }, watchCode: false });
  emulator.defineFunction({ name: 'trivial', handler: 'trivial.handler', codeUri: FIXTURES });
  const server = new InvokeApiServer({ target: emulator });
  const { url } = await server.start();
  const sdk = localLambdaClient(url);
  const ours = await sample(() =>
    sdk.send(new InvokeCommand({ FunctionName: 'trivial', Payload: PAYLOAD })),
  );
  row('AWS SDK -> Invoke API -> instance -> SDK', ours, 'target: within 1 ms of the floor');
  console.log(
    `above the SDK floor, medians: ${fmt(summary(ours).median - summary(sdkFloor).median)} ms; above the bare HTTP floor: ${fmt(summary(ours).median - summary(floor).median)} ms`,
  );

  // The peer: lambda-local runs the handler in-process (no instance, no Runtime API, no isolation).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lambdaLocal = require('lambda-local') as {
    execute(options: Record<string, unknown>): Promise<unknown>;
    setLogger?(logger: unknown): void;
  };
  const quiet = { log() {}, info() {}, warn() {}, error() {}, transports: [] };
  lambdaLocal.setLogger?.(quiet);
  const peer = await sample(
    () =>
      lambdaLocal.execute({
        lambdaPath: path.join(FIXTURES, 'trivial.js'),
        lambdaHandler: 'handler',
        event: { n: 1 },
        timeoutMs: 3000,
        verboseLevel: 0,
      }),
    500,
    50,
  );
  row('peer: lambda-local execute() of the same handler', peer);

  sdk.destroy();
  sdkBare.destroy();
  agent.destroy();
  await server.close();
  await emulator.dispose();
  await new Promise((resolve) => bare.close(resolve));
}
