/**
 * The invocation list: a virtualised tree grid (ARIA `treegrid`) of invocation rows, each followed
 * by its log lines when expanded. Only the rows in view (plus a small overscan) are in the DOM, so
 * 100,000 lines scroll as smoothly as ten. Row heights come from a monospace estimate and are then
 * measured, with a cache per line. Browser bundle: DOM only; never vscode or node:*.
 */
import {
  formatClock,
  formatMs,
  shortInstanceId,
  sourceLocations,
  type DisplayLine,
  type SourceLocation,
} from '../format';
import { h, icon, iconButton, type IconName } from './dom';
import { displayOf, type Invocation, type Line, type Row, type RowStatus } from './store';

/** What a row's buttons (and their keys) ask for. */
export type RowAction = 'reinvoke' | 'saveEvent' | 'copyRequestId';

export interface LogListCallbacks {
  /** Expand or collapse an invocation. */
  toggle(key: string): void;
  /** A row action on an invocation. */
  action(action: RowAction, invocation: Invocation): void;
  /** A `path:line:column` in a log line was clicked. */
  openSource(location: SourceLocation): void;
  /** The focused row changed (to persist it). */
  focusChanged(key: string | undefined): void;
}

/** Height of an invocation row and of the column header (px); matches the CSS. */
const INVOCATION_HEIGHT = 24;
const HEADER_HEIGHT = 24;
/** Vertical padding of a line row (px); matches the CSS. */
const LINE_PADDING = 4;
/** Rows drawn beyond each edge of the viewport. */
const OVERSCAN = 8;
/** Width of a line row's gutter, time and level columns (px); matches the CSS. */
const LINE_PREFIX_WIDTH = 40 + 104 + 64 + 12;
/** A tab counts as this many characters in the estimate (CSS `tab-size`). */
const TAB_SIZE = 4;

/** The columns of an invocation row: class, header label, and whether it is numeric. */
const COLUMNS: ReadonlyArray<{ id: string; label: string; numeric?: boolean }> = [
  { id: 'twistie', label: '' },
  { id: 'status-icon', label: '' },
  { id: 'time', label: 'Time (UTC)' },
  { id: 'function', label: 'Function' },
  { id: 'request-id', label: 'Request ID' },
  { id: 'start', label: 'Start' },
  { id: 'instance', label: 'Instance' },
  { id: 'status', label: 'Status' },
  { id: 'duration', label: 'Duration', numeric: true },
  { id: 'billed', label: 'Billed', numeric: true },
  { id: 'memory', label: 'Max Memory', numeric: true },
  { id: 'init', label: 'Init', numeric: true },
  { id: 'actions', label: '' },
];

const STATUS_ICONS: Record<RowStatus, IconName> = {
  success: 'check',
  error: 'error',
  timeout: 'clock',
  running: 'running',
  none: 'dot',
};

interface Hit {
  key: string;
  action: RowAction | undefined;
  link: SourceLocation | undefined;
}

interface Rendered {
  element: HTMLElement;
  stamp: string;
}

interface HeightCache {
  /** Characters per visual line the estimate was made for. */
  cols: number;
  height: number;
}

export class LogList {
  /** The scrolling tree grid; give it the panel's remaining height. */
  readonly element: HTMLElement;
  private readonly sizer: HTMLElement;
  private rows: Row[] = [];
  private offsets = new Float64Array(1);
  private readonly rendered = new Map<string, Rendered>();
  private readonly heights = new WeakMap<Line, HeightCache>();
  private focusedKey: string | undefined;
  private query = '';
  private expanded: ReadonlySet<string> = new Set();
  private cols = 80;
  private lineHeight = 18;
  private charWidth = 7.2;
  private frame = 0;
  private readonly probe: HTMLElement;
  /** Whether a mouse button is down on the list (redraws wait, see the constructor). */
  private holding = false;

