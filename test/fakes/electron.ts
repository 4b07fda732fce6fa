/**
 * FAKE of the `electron` module: the one fake in this project.
 *
 * Why it exists: the Electron binary cannot be downloaded on the development and CI machines, so
 * without it nothing in electron/main/ or electron/preload/ would ever run in a test. The vitest
 * project "electron-main" (vitest.config.ts) aliases `import … from 'electron'` to this file for
 * the tests under test/main/; nothing else in the project sees it.
 *
 * What it holds: only the parts of Electron's API that main and the preload use. Where main relies
 * on Electron's behaviour, the fake behaves the same way: events carry `preventDefault()`, a
 * permission with no handler is GRANTED (Electron's default, so a missing guard shows up as a
 * failing test), `ipcMain.handle` refuses a second handler for one channel, `app.quit()` can be
 * cancelled from 'before-quit', `net.fetch` rejects a redirect when asked not to follow it.
 * Each part also has test-side controls (`navigate`, `openWindow`, `request`, `invoke`, …) that play
 * the role of Chromium or the OS, and records of what main asked for. `resetFakeElectron()` puts it
 * back to a fresh app between tests.
 */
import { EventEmitter } from 'node:events';

/** An Electron event: listeners can cancel the default action. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

// ---------------------------------------------------------------------------------------------
// app

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>();
  /** true once a quit went through (nothing cancelled it in 'before-quit'). */
  quitted = false;
  quitRequests = 0;
  exitCode: number | undefined;
  appUserModelId: string | undefined;
  #ready = deferred();
  #isReady = false;

  whenReady(): Promise<void> {
    return this.#ready.promise;
  }
  isReady(): boolean {
    return this.#isReady;
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`fake electron: app.getPath('${name}') has no folder set; the test must set one with app.setPath`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  setAppLogsPath(path: string): void {
    this.paths.set('logs', path);
  }
  getVersion(): string {
    return '0.0.0-fake';
  }
  getName(): string {
    return 'TA Desk';
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  /** Like Electron: 'before-quit' first; a listener calling preventDefault() keeps the app running. */
  quit(): void {
    this.quitRequests += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitted = true;
    this.emit('will-quit', new FakeEvent());
    this.emit('quit', new FakeEvent(), 0);
  }
  exit(code = 0): void {
    this.exitCode = code;
  }

  // test-side controls
  /** The app becomes ready, as Electron's 'ready' event. */
  becomeReady(): void {
    this.#isReady = true;
    this.#ready.resolve();
    this.emit('ready');
  }
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.paths.clear();
    this.quitted = false;
    this.quitRequests = 0;
    this.exitCode = undefined;
    this.appUserModelId = undefined;
    this.#ready = deferred();
    this.#isReady = false;
  }
}

export const app = new FakeApp();

// ---------------------------------------------------------------------------------------------
// windows, web contents and frames

export class FakeFrame {
  constructor(
    public url: string,
    public readonly parent: FakeFrame | null = null,
  ) {}
}

