import { z } from 'zod';
import { ApplicationSchema } from './application.ts';
import { APPLICATION_STATES } from './application-states.ts';
import { AddressApplicationSchema } from './certificate-address.ts';
import { OrganizationApplicationSchema } from './certificate-organization.ts';
import { CERTIFICATE_TYPES, DEFAULT_CERTIFICATE_TYPE, HISTORY_CERTIFICATE_TYPES, isCertificateType, type CertificateType } from './certificate-types.ts';
import { HISTORY_SORT_KEYS } from './history-sort.ts';
import { localTimeWithOffset } from './local-time.ts';
import { AppErrorSchema } from './result.ts';

/** Drafts, outbox and history as the renderer sees them; states in application-states.ts. */
export const ApplicationStateSchema = z.enum(APPLICATION_STATES);
export { APPLICATION_STATES, type ApplicationState } from './application-states.ts';

/** A row's certificate type; rows from before there were types are patient ones. */
export const CertificateTypeSchema = z.enum(CERTIFICATE_TYPES).default(DEFAULT_CERTIFICATE_TYPE);

/**
 * Form values while drafting, for every certificate type (certificates.ts): every field optional
 * and loosely typed, validated only on submit. Never a secret: a secret field (the address
 * certificate's Direct account password) travels in `secrets` and is kept in the keychain.
 */
export const DraftValuesSchema = z
  .object({
    trustedAgent: z.string().max(1000),
    organizationName: z.string().max(1000),
    organizationCategory: z.string().max(10),
    firstName: z.string().max(1000),
    lastName: z.string().max(1000),
    city: z.string().max(1000),
    state: z.string().max(1000),
    country: z.string().max(10),
    duration: z.number().int().min(0).max(10),
    fullName: z.string().max(1000),
    directAddress: z.string().max(1000),
    autoRenew: z.boolean(),
    ial2Vetted: z.boolean(),
    notificationAddress: z.string().max(1000),
    notes: z.string().max(5000),
    directDomain: z.string().max(1000),
    alternateName: z.string().max(1000),
    usersVetted: z.boolean(),
  })
  .partial();
export type DraftValues = z.infer<typeof DraftValuesSchema>;

export const RowIdSchema = z.object({ id: z.uuid() });

/** Secret fields of a draft, by name (certificate-fields.ts `secret`): main keeps them in the keychain. */
export const DraftSecretsSchema = z.object({ password: z.string().max(1000) }).partial();

/**
 * `secrets`: a secret typed into the draft replaces the one kept; an empty string forgets it;
 * a secret left out stays as it was.
 */
export const SaveDraftInputSchema = z.object({
  id: z.uuid().optional(),
  certificateType: CertificateTypeSchema,
  values: DraftValuesSchema,
  secrets: DraftSecretsSchema.optional(),
});
export const SavedDraftSchema = z.object({ id: z.uuid(), updatedAt: z.string() });

