/**
 * The log panel's data: invocations with their log lines, instances, caps, and the filtered,
 * flattened rows the list shows. It applies ToPanel messages and knows nothing of the DOM, so
 * plain Node tests can drive it too. Part of the browser bundle: imports only ../protocol.ts,
 * ../format.ts and protocol types; never vscode or node:*.
 */
import type {
  ApplicationLogLevel,
  InstanceEvent,
  InvocationMetrics,
  InvocationStatus,
  LambdaError,
  LogRecord,
} from '../../../debug-adapter/protocol/lambda';
import { displayLine, levelRank, parseLogLine, type DisplayLine } from '../format';
import type { PanelInvocationEnd, PanelInvocationStart, ToPanelEvent } from '../protocol';

/** An invocation's status in the panel; `none` marks a group of records outside any invocation. */
export type RowStatus = InvocationStatus | 'running' | 'none';

/** One log record as the panel keeps it. */
export interface Line {
  /** Arrival number, unique in the panel. */
  readonly seq: number;
  /** The record as the host sent it. */
  readonly record: LogRecord;
  /** levelRank of the record's level (or the level its text names). */
  readonly rank: number;
  /** Lower-cased text, made when a text filter first needs it. */
  lower?: string;
  /** How the line is shown, made when it is first shown. */
  display?: DisplayLine;
}

/** One invocation, or a group of records that belong to no invocation (init without one). */
export interface Invocation {
  /** The request id, or `init:<instanceId>:<n>` for a group. */
  readonly key: string;
  /** The request id; undefined for a group. */
  readonly requestId: string | undefined;
  /** The function it ran. */
  functionName: string;
  /** The instance that ran it. */
  instanceId: string;
  /** Whether it was a cold start; undefined until known (a placeholder made from a record). */
  cold: boolean | undefined;
  /** Epoch ms. */
  startTime: number;
  /** Epoch ms; undefined while it runs. */
  endTime: number | undefined;
  /** Where it stands. */
  status: RowStatus;
  /** Set when it ends. */
  metrics: InvocationMetrics | undefined;
  /** Set when it failed. */
  error: LambdaError | undefined;
  /** Its log lines, in arrival order. */
  lines: Line[];
  /** Bumped on every change, so the list knows which rows to redraw. */
  version: number;
  /** Order of appearance. */
  readonly order: number;
}

/** An instance (execution environment): a lane of the timeline. */
export interface Instance {
  /** The instance id (32 hex digits). */
  readonly id: string;
  /** The function it runs. */
  functionName: string;
  /** When it was first seen. */
  startTime: number;
  /** When it stopped; undefined while it lives. */
  stopTime: number | undefined;
  /** Why it stopped. */
  stopReason: InstanceEvent['reason'];
  /** Invocation keys in start order. */
  readonly invocations: string[];
}

/** What the user filters by; persisted with the panel's state. */
export interface Filters {
  /** Case-insensitive text; matches the log text, the request id or the function name. */
  text: string;
  /** The least level shown (TRACE shows everything). */
  level: ApplicationLogLevel;
  /** A function name, or '' for all. */
  functionName: string;
  /** A status, or 'all'. */
  status: 'all' | InvocationStatus | 'running';
}

export const NO_FILTERS: Filters = { text: '', level: 'TRACE', functionName: '', status: 'all' };

/** A row of the list: an invocation, or one of its lines when it is expanded. */
export type Row =
  | { kind: 'invocation'; key: string; invocation: Invocation; matchedLines: number }
  | { kind: 'line'; key: string; invocation: Invocation; line: Line };

/** The flattened, filtered rows and their counts. */
export interface View {
  /** The rows to show, in order. */
  rows: Row[];
  /** Invocations that pass the filters. */
  invocations: number;
  /** Lines that pass the filters (in all matching invocations, expanded or not). */
  lines: number;
}

/** Default cap; the host's `config` message sets the real one. */
const DEFAULT_MAX_RECORDS = 100_000;
/** Invocations kept at most; the oldest go first. */
const MAX_INVOCATIONS = 10_000;

export class Store {
  readonly invocations = new Map<string, Invocation>();
  readonly instances = new Map<string, Instance>();
  /** Every line in arrival order; `head` skips the dropped ones. */
  private lines: Line[] = [];
  private head = 0;
  private seq = 0;
  private order = 0;
  private groups = 0;
  /** The invocation each instance runs now, and the last it ran. */
  private readonly running = new Map<string, string>();
  private readonly lastOnInstance = new Map<string, string>();
  /** An instance's group of records that arrived while it ran no invocation. */
  private readonly openGroups = new Map<string, string>();
  private readonly knownFunctions = new Set<string>();
  maxRecords = DEFAULT_MAX_RECORDS;
  /** Records dropped by the cap since the last reset. */
  dropped = 0;
  /** Bumped on every change. */
  version = 0;

