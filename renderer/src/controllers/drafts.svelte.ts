import type { ApplicationSummary } from '$contract/applications.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { LiveData } from '../lib/live-data.ts';

const REFRESH_EVERY_MS = 250;

export interface DraftsHooks {
  /** Show this draft in the form. */
  open: (id: string) => void;
  /** A draft is gone: the form must not keep editing it. */
  deleted: (id: string) => void;
}

/**
 * The Drafts list: loaded on show, reloaded (throttled) when an application changes (a queued
 * one may come back needing attention), duplicate, and delete after the TA confirms.
 */
export class DraftsController {
  drafts: ApplicationSummary[] | undefined = $state();
  error: string | undefined = $state();
  /** The draft whose deletion the TA is being asked to confirm. */
  confirmingDelete: string | undefined = $state();

  readonly #api: WindowApi;
  readonly #hooks: DraftsHooks;
  readonly #live: LiveData<ApplicationSummary[]>;

  constructor(api: WindowApi, hooks: DraftsHooks) {
    this.#api = api;
    this.#hooks = hooks;
    this.#live = new LiveData({
      api,
      events: { 'application.changed': true },
      everyMs: REFRESH_EVERY_MS,
      load: () => api.listDrafts(),
      onValue: (drafts) => (this.drafts = drafts),
      onError: (error) => (this.error = error.message),
    });
    $effect(() => this.#live.start());
  }

  async duplicate(id: string): Promise<void> {
    const result = await this.#api.duplicateDraft({ id });
    if (result.ok) this.#hooks.open(result.value.id);
    else this.error = result.error.message;
  }

  /**
   * Deletes the confirmed draft and reloads; answers the draft now in its place (the one after
   * it), if any, so the view can put focus there instead of dropping it on the page.
   */
  async remove(id: string): Promise<string | undefined> {
    this.confirmingDelete = undefined;
    const before = this.drafts ?? [];
    const index = before.findIndex((d) => d.id === id);
    const result = await this.#api.deleteDraft({ id });
    if (result.ok) {
      this.error = undefined;
      this.#hooks.deleted(id);
    } else this.error = result.error.message;
    await this.#live.reload();
    const now = this.drafts ?? [];
    const next = before.slice(index + 1).find((d) => now.some((n) => n.id === d.id));
    return next?.id;
  }
}
