import type { ApplicationSummary, OutboxState } from '$contract/applications.ts';
import type { WindowApi } from '$contract/window-api.ts';
import { LiveData } from '../lib/live-data.ts';

/**
 * Slower than the other views' 250 ms: while a batch sends, every send moves the outbox, and each
 * reload lists every waiting application (up to a whole import of 10,000); once a second is plenty
 * for a list the TA watches and leaves main's time to the sending.
 */
const REFRESH_EVERY_MS = 1_000;

/**
 * The Outbox list: applications waiting to be sent, reloaded (throttled) when one changes or the
 * outbox counters move, and "Retry now".
 */
export class OutboxController {
  rows: ApplicationSummary[] | undefined = $state();
  error: string | undefined = $state();
  busy = $state(false);

  readonly #api: WindowApi;
  readonly #onState: (state: OutboxState) => void;
  readonly #live: LiveData<ApplicationSummary[]>;

  /** `onState` gets the counters a retry answers with (the header's badge shows them). */
  constructor(api: WindowApi, onState: (state: OutboxState) => void) {
    this.#api = api;
    this.#onState = onState;
    this.#live = new LiveData({
      api,
      events: { 'application.changed': true, 'outbox.changed': true },
      everyMs: REFRESH_EVERY_MS,
      load: () => api.listOutbox(),
      onValue: (rows) => {
        this.error = undefined;
        this.rows = rows;
      },
      onError: (error) => (this.error = error.message),
    });
    $effect(() => this.#live.start());
  }

  async retry(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const result = await this.#api.retryOutbox();
      if (result.ok) this.#onState(result.value);
      else this.error = result.error.message;
    } finally {
      this.busy = false;
    }
    await this.#live.reload();
  }
}