  /** Applies one host message; returns the request id a `reveal` asks for. */
  apply(message: ToPanelEvent): string | undefined {
    this.version++;
    switch (message.type) {
      case 'reset':
        this.reset();
        return undefined;
      case 'config':
        this.maxRecords = Math.max(1, message.maxRecords);
        for (const name of message.functions ?? []) this.knownFunctions.add(name);
        this.trim();
        return undefined;
      case 'invocationStarted':
        this.started(message.invocation);
        return undefined;
      case 'logRecords':
        for (const record of message.records) this.add(record);
        this.trim();
        return undefined;
      case 'invocationEnded':
        this.ended(message.invocation);
        return undefined;
      case 'instance':
        this.instanceChanged(message.state, message.instance, message.time);
        return undefined;
      case 'reveal':
        return message.requestId;
    }
  }

  /** Forgets everything. */
  reset(): void {
    this.invocations.clear();
    this.instances.clear();
    this.lines = [];
    this.head = 0;
    this.running.clear();
    this.lastOnInstance.clear();
    this.openGroups.clear();
    this.knownFunctions.clear();
    this.dropped = 0;
    this.version++;
  }

  /** Lines kept, in arrival order. */
  *records(): IterableIterator<LogRecord> {
    for (let i = this.head; i < this.lines.length; i++) yield this.lines[i].record;
  }

  get lineCount(): number {
    return this.lines.length - this.head;
  }

  /** Function names seen or announced, sorted. */
  functions(): string[] {
    const names = new Set(this.knownFunctions);
    for (const invocation of this.invocations.values()) names.add(invocation.functionName);
    return [...names].sort();
  }

  private started(start: PanelInvocationStart): void {
    let invocation = this.invocations.get(start.requestId);
    if (invocation) {
      invocation.functionName = start.functionName;
      invocation.instanceId = start.instanceId;
      invocation.cold = start.cold;
      invocation.startTime = start.startTime;
      invocation.version++;
    } else {
      invocation = this.create(
        start.requestId,
        start.requestId,
        start.functionName,
        start.instanceId,
        start.startTime,
      );
      invocation.cold = start.cold;
    }
    const lane = this.instanceOf(start.instanceId, start.functionName, start.startTime);
    if (!lane.invocations.includes(invocation.key)) lane.invocations.push(invocation.key);
    this.running.set(start.instanceId, invocation.key);
    this.lastOnInstance.set(start.instanceId, invocation.key);
    // Records the instance wrote before this invocation reached it (its init) belong to it.
    const groupKey = this.openGroups.get(start.instanceId);
    const group = groupKey ? this.invocations.get(groupKey) : undefined;
    if (group) {
      invocation.lines = [...group.lines, ...invocation.lines].sort((a, b) => a.seq - b.seq);
      this.invocations.delete(group.key);
      lane.invocations.splice(lane.invocations.indexOf(group.key), 1);
    }
    this.openGroups.delete(start.instanceId);
  }

  private ended(end: PanelInvocationEnd): void {
    let invocation = this.invocations.get(end.requestId);
    if (!invocation) {
      invocation = this.create(
        end.requestId,
        end.requestId,
        end.functionName,
        end.instanceId,
        end.startTime,
      );
      this.instanceOf(end.instanceId, end.functionName, end.startTime).invocations.push(
        invocation.key,
      );
    }
    invocation.cold = end.cold;
    invocation.startTime = end.startTime;
    invocation.endTime = end.endTime;
    invocation.status = end.status;
    invocation.metrics = end.metrics;
    invocation.error = end.error;
    invocation.version++;
    if (this.running.get(end.instanceId) === invocation.key) this.running.delete(end.instanceId);
  }

  private instanceChanged(state: 'started' | 'stopped', event: InstanceEvent, time: number): void {
    const instance = this.instanceOf(event.instanceId, event.functionName, time);
    if (state === 'started') {
      instance.startTime = Math.min(instance.startTime, time);
      instance.stopTime = undefined;
      instance.stopReason = undefined;
    } else {
      instance.stopTime = time;
      instance.stopReason = event.reason;
      this.running.delete(event.instanceId);
      this.openGroups.delete(event.instanceId);
    }
  }

  private add(record: LogRecord): void {
    const parsedLevel =
      record.level ?? (record.source === 'platform' ? undefined : parseLogLine(record.text).level);
    const line: Line = { seq: this.seq++, record, rank: levelRank(parsedLevel) };
    this.lines.push(line);
    const invocation = this.owner(record);
    invocation.lines.push(line);
    invocation.version++;
  }

  /**
   * Which invocation a record belongs to: its request id's, else the one its instance runs, else
   * the instance's open group (records without a request id: init, or output between invocations).
   */
  private owner(record: LogRecord): Invocation {
    if (record.requestId) {
      const known = this.invocations.get(record.requestId);
      if (known) return known;
      const made = this.create(
        record.requestId,
        record.requestId,
        record.functionName,
        record.instanceId,
        record.time,
      );
      this.instanceOf(record.instanceId, record.functionName, record.time).invocations.push(
        made.key,
      );
      return made;
    }
    const runningKey = this.running.get(record.instanceId);
    const running = runningKey ? this.invocations.get(runningKey) : undefined;
    if (running) return running;
    const groupKey = this.openGroups.get(record.instanceId);
    const group = groupKey ? this.invocations.get(groupKey) : undefined;
    if (group) return group;
    // Output after an invocation ended (a timer, a late stdout line) goes with that invocation,
    // as CloudWatch would show it; only an instance that never ran one gets a group.
    const lastKey = this.lastOnInstance.get(record.instanceId);
    const last = lastKey ? this.invocations.get(lastKey) : undefined;
    if (last) return last;
    const key = `init:${record.instanceId}:${this.groups++}`;
    const made = this.create(key, undefined, record.functionName, record.instanceId, record.time);
    made.status = 'none';
    this.instanceOf(record.instanceId, record.functionName, record.time).invocations.push(key);
    this.openGroups.set(record.instanceId, key);
    return made;
  }

