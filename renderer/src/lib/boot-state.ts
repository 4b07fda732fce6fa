import type { AppInfo } from '$contract/app-info.ts';
import type { OutboxState } from '$contract/applications.ts';
import type { LockState } from '$contract/lock.ts';
import type { Result } from '$contract/result.ts';

export interface BootState {
  info: Result<AppInfo>;
  lock: Result<LockState>;
  outbox: Result<OutboxState>;
}

/**
 * The boot state the host delivered inside the page (environment, lock, outbox), so the app is
 * usable without waiting for first round trips. Absent (or unreadable) → the app asks instead.
 */
export function readBootState(): BootState | undefined {
  const element = document.getElementById('ta-desk-boot');
  if (!element?.textContent) return undefined;
  try {
    const boot = JSON.parse(element.textContent) as Partial<BootState>;
    element.remove();
    const info = boot.info;
    if (!info || !boot.lock || !boot.outbox) return undefined;
    // A malformed info would break every view: accept only the shape the app relies on.
    if (info.ok && (typeof info.value?.environmentName !== 'string' || typeof info.value.profile !== 'object')) return undefined;
    return boot as BootState;
  } catch {
    return undefined;
  }
}