export const ApplicationSummarySchema = z.object({
  id: z.string(),
  state: ApplicationStateSchema,
  /** 'unknown' only for a tracked application whose type the DPP's answer did not tell. */
  certificateType: z.enum(HISTORY_CERTIFICATE_TYPES).default(DEFAULT_CERTIFICATE_TYPE),
  environmentId: z.string(),
  /** Who or what the certificate is for: the person's full name; for an organizational one, its alternate name. */
  patientName: z.string(),
  /** The Direct address; for an organizational certificate, its Direct domain. */
  directAddress: z.string(),
  /** Applied for outside TA Desk and followed here after a status lookup. */
  tracked: z.boolean(),
  applicationId: z.string().nullable(),
  dppStatus: z.string().nullable(),
  statusDate: z.string().nullable(),
  comments: z.string().nullable(),
  updatedAt: z.string(),
  queuedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  attention: z.object({ code: z.string(), message: z.string() }).nullable(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  /** The day an issued certificate lapses (YYYY-MM-DD, certificate-expiry.ts); null until issued or when unknown. */
  expiresOn: z.string().nullable().default(null),
  /** Whether the certificate renews by itself; null when unknown (applied for outside TA Desk). */
  autoRenew: z.boolean().nullable().default(null),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummarySchema>;

export const DraftDetailSchema = z.object({
  id: z.string(),
  state: ApplicationStateSchema,
  certificateType: CertificateTypeSchema,
  values: DraftValuesSchema,
  /** Names of the secret fields main keeps for this draft (never their values). */
  keptSecrets: z.array(z.string()).default([]),
  attention: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() }).nullable(),
  updatedAt: z.string(),
});
export type DraftDetail = z.infer<typeof DraftDetailSchema>;

/**
 * application.submit's input: an application of any type, checked by that type's schema
 * (certificates.ts); `certificateType` left out means a patient application, as before there were
 * types. Context-free: main adds the profile's Direct domain rule.
 */
export const SubmitInputSchema = z.discriminatedUnion('certificateType', [
  z.object({ draftId: z.uuid().optional(), certificateType: z.literal('patient').optional(), application: ApplicationSchema }),
  z.object({ draftId: z.uuid().optional(), certificateType: z.literal('address'), application: AddressApplicationSchema }),
  z.object({ draftId: z.uuid().optional(), certificateType: z.literal('organization'), application: OrganizationApplicationSchema }),
]);
export type SubmitInput = z.input<typeof SubmitInputSchema>;

/** What submitting returned: sent (with the DPP's id) or queued for later; a refusal is an error. */
export const SubmitOutcomeSchema = z.object({
  id: z.string(),
  state: ApplicationStateSchema,
  applicationId: z.string().nullable(),
  status: z.string().nullable(),
  submittedAt: z.string().nullable(),
  environmentName: z.string(),
  /** Why it is still queued (offline, rate-limited…), when it is. */
  pending: AppErrorSchema.optional(),
});
export type SubmitOutcome = z.infer<typeof SubmitOutcomeSchema>;

export { HISTORY_SORT_KEYS } from './history-sort.ts';

export const HistoryQuerySchema = z.object({
  search: z.string().max(200).optional(),
  statuses: z.array(z.string().max(60)).max(20).optional(),
  /** Only this environment's applications (History defaults to the active one). */
  environmentId: z.string().max(100).optional(),
  /** Only the applications of this import batch (import-batch.ts). */
  batchId: z.string().max(100).optional(),
  /** Only these certificate types, 'unknown' for tracked rows of no known type (none: every type). */
  certificateTypes: z.array(z.enum(HISTORY_CERTIFICATE_TYPES)).max(HISTORY_CERTIFICATE_TYPES.length).optional(),
  /** "Expiring soon": issued certificates that lapse within this many days and do not renew by themselves. */
  expiringWithinDays: z.number().int().min(1).max(3660).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  sortBy: z.enum(HISTORY_SORT_KEYS).default('submittedAt'),
  sortDir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export const HistoryPageSchema = z.object({
  total: z.number(),
  rows: z.array(ApplicationSummarySchema),
  statuses: z.array(z.string()),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

export const TimelineEntrySchema = z.object({
  status: z.string(),
  statusDate: z.string().nullable(),
  comments: z.string().nullable(),
  recordedAt: z.string(),
});

export const HistoryDetailSchema = z.object({
  summary: ApplicationSummarySchema,
  timeline: z.array(TimelineEntrySchema),
});
export type HistoryDetail = z.infer<typeof HistoryDetailSchema>;

export const ExportInputSchema = z.object({
  query: HistoryQuerySchema.omit({ offset: true, limit: true }),
  includePhi: z.boolean(),
});
/**
 * The core answers with the file's contents (`csv`); the preview host hands them to the browser's
 * download. In the desktop app main asks where to save, writes the file itself (owner-only) and
 * answers only `saved` or `cancelled`: the renderer never learns the path.
 */
export const ExportResultSchema = z.union([
  z.object({ fileName: z.string(), csv: z.string(), rows: z.number() }),
  z.object({ saved: z.literal(true), rows: z.number() }),
  z.object({ cancelled: z.literal(true) }),
]);
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** The name a new export file is offered under, dated with the TA's date (not UTC's). */
/** What a CSV export holds; it names the file. */
export type ExportKind = 'history' | 'audit' | 'status-lookup' | 'import-template' | 'import-results';

export function exportFileName(kind: ExportKind, at: Date = new Date()): string {
  return `ta-desk-${kind}-${localTimeWithOffset(at.toISOString()).slice(0, 10)}.csv`;
}

/**
 * The name an export's file is given; an import template of a type other than the first says
 * its type ("ta-desk-import-template-address-…"). `input` is the channel's input, as sent.
 */
export function exportFileNameFor(kind: ExportKind, input: unknown, at: Date = new Date()): string {
  const name = exportFileName(kind, at);
  const type: unknown = kind === 'import-template' ? (input as { certificateType?: unknown } | undefined)?.certificateType : undefined;
  return isCertificateType(type) && type !== 'patient' ? name.replace(kind, `${kind}-${type satisfies CertificateType}`) : name;
}

export const PurgeInputSchema = z.object({ olderThanDays: z.number().int().min(1).max(36500) });

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  /** An AuditAction code (audit-actions.ts, which has its words); a string, so entries of a newer version still list. */
  action: z.string(),
  /** TA Desk's own id of the application, to open it; never shown. */
  applicationRowId: z.string().nullable(),
  /** The DPP's Application ID, shown instead of the row id (null: a draft, or since purged). */
  applicationId: z.string().nullable(),
  /** In words ("Pending review → Approved"): ids, counts and names only, never PHI. */
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const OutboxStateSchema = z.object({
  online: z.boolean(),
  queued: z.number(),
  sending: z.number(),
  unknown: z.number(),
});
export type OutboxState = z.infer<typeof OutboxStateSchema>;
