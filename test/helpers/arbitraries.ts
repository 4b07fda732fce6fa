import fc from 'fast-check';
import type { ApplicationInput } from '../../electron/contract/application.ts';
import type { AddressApplicationInput } from '../../electron/contract/certificate-address.ts';
import type { OrganizationApplicationInput } from '../../electron/contract/certificate-organization.ts';
import { COUNTRY_CODES } from '../../electron/contract/country-codes.ts';
import { USPS_STATE_CODES } from '../../electron/contract/usps-states.ts';

export const PRACTICE_DOMAIN = 'direct.practice.example';

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/**
 * Text that starts and ends with a letter (so trimming never changes its length), within a
 * length range (names, cities…); spaces, apostrophes, hyphens and accents in between.
 */
export const text = (min: number, max: number) =>
  fc
    .tuple(
      fc.constantFrom(...letters),
      fc.string({ minLength: Math.max(0, min - 2), maxLength: Math.max(0, max - 2), unit: fc.constantFrom(...`${letters} '-éü`) }),
      fc.constantFrom(...letters),
    )
    .map(([first, middle, last]) => (max === 1 ? first : first + middle + last))
    .filter((v) => v.length >= min && v.length <= max);

const word = fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789') });
const localPart = fc.tuple(word, fc.option(word, { nil: undefined })).map(([a, b]) => (b ? `${a}.${b}` : a));
const subdomain = fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), { nil: undefined });

/** Valid applications for the practice organization. */
export const validApplicationArb: fc.Arbitrary<ApplicationInput> = fc
  .record({
    trustedAgent: text(1, 100),
    organizationName: fc.constant('Practice Family Clinic'),
    firstName: text(1, 50),
    lastName: text(1, 50),
    city: text(1, 100),
    us: fc.boolean(),
    usState: fc.constantFrom(...USPS_STATE_CODES),
    otherCountry: fc.constantFrom(...COUNTRY_CODES.filter((c) => c !== 'US')),
    otherState: text(1, 100),
    duration: fc.constantFrom(1 as const, 2 as const, 3 as const),
    fullName: text(1, 101),
    local: localPart,
    sub: subdomain,
    autoRenew: fc.boolean(),
    notify: localPart,
    notes: fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
  })
  .map((r) => ({
    trustedAgent: r.trustedAgent,
    organizationName: r.organizationName,
    organizationCategory: '4' as const,
    firstName: r.firstName,
    lastName: r.lastName,
    city: r.city,
    state: r.us ? r.usState : r.otherState,
    country: r.us ? 'US' : r.otherCountry,
    duration: r.duration,
    fullName: r.fullName,
    directAddress: `${r.local}@${r.sub ? `${r.sub}.` : ''}${PRACTICE_DOMAIN}`,
    autoRenew: r.autoRenew,
    ial2Vetted: true as const,
    notificationAddress: `${r.notify}@mail.example.org`,
    notes: r.notes,
  }));

const hipaaType = fc.constantFrom('1' as const, '2' as const, '3' as const);
const location = fc.record({
  city: text(1, 100),
  us: fc.boolean(),
  usState: fc.constantFrom(...USPS_STATE_CODES),
  otherCountry: fc.constantFrom(...COUNTRY_CODES.filter((c) => c !== 'US')),
  otherState: text(1, 100),
});
const notesArb = fc.option(fc.string({ maxLength: 2000 }), { nil: undefined });
/** Printable ASCII, spaces kept at the ends: a password reaches the DPP exactly as typed. */
const passwordArb = fc.option(fc.string({ minLength: 1, maxLength: 128, unit: fc.constantFrom(...' !#$%&()*+,-./0123456789:;<=>?@ABCXYZabcxyz[]^_{|}~') }), { nil: undefined });

/** Valid address certificate applications for the practice organization (docs/dpp-contract.md §3). */
export const validAddressApplicationArb: fc.Arbitrary<AddressApplicationInput> = fc
  .record({
    trustedAgent: text(1, 100),
    category: hipaaType,
    firstName: text(1, 50),
    lastName: text(1, 50),
    where: location,
    duration: fc.constantFrom(1 as const, 2 as const, 3 as const),
    fullName: text(1, 101),
    local: localPart,
    sub: subdomain,
    password: passwordArb,
    autoRenew: fc.boolean(),
    notify: localPart,
    notes: notesArb,
  })
  .map((r) => ({
    trustedAgent: r.trustedAgent,
    organizationName: 'Practice Family Clinic',
    organizationCategory: r.category,
    firstName: r.firstName,
    lastName: r.lastName,
    city: r.where.city,
    state: r.where.us ? r.where.usState : r.where.otherState,
    country: r.where.us ? 'US' : r.where.otherCountry,
    duration: r.duration,
    fullName: r.fullName,
    directAddress: `${r.local}@${r.sub ? `${r.sub}.` : ''}${PRACTICE_DOMAIN}`,
    password: r.password,
    autoRenew: r.autoRenew,
    ial2Vetted: true as const,
    notificationAddress: `${r.notify}@mail.example.org`,
    notes: r.notes,
  }));

const dnsLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);

/** Valid organizational certificate applications for the practice organization (docs/dpp-contract.md §4). */
export const validOrganizationApplicationArb: fc.Arbitrary<OrganizationApplicationInput> = fc
  .record({
    trustedAgent: text(1, 100),
    category: hipaaType,
    where: location,
    duration: fc.constantFrom(1 as const, 2 as const, 3 as const),
    labels: fc.array(dnsLabel, { maxLength: 2 }),
    alternateName: text(1, 200),
    autoRenew: fc.boolean(),
    notes: notesArb,
  })
  .map((r) => ({
    trustedAgent: r.trustedAgent,
    organizationName: 'Practice Family Clinic',
    organizationCategory: r.category,
    city: r.where.city,
    state: r.where.us ? r.where.usState : r.where.otherState,
    country: r.where.us ? 'US' : r.where.otherCountry,
    duration: r.duration,
    directDomain: [...r.labels, PRACTICE_DOMAIN].join('.'),
    alternateName: r.alternateName,
    autoRenew: r.autoRenew,
    usersVetted: true as const,
    notes: r.notes,
  }));
