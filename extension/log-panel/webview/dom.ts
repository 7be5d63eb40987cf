/**
 * Small DOM helpers for the log panel: an element builder and the panel's icons as inline SVG
 * (codicon-like shapes drawn with `currentColor`, so they follow the theme; no icon font to load).
 * Browser bundle: DOM only; never vscode or node:*. Nothing here sets a `style` attribute or uses
 * innerHTML, so the panel runs under a strict CSP.
 */

type Child = Node | string | false | undefined | null;

/** Attributes and properties of h(): `class`, `data-*`, `aria-*` and other attributes as strings. */
export type Attributes = Record<string, string | number | boolean | undefined>;

/** Creates an element with attributes and children (false, null and undefined are skipped). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === false || child === undefined || child === null) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** The icons the panel draws; 16x16 strokes in the style of VS Code's codicons. */
const ICONS = {
  chevron: ['M6 3.5 10.5 8 6 12.5'],
  rerun: ['M13 8a5 5 0 1 1-1.46-3.54', 'M12 1.75v3h-3'],
  save: ['M3 2.5h8.25L13.5 4.75v8.75h-10.5z', 'M5.25 2.5v3h5v-3', 'M5.25 13.5V9.5h5.5v4'],
  copy: ['M5.5 5.5h7.5v8h-7.5z', 'M3 10.5V2.5h7.5'],
  export: ['M8 10.5V2', 'M5 5l3-3 3 3', 'M2.5 9.5v4h11v-4'],
  clear: ['M2 4h9', 'M2 7h7', 'M2 10h4', 'M9.5 9.5l4 4', 'M13.5 9.5l-4 4'],
  timeline: ['M2 4h6', 'M5 8h8', 'M3 12h5'],
  check: ['M3 8.5l3.25 3.25L13 5'],
  error: ['M4.5 4.5l7 7', 'M11.5 4.5l-7 7'],
  clock: ['M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11', 'M8 5v3.25l2.25 1.5'],
  running: ['M8 2.5a5.5 5.5 0 1 1-5.5 5.5'],
  dot: ['M8 6.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3'],
  filter: ['M2.5 3.5h11L9.25 8.5v4.25l-2.5-1.25v-3z'],
} as const;

export type IconName = keyof typeof ICONS;

const SVG = 'http://www.w3.org/2000/svg';

/** An icon as an inline SVG element, hidden from assistive technology. */
export function icon(name: IconName, className = ''): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name} ${className}`.trim());
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

/** A toolbar or row action button with an icon, a tooltip and an accessible name. */
export function iconButton(
  name: IconName,
  label: string,
  attributes: Attributes = {},
): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'icon-button', title: label, 'aria-label': label, ...attributes },
    icon(name),
  );
}
