// zod/mini: these rules run in the renderer as the TA types (see application.ts for why mini).
import * as z from 'zod/mini';
import { HIPAA_TYPE_CODES } from './certificate-types.ts';
import { isCountryCode } from './country-codes.ts';
import { hiddenCharacterIn, hiddenCharacterMessage, safeText } from './text.ts';
import { isUspsStateCode } from './usps-states.ts';

/**
 * The field rules every certificate application shares (docs/dpp-contract.md §1, §3, §4), one
 * builder per rule: the patient, address and organizational schemas take their messages as
 * arguments and nothing else, so a limit or a check is written once for all three.
 */

export const CERTIFICATE_DURATIONS = [1, 2, 3] as const;
export const NOTES_MAX = 2000;

/** Trimmed, NFC, no hidden characters, 1..max characters. */
export function requiredText(max: number, missing: string, tooLong: string) {
  return z.string({ error: missing }).check(z.trim(), ...safeText(), z.minLength(1, { error: missing, abort: true }), z.maxLength(max, { error: tooLong }));
}

/** RFC 5321 limits plus a syntax check; the domain is lower-cased (it is case-insensitive). */
export function emailAddress(missing: string, example: string) {
  const checked = z.string({ error: missing }).check(
    z.trim(),
    ...safeText(),
    z.minLength(1, { error: missing, abort: true }),
    z.refine((v) => !/\s/.test(v), { error: 'Remove the spaces: an address cannot contain any.', abort: true }),
    z.maxLength(254, { error: 'This address is too long: it must be 254 characters or fewer.', abort: true }),
    z.refine((v) => v.slice(0, v.lastIndexOf('@')).length <= 64, {
      error: 'The part before the @ must be 64 characters or fewer.',
      abort: true,
    }),
  );
  return z.pipe(
    z.pipe(checked, z.email({ error: `Enter an address like ${example}.` })),
    z.transform((v: string) => {
      const at = v.lastIndexOf('@');
      return `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}`;
    }),
  );
}

/** ISO 3166-1 alpha-2, upper-cased. */
export function countryCode(missing: string) {
  return z
    .string({ error: missing })
    .check(z.trim(), z.toUpperCase(), z.refine(isCountryCode, { error: 'Choose a country by its two-letter ISO code, like US.' }));
}

export function duration() {
  return z.literal(CERTIFICATE_DURATIONS, { error: 'Choose a certificate duration of 1, 2 or 3 years.' });
}

export function autoRenew() {
  return z.boolean({ error: 'Choose whether the certificate renews automatically.' });
}

/** An attestation checkbox: only a tick is valid. */
export function ticked(message: string) {
  return z.literal(true, { error: message });
}

/** Optional multi-line notes, at most NOTES_MAX characters; empty counts as absent. */
export function notes() {
  return z.pipe(
    z.optional(z.string().check(z.trim(), ...safeText({ multiline: true }), z.maxLength(NOTES_MAX, { error: 'Notes must be 2000 characters or fewer.' }))),
    z.transform((v: string | undefined) => (v === '' ? undefined : v)),
  );
}

/** HIPAA type of an address or organizational certificate: 1 Other, 2 covered entity, 3 business associate. */
export function hipaaType() {
  return z.enum(HIPAA_TYPE_CODES, { error: 'Choose the HIPAA type: Other, HIPAA covered entity or HIPAA business associate.' });
}

export const SECRET_MAX = 128;

/**
 * An optional secret (the address certificate's Direct account password): never trimmed or
 * normalized (it must reach the DPP exactly as typed), but no invisible characters, and empty
 * counts as absent.
 */
