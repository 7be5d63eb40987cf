// The log panel's host-side model (extension/log-panel/batcher.ts) and the protocol's
// MessageHandler, in plain Node with fake timers: nothing posted before `ready`, one post per
// 50 ms however fast records come, a full replay for a new webview, caps, and kept events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InvocationSummary } from '../../debug-adapter/protocol/dap';
import type { LogRecord } from '../../debug-adapter/protocol/lambda';
import {
  LogPanelModel,
  type LogPanelModelOptions,
  type Timers,
} from '../../extension/log-panel/batcher';
import {
  isFromPanel,
  isToPanel,
  MessageHandler,
  type FromPanel,
  type ToPanel,
  type ToPanelEvent,
} from '../../extension/log-panel/protocol';

/** Timers that run only when the test says so. */
class FakeTimers implements Timers {
  now = 0;
  private pending: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ at: this.now + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }
  /** Advances the clock, running the timers that come due in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      this.pending.sort((a, b) => a.at - b.at);
      const next = this.pending[0];
      if (!next || next.at > end) break;
      this.pending.shift();
      this.now = next.at;
      next.callback();
    }
    this.now = end;
  }
}

function setup(options: LogPanelModelOptions = {}) {
  const timers = new FakeTimers();
  const posted: ToPanel[] = [];
  const model = new LogPanelModel({ timers, ...options });
  const sink = { postMessage: (message: ToPanel) => posted.push(structuredClone(message)) };
  return { timers, posted, model, sink };
}

function record(i: number, requestId = 'r1'): LogRecord {
  return {
    time: i,
    functionName: 'fn',
    instanceId: 'i1',
    requestId,
    source: 'function',
    level: 'INFO',
    text: `line ${i}`,
  };
}

function started(requestId: string, payload = '{"n":1}') {
  return { requestId, functionName: 'fn', instanceId: 'i1', cold: false, startTime: 0, payload };
}

function ended(requestId: string): InvocationSummary {
  return {
    requestId,
    functionName: 'fn',
    instanceId: 'i1',
    status: 'success',
    cold: false,
    payload: '{"big":"response"}',
    contentType: 'application/json',
    error: undefined,
    metrics: { durationMs: 1, billedDurationMs: 1, memorySizeMB: 128, maxMemoryUsedMB: 40 },
    startTime: 0,
    endTime: 1,
    droppedLogRecords: 0,
  };
}

/** The inner messages of every batch posted, flattened. */
function inner(posted: ToPanel[]): ToPanelEvent[] {
  return posted.flatMap((message) => (message.type === 'batch' ? message.messages : []));
}

