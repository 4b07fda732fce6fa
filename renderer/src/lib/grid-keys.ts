import { keyEffect, type Viewport } from './virtual-window.ts';

/**
 * What a key does in a data grid (the WAI-ARIA grid pattern) whose rows come and go as it
 * scrolls: move the active cell, start editing it, or act on it (a checkbox cell). Apart from
 * the component, so it is tested without a DOM. Rows and columns are 0-based.
 */
export interface Cell {
  row: number;
  col: number;
}

export type GridKeyEffect = { move: Cell } | { edit: Cell } | { act: Cell } | undefined;

export interface GridKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * `editable(col)` says which columns open an editor (Enter or F2); `actionable(col)` which ones act
 * on Enter or Space (a checkbox). Up/Down/Page Up/Page Down move by rows as in a list; Left/Right
 * by cells; Home/End to the first/last cell of the row; Ctrl+Home/End to the first/last row.
 */
export function gridKeyEffect(
  event: GridKey,
  active: Cell | undefined,
  v: Viewport,
  columns: number,
  editable: (col: number) => boolean,
  actionable: (col: number) => boolean,
): GridKeyEffect {
  if (v.total === 0 || columns === 0 || event.altKey || event.metaKey) return undefined;
  const col = active?.col ?? 0;
  const row = active?.row ?? -1;
  const at = (r: number, c: number) => ({ move: { row: Math.max(0, Math.min(v.total - 1, r)), col: Math.max(0, Math.min(columns - 1, c)) } });
  if (event.ctrlKey) {
    if (event.key === 'Home') return at(0, col);
    if (event.key === 'End') return at(v.total - 1, col);
    return undefined;
  }
  switch (event.key) {
    case 'ArrowLeft':
      return at(Math.max(row, 0), col - 1);
    case 'ArrowRight':
      return at(Math.max(row, 0), col + 1);
    case 'Home':
      return at(Math.max(row, 0), 0);
    case 'End':
      return at(Math.max(row, 0), columns - 1);
    case 'F2':
      return row >= 0 && editable(col) ? { edit: { row, col } } : undefined;
    case 'Enter':
      if (row < 0) return undefined;
      if (editable(col)) return { edit: { row, col } };
      return actionable(col) ? { act: { row, col } } : undefined;
    case ' ':
      return row >= 0 && actionable(col) ? { act: { row, col } } : undefined;
    default: {
      // Vertical moves are the list's (virtual-window.ts), so both scroll alike.
      if (!['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown'].includes(event.key)) return undefined;
      const effect = keyEffect(event.key, row, v);
      return effect && 'move' in effect ? { move: { row: effect.move, col } } : undefined;
    }
  }
}
