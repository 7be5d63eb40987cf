// What the Lambda session prints: categories, inspector notices left out, result formatting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InvocationSummary } from '../protocol/dap';
import type { LogRecord } from '../protocol/lambda';
import { isInspectorNoise, outputCategory, resultText } from './output';

const record = (patch: Partial<LogRecord>): LogRecord => ({
  time: 0,
  functionName: 'fn',
  instanceId: 'i',
  requestId: undefined,
  source: 'stderr',
  level: undefined,
  text: '',
  ...patch,
});

describe('output', () => {
  const noise: Array<[string, boolean]> = [
    ['Debugger listening on ws://127.0.0.1:9229/3b2c1d7e-0000-4000-8000-000000000000', true],
    ['For help, see: https://nodejs.org/en/docs/inspector', true],
    ['For help, see: https://nodejs.org/learn/getting-started/debugging', true],
    ['Debugger attached.', true],
    ['Waiting for the debugger to disconnect...', true],
    ['Debugger ending on ws://127.0.0.1:9229/x', true],
    ['Debugger attached. (said the handler)', false],
    ['something else', false],
  ];
  for (const [text, expected] of noise) {
    it(`${expected ? 'drops' : 'keeps'} stderr line ${JSON.stringify(text)}`, () => {
      assert.equal(isInspectorNoise(record({ text })), expected);
    });
  }

  it('keeps inspector-like text the handler logged through console', () => {
    assert.equal(
      isInspectorNoise(record({ source: 'function', level: 'INFO', text: 'Debugger attached.' })),
      false,
    );
  });

  it('puts errors and raw stderr in stderr, the rest in stdout', () => {
    assert.equal(outputCategory(record({ source: 'stderr' })), 'stderr');
    assert.equal(outputCategory(record({ source: 'function', level: 'ERROR' })), 'stderr');
    assert.equal(outputCategory(record({ source: 'function', level: 'WARN' })), 'stdout');
    assert.equal(outputCategory(record({ source: 'platform', level: 'INFO' })), 'stdout');
    assert.equal(outputCategory(record({ source: 'stdout' })), 'stdout');
  });

  const summary = (patch: Partial<InvocationSummary>): InvocationSummary => ({
    requestId: 'r1',
    functionName: 'fn',
    instanceId: 'i',
    status: 'success',
    cold: false,
    payload: '{"a":1,"b":[2]}',
    contentType: 'application/json',
    error: undefined,
    metrics: { durationMs: 1, billedDurationMs: 1, memorySizeMB: 128, maxMemoryUsedMB: 40 },
    startTime: 0,
    endTime: 1,
    droppedLogRecords: 0,
    ...patch,
  });

  it('pretty-prints a JSON response', () => {
    assert.deepEqual(resultText(summary({})), {
      text: 'Response for RequestId: r1\n{\n  "a": 1,\n  "b": [\n    2\n  ]\n}\n',
      category: 'stdout',
    });
  });

  it('prints a response that is not JSON as is', () => {
    assert.equal(
      resultText(summary({ payload: 'plain text' })).text,
      'Response for RequestId: r1\nplain text\n',
    );
  });

  it('prints the Lambda error body in stderr', () => {
    const error = {
      errorType: 'TypeError',
      errorMessage: 'boom',
      trace: ['TypeError: boom', '    at x'],
    };
    assert.deepEqual(
      resultText(summary({ status: 'error', error, payload: JSON.stringify(error) })),
      {
        text: `Function error (TypeError) for RequestId: r1\n${JSON.stringify(error, null, 2)}\n`,
        category: 'stderr',
      },
    );
  });
});
