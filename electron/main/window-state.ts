import { app, screen, type BrowserWindow, type Rectangle } from 'electron';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { createLogger } from '../core/log.ts';

const log = createLogger('window');

export const DEFAULT_SIZE = { width: 1100, height: 860 };
export const MIN_SIZE = { width: 720, height: 560 };

const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');

/** The last size and position, or undefined (first run, or a file that is not ours). */
export function readWindowState(file: string): WindowState | undefined {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const overlap = (a: Rectangle, b: Rectangle) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Where the window opens: the saved bounds, moved and shrunk to fit the display they overlap
 * most (a monitor unplugged since, a smaller resolution), or centred on the primary display
 * when they overlap none. Never off-screen, never larger than the work area.
 */
export function placeWindow(saved: WindowState | undefined, displays: { workArea: Rectangle }[]): Rectangle & { maximized: boolean } {
  const primary = displays[0]?.workArea ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const wanted = saved ?? { ...centred(primary, DEFAULT_SIZE), maximized: false };
  let best = primary;
  let bestOverlap = 0;
  for (const { workArea } of displays) {
    const area = overlap(wanted, workArea);
    if (area > bestOverlap) [best, bestOverlap] = [workArea, area];
  }
  const width = Math.min(Math.max(wanted.width, MIN_SIZE.width), best.width);
  const height = Math.min(Math.max(wanted.height, MIN_SIZE.height), best.height);
  if (bestOverlap === 0) return { ...centred(best, { width, height }), maximized: wanted.maximized };
  const x = Math.min(Math.max(wanted.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(wanted.y, best.y), best.y + best.height - height);
  return { x, y, width, height, maximized: wanted.maximized };
}

function centred(area: Rectangle, size: { width: number; height: number }): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/** The bounds to open with this run, from the file and the displays the OS reports now. */
export function initialBounds(file: string): Rectangle & { maximized: boolean } {
  return placeWindow(readWindowState(file), screen.getAllDisplays());
}

/**
 * Keep the window's normal (un-maximized) bounds and whether it was maximized, written when
 * the window closes; a crash keeps the previous run's. Written via a temp file and rename, so
 * a half-written file never replaces a good one.
 */
export function keepWindowState(win: BrowserWindow, file: string): void {
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: win.isMaximized() };
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      log.warn(`window size and position not kept: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}
