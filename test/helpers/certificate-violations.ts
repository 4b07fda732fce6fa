import fc from 'fast-check';
import { certificateFieldErrors, certificateSchema } from '../../electron/contract/certificates.ts';
import type { CertificateType } from '../../electron/contract/certificate-types.ts';
import { PRACTICE_DOMAIN, text } from './arbitraries.ts';

/** The fields a candidate is refused on, with the practice organization's Direct domain rule. */
export function errorFieldsOf(type: CertificateType, input: unknown): string[] {
  const r = certificateSchema(type, { directDomain: PRACTICE_DOMAIN }).safeParse(input);
  return r.success ? [] : Object.keys(certificateFieldErrors(type, r.error)).sort();
}

export type Violation = [string, string, fc.Arbitrary<Record<string, unknown>>];

/** Rules both new types share with the patient application (docs/dpp-contract.md §3–4). */
const shared: Violation[] = [
  ['Trusted Agent blank', 'trustedAgent', fc.constantFrom('', '   ').map((v) => ({ trustedAgent: v }))],
  ['Trusted Agent > 100', 'trustedAgent', text(101, 150).map((v) => ({ trustedAgent: v }))],
  ['Organization > 200', 'organizationName', text(201, 260).map((v) => ({ organizationName: v }))],
  ['HIPAA type not 1–3', 'organizationCategory', fc.constantFrom('4', '0', '', 'Other', 1).map((v) => ({ organizationCategory: v }))],
  ['City > 100', 'city', text(101, 130).map((v) => ({ city: v }))],
  ['US state not a USPS code', 'state', fc.constantFrom('New York', 'XX', 'Cal').map((v) => ({ country: 'US', state: v }))],
  ['Country not ISO alpha-2', 'country', fc.constantFrom('USA', 'XX', 'U', 'EU').map((v) => ({ country: v }))],
  ['Duration not 1–3', 'duration', fc.oneof(fc.integer({ min: 4, max: 99 }), fc.integer({ min: -5, max: 0 }), fc.constant(1.5)).map((v) => ({ duration: v }))],
  ['Auto renew not a boolean', 'autoRenew', fc.constantFrom('yes', 1, null).map((v) => ({ autoRenew: v }))],
  ['Notes > 2000', 'notes', fc.integer({ min: 2001, max: 2100 }).map((n) => ({ notes: 'n'.repeat(n) }))],
  ['Notes with a hidden character', 'notes', fc.constant({ notes: 'call \u202Eme' })],
];

export const addressViolations: Violation[] = [
  ...shared,
  ['First name > 50', 'firstName', text(51, 80).map((v) => ({ firstName: v }))],
  ['Last name blank', 'lastName', fc.constant({ lastName: ' ' })],
  ['Full name > 101', 'fullName', text(102, 140).map((v) => ({ fullName: v }))],
  ['Full name still a copy', 'fullName', fc.constant({ fullName: 'Ann Lee (copy)' })],
  ['Direct address with a space', 'directAddress', fc.constant({ directAddress: 'ann lee@direct.practice.example' })],
  ['Direct address off-domain', 'directAddress', fc.constantFrom('a@other.example', 'a@xdirect.practice.example').map((v) => ({ directAddress: v }))],
  ['Password > 128', 'password', fc.integer({ min: 129, max: 200 }).map((n) => ({ password: 'p'.repeat(n) }))],
  ['Password with a hidden character', 'password', fc.constant({ password: 'pass\u200Bword' })],
  ['IAL2 not attested', 'ial2Vetted', fc.constantFrom(false, 'true', undefined).map((v) => ({ ial2Vetted: v }))],
  ['Notification address invalid', 'notificationAddress', fc.constantFrom('nope', 'a@', '@b.example').map((v) => ({ notificationAddress: v }))],
];

export const organizationViolations: Violation[] = [
  ...shared,
  ['Direct domain blank', 'directDomain', fc.constantFrom('', '  ').map((v) => ({ directDomain: v }))],
  ['Direct domain not a DNS name', 'directDomain', fc.constantFrom('direct practice.example', '-x.direct.practice.example', 'a_b.direct.practice.example', 'direct', 'x..direct.practice.example').map((v) => ({ directDomain: v }))],
  ['Direct domain outside the profile’s', 'directDomain', fc.constantFrom('direct.other.example', 'xdirect.practice.example', 'practice.example').map((v) => ({ directDomain: v }))],
  ['Alternate name blank', 'alternateName', fc.constant({ alternateName: '' })],
  ['Alternate name > 200', 'alternateName', text(201, 240).map((v) => ({ alternateName: v }))],
  ['Users not vetted', 'usersVetted', fc.constantFrom(false, 'true', undefined).map((v) => ({ usersVetted: v }))],
];


export const patientViolations: Violation[] = [
  ...shared.filter(([name]) => !name.startsWith('HIPAA type')),
  ['HIPAA type not 4', 'organizationCategory', fc.constantFrom('1', '2', '3', '5', '').map((v) => ({ organizationCategory: v }))],
  ['First name > 50', 'firstName', text(51, 80).map((v) => ({ firstName: v }))],
  ['Last name blank', 'lastName', fc.constant({ lastName: ' ' })],
  ['Full name > 101', 'fullName', text(102, 140).map((v) => ({ fullName: v }))],
  ['Direct address off-domain', 'directAddress', fc.constantFrom('a@other.example', 'a@xdirect.practice.example').map((v) => ({ directAddress: v }))],
  ['IAL2 not attested', 'ial2Vetted', fc.constantFrom(false, undefined).map((v) => ({ ial2Vetted: v }))],
  ['Notification address invalid', 'notificationAddress', fc.constantFrom('nope', 'a@').map((v) => ({ notificationAddress: v }))],
];
