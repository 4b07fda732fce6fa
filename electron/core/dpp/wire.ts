/**
 * THE place to correct against DataMotion's sandbox.
 *
 * Everything docs/dpp-contract.md marks "assumed" about the wire lives here and nowhere else:
 * paths, header names, JSON keys, body shapes (status names, which the window shows too, are in
 * contract/dpp-statuses.ts). The client and the practice DPP both speak through this module, so
 * fixing a key here fixes both ends at once.
 */
import { z } from 'zod';
import type { Application, ApplicationField } from '../../contract/application.ts';
import type { AddressField } from '../../contract/certificate-address.ts';
import type { OrganizationField } from '../../contract/certificate-organization.ts';
import type { CertificateType } from '../../contract/certificate-types.ts';
import { CERTIFICATE_FORMS, type AnyCertificate } from '../../contract/certificates.ts';

export const PATHS = {
  /** Assumed, by analogy with the documented .../Certificate/Organizational. */
  submitPatient: '/DirectProvisioningApi/Certificate/Patient',
  /** Assumed, by analogy. */
  submitAddress: '/DirectProvisioningApi/Certificate/Address',
  /** Documented. */
  submitOrganizational: '/DirectProvisioningApi/Certificate/Organizational',
  /** Assumed. */
  provisioningStatus: '/DirectProvisioningApi/User/ProvisioningStatus',
  /** Assumed: the status of any application by its number (an organizational one has no address). */
  certificateStatus: '/DirectProvisioningApi/Certificate/Status',
} as const;

/** Where each certificate type is submitted. */
export const SUBMIT_PATHS: Record<CertificateType, string> = {
  patient: PATHS.submitPatient,
  address: PATHS.submitAddress,
  organization: PATHS.submitOrganizational,
};

export const STATUS_QUERY_PARAM = 'directAddress';
/** Assumed: the query parameter of PATHS.certificateStatus. */
export const APPLICATION_ID_QUERY_PARAM = 'applicationId';

export const HEADERS = {
  userId: 'X-User-Id', // documented
  password: 'X-User-Password', // documented
  idempotencyKey: 'Idempotency-Key', // assumed; the real DPP may ignore it
  retryAfter: 'Retry-After',
} as const;

/**
 * App field → JSON key, for every certificate type (a field means the same on each). Documented
 * keys are marked; the rest are assumed.
 */
export const JSON_KEYS = {
  trustedAgent: 'TrustedAgent', // documented
  organizationName: 'OrganizationName', // documented
  organizationCategory: 'OrganizationCategory', // documented key
  firstName: 'FirstName',
  lastName: 'LastName',
  city: 'City', // documented
  state: 'State', // documented
  country: 'Country', // documented
  duration: 'Duration',
  fullName: 'FullName',
  directAddress: 'DirectAddress',
  autoRenew: 'AutoRenew',
  ial2Vetted: 'Ial2Vetted',
  notificationAddress: 'NotificationAddress',
  notes: 'Notes',
  password: 'Password', // address certificates only
  directDomain: 'DirectDomain', // organizational certificates only
  alternateName: 'AlternateName',
  usersVetted: 'UsersVetted',
} as const satisfies Record<ApplicationField | AddressField | OrganizationField, string>;

export type WireField = keyof typeof JSON_KEYS;

const fieldByKey = new Map<string, WireField>(Object.entries(JSON_KEYS).map(([field, key]) => [key.toLowerCase(), field as WireField]));

/**
 * Map a ModelState key back to a form field. ASP.NET prefixes keys with the parameter name
 * ("application.DirectAddress") and keys are case-insensitive, so both are tolerated.
 */
export function fieldForModelStateKey(key: string): WireField | undefined {
  const last = key.split('.').pop() ?? key;
  return fieldByKey.get(last.toLowerCase());
}

export type WireApplication = Record<string, string | number | boolean>;

/**
 * How a value goes on the wire when it is not sent as it is: the patient application's
 * Ial2Vetted is the string "true" (assumed), the address certificate's a real boolean (documented).
 */
const ENCODERS: Partial<Record<CertificateType, Partial<Record<WireField, (value: unknown) => string | number | boolean>>>> = {
  patient: { ial2Vetted: (v) => (v === true ? 'true' : 'false') },
};
const DECODERS: Partial<Record<CertificateType, Partial<Record<WireField, (value: unknown) => unknown>>>> = {
  patient: { ial2Vetted: (v) => (v === 'true' ? true : v) },
};

