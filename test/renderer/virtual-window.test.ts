import { describe, expect, it } from 'vitest';
import { keepNearest, keyEffect, MAX_RENDERED, pagesFor, renderedRange, revealScrollTop, rowOnFocus, type Viewport } from '../../renderer/src/lib/virtual-window.ts';

/** 10 rows of 50 px fit in view; 2,000 rows in all. */
const at = (scrollTop: number, total = 2_000): Viewport => ({ scrollTop, height: 500, rowHeight: 50, total });

describe('which rows a virtual list renders', () => {
  it('renders the visible rows plus the overscan, never more than the ceiling', () => {
    expect(renderedRange(at(0), 8)).toMatchObject({ first: 0, last: 18 });
    expect(renderedRange(at(5_000), 8)).toMatchObject({ first: 92, last: 118 });
    const tall = renderedRange({ scrollTop: 0, height: 100_000, rowHeight: 50, total: 2_000 }, 8);
    expect(tall.last - tall.first).toBe(MAX_RENDERED);
  });

  it('stops at the last row, even when scrolled past the end', () => {
    const end = renderedRange(at(1_000_000), 8);
    expect(end.last).toBe(2_000);
    expect(end.top).toBe(2_000 * 50 - 500);
    expect(end.first).toBe(1_990 - 8);
    expect(renderedRange(at(0, 3), 8)).toMatchObject({ first: 0, last: 3 });
    expect(renderedRange(at(0, 0), 8)).toMatchObject({ first: 0, last: 0 });
  });
});

describe('which pages a virtual list fetches and keeps', () => {
  it('asks for the pages under the rendered rows only', () => {
    expect(pagesFor(0, 18, 100)).toEqual({ from: 0, to: 0 });
    expect(pagesFor(92, 118, 100)).toEqual({ from: 0, to: 1 });
    expect(pagesFor(0, 0, 100).to).toBeLessThan(pagesFor(0, 0, 100).from);
  });

  it('keeps the pages nearest the viewport and lets the farthest go', () => {
    const pages = Object.fromEntries(Array.from({ length: 40 }, (_, p) => [p, `page ${p}`]));
    const kept = keepNearest(pages, 35, 30);
    expect(Object.keys(kept)).toHaveLength(30);
    expect(kept[35]).toBe('page 35');
    expect(kept[0]).toBeUndefined();
    expect(kept[10]).toBe('page 10');
    expect(keepNearest({ 1: 'a', 2: 'b' }, 1, 30)).toEqual({ 1: 'a', 2: 'b' });
    expect(keepNearest({ 1: 'a', 2: 'b' }, 1, 30, 2)).toEqual({ 1: 'a' });
  });
});

describe('the list keyboard', () => {
  it('moves one row with the arrows, a page with Page Up/Down, to the ends with Home/End', () => {
    expect(keyEffect('ArrowDown', 4, at(0))).toEqual({ move: 5 });
    expect(keyEffect('ArrowUp', 4, at(0))).toEqual({ move: 3 });
    expect(keyEffect('PageDown', 4, at(0))).toEqual({ move: 13 });
    expect(keyEffect('PageUp', 40, at(0))).toEqual({ move: 31 });
    expect(keyEffect('Home', 40, at(0))).toEqual({ move: 0 });
    expect(keyEffect('End', 40, at(0))).toEqual({ move: 1_999 });
  });

  it('never leaves the list', () => {
    expect(keyEffect('ArrowUp', 0, at(0))).toEqual({ move: 0 });
    expect(keyEffect('PageUp', 3, at(0))).toEqual({ move: 0 });
    expect(keyEffect('ArrowDown', 1_999, at(99_500))).toEqual({ move: 1_999 });
    expect(keyEffect('PageDown', 1_995, at(99_500))).toEqual({ move: 1_999 });
    expect(keyEffect('ArrowDown', -1, at(0, 0))).toBeUndefined();
  });

  it('starts from the first row in view when none is active yet', () => {
    expect(keyEffect('ArrowDown', -1, at(5_000))).toEqual({ move: 100 });
    expect(keyEffect('ArrowDown', -1, at(0))).toEqual({ move: 0 });
    expect(rowOnFocus(at(5_000))).toBe(100);
    expect(rowOnFocus(at(5_010))).toBe(101);
  });

  it('opens the active row with Enter or Space, and ignores other keys', () => {
    expect(keyEffect('Enter', 7, at(0))).toEqual({ open: 7 });
    expect(keyEffect(' ', 7, at(0))).toEqual({ open: 7 });
    expect(keyEffect('Enter', -1, at(0))).toEqual({ open: -1 });
    expect(keyEffect('a', 7, at(0))).toBeUndefined();
  });

  it('scrolls just enough to show the active row', () => {
    expect(revealScrollTop(5, 50, 0, 500)).toBe(0);
    expect(revealScrollTop(10, 50, 0, 500)).toBe(50);
    expect(revealScrollTop(2, 50, 400, 500)).toBe(100);
  });
});