describe('LogPanelModel', () => {
  it('posts nothing until the webview is ready, then replays everything in one batch', () => {
    const { timers, posted, model, sink } = setup();
    model.setFunctions(['fn']);
    model.invocationStarted(started('r1'));
    model.log(record(1));
    model.log(record(2));
    model.invocationEnded(ended('r1'));
    model.attach(sink);
    timers.advance(1000);
    assert.equal(posted.length, 0, 'not before ready');
    model.handleReady();
    timers.advance(0);
    assert.equal(posted.length, 1);
    assert.deepEqual(
      inner(posted).map((m) => m.type),
      ['reset', 'config', 'invocationStarted', 'logRecords', 'invocationEnded'],
    );
    const config = inner(posted)[1];
    assert.deepEqual(config, { type: 'config', maxRecords: 100_000, functions: ['fn'] });
    const start = inner(posted)[2];
    assert.ok(
      start.type === 'invocationStarted' && !('payload' in start.invocation),
      'the event stays with the host',
    );
    const end = inner(posted)[4];
    assert.ok(
      end.type === 'invocationEnded' &&
        !('payload' in end.invocation) &&
        !('contentType' in end.invocation),
    );
  });

  it('posts at most once per 50 ms, with consecutive records merged', () => {
    const { timers, posted, model, sink } = setup();
    model.attach(sink);
    model.handleReady();
    timers.advance(0);
    posted.length = 0;
    model.invocationStarted(started('r1'));
    for (let i = 0; i < 1000; i++) model.log(record(i));
    timers.advance(49);
    assert.equal(posted.length, 0, 'not before the interval');
    timers.advance(1);
    assert.equal(posted.length, 1);
    const messages = inner(posted);
    assert.deepEqual(
      messages.map((m) => m.type),
      ['invocationStarted', 'logRecords'],
    );
    assert.equal(messages[1].type === 'logRecords' && messages[1].records.length, 1000);
    for (let i = 0; i < 10; i++) {
      model.log(record(i));
      timers.advance(10);
    }
    assert.equal(posted.length, 3, 'one post per 50 ms while records trickle in');
  });

  it('splits a flood into posts of maxRecordsPerPost, one per interval', () => {
    const { timers, posted, model, sink } = setup({ maxRecordsPerPost: 100 });
    model.attach(sink);
    model.handleReady();
    timers.advance(0);
    posted.length = 0;
    for (let i = 0; i < 250; i++) model.log(record(i));
    timers.advance(50);
    assert.equal(posted.length, 1);
    timers.advance(100);
    assert.equal(posted.length, 3);
    const counts = inner(posted).map((m) => (m.type === 'logRecords' ? m.records.length : 0));
    assert.deepEqual(counts, [100, 100, 50]);
    const texts = inner(posted).flatMap((m) =>
      m.type === 'logRecords' ? m.records.map((r) => r.text) : [],
    );
    assert.equal(texts[249], 'line 249', 'in order');
  });

  it('caps the records it keeps and replays only those', () => {
    const { timers, posted, model, sink } = setup({ maxRecords: 10 });
    model.invocationStarted(started('r1'));
    for (let i = 0; i < 25; i++) model.log(record(i));
    assert.equal(model.stats.records, 10);
    assert.deepEqual(
      model.records().map((r) => r.text),
      Array.from({ length: 10 }, (_, i) => `line ${i + 15}`),
    );
    model.attach(sink);
    model.handleReady();
    timers.advance(0);
    const replayed = inner(posted).flatMap((m) => (m.type === 'logRecords' ? m.records : []));
    assert.equal(replayed.length, 10);
  });

  it('keeps events for Re-invoke and Save Event, within the invocation and byte caps', () => {
    const { model } = setup({ maxInvocations: 2, maxEventBytes: 100 });
    model.invocationStarted(started('r1', '{"a":1}'));
    model.invocationStarted(started('r2', '{"b":2}'));
    assert.deepEqual(model.eventFor('r1'), { functionName: 'fn', payload: '{"a":1}' });
    model.invocationStarted(started('r3', '{"c":3}'));
    assert.equal(model.eventFor('r1'), undefined, 'dropped with its invocation');
    model.invocationStarted(started('r4', 'x'.repeat(40)));
    assert.equal(model.eventFor('r2'), undefined, 'dropped for bytes');
    assert.ok(model.stats.eventBytes <= 100);
    model.invocationStarted(started('r5', 'y'.repeat(60)));
    assert.equal(model.eventFor('r5'), undefined, 'larger than the cap: not kept');
  });

  it('stops posting when detached, and replays again for a new webview', () => {
    const { timers, posted, model, sink } = setup();
    model.attach(sink);
    model.handleReady();
    timers.advance(0);
    model.detach();
    model.log(record(1));
    timers.advance(100);
    assert.equal(posted.length, 1, 'only the first replay');
    model.attach(sink);
    model.handleReady();
    timers.advance(0);
    assert.equal(posted.length, 2);
    assert.deepEqual(
      inner([posted[1]]).map((m) => m.type),
      ['reset', 'config', 'logRecords'],
    );
  });

  it('clears: forgets everything and tells the panel', () => {
    const { timers, posted, model, sink } = setup();
    model.attach(sink);
    model.handleReady();
    model.invocationStarted(started('r1'));
    model.log(record(1));
    model.clear();
    timers.advance(50);
    assert.deepEqual(
      inner(posted).map((m) => m.type),
      ['reset'],
    );
    assert.deepEqual(model.stats, {
      records: 0,
      invocations: 0,
      queued: 0,
      events: 0,
      eventBytes: 0,
    });
    model.reveal('r9');
    timers.advance(50);
    assert.deepEqual(inner(posted).at(-1), { type: 'reveal', requestId: 'r9' });
  });
});

describe('protocol', () => {
  it('pairs requests with replies by id', async () => {
    const sent: FromPanel[] = [];
    const handler = new MessageHandler((message) => sent.push(message));
    const first = handler.request({ type: 'copyRequestId', requestId: 'a' });
    const second = handler.request({ type: 'saveEvent', functionName: 'fn', requestId: 'b' });
    handler.send({ type: 'ready' });
    assert.deepEqual(sent, [
      { type: 'copyRequestId', requestId: 'a', id: 1 },
      { type: 'saveEvent', functionName: 'fn', requestId: 'b', id: 2 },
      { type: 'ready' },
    ]);
    assert.equal(
      handler.receiveReply({ type: 'reply', id: 2, ok: false, message: 'cancelled' }),
      true,
    );
    assert.deepEqual(await second, { type: 'reply', id: 2, ok: false, message: 'cancelled' });
    assert.equal(handler.receiveReply({ type: 'reply', id: 2, ok: true }), false, 'answered once');
    assert.equal(handler.pendingCount, 1);
    handler.receiveReply({ type: 'reply', id: 1, ok: true });
    assert.equal((await first).ok, true);
  });

  it('recognises its own messages only', () => {
    assert.equal(isToPanel({ type: 'logRecords', records: [] }), true);
    assert.equal(isToPanel({ type: 'ready' }), false);
    assert.equal(isToPanel({ source: 'react-devtools' }), false);
    assert.equal(isToPanel(null), false);
    assert.equal(
      isFromPanel({ type: 'exportLog', text: '', suggestedName: 'x', recordCount: 0 }),
      true,
    );
    assert.equal(isFromPanel({ type: 'batch', messages: [] }), false);
    assert.equal(isFromPanel('ready'), false);
  });
});
