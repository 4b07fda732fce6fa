import { certificateSchema } from '../contract/certificates.ts';
import type { CertificateType } from '../contract/certificate-types.ts';
import { DPP_STATUS } from '../contract/dpp-statuses.ts';
import { fromWire, JSON_KEYS } from '../core/dpp/wire.ts';
import type { PracticeAccount } from './accounts.ts';
import { expiryDay, holdsSubject } from '../contract/certificate-expiry.ts';
import { issuedAt, statusAt } from './lifecycle.ts';
import { sha256, type ReceivedApplication, type ReceivedRegistry } from './received.ts';

export interface Answer {
  status: number;
  body: unknown;
}

const CONFLICT: Record<CertificateType, string> = {
  patient: 'The Direct address is already in use.',
  address: 'The Direct address is already in use.',
  organization: 'The Direct domain already has a certificate.',
};

/** The contract's rule (holdsSubject) for an application this practice DPP received earlier. */
function receivedHoldsSubject(earlier: ReceivedApplication, now: number, stepMs: number): boolean {
  const { status } = statusAt(earlier.submittedAt, now, stepMs, earlier.notes);
  const lapses = expiryDay(new Date(issuedAt(earlier.submittedAt, stepMs)).toISOString(), Number(earlier.body[JSON_KEYS.duration]));
  return holdsSubject(status, lapses, new Date(now));
}

/**
 * The practice DPP's answer to one submit of `type` (docs/dpp-contract.md §1, §3, §4): the
 * form's own schema decides 400 + ModelState (by JSON key), then the organization (403), then an
 * address or domain already certified (409); otherwise the application is received (201).
 */
export function evaluateSubmission(input: {
  type: CertificateType;
  raw: string;
  account: PracticeAccount;
  key: string | null;
  now: number;
  stepMs: number;
  registry: ReceivedRegistry;
}): Answer {
  const { type, account, registry } = input;
  let body: unknown;
  try {
    body = JSON.parse(input.raw);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, body: { Message: 'The request is invalid.', ModelState: { application: ['The request body must be a JSON object.'] } } };
  }
  const wireBody = body as Record<string, unknown>;
  const parsed = certificateSchema(type, { directDomain: account.organization.directDomain }).safeParse(fromWire(wireBody, type));
  if (!parsed.success) {
    const modelState: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const wireKey = typeof field === 'string' && field in JSON_KEYS ? JSON_KEYS[field as keyof typeof JSON_KEYS] : 'application';
      (modelState[wireKey] ??= []).push(issue.message);
    }
    return { status: 400, body: { Message: 'The request is invalid.', ModelState: modelState } };
  }
  const app = parsed.data as { organizationName: string; directAddress?: string; directDomain?: string; password?: string; notes?: string };
  if (app.organizationName.toLowerCase() !== account.organization.name.toLowerCase()) {
    return { status: 403, body: { Message: 'User is not a Trusted Agent for this organization.' } };
  }
  const latest = app.directDomain !== undefined ? registry.byDomain(app.directDomain) : registry.byAddress(app.directAddress ?? '');
  if (latest && receivedHoldsSubject(latest, input.now, input.stepMs)) return { status: 409, body: { Message: CONFLICT[type] } };

  const { [JSON_KEYS.password]: _password, ...kept } = wireBody;
  const received = registry.add(type, {
    directAddress: app.directAddress ?? '',
    ...(app.directDomain !== undefined ? { directDomain: app.directDomain } : {}),
    idempotencyKey: input.key,
    submittedAt: input.now,
    notes: app.notes,
    body: kept,
    ...(app.password !== undefined ? { passwordSha256: sha256(app.password) } : {}),
  });
  return {
    status: 201,
    body: { ApplicationId: received.applicationId, Status: DPP_STATUS.pendingReview, SubmittedAt: new Date(received.submittedAt).toISOString() },
  };
}