  constructor(private readonly callbacks: LogListCallbacks) {
    const header = h(
      'div',
      { class: 'grid-header row-grid', role: 'row', 'aria-rowindex': 1 },
      ...COLUMNS.map((column) =>
        h(
          'div',
          { class: `cell ${column.id}${column.numeric ? ' numeric' : ''}`, role: 'columnheader' },
          column.label,
        ),
      ),
    );
    this.sizer = h('div', { class: 'sizer' });
    this.probe = h('span', { class: 'measure-probe', 'aria-hidden': 'true' }, 'M'.repeat(100));
    this.element = h(
      'div',
      {
        class: 'grid',
        role: 'treegrid',
        tabindex: 0,
        'aria-label': 'Invocations',
        'aria-colcount': COLUMNS.length,
        'aria-multiselectable': 'false',
      },
      header,
      this.sizer,
      this.probe,
    );
    this.element.addEventListener('scroll', () => this.scheduleRender(), { passive: true });
    // Rows are redrawn while their invocation streams. A row replaced between mousedown and
    // mouseup would lose the click, so redraws wait while the button is down.
    this.element.addEventListener('mousedown', () => {
      this.holding = true;
    });
    window.addEventListener('mouseup', () => {
      if (!this.holding) return;
      this.holding = false;
      setTimeout(() => this.scheduleRender());
    });
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.element.addEventListener('focus', () => {
      if (!this.focusedKey && this.rows.length > 0) this.setFocus(0, false);
    });
    new ResizeObserver(() => {
      this.measureFont();
      this.scheduleRender();
    }).observe(this.element);
  }

  /**
   * Shows new rows. With `streamed` (new data arrived, as opposed to a toggle or a filter) the
   * scroll stays at the end when it was there, so the list follows a live log.
   */
  setRows(rows: Row[], expanded: ReadonlySet<string>, query: string, streamed: boolean): void {
    const follow = streamed && this.atEnd();
    this.rows = rows;
    this.expanded = expanded;
    this.query = query.trim().toLowerCase();
    this.computeOffsets();
    this.element.setAttribute('aria-rowcount', String(rows.length + 1));
    if (follow) this.element.scrollTop = this.element.scrollHeight;
    this.render();
  }

  /** Redraws rows whose text changes with time (running invocations' durations). */
  tickRunning(): void {
    this.render();
  }

  /** The key of the focused row. */
  get focused(): string | undefined {
    return this.focusedKey;
  }

  /** Focuses a row by key and scrolls it into view (for `reveal` and restored state). */
  reveal(key: string, focusElement = false): void {
    const index = this.rows.findIndex((row) => row.key === key);
    if (index < 0) return;
    this.setFocus(index, true);
    if (focusElement) this.element.focus({ preventScroll: true });
  }

  /** Restores a focused key without scrolling (before the rows exist). */
  restoreFocus(key: string | undefined): void {
    this.focusedKey = key;
  }

  private atEnd(): boolean {
    const el = this.element;
    return el.scrollHeight - el.scrollTop - el.clientHeight < 4;
  }

  private measureFont(): void {
    const width = this.probe.getBoundingClientRect().width / 100;
    if (width > 0) this.charWidth = width;
    const lineHeight = this.probe.getBoundingClientRect().height;
    if (lineHeight > 0) this.lineHeight = lineHeight;
    const messageWidth = Math.max(200, this.sizer.clientWidth - LINE_PREFIX_WIDTH);
    const cols = Math.max(20, Math.floor(messageWidth / this.charWidth));
    if (cols !== this.cols) {
      this.cols = cols;
      this.computeOffsets();
    }
  }

  private rowHeight(row: Row): number {
    if (row.kind === 'invocation') return INVOCATION_HEIGHT;
    const cached = this.heights.get(row.line);
    if (cached && cached.cols === this.cols) return cached.height;
    const height = LINE_PADDING + this.lineHeight * visualLines(displayOf(row.line), this.cols);
    this.heights.set(row.line, { cols: this.cols, height });
    return height;
  }

  private computeOffsets(): void {
    const count = this.rows.length;
    if (this.offsets.length !== count + 1) this.offsets = new Float64Array(count + 1);
    let top = 0;
    for (let i = 0; i < count; i++) {
      this.offsets[i] = top;
      top += this.rowHeight(this.rows[i]);
    }
    this.offsets[count] = top;
    this.sizer.style.height = `${top}px`;
  }

