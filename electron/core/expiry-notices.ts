import { daysUntilExpiry, EXPIRY_NOTICE_DAYS } from '../contract/certificate-expiry.ts';
import { certificateTypeLabel } from '../contract/certificate-types.ts';
import type { Emit } from './events.ts';
import type { HistoryIndex } from './history.ts';
import { createLogger } from './log.ts';
import type { Repository } from './store/repository.ts';

const log = createLogger('expiry');
/** Which notice each application last had (row id → days), in the settings table: ids and numbers only. */
const SETTING = 'expiry-notices';
const LONGEST = Math.max(...EXPIRY_NOTICE_DAYS);

/**
 * Certificates that never lapse unnoticed: an issued certificate without automatic renewal gets
 * a notice 60, 30 and 7 days before it expires — each once, the nearest one only when TA Desk
 * first sees it late. The OS notification names the Application ID and the day, never the person
 * (it shows on the lock screen); the in-app notice, behind the lock, may.
 */
export function createExpiryNotices(deps: {
  history: Pick<HistoryIndex, 'expiringWithin'>;
  settings: Pick<Repository, 'getSetting' | 'setSetting'>;
  emit: Emit;
  notify?: (title: string, body: string) => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  async function remembered(): Promise<Record<string, number>> {
    try {
      const parsed: unknown = JSON.parse((await deps.settings.getSetting(SETTING)) ?? '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
    } catch {
      return {};
    }
  }

  return {
    /** One pass: raise the notices that are due; answers how many were raised. */
    async check(): Promise<number> {
      const at = now();
      const rows = await deps.history.expiringWithin(LONGEST);
      const sent = await remembered();
      const kept: Record<string, number> = {};
      let raised = 0;
      for (const row of rows) {
        if (!row.expiresOn) continue;
        const left = daysUntilExpiry(row.expiresOn, at);
        const due = [...EXPIRY_NOTICE_DAYS].sort((a, b) => a - b).find((days) => left <= days);
        if (due === undefined || left < 0) continue;
        const previous = sent[row.id];
        kept[row.id] = previous !== undefined ? Math.min(previous, due) : due;
        if (previous !== undefined && previous <= due) continue;
        raised += 1;
        const what = certificateTypeLabel(row.certificateType);
        const day = new Date(`${row.expiresOn}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
        const when = left === 0 ? `today (${day})` : `in ${left} ${left === 1 ? 'day' : 'days'} (${day})`;
        const title = 'A certificate expires soon';
        const message = `${what} ${row.applicationId ?? ''} expires ${when} and does not renew automatically. Apply again from History.`.replace('  ', ' ');
        const who = row.patientName || row.directAddress;
        deps.emit('app.notice', { level: 'warning', title, message, detail: `${who}: ${message}`, rowId: row.id });
        deps.notify?.(title, message);
      }
      // Only applications still expiring are remembered: the setting never grows with History.
      await deps.settings.setSetting(SETTING, JSON.stringify(kept));
      return raised;
    },

    /**
     * Checks now and then every `intervalMs` (while `paused()` is false); returns a stop function
     * that waits for a check under way, so the store is never closed under it.
     */
    start(options: { intervalMs: number; paused: () => boolean }): () => Promise<void> {
      let running: Promise<void> = Promise.resolve();
      const run = () => {
        if (options.paused()) return;
        running = running.then(() => this.check().then(() => undefined, (err: unknown) => log.error('expiry check failed', err)));
      };
      run();
      const timer = setInterval(run, options.intervalMs);
      timer.unref?.();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
}

export type ExpiryNotices = ReturnType<typeof createExpiryNotices>;