type WindowOpenHandler = (details: { url: string; frameName: string; disposition: string }) => { action: 'allow' | 'deny' };

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new FakeFrame('about:blank');
  /** What main pushed with webContents.send: [channel, ...args]. */
  readonly sent: [string, ...unknown[]][] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  #destroyed = false;

  constructor() {
    super();
    // Electron announces every new webContents on app before anything can load in it.
    app.emit('web-contents-created', new FakeEvent(), this);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('fake electron: send on a destroyed webContents');
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    this.#destroyed = true;
    this.emit('destroyed');
  }

  // test-side controls: what the page (or a hostile page) would make Chromium do
  /** A navigation of the main frame; returns true when it went ahead (nothing prevented it). */
  navigate(url: string): boolean {
    const event = new FakeEvent();
    this.emit('will-navigate', event, url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return !event.defaultPrevented;
  }
  /** A server redirect during a navigation; returns true when it was followed. */
  redirect(url: string): boolean {
    const event = new FakeEvent();
    this.emit('will-redirect', event, url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return !event.defaultPrevented;
  }
  /** A <webview> about to attach; returns true when it was allowed. */
  attachWebview(src: string): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return !event.defaultPrevented;
  }
  /** window.open / target=_blank; with no handler Electron opens a new window ('allow'). */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url, frameName: '', disposition: 'new-window' }).action ?? 'allow';
  }
  /** A child frame (iframe) inside this page. */
  childFrame(url: string): FakeFrame {
    return new FakeFrame(url, this.mainFrame);
  }
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  loadedUrl: string | undefined;
  visible = false;
  #bounds: Rectangle;
  #maximized = false;
  #minimized = false;
  #destroyed = false;
  #focused = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const num = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.#bounds = { x: num('x', 100), y: num('y', 100), width: num('width', 800), height: num('height', 600) };
    if (options.show !== false) this.visible = true;
    FakeBrowserWindow.all.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.#destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows().find((w) => w.#focused) ?? null;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.#focused = true;
  }
  isFocused(): boolean {
    return this.#focused;
  }
  getBounds(): Rectangle {
    return { ...this.#bounds };
  }
  getNormalBounds(): Rectangle {
    return { ...this.#bounds };
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.#bounds = { ...this.#bounds, ...bounds };
  }
  isMaximized(): boolean {
    return this.#maximized;
  }
  maximize(): void {
    this.#maximized = true;
  }
  isMinimized(): boolean {
    return this.#minimized;
  }
  minimize(): void {
    this.#minimized = true;
  }
  restore(): void {
    this.#minimized = false;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  /** Like Electron: 'close' (cancellable), then 'closed' and the window is gone. */
  close(): void {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }

  // test-side controls
  /** Chromium painted the first frame. */
  readyToShow(): void {
    this.emit('ready-to-show');
  }
  /** The user moved/resized the window (or maximized it). */
  userSetBounds(bounds: Partial<Rectangle>, maximized = this.#maximized): void {
    this.#bounds = { ...this.#bounds, ...bounds };
    this.#maximized = maximized;
    this.emit('resize');
    this.emit('move');
  }
}
export { FakeBrowserWindow as BrowserWindow };

// ---------------------------------------------------------------------------------------------
// protocol, session, net, shell

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    // Electron only accepts this before the app is ready.
    if (app.isReady()) throw new Error('fake electron: protocol.registerSchemesAsPrivileged must be called before app is ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (protocol.handlers.has(scheme)) throw new Error(`fake electron: scheme ${scheme} is already handled`);
    protocol.handlers.set(scheme, handler);
  },
  // test-side control: Chromium loading `url` through the registered handler
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = protocol.handlers.get(scheme);
    if (!handler) throw new Error(`fake electron: no handler for ${scheme}://`);
    return handler(new Request(url, init));
  },
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  // test-side controls: a page asking. Without a handler Electron grants, so does the fake.
  requestPermission(permission: string, origin = 'app://ta-desk'): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve, { requestingUrl: `${origin}/index.html` }));
  }
  checkPermission(permission: string, origin = 'app://ta-desk'): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(null, permission, origin, {}) : true;
  }
  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
  }
}

export const session = { defaultSession: new FakeSession() };

export const net = {
  /** Every call main made: [url, init]. */
  calls: [] as [string, RequestInit][],
  /**
   * Chromium's network stack, played by Node's fetch, with the one difference main works around:
   * with `redirect: 'manual'` Electron's net.fetch rejects ("Redirect was cancelled") instead of
   * handing back the 3xx response.
   */
  async fetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
    net.calls.push([String(input), init]);
    const response = await fetch(input, { ...init, redirect: init.redirect === 'manual' ? 'manual' : init.redirect });
    if (init.redirect === 'manual' && response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new Error('Redirect was cancelled');
    }
    return response;
  },
};

export const shell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    shell.openedPaths.push(path);
    return Promise.resolve('');
  },
};

// ---------------------------------------------------------------------------------------------
// IPC (main side and the preload's side)

interface InvokeEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}
type InvokeHandler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  listeners: new Map<string, (event: InvokeEvent & { returnValue: unknown }) => void>(),
  on(channel: string, listener: (event: InvokeEvent & { returnValue: unknown }) => void): void {
    ipcMain.listeners.set(channel, listener);
  },
  // test-side control: a renderer frame's sendSync; resolves once main sets returnValue
  sendSync(channel: string, from: { sender: FakeWebContents; frame?: FakeFrame | null }): Promise<unknown> {
    const listener = ipcMain.listeners.get(channel);
    if (!listener) throw new Error(`No listener registered for '${channel}'`);
    return new Promise((resolve) => {
      const event = { sender: from.sender, senderFrame: from.frame === undefined ? from.sender.mainFrame : from.frame } as InvokeEvent & { returnValue: unknown };
      Object.defineProperty(event, 'returnValue', { set: resolve });
      listener(event);
    });
  },
  // test-side control: a renderer frame invoking `channel`
  async invoke(channel: string, from: { sender: FakeWebContents; frame?: FakeFrame | null }, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender: from.sender, senderFrame: from.frame === undefined ? from.sender.mainFrame : from.frame }, ...args);
  },
};