  /** The index of the row at a vertical offset of the sizer. */
  private indexAt(y: number): number {
    let low = 0;
    let high = this.rows.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.offsets[mid] <= y) low = mid;
      else high = mid - 1;
    }
    return Math.max(0, low);
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws the rows in view, then measures the drawn lines and corrects their heights. */
  private render(): void {
    for (let pass = 0; pass < 3; pass++) {
      if (!this.draw()) break;
    }
  }

  /** One drawing pass; returns true when measured heights changed and it must run again. */
  private draw(): boolean {
    const el = this.element;
    const viewTop = el.scrollTop;
    const viewBottom = viewTop + Math.max(0, el.clientHeight - HEADER_HEIGHT);
    const keep = new Set<string>();
    let focusedId: string | undefined;
    if (this.rows.length > 0) {
      const first = Math.max(0, this.indexAt(viewTop) - OVERSCAN);
      const last = Math.min(this.rows.length - 1, this.indexAt(viewBottom) + OVERSCAN);
      for (let i = first; i <= last; i++) {
        const row = this.rows[i];
        keep.add(row.key);
        const stamp = this.stampOf(row);
        let rendered = this.rendered.get(row.key);
        if (!rendered || (rendered.stamp !== stamp && !this.holding)) {
          const element =
            row.kind === 'invocation'
              ? this.invocationRow(row.invocation, row.matchedLines)
              : this.lineRow(row.line);
          element.dataset.key = row.key;
          if (rendered) rendered.element.replaceWith(element);
          else this.sizer.appendChild(element);
          rendered = { element, stamp };
          this.rendered.set(row.key, rendered);
        }
        // Focus only flips a class: rebuilding the row between mousedown and mouseup would lose the click.
        const focused = row.key === this.focusedKey;
        const element = rendered.element;
        element.style.top = `${this.offsets[i]}px`;
        element.id = `row-${i}`;
        element.setAttribute('aria-rowindex', String(i + 2));
        element.classList.toggle('focused', focused);
        element.setAttribute('aria-selected', focused ? 'true' : 'false');
        if (focused) focusedId = element.id;
        // A running invocation's duration moves with the clock; only its text changes.
        if (row.kind === 'invocation' && row.invocation.status === 'running') {
          const cell = element.querySelector('.duration');
          if (cell) cell.textContent = elapsed(row.invocation);
        }
      }
    }
    for (const [key, rendered] of this.rendered) {
      if (keep.has(key)) continue;
      rendered.element.remove();
      this.rendered.delete(key);
    }
    if (focusedId) el.setAttribute('aria-activedescendant', focusedId);
    else el.removeAttribute('aria-activedescendant');
    return this.measure(viewTop);
  }

  /** Reads the drawn line rows' heights; fixes the cache, the offsets and the scroll anchor. */
  private measure(viewTop: number): boolean {
    let changed = false;
    let shiftAbove = 0;
    for (const [key, rendered] of this.rendered) {
      const index = Number(rendered.element.id.slice(4));
      const row = this.rows[index];
      if (!row || row.key !== key || row.kind !== 'line') continue;
      const height = rendered.element.offsetHeight;
      if (height === 0) continue;
      const expected = this.offsets[index + 1] - this.offsets[index];
      if (Math.abs(height - expected) < 0.5) continue;
      this.heights.set(row.line, { cols: this.cols, height });
      changed = true;
      if (this.offsets[index] < viewTop) shiftAbove += height - expected;
    }
    if (!changed) return false;
    this.computeOffsets();
    if (shiftAbove !== 0) this.element.scrollTop = viewTop + shiftAbove;
    return true;
  }

  private stampOf(row: Row): string {
    if (row.kind === 'line') return this.query;
    const invocation = row.invocation;
    return `${invocation.version}|${this.expanded.has(row.key) ? 'e' : ''}|${this.query}|${row.matchedLines}`;
  }

  private invocationRow(invocation: Invocation, lineCount: number): HTMLElement {
    const expanded = this.expanded.has(invocation.key);
    const metrics = invocation.metrics;
    const isGroup = invocation.status === 'none';
    const started = invocation.cold === undefined ? '' : invocation.cold ? 'Cold' : 'Warm';
    const duration =
      invocation.status === 'running' ? elapsed(invocation) : formatMs(metrics?.durationMs);
    const statusText = invocation.status === 'none' ? 'init' : invocation.status;
    const errorText = invocation.error
      ? `${invocation.error.errorType}: ${invocation.error.errorMessage}`
      : '';
    const actions = h('div', { class: 'cell actions', role: 'gridcell' });
    if (invocation.requestId && !isGroup) {
      actions.append(
        iconButton('rerun', 'Re-invoke with the same event (R)', {
          'data-action': 'reinvoke',
          tabindex: -1,
        }),
        iconButton('save', 'Save the event (S)', { 'data-action': 'saveEvent', tabindex: -1 }),
        iconButton('copy', 'Copy the request id (C)', {
          'data-action': 'copyRequestId',
          tabindex: -1,
        }),
      );
    }
    return h(
      'div',
      {
        class: `row invocation row-grid status-${invocation.status}${expanded ? ' expanded' : ''}`,
        role: 'row',
        'aria-level': 1,
        'aria-expanded': expanded ? 'true' : 'false',
        'data-request-id': invocation.requestId,
        'data-function': invocation.functionName,
        'data-instance': invocation.instanceId,
        'data-status': invocation.status,
      },
      h('div', { class: 'cell twistie', role: 'gridcell' }, icon('chevron')),
      h(
        'div',
        { class: 'cell status-icon', role: 'gridcell', title: statusText },
        icon(STATUS_ICONS[invocation.status]),
      ),
      h(
        'div',
        {
          class: 'cell time',
          role: 'gridcell',
          title: new Date(invocation.startTime).toISOString(),
        },
        formatClock(invocation.startTime),
      ),
      h(
        'div',
        { class: 'cell function', role: 'gridcell', title: invocation.functionName },
        h('span', { class: 'function-name' }, invocation.functionName),
        h('span', { class: 'count-badge', title: `${lineCount} log lines` }, String(lineCount)),
      ),
      h(
        'div',
        {
          class: `cell request-id${isGroup ? ' muted' : ''}`,
          role: 'gridcell',
          title: invocation.requestId,
        },
        isGroup ? 'outside an invocation' : this.highlighted(invocation.requestId ?? ''),
      ),
      h(
        'div',
        { class: 'cell start', role: 'gridcell' },
        started && h('span', { class: `badge ${started.toLowerCase()}` }, started),
      ),
      h(
        'div',
        { class: 'cell instance', role: 'gridcell', title: invocation.instanceId },
        shortInstanceId(invocation.instanceId),
      ),
      h(
        'div',
        { class: 'cell status', role: 'gridcell', title: errorText || statusText },
        h('span', { class: 'status-text' }, statusText),
        invocation.error && h('span', { class: 'error-type' }, invocation.error.errorType),
      ),
      h(
        'div',
        { class: 'cell duration numeric', role: 'gridcell', title: metricsTitle(invocation) },
        duration,
      ),
      h(
        'div',
        { class: 'cell billed numeric', role: 'gridcell' },
        metrics ? `${metrics.billedDurationMs} ms` : '',
      ),
      h(
        'div',
        {
          class: 'cell memory numeric',
          role: 'gridcell',
          title: metrics ? `of ${metrics.memorySizeMB} MB` : undefined,
        },
        metrics ? `${metrics.maxMemoryUsedMB} MB` : '',
      ),
      h('div', { class: 'cell init numeric', role: 'gridcell' }, formatMs(metrics?.initDurationMs)),
      actions,
    );
  }

  private lineRow(line: Line): HTMLElement {
    const display = displayOf(line);
    const record = line.record;
    const level = display.level;
    const message = h('div', { class: 'cell message', role: 'gridcell' });
    if (display.kind === 'platform') {
      const keyword =
        display.platform && display.text.startsWith(display.platform) ? display.platform : '';
      if (keyword) message.append(h('span', { class: 'platform-keyword' }, keyword));
      this.appendRich(message, display.text.slice(keyword.length));
    } else if (display.text) {
      this.appendRich(message, display.text);
    }
    if (display.json !== undefined) {
      if (display.text) message.append('\n');
      message.append(this.jsonBlock(display.json));
    }
    const time = display.time ?? new Date(record.time).toISOString();
    const levelLabel = display.kind === 'platform' ? '' : (level ?? record.source);
    return h(
      'div',
      {
        class: `row line kind-${display.kind} source-${record.source} level-${(level ?? 'none').toLowerCase()}${display.json !== undefined ? ' has-json' : ''}`,
        role: 'row',
        'aria-level': 2,
        'data-level': level ?? '',
        'data-seq': line.seq,
      },
      h('div', { class: 'cell gutter', role: 'gridcell' }),
      h('div', { class: 'cell time', role: 'gridcell', title: time }, formatClock(time)),
      h(
        'div',
        { class: 'cell level', role: 'gridcell' },
        levelLabel && h('span', { class: 'level-badge' }, levelLabel),
      ),
      message,
    );
  }

  /** Pretty JSON with its tokens coloured (keys, strings, numbers, literals). */
  private jsonBlock(json: string): HTMLElement {
    const block = h('span', { class: 'json' });
    const token =
      /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
    let last = 0;
    for (const match of json.matchAll(token)) {
      const index = match.index ?? 0;
      if (index > last) block.append(json.slice(last, index));
      if (match[1] !== undefined) {
        const span = h('span', { class: match[2] !== undefined ? 'json-key' : 'json-string' });
        this.appendRich(span, match[1]);
        block.append(span);
        if (match[2] !== undefined) block.append(match[2]);
      } else if (match[3] !== undefined) {
        block.append(h('span', { class: 'json-number' }, match[3]));
      } else {
        block.append(h('span', { class: 'json-literal' }, match[4]));
      }
      last = index + match[0].length;
    }
    if (last < json.length) block.append(json.slice(last));
    return block;
  }

  /** Appends text with stack-frame locations as links and the filter's matches marked. */
  private appendRich(parent: HTMLElement, text: string): void {
    const locations = sourceLocations(text);
    let last = 0;
    for (const location of locations) {
      if (location.index > last) parent.append(this.highlighted(text.slice(last, location.index)));
      const link = h(
        'a',
        {
          class: 'source-link',
          href: '#',
          title: `Open ${location.path}:${location.line}:${location.column}`,
          'data-path': location.path,
          'data-line': location.line,
          'data-column': location.column,
          tabindex: -1,
        },
        this.highlighted(text.slice(location.index, location.index + location.length)),
      );
      parent.append(link);
      last = location.index + location.length;
    }
    if (last < text.length) parent.append(this.highlighted(text.slice(last)));
  }

  /** The text with the filter's matches in `<mark>`. */
  private highlighted(text: string): Node {
    if (!this.query || !text) return document.createTextNode(text);
    const lower = text.toLowerCase();
    let at = lower.indexOf(this.query);
    if (at < 0) return document.createTextNode(text);
    const fragment = document.createDocumentFragment();
    let last = 0;
    while (at >= 0) {
      if (at > last) fragment.append(text.slice(last, at));
      fragment.append(h('mark', {}, text.slice(at, at + this.query.length)));
      last = at + this.query.length;
      at = lower.indexOf(this.query, last);
    }
    if (last < text.length) fragment.append(text.slice(last));
    return fragment;
  }

  private focusedIndex(): number {
    return this.focusedKey === undefined
      ? -1
      : this.rows.findIndex((row) => row.key === this.focusedKey);
  }

  private setFocus(index: number, scroll: boolean): void {
    if (this.rows.length === 0) return;
    const clamped = Math.max(0, Math.min(this.rows.length - 1, index));
    this.focusedKey = this.rows[clamped].key;
    this.callbacks.focusChanged(this.focusedKey);
    if (scroll) this.scrollToIndex(clamped);
    this.render();
  }

  private scrollToIndex(index: number): void {
    const el = this.element;
    const top = this.offsets[index];
    const bottom = this.offsets[index + 1];
    const viewHeight = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + viewHeight) el.scrollTop = Math.min(top, bottom - viewHeight);
  }

  /** What a pointer event hit: the row (by key), and the action button or source link in it. */
  private hitOf(target: EventTarget | null): Hit | undefined {
    const element = target instanceof Element ? target : null;
    const row = element?.closest<HTMLElement>('.row[data-key]');
    if (!element || !row?.dataset.key) return undefined;
    const link = element.closest<HTMLElement>('.source-link');
    return {
      key: row.dataset.key,
      action: element.closest<HTMLElement>('[data-action]')?.dataset.action as
        RowAction | undefined,
      link: link
        ? {
            index: 0,
            length: 0,
            path: link.dataset.path ?? '',
            line: Number(link.dataset.line),
            column: Number(link.dataset.column),
          }
        : undefined,
    };
  }

  private onClick(event: MouseEvent): void {
    const hit = this.hitOf(event.target);
    if (!hit) return;
    const index = this.rows.findIndex((row) => row.key === hit.key);
    const row = this.rows[index];
    if (!row) return;
    if (hit.link) {
      event.preventDefault();
      this.callbacks.openSource(hit.link);
      return;
    }
    this.setFocus(index, false);
    if (hit.action) {
      this.callbacks.action(hit.action, row.invocation);
      return;
    }
    if (row.kind === 'invocation') {
      // A click that ends a text selection should not toggle the row.
      if (getSelection()?.type === 'Range') return;
      this.callbacks.toggle(row.key);
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.target !== this.element || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = this.focusedIndex();
    const row = index >= 0 ? this.rows[index] : undefined;
    const page = Math.max(
      1,
      Math.floor((this.element.clientHeight - HEADER_HEIGHT) / INVOCATION_HEIGHT) - 1,
    );
    const handled = (): void => event.preventDefault();
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return this.setFocus(index + 1, true);
      case 'ArrowUp':
        handled();
        return this.setFocus(index < 0 ? 0 : index - 1, true);
      case 'PageDown':
        handled();
        return this.setFocus(index + page, true);
      case 'PageUp':
        handled();
        return this.setFocus(index - page, true);
      case 'Home':
        handled();
        return this.setFocus(0, true);
      case 'End':
        handled();
        return this.setFocus(this.rows.length - 1, true);
    }
    if (!row) return;
    const parentIndex = (): number => this.rows.findIndex((r) => r.key === row.invocation.key);
    switch (event.key) {
      case 'ArrowRight':
        handled();
        if (row.kind === 'invocation' && !this.expanded.has(row.key))
          this.callbacks.toggle(row.key);
        else if (row.kind === 'invocation') this.setFocus(index + 1, true);
        return;
      case 'ArrowLeft':
        handled();
        if (row.kind === 'invocation' && this.expanded.has(row.key)) this.callbacks.toggle(row.key);
        else if (row.kind === 'line') this.setFocus(parentIndex(), true);
        return;
      case 'Enter':
      case ' ':
        handled();
        if (row.kind === 'line') this.setFocus(parentIndex(), true);
        this.callbacks.toggle(row.invocation.key);
        return;
    }
    if (!row.invocation.requestId || row.invocation.status === 'none') return;
    const shortcuts: Record<string, RowAction> = {
      r: 'reinvoke',
      s: 'saveEvent',
      c: 'copyRequestId',
    };
    const action = shortcuts[event.key.toLowerCase()];
    if (action) {
      handled();
      this.callbacks.action(action, row.invocation);
    }
  }
}