  private create(
    key: string,
    requestId: string | undefined,
    functionName: string,
    instanceId: string,
    startTime: number,
  ): Invocation {
    const invocation: Invocation = {
      key,
      requestId,
      functionName,
      instanceId,
      cold: undefined,
      startTime,
      endTime: undefined,
      status: 'running',
      metrics: undefined,
      error: undefined,
      lines: [],
      version: 0,
      order: this.order++,
    };
    this.invocations.set(key, invocation);
    this.trimInvocations();
    return invocation;
  }

  private instanceOf(id: string, functionName: string, time: number): Instance {
    let instance = this.instances.get(id);
    if (!instance) {
      instance = {
        id,
        functionName,
        startTime: time,
        stopTime: undefined,
        stopReason: undefined,
        invocations: [],
      };
      this.instances.set(id, instance);
    }
    return instance;
  }

  /** Drops the oldest records past the cap (in steps, so a flood does not trim on every record). */
  private trim(): void {
    const excess = this.lineCount - this.maxRecords;
    if (excess <= 0) return;
    const drop = Math.min(this.lineCount, excess + Math.floor(this.maxRecords / 20));
    const firstKept = this.lines[this.head + drop]?.seq ?? Infinity;
    this.head += drop;
    this.dropped += drop;
    for (const invocation of this.invocations.values()) {
      const lines = invocation.lines;
      if (lines.length === 0 || lines[0].seq >= firstKept) continue;
      let cut = 0;
      while (cut < lines.length && lines[cut].seq < firstKept) cut++;
      invocation.lines = lines.slice(cut);
      invocation.version++;
    }
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }

  private trimInvocations(): void {
    if (this.invocations.size <= MAX_INVOCATIONS) return;
    const oldest = this.invocations.keys().next().value;
    if (oldest === undefined) return;
    const invocation = this.invocations.get(oldest);
    this.invocations.delete(oldest);
    const lane = invocation && this.instances.get(invocation.instanceId);
    if (lane) lane.invocations.splice(lane.invocations.indexOf(oldest), 1);
  }

  /** The rows to show for these filters, with expanded invocations followed by their lines. */
  view(filters: Filters, expanded: ReadonlySet<string>): View {
    const query = filters.text.trim().toLowerCase();
    const minRank = levelRank(filters.level);
    const rows: Row[] = [];
    let invocationCount = 0;
    let lineCount = 0;
    const ordered = [...this.invocations.values()].sort(
      (a, b) => a.startTime - b.startTime || a.order - b.order,
    );
    for (const invocation of ordered) {
      if (filters.functionName && invocation.functionName !== filters.functionName) continue;
      if (filters.status !== 'all' && invocation.status !== filters.status) continue;
      const lines = matchingLines(invocation, query, minRank);
      if (lines === undefined) continue;
      invocationCount++;
      lineCount += lines.length;
      rows.push({
        kind: 'invocation',
        key: invocation.key,
        invocation,
        matchedLines: lines.length,
      });
      if (!expanded.has(invocation.key)) continue;
      for (const line of lines)
        rows.push({ kind: 'line', key: `${invocation.key}#${line.seq}`, invocation, line });
    }
    return { rows, invocations: invocationCount, lines: lineCount };
  }
}

/**
 * The lines of an invocation that pass the text and level filters, or undefined when the
 * invocation itself does not pass. A text that matches the request id or the function name
 * selects the whole invocation (its lines then filtered by level only).
 */
function matchingLines(invocation: Invocation, query: string, minRank: number): Line[] | undefined {
  const lines = invocation.lines;
  const filtering = query !== '' || minRank > 0;
  if (!filtering) return lines;
  const whole =
    query !== '' &&
    ((invocation.requestId?.toLowerCase().includes(query) ?? false) ||
      invocation.functionName.toLowerCase().includes(query));
  const out: Line[] = [];
  for (const line of lines) {
    if (line.rank < minRank) continue;
    if (query !== '' && !whole) {
      line.lower ??= line.record.text.toLowerCase();
      if (!line.lower.includes(query)) continue;
    }
    out.push(line);
  }
  if (out.length > 0) return out;
  // An invocation that matches by id or name stays visible even before it has lines.
  return whole && minRank === 0 ? out : undefined;
}

/** The line's display form, made once. */
export function displayOf(line: Line): DisplayLine {
  line.display ??= displayLine(line.record);
  return line.display;
}
