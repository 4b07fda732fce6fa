import { describe, expect, it } from 'vitest';
import { accelerator, ariaKeyshortcuts, commandForKey, COMMANDS, RENDERER_COMMANDS, shortcutFor, shortcutLabel, shortcutOf, type CommandId } from '../../electron/contract/commands.ts';

/** The one table of commands and shortcuts (electron/contract/commands.ts) that menu and renderer read. */
const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean } = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, altKey: !!mods.alt });
const ids = Object.keys(COMMANDS) as CommandId[];

describe('the command table', () => {
  it('gives no two commands the same shortcut', () => {
    const taken = ids.flatMap((id) => {
      const s = shortcutOf(id);
      return s ? [`${s.modifier}+${s.key}`] : [];
    });
    expect(new Set(taken).size).toBe(taken.length);
  });

  it('has the commands a TA expects in the menu', () => {
    const labels = ids.map((id) => COMMANDS[id].label);
    for (const label of ['New application', 'Drafts', 'History', 'Status lookup', 'Lock', 'Settings', 'Open logs folder', 'About TA Desk']) expect(labels).toContain(label);
    expect(labels.some((l) => l.startsWith('Export'))).toBe(true);
  });

  it('spells each shortcut for Electron, for assistive technology and for the TA', () => {
    expect(accelerator(COMMANDS.lock.shortcut)).toBe('CmdOrCtrl+L');
    expect(ariaKeyshortcuts(COMMANDS.lock.shortcut)).toBe('Control+L Meta+L');
    expect(shortcutLabel(COMMANDS.lock.shortcut)).toBe('Ctrl+L');
    expect(shortcutLabel(COMMANDS.lock.shortcut, true)).toBe('⌘L');
    expect(accelerator(COMMANDS.history.shortcut)).toBe('Alt+H');
    expect(shortcutFor('submit')).toEqual({ label: 'Ctrl+Enter', aria: 'Control+Enter Meta+Enter' });
    expect(shortcutFor('back')).toEqual({ label: 'Esc', aria: 'Escape' });
    expect(accelerator(COMMANDS.settings.shortcut)).toBe('Alt+,');
  });

  it('finds the command of a key press, Ctrl and Cmd alike, and only of the kind asked', () => {
    expect(commandForKey(key('l', { ctrl: true }), 'renderer')).toBe('lock');
    expect(commandForKey(key('L', { meta: true }), 'renderer')).toBe('lock');
    expect(commandForKey(key('l'), 'renderer')).toBeUndefined();
    expect(commandForKey(key('l', { ctrl: true, alt: true }), 'renderer')).toBeUndefined();
    expect(commandForKey(key('h', { alt: true }), 'renderer')).toBe('history');
    expect(commandForKey(key('h', { alt: true, ctrl: true }), 'renderer')).toBeUndefined();
    expect(commandForKey(key('s', { alt: true }), 'renderer')).toBe('lookup');
    expect(commandForKey(key('s', { ctrl: true }), 'renderer')).toBeUndefined();
    expect(commandForKey(key('i', { alt: true }), 'renderer')).toBe('importPatients');
    expect(commandForKey(key('s', { ctrl: true }), 'form')).toBe('saveDraft');
    expect(commandForKey(key('Enter', { meta: true }), 'form')).toBe('submit');
    expect(commandForKey(key('Escape'), 'form')).toBe('back');
    expect(commandForKey(key('Escape', { ctrl: true }), 'form')).toBeUndefined();
  });

  it('sends to the renderer only commands it can carry out', () => {
    expect(RENDERER_COMMANDS).toEqual(ids.filter((id) => COMMANDS[id].runs === 'renderer'));
    expect(RENDERER_COMMANDS).toContain('lookup');
    expect(RENDERER_COMMANDS).not.toContain('exportHistory');
  });
});
