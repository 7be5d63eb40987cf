// Debug adapter benchmarks (issue #4): launch-to-first-result through dist/debug-adapter.js, as
// VS Code drives it, with `noDebug` (Ctrl+F5) and with the inspector, where a bare CDP client
// stands in for js-debug (enable the domains, release the process; no breakpoints). Adapter
// start-up (spawn to the initialize response) is measured beside them. Build first.
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { CdpConnection } from '../debug-adapter/emulator/inspector/cdpConnection';
import type { AttachRequestedEvent, LambdaLaunchConfig } from '../debug-adapter/protocol/dap';
import { row } from './stats';

const ADAPTER = path.resolve(__dirname, '..', 'dist', 'debug-adapter.js');
const FIXTURES = path.join(__dirname, 'fixtures');
const RUNS = 10;

interface Sample {
  /** Spawn to initialize response. */
  startup: number;
  /** Launch request sent to the first `lambda/invocationEnded`. */
  firstResult: number;
}

async function once(debug: boolean): Promise<Sample> {
  const client = new DebugClient('node', ADAPTER, 'lambda');
  client.defaultTimeout = 20_000;
  const spawned = performance.now();
  await client.start();
  const debuggers: CdpConnection[] = [];
  try {
    await client.initializeRequest();
    const startup = performance.now() - spawned;
    if (debug) {
      // What the extension does on lambda/attachRequested, minus VS Code's own start-up of js-debug.
      client.on('lambda/attachRequested', (event: { body: AttachRequestedEvent }) => {
        void (async () => {
          const js = await CdpConnection.connect(event.body.inspectorUrl);
          debuggers.push(js);
          await js.send('Runtime.enable');
          await js.send('Debugger.enable');
          await js.send('Runtime.runIfWaitingForDebugger');
        })();
      });
    }
    const ended = client.waitForEvent('lambda/invocationEnded', 20_000);
    const config: LambdaLaunchConfig = {
      handler: 'trivial.handler',
      codeUri: FIXTURES,
      event: { n: 1 },
      noDebug: !debug,
    };
    const launched = performance.now();
    await client.launchRequest(config as never);
    const result = (await ended) as { body: { status: string } };
    const firstResult = performance.now() - launched;
    if (result.body.status !== 'success')
      throw new Error(`first invocation ended with ${result.body.status}`);
    return { startup, firstResult };
  } finally {
    for (const js of debuggers) js.close();
    await client.disconnectRequest({}).catch(() => undefined);
  }
}

export async function benchDebugAdapter(): Promise<void> {
  console.log('\n## Debug adapter (dist/debug-adapter.js over stdio, trivial handler)');
  for (const debug of [false, true]) {
    await once(debug); // warm the file cache
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await once(debug));
    const label = debug ? 'inspector + CDP stand-in' : 'noDebug';
    row(
      `adapter start-up, spawn to initialize (${debug ? 'debug' : 'noDebug'})`,
      samples.map((s) => s.startup),
    );
    row(
      `launch to first result, ${label}`,
      samples.map((s) => s.firstResult),
    );
  }
}

// `node --import tsx bench/dap.bench.ts` runs this benchmark alone.
if (require.main === module) {
  benchDebugAdapter().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