/** The JSON body of a submit, keys in form order; an optional field left empty is not sent. */
export function certificateToWire(certificate: AnyCertificate): WireApplication {
  const { certificateType: type } = certificate;
  const app = certificate.application as Record<string, unknown>;
  const body: WireApplication = {};
  for (const { name } of CERTIFICATE_FORMS[type].fields) {
    const value = app[name];
    if (value === undefined || value === '') continue;
    const field = name as WireField;
    const encode = ENCODERS[type]?.[field];
    body[JSON_KEYS[field]] = encode ? encode(value) : (value as string | number | boolean);
  }
  return body;
}

/** The patient application's body (the first type; kept for its callers). */
export function toWire(app: Application): WireApplication {
  return certificateToWire({ certificateType: 'patient', application: app });
}

/**
 * Read a wire body back into form fields (the practice DPP's side). Values are passed through
 * untyped so that the shared schema, not this function, decides what is wrong with them; keys of
 * fields the type does not have are dropped.
 */
export function fromWire(body: Record<string, unknown>, type: CertificateType = 'patient'): Record<string, unknown> {
  const names = new Set<string>(CERTIFICATE_FORMS[type].fields.map((f) => f.name));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const field = fieldForModelStateKey(key);
    if (!field || !names.has(field)) continue;
    const decode = DECODERS[type]?.[field];
    out[field] = decode ? decode(value) : value;
  }
  return out;
}

/** 200/201 body of a submit. Tolerant: extra fields pass, only ApplicationId is required. */
export const SubmitAcceptedWire = z.looseObject({
  ApplicationId: z.string().min(1),
  Status: z.string().optional(),
  SubmittedAt: z.string().optional(),
});

/** 200 body of a status lookup (by address, or by application number with DirectDomain set). */
export const ProvisioningStatusWire = z.looseObject({
  DirectAddress: z.string().nullish(),
  DirectDomain: z.string().nullish(),
  ApplicationId: z.string().optional(),
  Status: z.string().min(1),
  StatusDate: z.string().optional(),
  Comments: z.string().nullish(),
});

export type ProvisioningStatusBody = z.infer<typeof ProvisioningStatusWire>;

/**
 * Assumed: application numbers start with a prefix per certificate type. `PC-` is the patient
 * application's number in the contract's examples; `AC-` and `OC-` follow it by analogy (and are
 * the practice DPP's numbers). To check against DataMotion's sandbox: if its numbers differ, fix
 * them here, and until then a tracked application's type is stored as not known, never guessed.
 */
export const APPLICATION_ID_PREFIXES: Record<CertificateType, string> = { patient: 'PC', address: 'AC', organization: 'OC' };

/**
 * Which certificate a status answer is for, when it tells (docs/dpp-contract.md, "Which
 * certificate an answer is for"): the number's prefix, unless the answer's fields contradict it (a
 * Direct domain is an organizational certificate, a Direct address is not); else a Direct domain
 * alone says organizational. Undefined: not known (a Direct address fits a patient or an address
 * certificate alike).
 */
export function certificateTypeOfStatus(body: Pick<ProvisioningStatusBody, 'ApplicationId' | 'DirectAddress' | 'DirectDomain'>): CertificateType | undefined {
  const prefix = /^([A-Za-z]+)-/.exec(body.ApplicationId?.trim() ?? '')?.[1]?.toUpperCase();
  const byPrefix = (Object.keys(APPLICATION_ID_PREFIXES) as CertificateType[]).find((type) => APPLICATION_ID_PREFIXES[type] === prefix);
  const hasDomain = !!body.DirectDomain?.trim();
  const hasAddress = !!body.DirectAddress?.trim();
  if (byPrefix === 'organization') return hasAddress ? undefined : byPrefix;
  if (byPrefix) return hasDomain ? undefined : byPrefix;
  return hasDomain && !hasAddress ? 'organization' : undefined;
}

/** Error bodies: `Message`, and for 400 `ModelState` (key → messages). Tolerant of anything else. */
export const ErrorWire = z.looseObject({
  Message: z.string().optional(),
  message: z.string().optional(),
  ModelState: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
});
