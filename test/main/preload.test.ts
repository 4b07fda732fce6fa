import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, channels, eventNames, events } from '../../electron/contract/channels.ts';
import { BOOT_STATE_KEY, WINDOW_API_KEY } from '../../electron/contract/window-key.ts';
import { contextBridge, ipcRenderer } from '../fakes/electron.ts';

/**
 * The preload under the fake `electron`: it puts exactly the contract's task-shaped functions on
 * window.taDesk and carries them over IPC; nothing generic (invoke, send, ipcRenderer) leaks.
 */
let api: Record<string, unknown>;

const BOOT = JSON.stringify({ info: { ok: true, value: { environmentName: 'Practice' } } });

beforeAll(async () => {
  // Main's answer to the preload's one synchronous request, made while it loads.
  ipcRenderer.answerSync = (channel) => (channel === 'boot.state' ? BOOT : null);
  await import('../../electron/preload/index.ts');
  api = contextBridge.exposed.get(WINDOW_API_KEY) as Record<string, unknown>;
});

beforeEach(() => {
  ipcRenderer.invoked.length = 0;
});

describe('the preload', () => {
  it('exposes one function per channel and event method, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual([WINDOW_API_KEY, BOOT_STATE_KEY]);
    const expected = [...channelNames.map((c) => channels[c].method), ...eventNames.map((e) => events[e].method)].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('hands the page main’s boot state, asked for before the page runs, as a plain string', () => {
    expect(contextBridge.exposed.get(BOOT_STATE_KEY)).toBe(BOOT);
  });

  it('carries a call to its channel with the input, and hands back main’s answer', async () => {
    ipcRenderer.answer = () => ({ ok: true, value: { id: 'd1', updatedAt: 'now' } });
    const saveDraft = api.saveDraft as (input: unknown) => Promise<unknown>;
    expect(await saveDraft({ values: { firstName: 'Jane' } })).toEqual({ ok: true, value: { id: 'd1', updatedAt: 'now' } });
    expect(ipcRenderer.invoked).toEqual([['drafts.save', { values: { firstName: 'Jane' } }]]);
  });

  it('delivers events to a subscriber until it unsubscribes', () => {
    const seen: unknown[] = [];
    const onLockChanged = api.onLockChanged as (listener: (payload: unknown) => void) => () => void;
    const off = onLockChanged((payload) => seen.push(payload));
    ipcRenderer.deliver('lock.changed', { locked: true, idleMinutes: 10 });
    off();
    ipcRenderer.deliver('lock.changed', { locked: false, idleMinutes: 10 });
    expect(seen).toEqual([{ locked: true, idleMinutes: 10 }]);
    expect(ipcRenderer.listenerCount('lock.changed')).toBe(0);
  });
});
