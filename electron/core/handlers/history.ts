import type { DraftValues } from '../../contract/applications.ts';
import { certificateTypeLabel, TYPE_NOT_KNOWN } from '../../contract/certificate-types.ts';
import { untickAttestation } from '../../contract/certificates.ts';
import { dppStatusLabel } from '../../contract/dpp-statuses.ts';
import { localTimeWithOffset } from '../../contract/local-time.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { StoreNotFoundError } from '../store/repository.ts';
import { draftSaver } from './drafts.ts';
import { auditedCsv } from './export-csv.ts';
import { AppFailure, guard } from './guard.ts';
import type { CoreServices } from './services.ts';

type HistoryHandlers = Pick<Handlers, 'history.query' | 'history.get' | 'history.checkStatus' | 'history.export' | 'history.reopen' | 'history.purge'>;

/** history.*: submitted applications: search, detail, status checks, export, reopen, purge. */
export function historyHandlers(services: Pick<CoreServices, 'repo' | 'envs' | 'actor' | 'history' | 'poller' | 'audit'>): HistoryHandlers {
  const { repo, history, poller, actor, audit, envs } = services;
  const save = draftSaver(services);
  return {
    'history.query': (query) => guard(() => history.query(query)),
    'history.get': ({ id }) =>
      guard(async () => {
        const summary = await history.get(id);
        if (!summary) throw new StoreNotFoundError(id);
        return { summary, timeline: await repo.timeline(id) };
      }),
    'history.checkStatus': ({ id }) => guard(() => poller.checkNow(id)),
    'history.export': ({ query, includePhi }) =>
      guard(async () => {
        const page = await history.query({ ...query, offset: 0, limit: 500 });
        const rows = [...page.rows];
        for (let offset = 500; offset < page.total; offset += 500) rows.push(...(await history.query({ ...query, offset, limit: 500 })).rows);
        // Which environment each went to, by name: a practice "Provisioned" is not a real certificate.
        const names = new Map((await envs.list()).environments.map((e) => [e.id, e.practice ? `${e.name} (practice)` : e.name]));
        const environmentName = (id: string) => names.get(id) ?? `Removed environment (${id})`;
        // Words and local times for the reader; raw values at the end for machines.
        // Name: the person (patient, certificate holder) or an organizational certificate's alternate
        // name; Direct address: the address, or the Direct domain it is for.
        const phiHeader = includePhi ? ['Name', 'Direct address or domain', 'Officer comments'] : [];
        const header = ['Application ID', 'Environment', 'Status', 'Status date', 'Submitted at', 'Certificate', ...phiHeader, 'Status code', 'Status date (as the DPP sent it)', 'Submitted at (ISO 8601 UTC)'];
        const data = rows.map((r) => [
          r.applicationId,
          environmentName(r.environmentId),
          r.dppStatus === null ? null : dppStatusLabel(r.dppStatus),
          localTimeWithOffset(r.statusDate),
          localTimeWithOffset(r.submittedAt),
          certificateTypeLabel(r.certificateType),
          ...(includePhi ? [r.patientName, r.directAddress, r.comments] : []),
          r.dppStatus,
          r.statusDate,
          r.submittedAt,
        ]);
        return auditedCsv(audit, 'history', header, data, `history export: ${data.length} rows, ${includePhi ? 'with' : 'without'} PHI columns`);
      }),
    'history.reopen': ({ id }) =>
      guard(async () => {
        const row = await repo.getApplication(id);
        if (!row) throw new StoreNotFoundError(id);
        // A tracked application whose type the DPP did not say has no form to draft it in (History
        // offers no Reopen for it; main does not rely on that).
        if (row.historyType === TYPE_NOT_KNOWN) {
          throw new AppFailure({ code: 'invalid', message: 'This application’s certificate type is not known, so TA Desk cannot make a draft of it. Start a new application of the right type.' });
        }
        // "Apply again": a new application is a new attestation, so the TA verifies and ticks it again.
        return save(undefined, untickAttestation(row.values as DraftValues, row.certificateType), row.certificateType);
      }),
    'history.purge': ({ olderThanDays }) =>
      guard(async () => {
        const purged = await repo.purgeHistory({ olderThanDays, actor: await actor() });
        history.forget();
        return { purged };
      }),
  };
}
