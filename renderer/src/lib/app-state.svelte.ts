import type { AppInfo } from '$contract/app-info.ts';
import type { OutboxState } from '$contract/applications.ts';
import type { EventPayload } from '$contract/channels.ts';
import type { WindowApi } from '$contract/window-api.ts';

export const VIEWS = [
  { id: 'new', label: 'New application', key: 'n' },
  { id: 'drafts', label: 'Drafts', key: 'd' },
  { id: 'outbox', label: 'Outbox', key: 'o' },
  { id: 'history', label: 'History', key: 'h' },
  { id: 'settings', label: 'Settings', key: ',' },
  { id: 'audit', label: 'Audit log', key: 'u' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export type Notice = EventPayload<'app.notice'> & { id: number };

/**
 * App-wide state shared by the views (passed by context): the environment, the lock, the
 * current view and which draft the form edits, the outbox counters and the notices.
 */
export class AppState {
  info: AppInfo | undefined = $state();
  locked = $state(false);
  idleMinutes = $state(10);
  view: ViewId = $state('new');
  /** The draft the New application view edits; undefined starts a fresh one. */
  draftId: string | undefined = $state();
  /** Bumped to make the form reload (another draft opened, environment switched). */
  formGeneration = $state(0);
  outbox: OutboxState = $state({ online: true, queued: 0, sending: 0, unknown: 0 });
  notices: Notice[] = $state([]);
  /** Set by the form: saves the draft now (before locking, before switching away). */
  flushDraft: (() => Promise<void>) | undefined;
  #noticeId = 0;

  /** The window API, wrapped: any answer "locked" brings the lock screen up, whatever asked. */
  readonly api: WindowApi;

  constructor(api: WindowApi) {
    const wrapped: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(api as unknown as Record<string, (...args: unknown[]) => unknown>)) {
      wrapped[name] = name.startsWith('on')
        ? fn
        : async (...args: unknown[]) => {
            const result = (await fn(...args)) as { ok: boolean; error?: { code: string } };
            if (!result.ok && result.error?.code === 'locked') this.locked = true;
            return result;
          };
    }
    this.api = wrapped as unknown as WindowApi;
  }

  openDraft(id: string | undefined): void {
    this.draftId = id;
    this.formGeneration += 1;
    this.view = 'new';
  }

  async show(view: ViewId): Promise<void> {
    if (this.view === 'new' && view !== 'new') await this.flushDraft?.();
    this.view = view;
  }

  notify(notice: Omit<Notice, 'id'>): void {
    const id = ++this.#noticeId;
    this.notices = [...this.notices, { ...notice, id }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }
}
