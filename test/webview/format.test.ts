// The log panel's pure helpers (extension/log-panel/format.ts), table-driven: line parsing for
// every log format of lambda-runtime-spec.md §5, JSON detection, display forms and the export.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  displayLine,
  exportFileName,
  exportLogText,
  formatClock,
  formatMs,
  levelRank,
  parseLogLine,
  prettyJson,
  shortInstanceId,
  sourceLocations,
  type ParsedLine,
} from '../../extension/log-panel/format';

const ID = 'c7bb77a1-774b-42a2-a86a-a8390d6215cd';
const TS = '2026-07-22T03:52:34.461Z';

describe('parseLogLine', () => {
  const cases: Array<[string, string, Partial<ParsedLine>]> = [
    [
      'Text line',
      `${TS}\t${ID}\tINFO\tIncoming event: {}`,
      { kind: 'text', time: TS, requestId: ID, level: 'INFO', message: 'Incoming event: {}' },
    ],
    [
      'Text line during init (Node ≤22)',
      `${TS}\tundefined\tWARN\tinit`,
      { kind: 'text', requestId: undefined, level: 'WARN', message: 'init' },
    ],
    [
      'Text line during init (Node 24)',
      `${TS}\t-\tDEBUG\tinit`,
      { kind: 'text', requestId: undefined, level: 'DEBUG' },
    ],
    [
      'multi-line Text record',
      `${TS}\t${ID}\tERROR\tError: x\n    at y (/a.js:1:2)`,
      { kind: 'text', message: 'Error: x\n    at y (/a.js:1:2)' },
    ],
    [
      'START',
      `START RequestId: ${ID} Version: $LATEST`,
      { kind: 'platform', platform: 'START', requestId: ID },
    ],
    ['END', `END RequestId: ${ID}`, { kind: 'platform', platform: 'END', requestId: ID }],
    [
      'REPORT',
      `REPORT RequestId: ${ID}\tDuration: 2.90 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\t`,
      { kind: 'platform', platform: 'REPORT', requestId: ID },
    ],
    [
      'INIT_START',
      'INIT_START Runtime Version: nodejs:22.mainline.v122\tRuntime Version ARN: arn:x',
      { kind: 'platform', platform: 'INIT_START', requestId: undefined },
    ],
    [
      'INIT_REPORT',
      'INIT_REPORT Init Duration: 10009.13 ms\tPhase: init\tStatus: timeout',
      { kind: 'platform', platform: 'INIT_REPORT' },
    ],
    [
      'timeout',
      `${TS} ${ID} Task timed out after 3.07 seconds`,
      {
        kind: 'platform',
        platform: 'TIMEOUT',
        time: TS,
        requestId: ID,
        level: 'ERROR',
        message: 'Task timed out after 3.07 seconds',
      },
    ],
    [
      'fault',
      `RequestId: ${ID} Error: Runtime exited with error: exit status 2\nRuntime.ExitError`,
      { kind: 'platform', platform: 'FAULT', requestId: ID, level: 'ERROR' },
    ],
    [
      'JSON function line',
      JSON.stringify({ timestamp: TS, level: 'ERROR', requestId: ID, message: { a: 1 } }),
      { kind: 'json', time: TS, level: 'ERROR', requestId: ID, message: '{"a":1}' },
    ],
    [
      'JSON platform line',
      JSON.stringify({
        time: TS,
        type: 'platform.start',
        record: { requestId: ID, version: '$LATEST' },
      }),
      { kind: 'platform', platform: 'platform.start', time: TS, requestId: ID },
    ],
    [
      'raw output',
      'hello from process.stdout.write',
      { kind: 'raw', message: 'hello from process.stdout.write', level: undefined },
    ],
    ['raw JSON that is not a log record', '{"a":1}', { kind: 'raw' }],
    ['broken JSON', '{"timestamp":', { kind: 'raw' }],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const parsed = parseLogLine(text);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(parsed[key as keyof ParsedLine], value, `${name}: ${key}`);
      }
    });
  }
});

