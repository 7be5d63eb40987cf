// Emulator benchmarks (issue #2): warm invoke overhead through the facade, cold start beside a bare
// `node -e 0` measured in the same run, and invocations per second at concurrency 1, 2 and 4.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Emulator } from '../debug-adapter/emulator/emulator';
import { fmt, row, summary } from './stats';

const FIXTURES = path.join(__dirname, 'fixtures');

function bareNodeStart(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The same minimal environment an instance gets, so both pay the same start-up costs.
    const child = spawn(process.execPath, ['-e', '0'], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}

export async function benchEmulator(): Promise<void> {
  console.log('\n## Emulator (facade, trivial handler, our bootstrap)');
  const emulator = new Emulator({ hostEnv: { PATH: process.env.PATH }, watchCode: false });
  try {
    emulator.defineFunction({
      name: 'trivial',
      handler: 'trivial.handler',
      codeUri: FIXTURES,
      reservedConcurrency: 8,
    });
    const payload = Buffer.from('{"n":1}');

    // Warm overhead: wall time of emulator.invoke() minus nothing: the handler itself is trivial.
    for (let i = 0; i < 200; i++) await emulator.invoke('trivial', payload);
    const warm: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const started = performance.now();
      await emulator.invoke('trivial', payload);
      warm.push(performance.now() - started);
    }
    row('warm invoke through the facade', warm, 'target: median <= 0.5 ms');

    // Cold start: spawn to handler ready (the Init Duration) beside a bare node start.
    const bare: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < 15; i++) {
      bare.push(await bareNodeStart());
      emulator.recycle('trivial');
      const result = await emulator.invoke('trivial', payload);
      cold.push(result.metrics.initDurationMs ?? NaN);
    }
    row('bare `node -e 0` (spawn to exit)', bare);
    row('cold start (spawn to handler ready, Init Duration)', cold, 'target: <= bare + 40 ms');
    console.log(
      `cold start minus bare node, medians: ${fmt(summary(cold).median - summary(bare).median)} ms`,
    );

    // Throughput at concurrency 1, 2, 4 (instances warmed first).
    for (const concurrency of [1, 2, 4]) {
      await Promise.all(
        Array.from({ length: concurrency }, () => emulator.invoke('trivial', payload)),
      );
      const total = 4000;
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < total) {
            next++;
            await emulator.invoke('trivial', payload);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `invocations per second at concurrency ${concurrency}: ${Math.round(total / seconds)}`,
      );
    }
  } finally {
    await emulator.dispose();
  }
}
