/**
 * The timeline: one lane per instance (execution environment), each invocation a bar from its start
 * to its end, the init part of a cold start in its own colour, so concurrency and warm reuse show at
 * a glance. Elements are kept by key and only moved on update, so it can follow a live session.
 * Browser bundle: DOM only; never vscode or node:*.
 */
import { formatMs, shortInstanceId } from '../format';
import { h } from './dom';
import type { Instance, Invocation, Store } from './store';

export interface TimelineCallbacks {
  /** A bar was clicked: select (and reveal) that invocation. */
  select(key: string): void;
}

/** Bars drawn at most; older invocations leave the timeline (they stay in the list). */
const MAX_BARS = 2000;

interface Lane {
  element: HTMLElement;
  label: HTMLElement;
  track: HTMLElement;
  life: HTMLElement;
}

export class Timeline {
  readonly element: HTMLElement;
  private readonly axis: HTMLElement;
  private readonly lanesElement: HTMLElement;
  private readonly lanes = new Map<string, Lane>();
  private readonly bars = new Map<string, HTMLElement>();
  private readonly empty: HTMLElement;

  constructor(private readonly callbacks: TimelineCallbacks) {
    this.axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' });
    this.lanesElement = h('div', { class: 'tl-lanes' });
    this.empty = h('div', { class: 'tl-empty' }, 'Instances appear here as they start.');
    this.element = h(
      'div',
      { class: 'timeline', role: 'group', 'aria-label': 'Timeline of instances and invocations' },
      h(
        'div',
        { class: 'tl-header' },
        h('div', { class: 'tl-label tl-title' }, 'Instances'),
        this.axis,
      ),
      this.lanesElement,
      this.empty,
      h(
        'div',
        { class: 'tl-legend', 'aria-hidden': 'true' },
        ...(['init', 'success', 'error', 'timeout', 'running'] as const).map((kind) =>
          h(
            'span',
            {},
            h('span', { class: `tl-swatch ${kind}` }),
            kind === 'init' ? 'cold start (init)' : kind,
          ),
        ),
      ),
    );
    this.lanesElement.addEventListener('click', (event) => {
      const bar =
        event.target instanceof Element ? event.target.closest<HTMLElement>('.tl-bar') : null;
      if (bar?.dataset.key) this.callbacks.select(bar.dataset.key);
    });
  }

