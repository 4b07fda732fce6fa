import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { accelerator, COMMANDS, shortcutOf, type CommandId, type RendererCommand } from '../contract/commands.ts';

/** What the menu's commands do; 'renderer' commands go to the window as the 'app.command' event. */
export interface MenuActions {
  renderer(command: RendererCommand): void;
  exportHistory(): void;
  exportAudit(): void;
  documentation(): void;
  openLogs(): void;
  about(): void;
}

/**
 * The app menu: TA Desk's own commands with the shortcuts of electron/contract/commands.ts (the
 * table the renderer reads too), the standard Edit menu (copy and paste need it on macOS), zoom
 * for 200% reading, and Reload / DevTools only in development builds.
 */
export function appMenuTemplate(actions: MenuActions, options: { packaged: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const item = (id: CommandId): MenuItemConstructorOptions => {
    const command = COMMANDS[id];
    const shortcut = shortcutOf(id);
    const click = () => {
      if (command.runs === 'renderer') actions.renderer(id as RendererCommand);
      else if (command.runs === 'main') actions[id as Exclude<keyof MenuActions, 'renderer'>]();
    };
    return { id, label: command.label, ...(shortcut ? { accelerator: accelerator(shortcut) } : {}), click };
  };
  const devOnly: MenuItemConstructorOptions[] = options.packaged ? [] : [sep, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];

  return [
    ...(mac
      ? [{ label: app.getName(), submenu: [item('about'), sep, item('settings'), sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] } as MenuItemConstructorOptions]
      : []),
    {
      label: 'File',
      submenu: [item('newApplication'), item('importPatients'), sep, item('exportHistory'), item('exportAudit'), sep, item('lock'), sep, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        item('drafts'),
        item('outbox'),
        item('history'),
        item('lookup'),
        item('audit'),
        ...(mac ? [] : [item('settings')]),
        sep,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        sep,
        { role: 'togglefullscreen' },
        ...devOnly,
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [item('documentation'), item('openLogs'), ...(mac ? [] : [sep, item('about')])] },
  ];
}

export function installAppMenu(actions: MenuActions, options: { packaged: boolean; platform?: NodeJS.Platform }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions, { packaged: options.packaged, platform: options.platform ?? process.platform })));
}