const echo = (channel: string, ...args: unknown[]): unknown => ({ ok: true, value: { channel, args } });

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: [string, ...unknown[]][] = [];
  /** What main answers (the test decides); by default an echo of the request. */
  answer: (channel: string, ...args: unknown[]) => unknown = echo;
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve(this.answer(channel, ...args));
  }
  /** What main answers a synchronous request (the test decides); by default nothing. */
  answerSync: (channel: string) => unknown = () => null;
  sendSync(channel: string): unknown {
    this.invoked.push([channel]);
    return this.answerSync(channel);
  }
  // test-side control: main pushing an event to the page
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this }, payload);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (contextBridge.exposed.has(key)) throw new Error(`fake electron: ${key} is already exposed`);
    contextBridge.exposed.set(key, api);
  },
};

// ---------------------------------------------------------------------------------------------
// OS: dialogs, notifications, power, menu, screen, crash reporter

interface MessageBoxOptions {
  message: string;
  detail?: string;
  buttons?: string[];
  [key: string]: unknown;
}
interface SaveDialogOptions {
  defaultPath?: string;
  [key: string]: unknown;
}

export const dialog = {
  errorBoxes: [] as [string, string][],
  messageBoxes: [] as MessageBoxOptions[],
  saveDialogs: [] as SaveDialogOptions[],
  /** The button the "user" clicks in the next message boxes, by label; otherwise the cancel button. */
  clicks: [] as string[],
  /** Where the "user" saves in the next Save dialogs; undefined cancels. */
  saveAnswers: [] as (string | undefined)[],
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push([title, content]);
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const options = args.find((a): a is MessageBoxOptions => typeof a === 'object' && a !== null && 'message' in a);
    if (!options) throw new Error('fake electron: showMessageBox without options');
    dialog.messageBoxes.push(options);
    const buttons = options.buttons ?? ['OK'];
    const label = dialog.clicks.shift();
    const response = label === undefined ? (typeof options.cancelId === 'number' ? options.cancelId : 0) : buttons.indexOf(label);
    if (response < 0) throw new Error(`fake electron: the message box has no button "${label}" (has ${buttons.join(', ')})`);
    return Promise.resolve({ response, checkboxChecked: false });
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const options = args.find((a): a is SaveDialogOptions => typeof a === 'object' && a !== null && !(a instanceof FakeBrowserWindow)) ?? {};
    dialog.saveDialogs.push(options);
    const filePath = dialog.saveAnswers.shift();
    return Promise.resolve(filePath === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath });
  },
};

export class Notification {
  static readonly shown: { title: string; body: string }[] = [];
  constructor(private readonly options: { title: string; body: string }) {}
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    Notification.shown.push(this.options);
  }
}

export const powerMonitor = new EventEmitter();

export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  visible?: boolean;
  submenu?: FakeMenuItem[];
  click?: (item: unknown, win: unknown, event: unknown) => unknown;
}

export class Menu {
  static applicationMenu: Menu | null = null;
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    Menu.applicationMenu = menu;
  }
  static getApplicationMenu(): Menu | null {
    return Menu.applicationMenu;
  }
}

export const screen = {
  /** The displays the "OS" reports; tests replace them. */
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays() {
    return screen.displays;
  },
  getPrimaryDisplay() {
    const first = screen.displays[0];
    if (!first) throw new Error('fake electron: no display');
    return first;
  },
};

export const crashReporter = {
  started: [] as Record<string, unknown>[],
  start(options: Record<string, unknown>): void {
    crashReporter.started.push(options);
  },
};

// ---------------------------------------------------------------------------------------------

/** A fresh app for the next test: no listeners, handlers, windows or records left over. */
export function resetFakeElectron(): void {
  app.reset();
  FakeBrowserWindow.all.length = 0;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.reset();
  net.calls.length = 0;
  shell.opened.length = 0;
  shell.openedPaths.length = 0;
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.answer = echo;
  ipcRenderer.answerSync = () => null;
  contextBridge.exposed.clear();
  dialog.errorBoxes.length = 0;
  dialog.messageBoxes.length = 0;
  dialog.saveDialogs.length = 0;
  dialog.clicks.length = 0;
  dialog.saveAnswers.length = 0;
  Notification.shown.length = 0;
  powerMonitor.removeAllListeners();
  Menu.applicationMenu = null;
  crashReporter.started.length = 0;
}

export default {
  app,
  BrowserWindow: FakeBrowserWindow,
  protocol,
  session,
  net,
  shell,
  ipcMain,
  ipcRenderer,
  contextBridge,
  dialog,
  Notification,
  powerMonitor,
  Menu,
  screen,
  crashReporter,
};
