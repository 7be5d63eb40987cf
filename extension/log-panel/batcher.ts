/**
 * The log panel's host-side model: it keeps what the panel shows (capped), batches the stream into
 * at most one `postMessage` per 50 ms, replays everything when a webview (re)appears, and keeps the
 * event of each invocation for Re-invoke and Save Event. panel.ts (the WebviewViewProvider) feeds
 * it the `lambda/*` DAP events and hands it the webview.
 * vscode-free on purpose, so it is tested in plain Node: `vscode.Webview` satisfies PanelSink.
 */
import type {
  InstanceEventBody,
  InvocationStartedEventBody,
  InvocationSummary,
} from '../../debug-adapter/protocol/dap';
import type { LogRecord } from '../../debug-adapter/protocol/lambda';
import type { ConfigMessage, ToPanel, ToPanelEvent } from './protocol';

/** Where the model posts: `vscode.Webview` has this shape (its promise is ignored). */
export interface PanelSink {
  /** Posts one message to the webview. */
  postMessage(message: ToPanel): unknown;
}

/** The timer functions the model uses; tests pass fake ones. */
export interface Timers {
  /** Runs `callback` once after `ms`; returns a handle for clearTimeout. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a pending setTimeout. */
  clearTimeout(handle: unknown): void;
}

/** Limits and timings of a LogPanelModel. */
export interface LogPanelModelOptions {
  /** The most log records kept (and shown); older ones are dropped first. Default 100,000. */
  maxRecords?: number;
  /** The most invocations kept. Default 10,000. */
  maxInvocations?: number;
  /** The least time between two posts, in ms. Default 50 (about three frames). */
  flushIntervalMs?: number;
  /** The most log records in one post, so one post never stalls the webview. Default 10,000. */
  maxRecordsPerPost?: number;
  /** The most bytes of event payloads kept for Re-invoke and Save Event. Default 64 MiB. */
  maxEventBytes?: number;
  /** Timers; default the global ones. */
  timers?: Timers;
}

/** The event an invocation ran with, for Re-invoke and Save Event. */
export interface InvocationEvent {
  /** The function that ran it. */
  functionName: string;
  /** The event payload as sent (JSON text). */
  payload: string;
}

/** One entry of the history: a record counts against maxRecords, a start against maxInvocations. */
type Entry =
  | { kind: 'record'; record: LogRecord }
  | { kind: 'event'; message: Exclude<ToPanelEvent, { type: 'logRecords' }> };

const DEFAULTS = {
  maxRecords: 100_000,
  maxInvocations: 10_000,
  flushIntervalMs: 50,
  maxRecordsPerPost: 10_000,
  maxEventBytes: 64 * 1024 * 1024,
};

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Keeps the panel's data and streams it to the webview in batches. */
export class LogPanelModel {
  private readonly options: Required<Omit<LogPanelModelOptions, 'timers'>>;
  private readonly timers: Timers;
  /** Everything the panel shows, in arrival order; `head` skips dropped entries. */
  private history: Entry[] = [];
  private head = 0;
  private recordCount = 0;
  private invocationCount = 0;
  /** What the attached, ready webview has not been sent yet, in order. */
  private queue: Entry[] = [];
  private queueHead = 0;
  private sink: PanelSink | undefined;
  private ready = false;
  private timer: unknown;
  private readonly events = new Map<string, InvocationEvent>();
  private eventBytes = 0;
  private functions: string[] = [];

  constructor(options: LogPanelModelOptions = {}) {
    const { timers, ...limits } = options;
    this.options = { ...DEFAULTS, ...withoutUndefined(limits) };
    this.timers = timers ?? defaultTimers;
  }

  /**
   * A webview appeared (resolveWebviewView). Nothing is posted until it says `ready`, because
   * messages posted before its script listens are lost.
   */
  attach(sink: PanelSink): void {
    this.sink = sink;
    this.ready = false;
    this.clearQueue();
  }

  /** The webview went away (disposed, or hidden without retainContextWhenHidden). */
  detach(): void {
    this.sink = undefined;
    this.ready = false;
    this.clearQueue();
  }

  /** The webview posted `ready`: send it `reset`, `config` and everything kept, in order. */
  handleReady(): void {
    if (!this.sink) return;
    this.ready = true;
    this.clearQueue();
    this.queue.push(
      { kind: 'event', message: { type: 'reset' } },
      { kind: 'event', message: this.configMessage() },
    );
    for (let i = this.head; i < this.history.length; i++) this.queue.push(this.history[i]);
    this.schedule(true);
  }

  /** Sets the functions the function filter offers before they are invoked. */
  setFunctions(functions: string[]): void {
    this.functions = [...functions];
    this.enqueue({ kind: 'event', message: this.configMessage() }, false);
  }

  /** `lambda/invocationStarted`. */
  invocationStarted(body: InvocationStartedEventBody): void {
    const { payload, ...invocation } = body;
    this.keepEvent(body.requestId, { functionName: body.functionName, payload });
    this.invocationCount++;
    this.enqueue({ kind: 'event', message: { type: 'invocationStarted', invocation } }, true);
  }

  /** `lambda/log`. */
  log(record: LogRecord): void {
    this.recordCount++;
    this.enqueue({ kind: 'record', record }, true);
  }

