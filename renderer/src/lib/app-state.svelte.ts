import type { AppInfo } from '$contract/app-info.ts';
import type { OutboxState } from '$contract/applications.ts';
import type { EventPayload } from '$contract/channels.ts';
import type { CertificateType } from '$contract/certificate-types.ts';
import { COMMANDS } from '$contract/commands.ts';
import type { WindowApi } from '$contract/window-api.ts';

/** The views as tabs, in order; names and shortcuts come from the command table (commands.ts). */
const tab = <C extends 'newApplication' | 'drafts' | 'outbox' | 'history' | 'lookup' | 'importPatients' | 'settings' | 'audit'>(command: C) =>
  ({ id: COMMANDS[command].view, label: COMMANDS[command].label, command }) as const;
export const VIEWS = [tab('newApplication'), tab('drafts'), tab('outbox'), tab('history'), tab('lookup'), tab('importPatients'), tab('settings'), tab('audit')] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/**
 * Why a draft was made from an application in History: a rejection to correct (with the
 * Officer's comment), or a certificate to apply for again before it lapses (with its expiry).
 * Either way the form shows it at the top and the TA attests anew.
 */
export interface Reopened {
  kind?: 'rejected' | 'again';
  applicationId: string | null;
  comment: string | null;
  expiresOn?: string | null;
}

/** How long a success or info notice stays (errors stay until dismissed). */
export const NOTICE_FADE_MS = 6_000;

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
  /** The certificate type the TA last picked in this session (main remembers it across restarts). */
  certificateType: CertificateType | undefined = $state();
  /** Bumped to make the form reload (another draft opened, environment switched). */
  formGeneration = $state(0);
  outbox: OutboxState = $state({ online: true, queued: 0, sending: 0, unknown: 0 });
  notices: Notice[] = $state([]);
  /** Why the draft being opened was reopened (a rejection), shown above the form. */
  reopened: Reopened | undefined = $state();
  /** A Direct address the status lookup should open with (the next step after a 409). */
  lookupAddress: string | undefined = $state();
  /** Set by the form: saves the draft now (before locking, before switching away). */
  flushDraft: (() => Promise<void>) | undefined;
  /** The last notice in words, for the live region (read once, not with every re-render). */
  lastAnnouncement = $state('');
  /** An import batch History should filter by (set by the Import view; History clears it once read). */
  historyBatchId: string | undefined = $state();
  /** An application History should open (set by a notice; History clears it once shown). */
  historyOpenId: string | undefined = $state();
  #noticeId = 0;
  // Timers, never rendered: no reactivity wanted.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #fading = new Map<number, ReturnType<typeof setTimeout>>();
  #noticesHeld = false;

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

  /**
   * Open a draft in the form. `reopened` says it was made from a rejected application: the form
   * shows the Officer's reason at the top and the TA attests again.
   */
  openDraft(id: string | undefined, reopened?: Reopened): void {
    this.reopened = reopened;
    this.draftId = id;
    this.formGeneration += 1;
    this.view = 'new';
  }

  /** The next New application starts fresh (environment switched); the current view stays. */
  resetForm(): void {
    this.reopened = undefined;
    this.draftId = undefined;
    this.formGeneration += 1;
  }

  async show(view: ViewId): Promise<void> {
    if (this.view === 'new' && view !== 'new') await this.flushDraft?.();
    this.view = view;
  }

  /** Open Status lookup with this address filled in. */
  async openLookup(address: string): Promise<void> {
    this.lookupAddress = address;
    await this.show('lookup');
  }

  notify(notice: Omit<Notice, 'id'>): void {
    const id = ++this.#noticeId;
    this.notices = [...this.notices, { ...notice, id }];
    this.lastAnnouncement = `${notice.title}. ${notice.detail ?? notice.message}`;
    // Success and info fade on their own; a warning (a rejection, a failure) stays until dismissed.
    if (notice.level !== 'warning') this.#fadeLater(id);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.#fading.delete(id);
  }

  dismissAll(): void {
    this.notices = [];
    this.#fading.clear();
  }

  /** While the TA hovers or focuses the notices, none fades; the clock restarts when they leave. */
  holdNotices(held: boolean): void {
    this.#noticesHeld = held;
    if (!held) for (const id of this.#fading.keys()) this.#fadeLater(id);
  }

  /** Open one application's details in History (a notice was activated). */
  openApplication(rowId: string): void {
    this.historyOpenId = rowId;
    void this.show('history');
  }

  #fadeLater(id: number): void {
    clearTimeout(this.#fading.get(id));
    this.#fading.set(
      id,
      setTimeout(() => {
        if (this.#noticesHeld) return;
        this.dismiss(id);
      }, NOTICE_FADE_MS),
    );
  }
}
