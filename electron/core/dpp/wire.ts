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

export const PATHS = {
  /** Assumed, by analogy with the documented .../Certificate/Organizational. */
  submitPatient: '/DirectProvisioningApi/Certificate/Patient',
  /** Assumed. */
  provisioningStatus: '/DirectProvisioningApi/User/ProvisioningStatus',
} as const;

export const STATUS_QUERY_PARAM = 'directAddress';

export const HEADERS = {
  userId: 'X-User-Id', // documented
  password: 'X-User-Password', // documented
  idempotencyKey: 'Idempotency-Key', // assumed; the real DPP may ignore it
  retryAfter: 'Retry-After',
} as const;

/** App field → JSON key. Documented keys are marked; the rest are assumed. */
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
} as const satisfies Record<ApplicationField, string>;

const fieldByKey = new Map<string, ApplicationField>(
  Object.entries(JSON_KEYS).map(([field, key]) => [key.toLowerCase(), field as ApplicationField]),
);

/**
 * Map a ModelState key back to a form field. ASP.NET prefixes keys with the parameter name
 * ("application.DirectAddress") and keys are case-insensitive, so both are tolerated.
 */
export function fieldForModelStateKey(key: string): ApplicationField | undefined {
  const last = key.split('.').pop() ?? key;
  return fieldByKey.get(last.toLowerCase());
}

export type WireApplication = Record<string, string | number | boolean>;

/** The JSON body of a submit. Notes are omitted when empty; Ial2Vetted is sent as "true". */
export function toWire(app: Application): WireApplication {
  const body: WireApplication = {
    [JSON_KEYS.trustedAgent]: app.trustedAgent,
    [JSON_KEYS.organizationName]: app.organizationName,
    [JSON_KEYS.organizationCategory]: app.organizationCategory,
    [JSON_KEYS.firstName]: app.firstName,
    [JSON_KEYS.lastName]: app.lastName,
    [JSON_KEYS.city]: app.city,
    [JSON_KEYS.state]: app.state,
    [JSON_KEYS.country]: app.country,
    [JSON_KEYS.duration]: app.duration,
    [JSON_KEYS.fullName]: app.fullName,
    [JSON_KEYS.directAddress]: app.directAddress,
    [JSON_KEYS.autoRenew]: app.autoRenew,
    [JSON_KEYS.ial2Vetted]: app.ial2Vetted ? 'true' : 'false',
    [JSON_KEYS.notificationAddress]: app.notificationAddress,
  };
  if (app.notes) body[JSON_KEYS.notes] = app.notes;
  return body;
}

/**
 * Read a wire body back into form fields (the practice DPP's side). Values are passed through
 * untyped so that the shared schema, not this function, decides what is wrong with them.
 */
export function fromWire(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const field = fieldForModelStateKey(key);
    if (field) out[field] = value;
  }
  if (out.ial2Vetted === 'true') out.ial2Vetted = true;
  return out;
}

/** 200/201 body of a submit. Tolerant: extra fields pass, only ApplicationId is required. */
export const SubmitAcceptedWire = z.looseObject({
  ApplicationId: z.string().min(1),
  Status: z.string().optional(),
  SubmittedAt: z.string().optional(),
});

/** 200 body of a status lookup. */
export const ProvisioningStatusWire = z.looseObject({
  DirectAddress: z.string().optional(),
  ApplicationId: z.string().optional(),
  Status: z.string().min(1),
  StatusDate: z.string().optional(),
  Comments: z.string().nullish(),
});

/** Error bodies: `Message`, and for 400 `ModelState` (key → messages). Tolerant of anything else. */
export const ErrorWire = z.looseObject({
  Message: z.string().optional(),
  message: z.string().optional(),
  ModelState: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
});