  /**
   * Redraws for the store's current state. `passes` dims invocations the filters hide; `now`
   * extends running invocations.
   */
  update(
    store: Store,
    passes: (invocation: Invocation) => boolean,
    selectedKey: string | undefined,
    now: number,
  ): void {
    const instances = [...store.instances.values()].filter(
      (instance) => instance.invocations.length > 0 || instance.stopTime === undefined,
    );
    this.empty.hidden = instances.length > 0;
    this.element.classList.toggle('empty', instances.length === 0);
    const invocations = [...store.invocations.values()]
      .sort((a, b) => a.startTime - b.startTime)
      .slice(-MAX_BARS);
    let start = Infinity;
    let end = -Infinity;
    let running = false;
    for (const invocation of invocations) {
      start = Math.min(start, invocation.startTime);
      const finish = this.endOf(invocation, now);
      end = Math.max(end, finish);
      running ||= invocation.endTime === undefined && invocation.status === 'running';
    }
    for (const instance of instances) {
      start = Math.min(start, instance.startTime);
      if (instance.stopTime !== undefined) end = Math.max(end, instance.stopTime);
    }
    if (running) end = Math.max(end, now);
    if (!Number.isFinite(start)) {
      start = now;
      end = now + 1000;
    }
    // At least one second across, so a single short invocation is not a full-width bar.
    end = Math.max(end, start + 1000);
    const span = end - start;
    const percent = (time: number): number => ((time - start) / span) * 100;

    this.drawAxis(span);
    const seenLanes = new Set<string>();
    for (const instance of instances) {
      seenLanes.add(instance.id);
      const lane = this.laneFor(instance);
      lane.element.classList.toggle('stopped', instance.stopTime !== undefined);
      const lifeEnd = instance.stopTime ?? end;
      lane.life.style.left = `${percent(instance.startTime)}%`;
      lane.life.style.width = `${Math.max(0, percent(lifeEnd) - percent(instance.startTime))}%`;
      const state =
        instance.stopTime !== undefined
          ? `stopped${instance.stopReason ? ` (${instance.stopReason})` : ''}`
          : 'running';
      lane.label.title = `${instance.functionName} · instance ${instance.id} · ${state} · ${instance.invocations.length} invocation(s)`;
    }
    for (const [id, lane] of this.lanes) {
      if (seenLanes.has(id)) continue;
      lane.element.remove();
      this.lanes.delete(id);
    }

    const seenBars = new Set<string>();
    for (const invocation of invocations) {
      const lane = this.lanes.get(invocation.instanceId);
      if (!lane) continue;
      seenBars.add(invocation.key);
      let bar = this.bars.get(invocation.key);
      if (!bar || bar.parentElement !== lane.track) {
        bar?.remove();
        bar = h(
          'div',
          { class: 'tl-bar', 'data-key': invocation.key },
          h('div', { class: 'tl-init' }),
        );
        if (invocation.requestId) bar.dataset.requestId = invocation.requestId;
        lane.track.appendChild(bar);
        this.bars.set(invocation.key, bar);
      }
      const finish = this.endOf(invocation, now);
      const left = percent(invocation.startTime);
      bar.style.left = `${left}%`;
      bar.style.width = `${Math.max(0, percent(finish) - left)}%`;
      bar.className = `tl-bar status-${invocation.status}${invocation.cold ? ' cold' : ''}${
        invocation.key === selectedKey ? ' selected' : ''
      }${passes(invocation) ? '' : ' dimmed'}`;
      const init = bar.firstElementChild as HTMLElement;
      const initMs = invocation.metrics?.initDurationMs;
      const length = finish - invocation.startTime;
      init.style.width =
        invocation.cold && initMs !== undefined && length > 0
          ? `${Math.min(100, (initMs / length) * 100)}%`
          : '0';
      bar.title = this.describe(invocation);
    }
    for (const [key, bar] of this.bars) {
      if (seenBars.has(key)) continue;
      bar.remove();
      this.bars.delete(key);
    }
  }

  private endOf(invocation: Invocation, now: number): number {
    if (invocation.endTime !== undefined) return invocation.endTime;
    if (invocation.status === 'running') return now;
    const lines = invocation.lines;
    return lines.length > 0 ? lines[lines.length - 1].record.time : invocation.startTime;
  }

  private laneFor(instance: Instance): Lane {
    let lane = this.lanes.get(instance.id);
    if (lane) return lane;
    const label = h(
      'div',
      { class: 'tl-label' },
      h('span', { class: 'tl-function' }, instance.functionName),
      h('span', { class: 'tl-instance' }, shortInstanceId(instance.id)),
    );
    const life = h('div', { class: 'tl-life' });
    const track = h('div', { class: 'tl-track' }, life);
    const element = h(
      'div',
      { class: 'tl-lane', 'data-instance': instance.id, 'data-function': instance.functionName },
      label,
      track,
    );
    this.lanesElement.appendChild(element);
    lane = { element, label, track, life };
    this.lanes.set(instance.id, lane);
    return lane;
  }

  /** Tick marks at a round step: 1, 2 or 5 times a power of ten milliseconds. */
  private drawAxis(span: number): void {
    const rough = span / 6;
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
    const ticks: HTMLElement[] = [];
    for (let t = 0; t <= span; t += step) {
      const tick = h(
        'div',
        { class: 'tl-tick' },
        step >= 1000 ? `${(t / 1000).toFixed(step >= 10000 ? 0 : 1)} s` : `${Math.round(t)} ms`,
      );
      tick.style.left = `${(t / span) * 100}%`;
      ticks.push(tick);
    }
    this.axis.replaceChildren(...ticks);
  }

  private describe(invocation: Invocation): string {
    const parts = [
      invocation.requestId ?? 'outside an invocation',
      invocation.status === 'none' ? 'init' : invocation.status,
      invocation.cold ? 'cold start' : invocation.cold === false ? 'warm' : '',
      formatMs(invocation.metrics?.durationMs),
      invocation.metrics?.initDurationMs !== undefined
        ? `init ${formatMs(invocation.metrics.initDurationMs)}`
        : '',
    ];
    return parts.filter(Boolean).join(' · ');
  }
}
