import { describe, expect, it } from 'vitest';
import { gridKeyEffect, type Cell, type GridKey } from '../../renderer/src/lib/grid-keys.ts';
import type { Viewport } from '../../renderer/src/lib/virtual-window.ts';

/** The import preview's shape: Row, Include, three data columns, Problems; 10 rows of 36 px in view of 10,000. */
const view = (total = 10_000, scrollTop = 0): Viewport => ({ scrollTop, height: 360, rowHeight: 36, total });
const COLUMNS = 6;
const editable = (col: number) => col >= 2 && col <= 4;
const actionable = (col: number) => col === 1;
const press = (key: string, mods: Partial<GridKey> = {}): GridKey => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
const effect = (key: GridKey, active: Cell | undefined, v = view()) => gridKeyEffect(key, active, v, COLUMNS, editable, actionable);

describe('keys in the import preview grid', () => {
  it('moves by cells sideways and by rows up and down, staying inside the grid', () => {
    expect(effect(press('ArrowRight'), { row: 3, col: 2 })).toEqual({ move: { row: 3, col: 3 } });
    expect(effect(press('ArrowLeft'), { row: 3, col: 0 })).toEqual({ move: { row: 3, col: 0 } });
    expect(effect(press('ArrowRight'), { row: 3, col: 5 })).toEqual({ move: { row: 3, col: 5 } });
    expect(effect(press('ArrowDown'), { row: 3, col: 4 })).toEqual({ move: { row: 4, col: 4 } });
    expect(effect(press('ArrowUp'), { row: 0, col: 4 })).toEqual({ move: { row: 0, col: 4 } });
    expect(effect(press('PageDown'), { row: 0, col: 2 })).toEqual({ move: { row: 9, col: 2 } });
    expect(effect(press('Home'), { row: 7, col: 4 })).toEqual({ move: { row: 7, col: 0 } });
    expect(effect(press('End'), { row: 7, col: 1 })).toEqual({ move: { row: 7, col: 5 } });
    expect(effect(press('End', { ctrlKey: true }), { row: 7, col: 3 })).toEqual({ move: { row: 9_999, col: 3 } });
    expect(effect(press('Home', { ctrlKey: true }), { row: 7, col: 3 })).toEqual({ move: { row: 0, col: 3 } });
  });

  it('edits a data cell with Enter or F2, and acts on the Include cell with Enter or Space', () => {
    expect(effect(press('Enter'), { row: 5, col: 3 })).toEqual({ edit: { row: 5, col: 3 } });
    expect(effect(press('F2'), { row: 5, col: 3 })).toEqual({ edit: { row: 5, col: 3 } });
    expect(effect(press('F2'), { row: 5, col: 0 })).toBeUndefined();
    expect(effect(press('Enter'), { row: 5, col: 1 })).toEqual({ act: { row: 5, col: 1 } });
    expect(effect(press(' '), { row: 5, col: 1 })).toEqual({ act: { row: 5, col: 1 } });
    expect(effect(press(' '), { row: 5, col: 3 })).toBeUndefined();
    expect(effect(press('Enter'), { row: 5, col: 5 })).toBeUndefined();
  });

  it('leaves every other key to the page: the app shortcuts, Tab, letters; and does nothing on an empty grid', () => {
    expect(effect(press('i', { altKey: true }), { row: 1, col: 2 })).toBeUndefined();
    expect(effect(press('ArrowDown', { altKey: true }), { row: 1, col: 2 })).toBeUndefined();
    expect(effect(press('Tab'), { row: 1, col: 2 })).toBeUndefined();
    expect(effect(press('a'), { row: 1, col: 2 })).toBeUndefined();
    expect(effect(press('ArrowDown'), { row: 0, col: 2 }, view(0))).toBeUndefined();
  });

  it('starts from the first row in view when no cell is active yet', () => {
    expect(effect(press('ArrowDown'), undefined, view(10_000, 360))).toEqual({ move: { row: 10, col: 0 } });
    expect(effect(press('Enter'), undefined)).toBeUndefined();
  });
});
