/**
 * The log panel: the toolbar (filters, export, clear), the timeline and the invocation list,
 * wired to the Store and to the host through the typed protocol. UI state (filters, expanded
 * invocations, timeline, focus) persists with the webview API's getState/setState.
 * Browser bundle: DOM only; never vscode or node:*.
 */
import type { ApplicationLogLevel } from '../../../debug-adapter/protocol/lambda';
import { exportFileName, exportLogText, LEVELS } from '../format';
import {
  MessageHandler,
  type FromPanelRequest,
  type ReplyMessage,
  type ToPanel,
  type ToPanelEvent,
} from '../protocol';
import { h, icon, iconButton } from './dom';
import { LogList, type RowAction } from './logList';
import { NO_FILTERS, Store, type Filters, type Invocation } from './store';
import { Timeline } from './timeline';
import type { VsCodeApi } from './vscodeApi';

/** The state kept across reloads of the webview (getState/setState). */
export interface UiState {
  /** Format of this object; a state of another version is ignored. */
  version: 1;
  /** The toolbar's filters. */
  filters: Filters;
  /** Expanded invocation keys, most recent last. */
  expanded: string[];
  /** Whether the timeline is shown. */
  timeline: boolean;
  /** Key of the focused row. */
  focused: string | undefined;
}

/** Expanded keys remembered at most. */
const MAX_EXPANDED = 500;
/** How often running invocations' durations and bars move (ms). */
const LIVE_INTERVAL_MS = 250;
/** The least time between two timeline redraws while data streams in (ms). */
const TIMELINE_INTERVAL_MS = 100;

const STATUS_OPTIONS: ReadonlyArray<[Filters['status'], string]> = [
  ['all', 'All statuses'],
  ['success', 'Success'],
  ['error', 'Error'],
  ['timeout', 'Timeout'],
  ['running', 'Running'],
];

export class LogPanel {
  private readonly store = new Store();
  private readonly list: LogList;
  private readonly timeline: Timeline;
  private readonly messages: MessageHandler;
  private filters: Filters;
  private readonly expanded: Set<string>;
  private timelineVisible: boolean;
  private frame = 0;
  private liveTimer: ReturnType<typeof setInterval> | undefined;
  private lastTimeline = 0;
  private timelineTimer: ReturnType<typeof setTimeout> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingReveal: string | undefined;
  /** Whether data arrived since the last render (the list then follows the end of the log). */
  private streamed = false;
  private functionsShown = '';
  /** Keys of the invocations the filters let through, from the last render. */
  private visibleKeys = new Set<string>();

