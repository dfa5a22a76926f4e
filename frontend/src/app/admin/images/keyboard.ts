/** DOM helpers of the labelling table's keyboard support (images-page.ts). */

/** What takes the focus in a table cell when the focus row moves (a trait select, a checkbox, the preview button). */
const CELL_CONTROL = 'mat-select, input:not([type="hidden"]), button, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Keys a closed Material single-select turns into a new value at once (its list key manager), which a table row's
 * select must not do: it would save a label nobody chose. Arrows move between rows / traits instead; these scroll.
 */
export const SCROLL_KEYS: ReadonlySet<string> = new Set(['Home', 'End', 'PageUp', 'PageDown']);

/** Where an arrow key goes from a row's closed select: a row down / up, or the next / previous trait. */
export function arrowStep(key: string, rtl = false): { rows: number; cols: number } | null {
  switch (key) {
    case 'ArrowDown':
      return { rows: 1, cols: 0 };
    case 'ArrowUp':
      return { rows: -1, cols: 0 };
    case 'ArrowRight':
      return { rows: 0, cols: rtl ? -1 : 1 };
    case 'ArrowLeft':
      return { rows: 0, cols: rtl ? 1 : -1 };
    default:
      return null;
  }
}

/** A Material select whose option panel is open (the arrows and Escape then belong to the panel). */
export function isOpenSelect(el: Element): boolean {
  return el.getAttribute('aria-expanded') === 'true';
}

/** No element has the keyboard focus: it is on <body>, or on an element a render took out of the page. */
export function focusIsLost(doc: Document): boolean {
  const active = doc.activeElement;
  return !active || active === doc.body || active === doc.documentElement || !active.isConnected;
}

/** The element that has the focus, unless that is nothing (<body>). */
export function focusedElement(doc: Document): HTMLElement | null {
  return focusIsLost(doc) ? null : (doc.activeElement as HTMLElement);
}

/** The first element of the list that can take the focus now: still in the page and not disabled. */
export function firstFocusable(candidates: readonly (Element | null | undefined)[]): HTMLElement | null {
  for (const el of candidates) {
    if (el instanceof HTMLElement && el.isConnected && !el.matches(':disabled') && el.getAttribute('aria-disabled') !== 'true') return el;
  }
  return null;
}

/** The control in the same column of another row (e.g. the "Cat" select of the next row), if it has one. */
export function sameColumnControl(from: Element, row: Element | undefined): HTMLElement | null {
  const cell = from.closest('td');
  const column = cell?.parentElement ? Array.prototype.indexOf.call(cell.parentElement.children, cell) : -1;
  if (!row || column < 0) return null;
  return row.children[column]?.querySelector<HTMLElement>(CELL_CONTROL) ?? null;
}
