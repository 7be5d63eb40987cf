// The panel's DOM-free data model (extension/log-panel/webview/store.ts) in plain Node: which
// invocation each record belongs to, placeholders, caps, and the filtered, flattened rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogRecord } from '../../debug-adapter/protocol/lambda';
import { NO_FILTERS, Store } from '../../extension/log-panel/webview/store';
import { IMAGES, INSTANCE_A, REQ, session } from './fixtures';

function loaded(options: { running?: boolean } = {}): Store {
  const store = new Store();
  for (const message of session(options)) store.apply(message);
  return store;
}

function raw(instanceId: string, requestId: string | undefined, text: string, time = 0): LogRecord {
  return {
    time,
    functionName: 'fn',
    instanceId,
    requestId,
    source: 'stdout',
    level: undefined,
    text,
  };
}

describe('Store', () => {
  it('puts init records (no request id) under the invocation their instance runs', () => {
    const store = loaded();
    const lines = store.invocations.get(REQ.coldOk)?.lines.map((line) => line.record.text) ?? [];
    assert.match(lines[0], /^INIT_START/);
    assert.match(lines[1], /loading configuration/);
    assert.equal(store.lineCount, [...store.records()].length);
  });

  it('groups records an instance writes before any invocation, then hands them to its first', () => {
    const store = new Store();
    store.apply({
      type: 'logRecords',
      records: [raw('i1', undefined, 'pre-warm 1'), raw('i1', undefined, 'pre-warm 2')],
    });
    const group = [...store.invocations.values()];
    assert.equal(group.length, 1);
    assert.equal(group[0].status, 'none');
    assert.equal(group[0].requestId, undefined);
    store.apply({
      type: 'invocationStarted',
      invocation: {
        requestId: 'r1',
        functionName: 'fn',
        instanceId: 'i1',
        cold: true,
        startTime: 5,
      },
    });
    assert.deepEqual([...store.invocations.keys()], ['r1']);
    assert.deepEqual(
      store.invocations.get('r1')?.lines.map((l) => l.record.text),
      ['pre-warm 1', 'pre-warm 2'],
    );
    assert.deepEqual(store.instances.get('i1')?.invocations, ['r1']);
  });

  it('gives late output (after END, no request id) to the instance’s last invocation', () => {
    const store = new Store();
    store.apply({
      type: 'invocationStarted',
      invocation: {
        requestId: 'r1',
        functionName: 'fn',
        instanceId: 'i1',
        cold: false,
        startTime: 0,
      },
    });
    store.apply({
      type: 'invocationEnded',
      invocation: {
        requestId: 'r1',
        functionName: 'fn',
        instanceId: 'i1',
        status: 'success',
        cold: false,
        error: undefined,
        metrics: { durationMs: 1, billedDurationMs: 1, memorySizeMB: 128, maxMemoryUsedMB: 40 },
        startTime: 0,
        endTime: 1,
        droppedLogRecords: 0,
      },
    });
    store.apply({
      type: 'logRecords',
      records: [raw('i1', undefined, 'timer fired after the response')],
    });
    assert.equal(store.invocations.get('r1')?.lines.length, 1);
  });

  it('makes a placeholder for records of an unknown request id, completed by its end', () => {
    const store = new Store();
    store.apply({ type: 'logRecords', records: [raw('i1', 'r9', 'early')] });
    const placeholder = store.invocations.get('r9');
    assert.equal(placeholder?.status, 'running');
    assert.equal(placeholder?.cold, undefined);
    store.apply({
      type: 'invocationStarted',
      invocation: {
        requestId: 'r9',
        functionName: 'fn',
        instanceId: 'i1',
        cold: true,
        startTime: 0,
      },
    });
    assert.equal(store.invocations.get('r9')?.cold, true);
    assert.deepEqual(store.instances.get('i1')?.invocations, ['r9'], 'one lane entry');
  });

  it('filters and flattens: expanded invocations are followed by their matching lines', () => {
    const store = loaded({ running: true });
    const all = store.view(NO_FILTERS, new Set());
    assert.equal(all.invocations, 7);
    assert.ok(all.rows.every((row) => row.kind === 'invocation'));
    const expanded = store.view({ ...NO_FILTERS, level: 'WARN' }, new Set([REQ.coldOk]));
    const lines = expanded.rows.filter((row) => row.kind === 'line');
    assert.deepEqual(
      lines.map((row) => row.kind === 'line' && row.line.record.level),
      ['WARN'],
    );
    assert.equal(
      store.view({ ...NO_FILTERS, functionName: IMAGES, status: 'running' }, new Set()).invocations,
      1,
    );
    assert.equal(
      store.view({ ...NO_FILTERS, text: INSTANCE_A }, new Set()).invocations,
      0,
      'instance ids are not text',
    );
    assert.equal(
      store.view({ ...NO_FILTERS, text: 'ORDER CREATED' }, new Set()).invocations,
      1,
      'case-insensitive',
    );
  });

  it('drops the oldest records past the cap', () => {
    const store = new Store();
    store.apply({ type: 'config', maxRecords: 100 });
    store.apply({
      type: 'invocationStarted',
      invocation: {
        requestId: 'r1',
        functionName: 'fn',
        instanceId: 'i1',
        cold: false,
        startTime: 0,
      },
    });
    store.apply({
      type: 'logRecords',
      records: Array.from({ length: 250 }, (_, i) => raw('i1', 'r1', `line ${i}`, i)),
    });
    assert.ok(store.lineCount <= 100 && store.lineCount >= 90, String(store.lineCount));
    assert.equal(store.invocations.get('r1')?.lines.length, store.lineCount);
    assert.equal([...store.records()].at(-1)?.text, 'line 249');
    assert.equal(store.dropped, 250 - store.lineCount);
  });

  it('reports the request id a reveal asks for, and resets', () => {
    const store = loaded();
    assert.equal(store.apply({ type: 'reveal', requestId: REQ.exit }), REQ.exit);
    store.apply({ type: 'reset' });
    assert.equal(store.invocations.size, 0);
    assert.equal(store.lineCount, 0);
  });
});