  private readonly textInput: HTMLInputElement;
  private readonly levelSelect: HTMLSelectElement;
  private readonly functionSelect: HTMLSelectElement;
  private readonly statusSelect: HTMLSelectElement;
  private readonly counts: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly timelineButton: HTMLButtonElement;
  private readonly emptyState: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi<UiState>,
  ) {
    const saved = api.getState();
    const state = saved?.version === 1 ? saved : undefined;
    this.filters = { ...NO_FILTERS, ...state?.filters };
    this.expanded = new Set(state?.expanded ?? []);
    this.timelineVisible = state?.timeline ?? true;
    this.messages = new MessageHandler((message) => api.postMessage(message));

    this.textInput = h('input', {
      type: 'text',
      class: 'filter-text',
      placeholder: 'Filter: text or request id',
      'aria-label': 'Filter by text or request id',
      spellcheck: 'false',
    });
    this.textInput.value = this.filters.text;
    this.levelSelect = select(
      'filter-level',
      'Minimum level',
      LEVELS.map(
        (level, i) => [level, i === 0 ? 'All levels' : `${level} and above`] as [string, string],
      ),
    );
    this.levelSelect.value = this.filters.level;
    this.functionSelect = select('filter-function', 'Function', [['', 'All functions']]);
    this.statusSelect = select('filter-status', 'Status', STATUS_OPTIONS);
    this.statusSelect.value = this.filters.status;
    this.counts = h('span', { class: 'counts' });
    this.notice = h('span', { class: 'notice', role: 'status', 'aria-live': 'polite' });
    this.timelineButton = iconButton('timeline', 'Show the timeline', {
      class: 'icon-button toggle-timeline',
    });
    const exportButton = iconButton('export', 'Export as a .log file', {
      class: 'icon-button export-log',
    });
    const clearButton = iconButton('clear', 'Clear', { class: 'icon-button clear-log' });

    const toolbar = h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Log panel' },
      h('div', { class: 'filter-box' }, icon('filter', 'filter-icon'), this.textInput),
      this.levelSelect,
      this.functionSelect,
      this.statusSelect,
      this.counts,
      this.notice,
      h('span', { class: 'spacer' }),
      this.timelineButton,
      exportButton,
      clearButton,
    );

    this.timeline = new Timeline({ select: (key) => this.revealKey(key, true) });
    this.list = new LogList({
      toggle: (key) => this.toggle(key),
      action: (action, invocation) => this.rowAction(action, invocation),
      openSource: (location) =>
        void this.request(
          { type: 'openSource', path: location.path, line: location.line, column: location.column },
          undefined,
        ),
      focusChanged: () => {
        this.saveState();
        this.scheduleTimeline();
      },
    });
    this.list.restoreFocus(state?.focused);
    this.emptyState = h('div', { class: 'empty-state' });

    root.replaceChildren(
      toolbar,
      this.timeline.element,
      h('div', { class: 'list-area' }, this.list.element, this.emptyState),
    );

    this.textInput.addEventListener('input', () => {
      if (this.textTimer) clearTimeout(this.textTimer);
      this.textTimer = setTimeout(() => this.setFilters({ text: this.textInput.value }), 120);
    });
    this.textInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.textInput.value) {
        this.textInput.value = '';
        this.setFilters({ text: '' });
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.list.element.focus();
      }
    });
    this.levelSelect.addEventListener('change', () =>
      this.setFilters({ level: this.levelSelect.value as ApplicationLogLevel }),
    );
    this.functionSelect.addEventListener('change', () =>
      this.setFilters({ functionName: this.functionSelect.value }),
    );
    this.statusSelect.addEventListener('change', () =>
      this.setFilters({ status: this.statusSelect.value as Filters['status'] }),
    );
    this.timelineButton.addEventListener('click', () => {
      this.timelineVisible = !this.timelineVisible;
      this.saveState();
      this.invalidate();
    });
    exportButton.addEventListener('click', () => this.exportLog());
    clearButton.addEventListener('click', () => this.clear());
    this.invalidate();
  }

  /** Handles one message from the host. */
  receive(message: ToPanel): void {
    this.streamed ||= message.type !== 'reply';
    switch (message.type) {
      case 'batch':
        for (const inner of message.messages) this.applyEvent(inner);
        break;
      case 'reply':
        this.messages.receiveReply(message);
        break;
      default:
        this.applyEvent(message);
    }
    this.invalidate();
  }

  /** Tells the host the panel listens (it answers with a replay). */
  start(): void {
    this.messages.send({ type: 'ready' });
  }

  private applyEvent(message: ToPanelEvent): void {
    const reveal = this.store.apply(message);
    if (message.type === 'reset') this.pendingReveal = undefined;
    if (reveal) this.pendingReveal = reveal;
  }

  private setFilters(change: Partial<Filters>): void {
    this.filters = { ...this.filters, ...change };
    this.saveState();
    this.invalidate();
  }

  private toggle(key: string): void {
    if (this.expanded.has(key)) this.expanded.delete(key);
    else {
      this.expanded.add(key);
      if (this.expanded.size > MAX_EXPANDED)
        this.expanded.delete(this.expanded.values().next().value as string);
    }
    this.saveState();
    this.render();
  }

  /** Expands, focuses and scrolls to an invocation (a `reveal`, or a click on its timeline bar). */
  private revealKey(key: string, focus: boolean): void {
    if (!this.store.invocations.has(key)) return;
    this.expanded.add(key);
    this.saveState();
    this.render();
    this.list.reveal(key, focus);
  }

  private rowAction(action: RowAction, invocation: Invocation): void {
    const requestId = invocation.requestId;
    if (!requestId) return;
    const functionName = invocation.functionName;
    switch (action) {
      case 'reinvoke':
        void this.request(
          { type: 'reinvoke', functionName, requestId },
          `Re-invoking ${functionName}…`,
        );
        break;
      case 'saveEvent':
        void this.request({ type: 'saveEvent', functionName, requestId }, undefined);
        break;
      case 'copyRequestId':
        void this.request({ type: 'copyRequestId', requestId }, undefined);
        break;
    }
  }

  private exportLog(): void {
    const records = [...this.store.records()];
    void this.request(
      {
        type: 'exportLog',
        text: exportLogText(records),
        suggestedName: exportFileName(new Date()),
        recordCount: records.length,
      },
      `Exporting ${records.length.toLocaleString('en-US')} lines…`,
    );
  }

  private clear(): void {
    this.store.reset();
    this.expanded.clear();
    this.messages.send({ type: 'clear' });
    this.saveState();
    this.invalidate();
  }

  /** Sends a request, shows `pending` meanwhile and the host's answer when it comes. */
  private async request(message: FromPanelRequest, pending: string | undefined): Promise<void> {
    if (pending) this.showNotice(pending, true);
    const reply: ReplyMessage = await this.messages.request(message);
    if (reply.message) this.showNotice(reply.message, reply.ok);
    else if (pending) this.showNotice('', true);
  }

  private showNotice(text: string, ok: boolean): void {
    this.notice.textContent = text;
    this.notice.classList.toggle('error', !ok);
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    if (text) this.noticeTimer = setTimeout(() => (this.notice.textContent = ''), 6000);
  }

  private saveState(): void {
    this.api.setState({
      version: 1,
      filters: this.filters,
      expanded: [...this.expanded],
      timeline: this.timelineVisible,
      focused: this.list?.focused,
    });
  }

  /** Coalesces changes into one render per animation frame. */
  private invalidate(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const view = this.store.view(this.filters, this.expanded);
    this.visibleKeys = new Set(
      view.rows.filter((row) => row.kind === 'invocation').map((row) => row.key),
    );
    this.list.setRows(view.rows, this.expanded, this.filters.text, this.streamed);
    this.streamed = false;
    if (this.pendingReveal && this.store.invocations.has(this.pendingReveal)) {
      const key = this.pendingReveal;
      this.pendingReveal = undefined;
      this.revealKey(key, false);
    }
    this.updateFunctions();
    const total = this.store.invocations.size;
    const filtered = view.invocations !== total;
    const lines = view.lines.toLocaleString('en-US');
    this.counts.textContent =
      total === 0
        ? ''
        : `${filtered ? `${view.invocations} of ${total}` : total} invocation${total === 1 ? '' : 's'} · ${lines} line${view.lines === 1 ? '' : 's'}` +
          (this.store.dropped > 0
            ? ` · ${this.store.dropped.toLocaleString('en-US')} oldest dropped`
            : '');
    this.renderEmptyState(total, view.invocations);
    this.timelineButton.setAttribute('aria-pressed', String(this.timelineVisible));
    this.timelineButton.title = this.timelineVisible ? 'Hide the timeline' : 'Show the timeline';
    this.timeline.element.hidden = !this.timelineVisible;
    this.scheduleTimeline();
    this.updateLiveTimer();
  }

  private renderEmptyState(total: number, shown: number): void {
    this.emptyState.hidden = shown > 0;
    if (shown > 0) return;
    if (total === 0) {
      this.emptyState.replaceChildren(
        h('div', { class: 'empty-title' }, 'No invocations yet'),
        h(
          'div',
          {},
          'Start a Lambda debug session or run “Lambda: Invoke with Event”; invocations stream in here.',
        ),
      );
      return;
    }
    const reset = h('button', { type: 'button', class: 'link-button' }, 'Clear the filters');
    reset.addEventListener('click', () => {
      this.textInput.value = '';
      this.levelSelect.value = NO_FILTERS.level;
      this.functionSelect.value = NO_FILTERS.functionName;
      this.statusSelect.value = NO_FILTERS.status;
      this.setFilters({ ...NO_FILTERS });
    });
    this.emptyState.replaceChildren(
      h('div', { class: 'empty-title' }, 'No invocations match the filters'),
      reset,
    );
  }

  private updateFunctions(): void {
    const names = this.store.functions();
    if (this.filters.functionName && !names.includes(this.filters.functionName))
      names.push(this.filters.functionName);
    const signature = names.join('\n');
    if (signature === this.functionsShown) return;
    this.functionsShown = signature;
    this.functionSelect.replaceChildren(
      h('option', { value: '' }, 'All functions'),
      ...names.map((name) => h('option', { value: name }, name)),
    );
    this.functionSelect.value = this.filters.functionName;
  }

  /** Redraws the timeline now, or soon if it was drawn very recently (a busy stream). */
  private scheduleTimeline(): void {
    if (!this.timelineVisible || this.timelineTimer) return;
    const wait = this.lastTimeline + TIMELINE_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.drawTimeline();
    this.timelineTimer = setTimeout(() => {
      this.timelineTimer = undefined;
      this.drawTimeline();
    }, wait);
  }

  private drawTimeline(): void {
    this.lastTimeline = Date.now();
    const visible = this.visibleKeys;
    this.timeline.update(
      this.store,
      (invocation) => visible.has(invocation.key),
      this.list.focused,
      Date.now(),
    );
  }

  /** Ticks while an invocation runs, so its duration and its bar grow. */
  private updateLiveTimer(): void {
    const running = [...this.store.invocations.values()].some(
      (invocation) => invocation.status === 'running',
    );
    if (running && !this.liveTimer) {
      this.liveTimer = setInterval(() => {
        this.list.tickRunning();
        this.scheduleTimeline();
      }, LIVE_INTERVAL_MS);
    } else if (!running && this.liveTimer) {
      clearInterval(this.liveTimer);
      this.liveTimer = undefined;
    }
  }
}

function select(
  className: string,
  label: string,
  options: ReadonlyArray<readonly [string, string]>,
): HTMLSelectElement {
  return h(
    'select',
    { class: `filter-select ${className}`, 'aria-label': label, title: label },
    ...options.map(([value, text]) => h('option', { value }, text)),
  );
}
