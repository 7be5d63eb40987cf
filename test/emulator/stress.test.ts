// Fault storm: 1,000 sequential and 200 concurrent invocations with random faults. Every
// invocation gets exactly one result of the expected kind, the emulator survives, and no process
// is left behind.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Emulator } from '../../debug-adapter/emulator/emulator';
import { EmulatorError } from '../../debug-adapter/emulator/errors';
import type { InvocationResult } from '../../debug-adapter/protocol/lambda';
import { waitForExit } from '../helpers/processes';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'emulator');

/** A seeded generator, so a failure can be replayed with the same sequence. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Kind = 'ok' | 'throw' | 'exit' | 'rejection' | 'hang' | 'oom';
const WEIGHTS: Array<[Kind, number]> = [
  ['ok', 0.8],
  ['throw', 0.08],
  ['exit', 0.05],
  ['rejection', 0.05],
  ['oom', 0.015],
  ['hang', 0.005],
];

function pick(next: () => number): Kind {
  let roll = next();
  for (const [kind, weight] of WEIGHTS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return 'ok';
}

/** What each fault must come back as. */
function check(kind: Kind, result: InvocationResult): void {
  const expected: Record<Kind, string | undefined> = {
    ok: undefined,
    throw: 'TypeError',
    exit: 'Runtime.ExitError',
    rejection: 'Runtime.UnhandledPromiseRejection',
    hang: 'Sandbox.Timedout',
    oom: 'Runtime.OutOfMemory',
  };
  assert.equal(
    result.error?.errorType,
    expected[kind],
    `${kind}: ${result.payload.toString().slice(0, 200)}`,
  );
  assert.ok(
    result.logs.at(-1)?.text.startsWith('REPORT RequestId: ') || kind === 'hang',
    `${kind} ends with REPORT`,
  );
}

describe('fault storm', () => {
  it('1,000 sequential invocations with random faults each get exactly one result', async () => {
    const emulator = new Emulator({ hostEnv: { PATH: process.env.PATH }, watchCode: false });
    const pids = new Set<number | undefined>();
    emulator.onInstanceStarted((event) => pids.add(event.pid));
    try {
      emulator.defineFunction({
        name: 'storm',
        handler: 'faults.handler',
        codeUri: FIXTURES,
        timeout: 1,
      });
      const next = random(42);
      const counts = new Map<Kind, number>();
      for (let i = 0; i < 1000; i++) {
        const kind = pick(next);
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        const requestId = randomUUID();
        const result = await emulator.invoke('storm', JSON.stringify({ kind, ms: 1 }), {
          requestId,
        });
        assert.equal(result.requestId, requestId);
        check(kind, result);
      }
      assert.ok(
        (counts.get('exit') ?? 0) > 10 && (counts.get('throw') ?? 0) > 10,
        JSON.stringify([...counts]),
      );
    } finally {
      await emulator.dispose();
    }
    await waitForExit([...pids]);
  });

  it('200 concurrent invocations with random faults each get exactly one result', async () => {
    const emulator = new Emulator({ hostEnv: { PATH: process.env.PATH }, watchCode: false });
    const pids = new Set<number | undefined>();
    emulator.onInstanceStarted((event) => pids.add(event.pid));
    try {
      emulator.defineFunction({
        name: 'crowd',
        handler: 'faults.handler',
        codeUri: FIXTURES,
        timeout: 1,
        reservedConcurrency: 8,
      });
      const next = random(7);
      let throttles = 0;
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const kind = pick(next);
          const requestId = randomUUID();
          let settled = 0;
          // Retry throttles as an SDK client would; each attempt gets exactly one answer.
          for (;;) {
            try {
              const result = await emulator.invoke('crowd', JSON.stringify({ kind, ms: 5 }), {
                requestId,
              });
              settled++;
              assert.equal(result.requestId, requestId);
              check(kind, result);
              return { kind, settled };
            } catch (error) {
              if (!(error instanceof EmulatorError) || error.code !== 'TooManyRequestsException')
                throw error;
              throttles++;
              await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
            }
          }
        }),
      );
      assert.equal(outcomes.length, 200);
      assert.ok(outcomes.every((outcome) => outcome.settled === 1));
      assert.ok(throttles > 0, 'the concurrency cap was reached');
      assert.ok(
        emulator.instances('crowd').length <= 8,
        'never more instances than the reserved concurrency',
      );
    } finally {
      await emulator.dispose();
    }
    await waitForExit([...pids]);
  });
});