export function optionalSecret(what: string) {
  return z.pipe(
    z.optional(
      z.string().check(
        z.refine((v) => hiddenCharacterIn(v) === undefined, { error: (issue) => hiddenCharacterMessage(hiddenCharacterIn(String(issue.input)) ?? 'character') }),
        z.maxLength(SECRET_MAX, { error: `${what} must be ${SECRET_MAX} characters or fewer.` }),
      ),
    ),
    z.transform((v: string | undefined) => (v === '' ? undefined : v)),
  );
}

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS name of two labels or more (a (sub)domain), lower-cased, at most 253 characters. */
export function dnsName(missing: string, example: string) {
  return z.string({ error: missing }).check(
    z.trim(),
    ...safeText(),
    z.toLowerCase(),
    z.minLength(1, { error: missing, abort: true }),
    z.maxLength(253, { error: 'This domain is too long: it must be 253 characters or fewer.', abort: true }),
    z.refine((v) => v.split('.').length >= 2 && v.split('.').every((label) => DNS_LABEL.test(label)), {
      error: `Enter a domain like ${example}: letters, digits and hyphens, in parts separated by dots.`,
    }),
  );
}

// ---- Rules across fields: each pushes an issue on the field it is about. ----

type Push = (field: string, message: string) => void;

export function domainOf(addr: string): string {
  return addr.slice(addr.lastIndexOf('@') + 1).toLowerCase();
}

/** True when `domain` is `parent` or one of its subdomains. */
export function isWithinDomain(domain: string, parent: string): boolean {
  const d = domain.toLowerCase();
  const p = parent.toLowerCase();
  return d === p || d.endsWith(`.${p}`);
}

/** For the US, State must be a USPS code; elsewhere it is free text (already checked). */
export function checkUsState(app: { country: string; state: string }, push: Push): void {
  if (app.country === 'US' && !isUspsStateCode(app.state.toUpperCase())) {
    push('state', 'For the US, choose a state by its USPS code, like NY.');
  }
}

/** A duplicated draft is marked "(copy)" in Drafts by its name; it never reaches a certificate. */
export function checkNotCopy(field: string, value: string, replaceWith: string, push: Push): void {
  if (/\(copy\)$/i.test(value)) push(field, `Replace “(copy)” with ${replaceWith}.`);
}

export function checkNotificationDiffers(app: { notificationAddress: string; directAddress: string }, push: Push): void {
  if (app.notificationAddress.toLowerCase() === app.directAddress.toLowerCase()) {
    push('notificationAddress', 'Use a notification address different from the Direct address.');
  }
}

/**
 * The organization's Direct domain rule, put on the field itself (a Direct address's domain, or a
 * Direct domain must lie within it). Not among the cross-field rules: zod skips an object's
 * refinements while any field has a problem, so there it said nothing until every other field
 * was right (the TA left the field and saw no error; an import row listed it only once the rest
 * was fixed). On the field it runs as soon as the field itself is valid.
 */
export function withDomainRule<T extends z.ZodMiniObject>(fields: T, field: 'directAddress' | 'directDomain', directDomain: string | undefined): T {
  if (!directDomain) return fields;
  const wanted = directDomain.toLowerCase();
  const address = field === 'directAddress';
  const message = address ? `Use an address at ${wanted} (or a subdomain of it), your organization’s Direct domain.` : `Use ${wanted} or a subdomain of it, your organization’s Direct domain.`;
  const own = fields.shape[field] as z.ZodMiniType<string>;
  const rule = z.refine<string>((value) => isWithinDomain(address ? domainOf(value) : value, wanted), message);
  return z.object({ ...fields.shape, [field]: own.check(rule) }) as unknown as T;
}

/** A US State is stored upper-case. */
export function normalizeState<T extends { country: string; state: string }>(app: T): T {
  return app.country === 'US' ? { ...app, state: app.state.toUpperCase() } : app;
}

/** Adapts a zod superRefine context to the `Push` the rules above take. */
export function pusher(ctx: { issues: z.core.$ZodRawIssue[] }, input: unknown): Push {
  return (field, message) => ctx.issues.push({ code: 'custom', path: [field], message, input });
}
