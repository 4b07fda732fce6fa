import { beforeEach, describe, expect, it } from 'vitest';
import { accelerator, COMMANDS, type CommandId } from '../../electron/contract/commands.ts';
import { installAppMenu, type MenuActions } from '../../electron/main/menu.ts';
import { Menu, resetFakeElectron, type FakeMenuItem } from '../fakes/electron.ts';

/** The app menu (electron/main/menu.ts) under the fake `electron`. */
let done: string[];
const actions: MenuActions = {
  renderer: (command) => void done.push(`renderer:${command}`),
  exportHistory: () => void done.push('exportHistory'),
  exportAudit: () => void done.push('exportAudit'),
  documentation: () => void done.push('documentation'),
  openLogs: () => void done.push('openLogs'),
  about: () => void done.push('about'),
};

beforeEach(() => {
  resetFakeElectron();
  done = [];
});

function items(platform: NodeJS.Platform, packaged: boolean): FakeMenuItem[] {
  installAppMenu(actions, { packaged, platform });
  const flat: FakeMenuItem[] = [];
  const walk = (list: FakeMenuItem[]) => {
    for (const item of list) {
      flat.push(item);
      if (item.submenu) walk(item.submenu);
    }
  };
  walk(Menu.getApplicationMenu()?.items ?? []);
  return flat;
}

const click = (list: FakeMenuItem[], label: string) => {
  const item = list.find((i) => i.label === label);
  if (!item?.click) throw new Error(`no menu item "${label}"`);
  item.click({}, undefined, {});
};

describe('the app menu', () => {
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    it(`has every app command once, with the table's shortcut (${platform})`, () => {
      const list = items(platform, true);
      for (const [id, command] of Object.entries(COMMANDS) as [CommandId, (typeof COMMANDS)[CommandId]][]) {
        const found = list.filter((i) => i.label === command.label);
        if (command.runs === 'form') {
          expect(found, id).toHaveLength(0);
          continue;
        }
        expect(found, id).toHaveLength(1);
        const shortcut = 'shortcut' in command ? command.shortcut : undefined;
        expect(found[0]?.accelerator, id).toBe(shortcut ? accelerator(shortcut) : undefined);
      }
    });
  }

  it('has no Reload or DevTools in packaged builds, and has them in development', () => {
    const devRoles = ['reload', 'forceReload', 'toggleDevTools'];
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      expect(items(platform, true).filter((i) => devRoles.includes(i.role ?? ''))).toEqual([]);
    }
    expect(items('linux', false).filter((i) => devRoles.includes(i.role ?? '')).map((i) => i.role)).toEqual(devRoles);
  });

  it('keeps Edit (copy and paste need it on macOS), zoom and Quit', () => {
    const roles = items('darwin', true).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']));
    expect(items('win32', true).map((i) => i.role)).toContain('quit');
  });

  it('sends view and lock commands to the window, Status lookup included', () => {
    const list = items('linux', true);
    for (const label of ['New application', 'Drafts', 'History', 'Status lookup', 'Settings', 'Lock']) click(list, label);
    expect(done).toEqual(['renderer:newApplication', 'renderer:drafts', 'renderer:history', 'renderer:lookup', 'renderer:settings', 'renderer:lock']);
  });

  it('runs exports, the logs folder, documentation and About in main', () => {
    const list = items('win32', true);
    for (const label of ['Export history…', 'Export audit log…', 'Open logs folder', 'DPP documentation', 'About TA Desk']) click(list, label);
    expect(done).toEqual(['exportHistory', 'exportAudit', 'openLogs', 'documentation', 'about']);
  });

  it('puts Open logs folder under Help', () => {
    installAppMenu(actions, { packaged: true, platform: 'linux' });
    const help = Menu.getApplicationMenu()?.items.find((i) => i.role === 'help');
    expect(help?.submenu?.map((i) => i.label)).toContain('Open logs folder');
  });
});
