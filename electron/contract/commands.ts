/**
 * The app's own commands and their keyboard shortcuts, in one table. Main builds the app menu
 * (labels and accelerators) from it; the renderer reads it for its keyboard handling and for the
 * shortcuts it shows (titles, aria-keyshortcuts). A shortcut changed here changes everywhere.
 *
 * `runs`: 'renderer' commands reach the renderer as the typed 'app.command' event (and, in a
 * browser, from its own key handling); 'main' commands need the OS (dialogs, files, folders);
 * 'form' shortcuts belong to the application form only and are not in the menu.
 */
export type Modifier = 'primary' | 'alt' | 'none';
/** `primary` is Ctrl on Windows and Linux, Cmd on macOS. `key` as KeyboardEvent.key, lower case. */
export interface Shortcut {
  modifier: Modifier;
  key: string;
}

const primary = (key: string): Shortcut => ({ modifier: 'primary', key });
const alt = (key: string): Shortcut => ({ modifier: 'alt', key });

export const COMMANDS = {
  newApplication: { label: 'New application', runs: 'renderer', view: 'new', shortcut: alt('n') },
  drafts: { label: 'Drafts', runs: 'renderer', view: 'drafts', shortcut: alt('d') },
  outbox: { label: 'Outbox', runs: 'renderer', view: 'outbox', shortcut: alt('o') },
  history: { label: 'History', runs: 'renderer', view: 'history', shortcut: alt('h') },
  lookup: { label: 'Status lookup', runs: 'renderer', view: 'lookup', shortcut: alt('s') },
  importPatients: { label: 'Import', runs: 'renderer', view: 'import', shortcut: alt('i') },
  audit: { label: 'Audit log', runs: 'renderer', view: 'audit', shortcut: alt('u') },
  settings: { label: 'Settings', runs: 'renderer', view: 'settings', shortcut: alt(',') },
  lock: { label: 'Lock', runs: 'renderer', shortcut: primary('l') },
  exportHistory: { label: 'Export history…', runs: 'main', shortcut: primary('e') },
  exportAudit: { label: 'Export audit log…', runs: 'main' },
  documentation: { label: 'DPP documentation', runs: 'main' },
  openLogs: { label: 'Open logs folder', runs: 'main' },
  about: { label: 'About TA Desk', runs: 'main' },
  saveDraft: { label: 'Save draft', runs: 'form', shortcut: primary('s') },
  submit: { label: 'Review or send', runs: 'form', shortcut: primary('enter') },
  back: { label: 'Change application', runs: 'form', shortcut: { modifier: 'none', key: 'escape' } },
} as const satisfies Record<string, { label: string; runs: 'renderer' | 'main' | 'form'; view?: string; shortcut?: Shortcut }>;

export type CommandId = keyof typeof COMMANDS;
type CommandsThatRun<R> = { [C in CommandId]: (typeof COMMANDS)[C]['runs'] extends R ? C : never }[CommandId];
/** Commands the menu sends to the renderer (the 'app.command' event). */
export type RendererCommand = CommandsThatRun<'renderer'>;
export type FormCommand = CommandsThatRun<'form'>;
export type CommandWithShortcut = { [C in CommandId]: (typeof COMMANDS)[C] extends { shortcut: Shortcut } ? C : never }[CommandId];

export const RENDERER_COMMANDS = (Object.keys(COMMANDS) as CommandId[]).filter((id): id is RendererCommand => COMMANDS[id].runs === 'renderer');

export function shortcutOf(id: CommandId): Shortcut | undefined {
  const command = COMMANDS[id];
  return 'shortcut' in command ? command.shortcut : undefined;
}

const KEY_NAMES: Record<string, { accelerator: string; aria: string; label: string }> = {
  enter: { accelerator: 'Enter', aria: 'Enter', label: 'Enter' },
  escape: { accelerator: 'Escape', aria: 'Escape', label: 'Esc' },
  ',': { accelerator: ',', aria: ',', label: ',' },
};
const keyName = (key: string) => KEY_NAMES[key] ?? { accelerator: key.toUpperCase(), aria: key.toUpperCase(), label: key.toUpperCase() };

/** Electron's menu accelerator, e.g. 'CmdOrCtrl+L'. */
export function accelerator(shortcut: Shortcut): string {
  const key = keyName(shortcut.key).accelerator;
  return shortcut.modifier === 'primary' ? `CmdOrCtrl+${key}` : shortcut.modifier === 'alt' ? `Alt+${key}` : key;
}

/** The aria-keyshortcuts value: both Ctrl and Cmd spellings for `primary`. */
export function ariaKeyshortcuts(shortcut: Shortcut): string {
  const key = keyName(shortcut.key).aria;
  return shortcut.modifier === 'primary' ? `Control+${key} Meta+${key}` : shortcut.modifier === 'alt' ? `Alt+${key}` : key;
}

/** The words shown to the TA, e.g. 'Ctrl+L' ('⌘L' on a Mac). */
export function shortcutLabel(shortcut: Shortcut, mac = false): string {
  const key = keyName(shortcut.key).label;
  if (shortcut.modifier === 'primary') return mac ? `⌘${key}` : `Ctrl+${key}`;
  if (shortcut.modifier === 'alt') return mac ? `⌥${key}` : `Alt+${key}`;
  return key;
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function matchesShortcut(event: KeyLike, shortcut: Shortcut): boolean {
  if (event.key.toLowerCase() !== shortcut.key) return false;
  const primaryDown = event.ctrlKey || event.metaKey;
  if (shortcut.modifier === 'primary') return primaryDown && !event.altKey;
  if (shortcut.modifier === 'alt') return event.altKey && !primaryDown;
  return !primaryDown && !event.altKey;
}

/** The command of `kind` whose shortcut this key press is, if any. */
export function commandForKey<K extends 'renderer' | 'form'>(event: KeyLike, kind: K): CommandsThatRun<K> | undefined {
  for (const id of Object.keys(COMMANDS) as CommandId[]) {
    const shortcut = shortcutOf(id);
    if (COMMANDS[id].runs === kind && shortcut && matchesShortcut(event, shortcut)) return id as CommandsThatRun<K>;
  }
  return undefined;
}

/** A command's shortcut as the UI shows it: words for the TA and the aria-keyshortcuts value. */
export function shortcutFor(id: CommandWithShortcut): { label: string; aria: string } {
  const { shortcut } = COMMANDS[id];
  return { label: shortcutLabel(shortcut), aria: ariaKeyshortcuts(shortcut) };
}
