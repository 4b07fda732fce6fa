import type { AuditEntry as AuditEntryView } from '../contract/applications.ts';
import { dppStatusLabel } from '../contract/dpp-statuses.ts';
import type { AuditEntry } from './store/repository.ts';

/**
 * The audit log keeps the details its writers stored (short, stable codes such as
 * "none → PendingReview" or "failed attempt 2"): existing databases are not rewritten. They are
 * put into words here, on the way to the Audit view and the CSV; a detail this version does not
 * recognise (written by a newer one, or already in words) is shown as stored.
 */
const ATTENTION_WORDS: Record<string, string> = {
  invalid: 'the DPP found problems with it',
  unauthorized: 'the DPP did not accept the credentials',
  forbidden: 'the DPP refused this Trusted Agent for the organization',
  conflict: 'the Direct address is already in use',
  keychain: 'the OS keychain was not available',
};

/** An environment's name by its id, when it is still set up. */
export type EnvironmentNames = (id: string) => string | undefined;
type Rule = [RegExp, (match: RegExpExecArray, names: EnvironmentNames) => string];

const quoted = (name: string | undefined) => (name ? `“${name}”` : undefined);

/** How this version wrote credential entries: by environment id (newer ones name it). */
const PASSWORD_STORED = /^password stored for environment (\S+)$/;
const ENVIRONMENT_REMOVED = /^environment (\S+) removed with its password$/;

/** "1 application", "3 applications". */
const count = (n: string | undefined, one: string, many: string) => `${n} ${n === '1' ? one : many}`;
const PHI_WORDS: Record<string, string> = { with: ', with patient details (PHI)', without: ', without patient details' };

const RULES: Partial<Record<string, Rule[]>> = {
  export: [
    [/^history export: (\d+) rows?(?:, (with|without) PHI columns)?$/, (m) => `History exported: ${count(m[1], 'application', 'applications')}${PHI_WORDS[m[2] ?? ''] ?? ''}`],
    [/^audit export: (\d+) entries$/, (m) => `Audit log exported: ${count(m[1], 'entry', 'entries')}`],
    [/^status lookup export: (\d+) rows, environment (.+)$/, (m) => `Status lookup results exported: ${count(m[1], 'row', 'rows')}, at ${m[2]}`],
  ],
  'status-change': [
    [/^none → (.+)$/, (m) => `First status: ${dppStatusLabel(m[1] ?? '')}`],
    [/^(.+) → (.+)$/, (m) => `${dppStatusLabel(m[1] ?? '')} → ${dppStatusLabel(m[2] ?? '')}`],
  ],
  submit: [
    [/^queued$/, () => 'Queued for sending'],
    [/^sent$/, () => 'Sent to the DPP'],
    [/^reconciled: found at the DPP$/, () => 'Found at the DPP after an interrupted send (not sent again)'],
    [/^interrupted while sending: .*$/, () => 'Interrupted while sending; its status is checked before any resend'],
    [/^needs attention: (.+)$/, (m) => `Needs attention: ${ATTENTION_WORDS[m[1] ?? ''] ?? 'the DPP answered in a way TA Desk could not use'}`],
  ],
  lock: [
    [/^manual$/, () => 'Locked by the Trusted Agent'],
    [/^idle$/, () => 'Locked after the idle time'],
  ],
  unlock: [
    [/^unlocked$/, () => 'Unlocked with the DPP password'],
    [/^failed attempt (\d+)$/, (m) => `Wrong password (attempt ${m[1]})`],
  ],
  'credentials-change': [
    [PASSWORD_STORED, (m, names) => `Password stored for ${quoted(names(m[1] ?? '')) ?? 'an environment since removed'}`],
    [ENVIRONMENT_REMOVED, (m, names) => `${quoted(names(m[1] ?? '')) ?? 'An environment'} removed with its password`],
  ],
};

export function auditDetailWords(action: string, detail: string | null, names: EnvironmentNames): string | null {
  if (detail === null) return null;
  for (const [pattern, words] of RULES[action] ?? []) {
    const match = pattern.exec(detail);
    if (match) return words(match, names);
  }
  return detail;
}

/** One stored entry with its detail in words (the action's words are the contract's auditActionLabel). */
export function auditEntryInWords(entry: AuditEntry, names: EnvironmentNames): AuditEntryView {
  return {
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    applicationRowId: entry.applicationRowId,
    applicationId: entry.applicationId,
    detail: auditDetailWords(entry.action, entry.detail, names),
  };
}

/** Environment ids that older credential entries name, so their names are looked up once. */
export function environmentIdsIn(entries: readonly AuditEntry[]): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    if (e.action !== 'credentials-change' || !e.detail) continue;
    const id = (PASSWORD_STORED.exec(e.detail) ?? ENVIRONMENT_REMOVED.exec(e.detail))?.[1];
    if (id) ids.add(id);
  }
  return [...ids];
}
