import type { AppInfo } from '$contract/app-info.ts';
import type { OutboxState } from '$contract/applications.ts';
import type { LockState } from '$contract/lock.ts';
import type { Result } from '$contract/result.ts';
import { BOOT_STATE_KEY } from '$contract/window-key.ts';

export interface BootState {
  info: Result<AppInfo>;
  lock: Result<LockState>;
  outbox: Result<OutboxState>;
}

/**
 * The boot state delivered with the page (environment, lock, outbox) — by the preload in the
 * desktop app, inside the HTML by the preview host — so the app is usable without waiting for
 * first round trips. Absent (or unreadable) → the app asks instead.
 */
export function readBootState(): BootState | undefined {
  // The desktop app: the preload asked main before this script ran (a JSON string).
  const fromPreload = (window as unknown as Record<string, unknown>)[BOOT_STATE_KEY];
  if (typeof fromPreload === 'string') return parse(fromPreload);
  // The preview host: a JSON block in the page, read once.
  const element = document.getElementById('ta-desk-boot');
  if (!element?.textContent) return undefined;
  const text = element.textContent;
  element.remove();
  return parse(text);
}

function parse(text: string): BootState | undefined {
  try {
    const boot = JSON.parse(text) as Partial<BootState>;
    const info = boot.info;
    if (!info || !boot.lock || !boot.outbox) return undefined;
    // A malformed info would break every view: accept only the shape the app relies on.
    if (info.ok && (typeof info.value?.environmentName !== 'string' || typeof info.value.profile !== 'object')) return undefined;
    return boot as BootState;
  } catch {
    return undefined;
  }
}