/** How long a running invocation has run so far. */
function elapsed(invocation: Invocation): string {
  return `${(Math.max(0, Date.now() - invocation.startTime) / 1000).toFixed(1)} s`;
}

/** The metrics in one tooltip, for panels too narrow to show every column. */
function metricsTitle(invocation: Invocation): string | undefined {
  const m = invocation.metrics;
  if (!m) return undefined;
  const parts = [
    `Duration ${formatMs(m.durationMs)}`,
    `Billed ${m.billedDurationMs} ms`,
    `Max memory ${m.maxMemoryUsedMB} of ${m.memorySizeMB} MB`,
  ];
  if (m.initDurationMs !== undefined) parts.push(`Init ${formatMs(m.initDurationMs)}`);
  return parts.join(' · ');
}

/** Visual lines of a displayed log line when the message column holds `cols` characters. */
function visualLines(display: DisplayLine, cols: number): number {
  let count = 0;
  const segments = [display.text, display.json].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  if (segments.length === 0) return 1;
  for (const segment of segments) {
    let start = 0;
    while (start <= segment.length) {
      let end = segment.indexOf('\n', start);
      if (end < 0) end = segment.length;
      let width = end - start;
      for (let i = start; i < end; i++) if (segment.charCodeAt(i) === 9) width += TAB_SIZE - 1;
      count += Math.max(1, Math.ceil(width / cols));
      start = end + 1;
    }
  }
  return count;
}
