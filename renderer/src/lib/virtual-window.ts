/**
 * The arithmetic of VirtualList (which rows exist in the DOM, which pages to fetch and keep,
 * where a key moves the active row), apart from the component so it is tested without a DOM.
 * Every row has the same height; indices are 0-based; `total` counts every row, loaded or not.
 */

export interface Viewport {
  scrollTop: number;
  /** The viewport's inner height, in CSS pixels. */
  height: number;
  rowHeight: number;
  total: number;
}

/** A hard ceiling on rendered rows, whatever the viewport height. */
export const MAX_RENDERED = 150;

/** Rows [first, last) to render: the visible ones plus `overscan` either side, never more than MAX_RENDERED. */
export function renderedRange(v: Viewport, overscan: number): { first: number; last: number; top: number } {
  const maxScroll = Math.max(0, v.total * v.rowHeight - v.height);
  const top = Math.min(v.scrollTop, maxScroll);
  const first = Math.max(0, Math.floor(top / v.rowHeight) - overscan);
  const last = Math.min(v.total, Math.ceil((top + v.height) / v.rowHeight) + overscan, first + MAX_RENDERED);
  return { first, last: Math.max(first, last), top };
}

/** The pages that hold rows [first, last); `to < from` when there are none. */
export function pagesFor(first: number, last: number, pageSize: number): { from: number; to: number } {
  return { from: Math.floor(first / pageSize), to: last > 0 ? Math.floor((last - 1) / pageSize) : -1 };
}

/** At most `max` pages, the nearest to page `near` (and without `drop`, if given). */
export function keepNearest<T>(pages: Record<number, T>, near: number, max: number, drop?: number): Record<number, T> {
  const keys = Object.keys(pages)
    .map(Number)
    .filter((p) => p !== drop);
  if (keys.length <= max && drop === undefined) return pages;
  keys.sort((a, b) => Math.abs(a - near) - Math.abs(b - near));
  return Object.fromEntries(keys.slice(0, max).map((p) => [p, pages[p]!]));
}

/** What a key does to the list: move the active row to an index, open the active row, or nothing. */
export type KeyEffect = { move: number } | { open: number } | undefined;

/**
 * Listbox keys (Up/Down, Page Up/Down, Home/End, Enter/Space). With no active row yet, a move
 * starts from the first row in view, as if the one above it were active.
 */
export function keyEffect(key: string, active: number, v: Viewport): KeyEffect {
  if (v.total === 0) return undefined;
  const { top } = renderedRange(v, 0);
  const perPage = Math.max(1, Math.floor(v.height / v.rowHeight) - 1);
  const current = active < 0 ? Math.floor(top / v.rowHeight) - 1 : active;
  const clamp = (i: number) => ({ move: Math.max(0, Math.min(v.total - 1, i)) });
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + perPage);
    case 'PageUp':
      return clamp(current - perPage);
    case 'Home':
      return clamp(0);
    case 'End':
      return clamp(v.total - 1);
    case 'Enter':
    case ' ':
      // Handled even with no active row (-1: nothing opens), so Space does not scroll the page.
      return { open: active };
    default:
      return undefined;
  }
}

/** The row that becomes active when the list gets focus: the first one fully in view. */
export function rowOnFocus(v: Viewport): number {
  const { top } = renderedRange(v, 0);
  return Math.min(v.total - 1, Math.ceil(top / v.rowHeight));
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function revealScrollTop(index: number, rowHeight: number, scrollTop: number, clientHeight: number): number {
  const rowTop = index * rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowTop + rowHeight > scrollTop + clientHeight) return rowTop + rowHeight - clientHeight;
  return scrollTop;
}
