import { beforeEach, describe, expect, it } from 'vitest';
import { askBeforeClosing, guardQuit, QUIT_ANYWAY, quitQuestion } from '../../electron/main/quit-guard.ts';
import { app, BrowserWindow, dialog, resetFakeElectron } from '../fakes/electron.ts';

/** electron/main/quit-guard.ts under the fake `electron`: asking, then waiting for the store. */
beforeEach(() => resetFakeElectron());

/** A store whose close() the test finishes by hand. */
function slowStore() {
  let finish = () => {};
  const closing = new Promise<void>((resolve) => (finish = resolve));
  const store = { closeCalls: 0, finish: () => finish(), close: () => ((store.closeCalls += 1), closing) };
  return store;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('quitting', () => {
  it('waits for the store to close before the app exits', async () => {
    const store = slowStore();
    guardQuit({ pending: () => Promise.resolve(0), close: store.close });
    app.quit();
    await settle();
    expect(store.closeCalls).toBe(1);
    expect(app.quitted).toBe(false);
    app.quit(); // a second Quit while closing does not close twice nor exit early
    await settle();
    expect(store.closeCalls).toBe(1);
    expect(app.quitted).toBe(false);
    store.finish();
    await settle();
    expect(app.quitted).toBe(true);
    expect(dialog.messageBoxes).toEqual([]);
  });

  it('still quits when closing the store fails', async () => {
    guardQuit({ pending: () => Promise.resolve(0), close: () => Promise.reject(new Error('disk gone')) });
    app.quit();
    await settle();
    expect(app.quitted).toBe(true);
  });

  it('with applications waiting, says how many and stays open on Cancel', async () => {
    const store = slowStore();
    guardQuit({ pending: () => Promise.resolve(3), close: store.close });
    dialog.clicks.push('Cancel');
    app.quit();
    await settle();
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(dialog.messageBoxes[0]).toMatchObject({ message: '3 applications have not been sent yet', buttons: [QUIT_ANYWAY, 'Cancel'], cancelId: 1, defaultId: 1 });
    expect(store.closeCalls).toBe(0);
    expect(app.quitted).toBe(false);
  });

  it('quits after "Quit anyway", once the store is closed', async () => {
    const store = slowStore();
    guardQuit({ pending: () => Promise.resolve(1), close: store.close });
    dialog.clicks.push(QUIT_ANYWAY);
    app.quit();
    await settle();
    expect(dialog.messageBoxes[0]?.message).toBe('1 application has not been sent yet');
    expect(app.quitted).toBe(false);
    store.finish();
    await settle();
    expect(app.quitted).toBe(true);
  });

  it('asks again on the next Quit after a Cancel', async () => {
    guardQuit({ pending: () => Promise.resolve(2), close: () => Promise.resolve() });
    dialog.clicks.push('Cancel', QUIT_ANYWAY);
    app.quit();
    await settle();
    app.quit();
    await settle();
    expect(dialog.messageBoxes).toHaveLength(2);
    expect(app.quitted).toBe(true);
  });

  it('does not trap the TA when the Outbox cannot be counted', async () => {
    guardQuit({ pending: () => Promise.reject(new Error('store locked')), close: () => Promise.resolve() });
    app.quit();
    await settle();
    expect(app.quitted).toBe(true);
  });

  it('words the question for one and for many', () => {
    expect(quitQuestion(1).message).toBe('1 application has not been sent yet');
    expect(quitQuestion(1200).message).toBe('1,200 applications have not been sent yet');
    expect(quitQuestion(2).detail).toContain('next time it starts');
  });
});

describe('closing the last window (Windows, Linux)', () => {
  it('asks before the window goes, and keeps it on Cancel', async () => {
    const win = new BrowserWindow();
    const guard = guardQuit({ pending: () => Promise.resolve(2), close: () => Promise.resolve() });
    askBeforeClosing(win as never, guard, 'linux');
    // What Electron does with the last window gone on Linux: index.ts quits on window-all-closed.
    dialog.clicks.push('Cancel');
    win.close();
    await settle();
    expect(win.isDestroyed()).toBe(false);
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(app.quitted).toBe(false);
  });

  it('lets the window close once the TA chose to quit', async () => {
    const win = new BrowserWindow();
    const guard = guardQuit({ pending: () => Promise.resolve(2), close: () => Promise.resolve() });
    askBeforeClosing(win as never, guard, 'win32');
    app.on('will-quit', () => win.close()); // Electron closes the windows as the quit goes through
    dialog.clicks.push(QUIT_ANYWAY);
    win.close();
    await settle();
    expect(app.quitted).toBe(true);
    expect(win.isDestroyed()).toBe(true);
  });

  it('leaves macOS alone: closing the window does not quit there', () => {
    const win = new BrowserWindow();
    const guard = guardQuit({ pending: () => Promise.resolve(2), close: () => Promise.resolve() });
    askBeforeClosing(win as never, guard, 'darwin');
    win.close();
    expect(win.isDestroyed()).toBe(true);
    expect(dialog.messageBoxes).toEqual([]);
  });
});
