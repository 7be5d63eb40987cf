// Platform lines byte for byte (lambda-runtime-spec.md §5.5, §5.6), table-driven.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { billedDuration, PlatformLines } from './platformLines';

const ID = 'c7bb77a1-774b-42a2-a86a-a8390d6215cd';
const NOW = Date.UTC(2026, 6, 22, 3, 52, 34, 461);
const text = new PlatformLines(
  'Text',
  'nodejs22.x',
  'us-east-1',
  'fn',
  'arn:aws:lambda:us-east-1:123456789012:function:fn',
);
const json = new PlatformLines(
  'JSON',
  'nodejs24.x',
  'us-east-1',
  'fn',
  'arn:aws:lambda:us-east-1:123456789012:function:fn',
);

describe('platform lines, Text format', () => {
  const cases: Array<[string, string]> = [
    [text.start(NOW, ID), `START RequestId: ${ID} Version: $LATEST`],
    [text.end(ID)!, `END RequestId: ${ID}`],
    [
      text.report(NOW, ID, {
        durationMs: 2.9,
        billedDurationMs: 3,
        memorySizeMB: 128,
        maxMemoryUsedMB: 36,
      }),
      `REPORT RequestId: ${ID}\tDuration: 2.90 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\t`,
    ],
    [
      text.report(NOW, ID, {
        durationMs: 32.56,
        billedDurationMs: 332,
        memorySizeMB: 128,
        maxMemoryUsedMB: 80,
        initDurationMs: 299.31,
      }),
      `REPORT RequestId: ${ID}\tDuration: 32.56 ms\tBilled Duration: 332 ms\tMemory Size: 128 MB\tMax Memory Used: 80 MB\tInit Duration: 299.31 ms\t`,
    ],
    [
      text.report(
        NOW,
        ID,
        { durationMs: 2000, billedDurationMs: 2000, memorySizeMB: 128, maxMemoryUsedMB: 147 },
        { status: 'timeout' },
      ),
      `REPORT RequestId: ${ID}\tDuration: 2000.00 ms\tBilled Duration: 2000 ms\tMemory Size: 128 MB\tMax Memory Used: 147 MB\tStatus: timeout`,
    ],
    [
      text.report(
        NOW,
        ID,
        { durationMs: 143.12, billedDurationMs: 144, memorySizeMB: 128, maxMemoryUsedMB: 68 },
        { status: 'error', errorType: 'Runtime.ImportModuleError' },
      ),
      `REPORT RequestId: ${ID}\tDuration: 143.12 ms\tBilled Duration: 144 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\tStatus: error\tError Type: Runtime.ImportModuleError`,
    ],
    [
      text.initReport(NOW, 229.04, 'init', {
        status: 'error',
        errorType: 'Runtime.ImportModuleError',
      }),
      'INIT_REPORT Init Duration: 229.04 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError',
    ],
    [
      text.initReport(NOW, 10009.13, 'init', { status: 'timeout' }),
      'INIT_REPORT Init Duration: 10009.13 ms\tPhase: init\tStatus: timeout',
    ],
    [
      text.timedOut(NOW, ID, 3070),
      `2026-07-22T03:52:34.461Z ${ID} Task timed out after 3.07 seconds`,
    ],
    [
      text.fault(
        `RequestId: ${ID} Error: Runtime exited with error: exit status 128`,
        'Runtime.ExitError',
      ),
      `RequestId: ${ID} Error: Runtime exited with error: exit status 128\nRuntime.ExitError`,
    ],
  ];
  for (const [index, [actual, expected]] of cases.entries()) {
    it(`case ${index + 1}: ${expected.split('\t')[0]!.slice(0, 40)}`, () =>
      assert.equal(actual, expected));
  }

  it('INIT_START names the runtime version and a 64-hex version ARN', () => {
    assert.match(
      text.initStart(NOW, 'x', 128, 's'),
      /^INIT_START Runtime Version: nodejs:22\.mainline\.v122\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/,
    );
  });
});

describe('platform records, JSON format', () => {
  it('has no END record', () => assert.equal(json.end(ID), undefined));
  it('formats platform.start with keys in order', () => {
    assert.equal(
      json.start(NOW, ID),
      `{"time":"2026-07-22T03:52:34.461Z","type":"platform.start","record":{"requestId":"${ID}","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:fn","version":"$LATEST"}}`,
    );
  });
  it('formats platform.report with up to 3 decimals', () => {
    assert.equal(
      json.report(NOW, ID, {
        durationMs: 1233.9612,
        billedDurationMs: 1698,
        memorySizeMB: 256,
        maxMemoryUsedMB: 123,
        initDurationMs: 463.5124,
      }),
      `{"time":"2026-07-22T03:52:34.461Z","type":"platform.report","record":{"requestId":"${ID}","metrics":{"durationMs":1233.961,"billedDurationMs":1698,"memorySizeMB":256,"maxMemoryUsedMB":123,"initDurationMs":463.512},"status":"success"}}`,
    );
  });
});

describe('billed duration', () => {
  const cases: Array<[number, number | undefined, number]> = [
    [1.2, undefined, 2],
    [27.94, undefined, 28],
    [143.12, undefined, 144],
    [32.56, 299.31, 332],
    [1233.96, 463.512, 1698],
    [0.01, undefined, 1],
    [3, undefined, 3],
  ];
  for (const [duration, init, billed] of cases) {
    it(`${duration} ms + init ${init ?? 0} ms bills ${billed} ms`, () =>
      assert.equal(billedDuration(duration, init), billed));
  }
});
