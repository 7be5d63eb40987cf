/**
 * The log panel's wire protocol, declared once (house-style.md principles 4 and 10): `ToPanel`
 * (extension host -> webview) and `FromPanel` (webview -> extension host), plus the small
 * MessageHandler the webview uses to pair its requests with the host's replies.
 * Imports only types from debug-adapter/protocol; no DOM, no vscode, no Node built-ins, so both
 * the extension host and the browser bundle can import it.
 */
import type {
  InstanceEventBody,
  InvocationStartedEventBody,
  InvocationSummary,
} from '../../debug-adapter/protocol/dap';
import type { LogRecord } from '../../debug-adapter/protocol/lambda';

// ---- Host -> panel --------------------------------------------------------------------------

/** What the panel needs of `lambda/invocationStarted`: the event payload stays with the host. */
export type PanelInvocationStart = Omit<InvocationStartedEventBody, 'payload'>;

/**
 * What the panel needs of `lambda/invocationEnded`: the response body stays with the host (it
 * can be 6 MB), the error and the metrics travel.
 */
export type PanelInvocationEnd = Omit<InvocationSummary, 'payload' | 'contentType'>;

/** `config` (host -> panel): settings of the panel; sent after `ready` and whenever they change. */
export interface ConfigMessage {
  type: 'config';
  /** The most log records the panel keeps; older ones are dropped first (as the host's model does). */
  maxRecords: number;
  /** Functions of the session, so the function filter lists them before they are invoked. */
  functions?: string[];
}

/** `reset` (host -> panel): forget every invocation and record (a new session, or Clear). */
export interface ResetMessage {
  type: 'reset';
}

/** `invocationStarted` (host -> panel): an invocation was handed to an instance. */
export interface InvocationStartedMessage {
  type: 'invocationStarted';
  /** Request id, function, instance, cold or warm, and start time. */
  invocation: PanelInvocationStart;
}

/**
 * `logRecords` (host -> panel): log records in arrival order, batched. Records of an invocation
 * follow its `invocationStarted`; records without a request id (init, between invocations) belong
 * to their instance.
 */
export interface LogRecordsMessage {
  type: 'logRecords';
  /** The records, oldest first. */
  records: LogRecord[];
}

/** `invocationEnded` (host -> panel): an invocation ended with its status, error and metrics. */
export interface InvocationEndedMessage {
  type: 'invocationEnded';
  /** Status, error, metrics and end time (the same request id as its `invocationStarted`). */
  invocation: PanelInvocationEnd;
}

/** `instance` (host -> panel): an instance (execution environment) started or stopped. */
export interface InstanceMessage {
  type: 'instance';
  /** What happened to the instance. */
  state: 'started' | 'stopped';
  /** The instance, its function, and why it stopped. */
  instance: InstanceEventBody;
  /** Epoch milliseconds of the change. */
  time: number;
}

/** `reveal` (host -> panel): expand an invocation, scroll to it and select it. */
export interface RevealMessage {
  type: 'reveal';
  /** The invocation to show. */
  requestId: string;
}

/**
 * `batch` (host -> panel): several messages in order, so the host posts at most one message per
 * frame however fast the function logs (LogPanelModel in batcher.ts builds them).
 */
export interface BatchMessage {
  type: 'batch';
  /** The messages, applied in this order. */
  messages: ToPanelEvent[];
}

/** `reply` (host -> panel): the answer to a FromPanel request that carried an `id`. */
export interface ReplyMessage {
  type: 'reply';
  /** The `id` of the request. */
  id: number;
  /** False when the host could not do it (no session, the user cancelled, a write failed). */
  ok: boolean;
  /** A short sentence for the panel's status line, e.g. `Saved events/order.json`. */
  message?: string;
}

/** The messages a `batch` may hold: everything that describes the log stream. */
export type ToPanelEvent =
  | ConfigMessage
  | ResetMessage
  | InvocationStartedMessage
  | LogRecordsMessage
  | InvocationEndedMessage
  | InstanceMessage
  | RevealMessage;

/** Every message the extension host posts to the log panel (`webview.postMessage`). */
export type ToPanel = ToPanelEvent | BatchMessage | ReplyMessage;

// ---- Panel -> host --------------------------------------------------------------------------

/**
 * Fields of a panel message that expects an answer: with `id` set, the host answers with a
 * `reply` carrying the same id (MessageHandler.request sets it).
 */
export interface Answerable {
  /** Set by MessageHandler.request; absent when no answer is wanted. */
  id?: number;
}

/**
 * `ready` (panel -> host): the panel's script runs and listens. Messages posted before this are
 * lost, so the host answers with `reset`, `config` and a replay of what it keeps.
 */
export interface ReadyMessage {
  type: 'ready';
}