  /** `lambda/invocationEnded`. */
  invocationEnded(summary: InvocationSummary): void {
    // The response body stays with the host: it can be 6 MB and the panel does not show it.
    const { payload: _payload, contentType: _contentType, ...invocation } = summary;
    this.enqueue({ kind: 'event', message: { type: 'invocationEnded', invocation } }, true);
  }

  /** `lambda/instanceStarted` and `lambda/instanceStopped`. */
  instance(state: 'started' | 'stopped', instance: InstanceEventBody, time = Date.now()): void {
    this.enqueue({ kind: 'event', message: { type: 'instance', state, instance, time } }, true);
  }

  /** Asks the panel to expand, select and scroll to an invocation. */
  reveal(requestId: string): void {
    this.enqueue({ kind: 'event', message: { type: 'reveal', requestId } }, false);
  }

  /** Forgets everything (a new session, or the panel's Clear) and tells the panel. */
  clear(): void {
    this.history = [];
    this.head = 0;
    this.recordCount = 0;
    this.invocationCount = 0;
    this.events.clear();
    this.eventBytes = 0;
    this.clearQueue();
    this.enqueue({ kind: 'event', message: { type: 'reset' } }, false);
  }

  /** The event an invocation ran with, while it is kept. */
  eventFor(requestId: string): InvocationEvent | undefined {
    return this.events.get(requestId);
  }

  /** Everything kept, as the export would have it (the panel normally exports its own copy). */
  records(): LogRecord[] {
    const records: LogRecord[] = [];
    for (let i = this.head; i < this.history.length; i++) {
      const entry = this.history[i];
      if (entry.kind === 'record') records.push(entry.record);
    }
    return records;
  }

  /** Sizes, for diagnostics and tests. */
  get stats(): {
    records: number;
    invocations: number;
    queued: number;
    events: number;
    eventBytes: number;
  } {
    return {
      records: this.recordCount,
      invocations: this.invocationCount,
      queued: this.queue.length - this.queueHead,
      events: this.events.size,
      eventBytes: this.eventBytes,
    };
  }

  /** Stops the timer; the model can be attached again later. */
  dispose(): void {
    this.detach();
  }

  private configMessage(): ConfigMessage {
    return { type: 'config', maxRecords: this.options.maxRecords, functions: [...this.functions] };
  }

  private enqueue(entry: Entry, keep: boolean): void {
    if (keep) {
      this.history.push(entry);
      this.trim();
    }
    if (this.sink && this.ready) {
      this.queue.push(entry);
      this.schedule(false);
    }
  }

  /** Drops the oldest entries past the caps; the panel applies the same record cap itself. */
  private trim(): void {
    const { maxRecords, maxInvocations } = this.options;
    while (this.recordCount > maxRecords || this.invocationCount > maxInvocations) {
      const entry = this.history[this.head++];
      if (entry.kind === 'record') this.recordCount--;
      else if (entry.message.type === 'invocationStarted') {
        this.invocationCount--;
        this.dropEvent(entry.message.invocation.requestId);
      }
    }
    // Compact now and then, so dropping stays O(1) amortised.
    if (this.head > 4096 && this.head * 2 > this.history.length) {
      this.history = this.history.slice(this.head);
      this.head = 0;
    }
  }

  private keepEvent(requestId: string, event: InvocationEvent): void {
    const bytes = event.payload.length * 2;
    if (bytes > this.options.maxEventBytes) return;
    this.events.set(requestId, event);
    this.eventBytes += bytes;
    // Maps iterate in insertion order, so the first keys are the oldest events.
    for (const [oldest, kept] of this.events) {
      if (this.eventBytes <= this.options.maxEventBytes) break;
      this.events.delete(oldest);
      this.eventBytes -= kept.payload.length * 2;
    }
  }

  private dropEvent(requestId: string): void {
    const kept = this.events.get(requestId);
    if (!kept) return;
    this.events.delete(requestId);
    this.eventBytes -= kept.payload.length * 2;
  }

  private clearQueue(): void {
    this.queue = [];
    this.queueHead = 0;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(now: boolean): void {
    if (this.timer !== undefined) return;
    this.timer = this.timers.setTimeout(() => this.flush(), now ? 0 : this.options.flushIntervalMs);
  }

  /** Posts one `batch` of queued messages (consecutive records merged into one `logRecords`). */
  private flush(): void {
    this.timer = undefined;
    if (!this.sink || !this.ready) return;
    const messages: ToPanelEvent[] = [];
    let records = 0;
    let run: LogRecord[] | undefined;
    while (this.queueHead < this.queue.length && records < this.options.maxRecordsPerPost) {
      const entry = this.queue[this.queueHead++];
      if (entry.kind === 'record') {
        if (!run) {
          run = [];
          messages.push({ type: 'logRecords', records: run });
        }
        run.push(entry.record);
        records++;
      } else {
        run = undefined;
        messages.push(entry.message);
      }
    }
    if (this.queueHead >= this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    }
    if (messages.length > 0) this.sink.postMessage({ type: 'batch', messages });
    if (this.queueHead < this.queue.length) this.schedule(false);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
