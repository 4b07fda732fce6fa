import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainWindow } from '../../electron/main/window.ts';
import { placeWindow } from '../../electron/main/window-state.ts';
import { BrowserWindow, resetFakeElectron, screen } from '../fakes/electron.ts';

/** Window size and position kept between runs (electron/main/window-state.ts, via window.ts). */
let dir: string;
let stateFile: string;
const LAPTOP = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 870 }, bounds: { x: 0, y: 0, width: 1440, height: 900 } };
const MONITOR = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1400 }, bounds: { x: 1440, y: 0, width: 2560, height: 1440 } };

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'ta-desk-window-state-'));
  stateFile = join(dir, 'window-state.json');
  screen.displays = [LAPTOP, MONITOR];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => {
  createMainWindow({ preload: '/p.cjs', url: 'app://ta-desk/index.html', devTools: false, stateFile });
  const wins = BrowserWindow.getAllWindows();
  return wins[wins.length - 1]!;
};

describe('window size and position', () => {
  it('opens at the default size, centred, on the first run', () => {
    const win = open();
    expect(win.getBounds()).toEqual({ x: 170, y: 5, width: 1100, height: 860 });
  });

  it('reopens where the TA left it, maximized or not', () => {
    const first = open();
    first.userSetBounds({ x: 1600, y: 100, width: 1300, height: 900 });
    first.close();
    expect(open().getBounds()).toEqual({ x: 1600, y: 100, width: 1300, height: 900 });

    const maximized = open();
    maximized.userSetBounds({}, true);
    maximized.close();
    const again = open();
    expect(again.isMaximized()).toBe(true);
    expect(again.getBounds()).toEqual({ x: 1600, y: 100, width: 1300, height: 900 });
  });

  it('brings the window back on screen when its monitor is gone', () => {
    const first = open();
    first.userSetBounds({ x: 2000, y: 200, width: 1800, height: 1200 });
    first.close();
    screen.displays = [LAPTOP];
    const win = open();
    const b = win.getBounds();
    expect(b.width).toBeLessThanOrEqual(LAPTOP.workArea.width);
    expect(b.height).toBeLessThanOrEqual(LAPTOP.workArea.height);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(LAPTOP.workArea.width);
    expect(b.y + b.height).toBeLessThanOrEqual(LAPTOP.workArea.height);
  });

  it('keeps a window that hangs off an edge fully on that display', () => {
    expect(placeWindow({ x: -300, y: 700, width: 1000, height: 700, maximized: false }, [LAPTOP])).toEqual({ x: 0, y: 170, width: 1000, height: 700, maximized: false });
  });

  it('ignores a state file that is damaged or not ours, and keeps it owner-only', () => {
    writeFileSync(stateFile, '{"x": "left"');
    expect(open().getBounds()).toEqual({ x: 170, y: 5, width: 1100, height: 860 });
    writeFileSync(stateFile, JSON.stringify({ x: 1, y: 1, width: -5, height: 10, maximized: false }));
    const win = open();
    expect(win.getBounds().width).toBe(1100);
    win.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ width: 1100, height: 860, maximized: false });
    if (process.platform !== 'win32') expect(statSync(stateFile).mode & 0o777).toBe(0o600);
  });
});
