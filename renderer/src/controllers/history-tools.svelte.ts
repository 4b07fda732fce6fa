import type { WindowApi } from '$contract/window-api.ts';
import { deliverExport } from '../lib/export-delivery.ts';
import { plural } from '../lib/format.ts';
import type { HistoryFilters } from './history.svelte.ts';

/**
 * History's actions on many applications: check every status, export CSV (with or without PHI),
 * purge finished ones (asked first). One at a time; each ends in a message or an error.
 */
export class HistoryToolsController {
  busy = $state(false);
  error: string | undefined = $state();
  message: string | undefined = $state();
  includePhi = $state(false);
  purgeDays = $state(365);
  /** The number of days the TA is being asked to confirm, while asked. */
  confirmingPurge: number | undefined = $state();
  readonly purgeDaysValid = $derived(Number.isInteger(this.purgeDays) && this.purgeDays >= 1 && this.purgeDays <= 36500);

  readonly #api: WindowApi;
  readonly #filters: () => HistoryFilters;
  readonly #changed: () => void;

  /** `filters` are the list's (the export follows them); `changed` runs after the data may have changed. */
  constructor(api: WindowApi, filters: () => HistoryFilters, changed: () => void) {
    this.#api = api;
    this.#filters = filters;
    this.#changed = changed;
  }

  checkAll = () =>
    this.#run(async () => {
      const result = await this.#api.checkStatus({});
      if (!result.ok) return void (this.error = result.error.message);
      const { checked, changed } = result.value;
      this.message =
        checked === 0
          ? 'Status checked: every application already has a final status.'
          : `Status checked for ${plural(checked, 'application', 'applications')}: ${changed} changed.`;
      this.#changed();
    });

  exportCsv = () =>
    this.#run(async () => {
      const includePhi = this.includePhi;
      const result = await this.#api.exportHistory({ query: this.#filters(), includePhi });
      if (!result.ok) return void (this.error = result.error.message);
      const saved = deliverExport(result.value);
      if (saved) this.message = `Exported ${plural(saved.rows, 'application', 'applications')} ${includePhi ? 'with' : 'without'} patient details.`;
    });

  askPurge(): void {
    this.error = undefined;
    this.message = undefined;
    if (!this.purgeDaysValid) {
      this.error = 'Enter a whole number of days from 1 to 36500.';
      return;
    }
    this.confirmingPurge = this.purgeDays;
  }

  cancelPurge(): void {
    this.confirmingPurge = undefined;
  }

  purge = () =>
    this.#run(async () => {
      const days = this.confirmingPurge;
      this.confirmingPurge = undefined;
      if (days === undefined) return;
      const result = await this.#api.purgeHistory({ olderThanDays: days });
      if (!result.ok) return void (this.error = result.error.message);
      this.message = `Purged ${plural(result.value.purged, 'application', 'applications')} older than ${days} days.`;
      this.#changed();
    });

  async #run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    this.message = undefined;
    try {
      await action();
    } finally {
      this.busy = false;
    }
  }
}