/** `reinvoke` (panel -> host): invoke the function again with the event of this invocation. */
export interface ReinvokeMessage extends Answerable {
  type: 'reinvoke';
  /** The function to invoke. */
  functionName: string;
  /** The invocation whose event to send again (LogPanelModel.eventFor). */
  requestId: string;
}

/** `saveEvent` (panel -> host): save the event of this invocation to a JSON file. */
export interface SaveEventMessage extends Answerable {
  type: 'saveEvent';
  /** The function the event belongs to (where to save it). */
  functionName: string;
  /** The invocation whose event to save. */
  requestId: string;
}

/**
 * `copyRequestId` (panel -> host): put the request id on the clipboard (the host does it with
 * `vscode.env.clipboard`, which works where the webview's own clipboard access does not).
 */
export interface CopyRequestIdMessage extends Answerable {
  type: 'copyRequestId';
  /** The id to copy. */
  requestId: string;
}

/** `exportLog` (panel -> host): save the panel's records as a `.log` file. */
export interface ExportLogMessage extends Answerable {
  type: 'exportLog';
  /** Lambda's raw log text: each record's text followed by `\n` (format.ts `exportLogText`). */
  text: string;
  /** A file name to offer in the save dialog, e.g. `lambda-2026-07-22T03-52-34.lambda.log`. */
  suggestedName: string;
  /** How many records the text holds. */
  recordCount: number;
}

/** `openSource` (panel -> host): open a file at a position named in a stack trace. */
export interface OpenSourceMessage extends Answerable {
  type: 'openSource';
  /** The path (or `file://` URL) as the log line gives it. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** `clear` (panel -> host): the user cleared the panel; the host forgets its records too. */
export interface ClearMessage {
  type: 'clear';
}

/** `panelError` (panel -> host): a bug in the panel's script, for the host's log. */
export interface PanelErrorMessage {
  type: 'panelError';
  /** The error's message. */
  message: string;
  /** Its stack, when it has one. */
  stack?: string;
}

/** Every message the log panel posts to the extension host (`acquireVsCodeApi().postMessage`). */
export type FromPanel =
  | ReadyMessage
  | ReinvokeMessage
  | SaveEventMessage
  | CopyRequestIdMessage
  | ExportLogMessage
  | OpenSourceMessage
  | ClearMessage
  | PanelErrorMessage;

/** The FromPanel messages that may carry an `id` and get a `reply`. */
export type FromPanelRequest = Extract<FromPanel, Answerable>;

const TO_PANEL_TYPES: ReadonlySet<string> = new Set<ToPanel['type']>([
  'config',
  'reset',
  'invocationStarted',
  'logRecords',
  'invocationEnded',
  'instance',
  'reveal',
  'batch',
  'reply',
]);

const FROM_PANEL_TYPES: ReadonlySet<string> = new Set<FromPanel['type']>([
  'ready',
  'reinvoke',
  'saveEvent',
  'copyRequestId',
  'exportLog',
  'openSource',
  'clear',
  'panelError',
]);

function hasType(value: unknown): value is { type: unknown } {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/** Whether a `message` event's data is one of ours (the panel ignores anything else). */
export function isToPanel(value: unknown): value is ToPanel {
  return hasType(value) && typeof value.type === 'string' && TO_PANEL_TYPES.has(value.type);
}

/**
 * Whether a message from the webview is a FromPanel message. The host should check this before
 * acting: the webview renders log text written by user code.
 */
export function isFromPanel(value: unknown): value is FromPanel {
  return hasType(value) && typeof value.type === 'string' && FROM_PANEL_TYPES.has(value.type);
}

/**
 * Pairs the panel's requests with the host's replies by id (after vscode-hexeditor's
 * shared/protocol.ts), so a button can say whether its action worked. Events need no handler:
 * post them directly.
 */
export class MessageHandler {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: ReplyMessage) => void>();

  constructor(private readonly post: (message: FromPanel) => void) {}

  /** Posts a message that needs no answer. */
  send(message: FromPanel): void {
    this.post(message);
  }

  /** Posts a request with a fresh id; resolves with the host's `reply`. */
  request(message: FromPanelRequest): Promise<ReplyMessage> {
    const id = this.nextId++;
    return new Promise<ReplyMessage>((resolve) => {
      this.pending.set(id, resolve);
      this.post({ ...message, id });
    });
  }

  /** Settles the pending request a reply answers; false when no request waits for it. */
  receiveReply(reply: ReplyMessage): boolean {
    const resolve = this.pending.get(reply.id);
    if (!resolve) return false;
    this.pending.delete(reply.id);
    resolve(reply);
    return true;
  }

  /** Requests still waiting for their reply. */
  get pendingCount(): number {
    return this.pending.size;
  }
}