describe('prettyJson', () => {
  const cases: Array<[string, string, { prefix: string; json: unknown } | undefined]> = [
    ['a whole object', '{"a":1,"b":[true,null]}', { prefix: '', json: { a: 1, b: [true, null] } }],
    ['an array', '[1,2]', { prefix: '', json: [1, 2] }],
    [
      'Invoke Error',
      'Invoke Error \t{"errorType":"Error","errorMessage":"x"}',
      { prefix: 'Invoke Error ', json: { errorType: 'Error', errorMessage: 'x' } },
    ],
    ['text then JSON', 'event {"golden":true}', { prefix: 'event', json: { golden: true } }],
    ['util.inspect output is not JSON', 'event { golden: true }', undefined],
    ['plain text', 'order created', undefined],
    ['a JSON string is not pretty-printed', '"just a string"', undefined],
  ];
  for (const [name, message, expected] of cases) {
    it(name, () => {
      const pretty = prettyJson(message);
      if (!expected) return assert.equal(pretty, undefined);
      assert.ok(pretty);
      assert.equal(pretty.prefix, expected.prefix);
      assert.equal(pretty.json, JSON.stringify(expected.json, null, 2));
    });
  }
});

describe('displayLine', () => {
  it('takes the Text prefix off and pretty-prints the JSON after a label', () => {
    const shown = displayLine({
      level: 'ERROR',
      text: `${TS}\t${ID}\tERROR\tInvoke Error \t{"errorType":"Error"}`,
    });
    assert.deepEqual(shown, {
      kind: 'text',
      time: TS,
      level: 'ERROR',
      platform: undefined,
      text: 'Invoke Error ',
      json: '{\n  "errorType": "Error"\n}',
    });
  });
  it('shows a JSON record’s string message as text and its other fields as JSON', () => {
    const text = JSON.stringify({
      timestamp: TS,
      level: 'WARN',
      requestId: ID,
      message: 'slow',
      errorType: 'E',
    });
    const shown = displayLine({ level: 'WARN', text });
    assert.equal(shown.text, 'slow');
    assert.equal(shown.json, '{\n  "errorType": "E"\n}');
  });
  it('shows a JSON record’s object message as JSON', () => {
    const shown = displayLine({
      level: 'INFO',
      text: JSON.stringify({ timestamp: TS, level: 'INFO', requestId: ID, message: { a: [1] } }),
    });
    assert.equal(shown.text, '');
    assert.equal(shown.json, JSON.stringify({ a: [1] }, null, 2));
  });
  it('shows a JSON platform record as its type and its record', () => {
    const shown = displayLine({
      level: 'INFO',
      text: JSON.stringify({ time: TS, type: 'platform.start', record: { requestId: ID } }),
    });
    assert.equal(shown.text, 'platform.start');
    assert.equal(shown.json, JSON.stringify({ requestId: ID }, null, 2));
  });
  it('turns the RIC stdout path’s carriage returns into newlines (spec §5.2)', () => {
    assert.equal(
      displayLine({ level: 'INFO', text: `${TS}\t${ID}\tINFO\ta\rb\r\nc` }).text,
      'a\nb\nc',
    );
  });
  it('prefers the record’s level to the one the text names', () => {
    assert.equal(displayLine({ level: 'ERROR', text: 'raw' }).level, 'ERROR');
    assert.equal(displayLine({ level: undefined, text: `${TS}\t${ID}\tWARN\tx` }).level, 'WARN');
  });
});

describe('export and small formats', () => {
  it('exports each record’s text and a newline, embedded newlines kept', () => {
    assert.equal(
      exportLogText([{ text: 'START' }, { text: 'a\nb' }, { text: '' }]),
      'START\na\nb\n\n',
    );
    assert.equal(exportLogText([]), '');
  });
  it('names exports *.lambda.log', () => {
    assert.equal(
      exportFileName(new Date(Date.UTC(2026, 6, 22, 3, 52, 34))),
      'lambda-2026-07-22T03-52-34.lambda.log',
    );
  });
  it('formats times, durations, instance ids and levels', () => {
    assert.equal(formatClock(Date.UTC(2026, 6, 22, 3, 52, 34, 461)), '03:52:34.461');
    assert.equal(formatClock(TS), '03:52:34.461');
    assert.equal(formatMs(2.9), '2.90 ms');
    assert.equal(formatMs(undefined), '');
    assert.equal(shortInstanceId('5f0c1e8a9b2d4c6e8f0a1b2c3d4e5f60'), '5f0c1e8a');
    assert.deepEqual(
      (['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', undefined] as const).map(levelRank),
      [0, 1, 2, 3, 4, 5, 2],
    );
  });
  it('finds source locations in stack frames', () => {
    const text =
      'at a (/work/app/a.js:3:9)\nat b (file:///var/task/b.mjs:10:2)\nat c (C:\\work\\c.js:1:1)\nat native';
    assert.deepEqual(
      sourceLocations(text).map(({ path, line, column }) => [path, line, column]),
      [
        ['/work/app/a.js', 3, 9],
        ['file:///var/task/b.mjs', 10, 2],
        ['C:\\work\\c.js', 1, 1],
      ],
    );
  });
});
