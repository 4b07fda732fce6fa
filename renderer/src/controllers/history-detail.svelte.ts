import { untrack } from 'svelte';
import type { HistoryDetail } from '$contract/applications.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { LatestRequest, onEvents, Throttle } from '../lib/live-data.ts';
import { statusLabel } from '../lib/statuses.ts';

const REFRESH_EVERY_MS = 250;

/**
 * The application open in History's detail panel: loads it, follows its changes (only its own
 * events), checks its status and reopens it as a draft. Construct it while a component
 * initialises.
 */
export class HistoryDetailController {
  openId: string | undefined = $state();
  detail: HistoryDetail | undefined = $state();
  error: string | undefined = $state();
  checkMessage: string | undefined = $state();
  busy = $state(false);

  readonly #api: WindowApi;
  readonly #onReopened: (draftId: string, how: 'reopen' | 'again') => void;
  readonly #latest = new LatestRequest();
  readonly #throttle = new Throttle(() => void this.#load(), REFRESH_EVERY_MS);

  constructor(api: WindowApi, onReopened: (draftId: string, how: 'reopen' | 'again') => void) {
    this.#api = api;
    this.#onReopened = onReopened;
    $effect(() =>
      untrack(() => {
        const off = onEvents(api, { 'application.changed': (event) => event.id === this.openId }, () => this.#throttle.trigger());
        return () => {
          off();
          this.#throttle.cancel();
          this.#latest.cancel();
        };
      }),
    );
  }

  async open(id: string): Promise<void> {
    this.openId = id;
    this.detail = undefined;
    this.error = undefined;
    this.checkMessage = undefined;
    await this.#load();
  }

  /** Re-read the open application (after an action that may have changed or purged it). */
  refresh(): void {
    void this.#load();
  }

  close(): void {
    this.#latest.cancel();
    this.openId = undefined;
    this.detail = undefined;
  }

  /** Asks the DPP now and says what changed, in words. */
  async check(): Promise<void> {
    const id = this.openId;
    if (!id || this.busy) return;
    const before = this.detail?.summary.dppStatus ?? null;
    this.busy = true;
    this.checkMessage = undefined;
    try {
      const result = await this.#api.checkStatus({ id });
      if (!result.ok) {
        this.error = result.error.message;
        return;
      }
      const now = await this.#load();
      const after = (now ?? this.detail)?.summary.dppStatus ?? before;
      this.checkMessage =
        result.value.changed > 0 && after !== before
          ? `Status checked: ${statusLabel(before)} → ${statusLabel(after)}.`
          : `Status checked: no change (${statusLabel(after)}).`;
    } finally {
      this.busy = false;
    }
  }

  /** A copy of the application as a new draft (after a rejection, or to change and send anew). */
  reopen(): Promise<void> {
    return this.#copy('reopen');
  }

  /**
   * An issued certificate applied for again before it lapses: the same copy (main keeps the type
   * and saves the attestation unticked), opened with what it renews said at the top.
   */
  applyAgain(): Promise<void> {
    return this.#copy('again');
  }

  async #copy(how: 'reopen' | 'again'): Promise<void> {
    const id = this.openId;
    if (!id || this.busy) return;
    this.busy = true;
    try {
      const result = await this.#api.reopenAsDraft({ id });
      if (result.ok) this.#onReopened(result.value.id, how);
      else this.error = result.error.message;
    } finally {
      this.busy = false;
    }
  }

  /** The newest answer for the open application wins; one for an application since closed is dropped. */
  async #load(): Promise<HistoryDetail | undefined> {
    const id = this.openId;
    if (!id) return undefined;
    const fresh = this.#latest.begin();
    const result = await this.#api.getHistoryDetail({ id });
    if (!fresh() || this.openId !== id) return undefined;
    if (!result.ok) {
      this.error = result.error.message;
      if (result.error.code === 'not-found') this.detail = undefined;
      return undefined;
    }
    this.error = undefined;
    this.detail = result.value;
    return result.value;
  }
}
