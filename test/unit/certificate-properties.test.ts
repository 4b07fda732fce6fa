import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateSchema } from '../../electron/contract/certificates.ts';
import { validAddressApplicationArb, validOrganizationApplicationArb } from '../helpers/arbitraries.ts';
import { addressViolations, errorFieldsOf, organizationViolations } from '../helpers/certificate-violations.ts';

describe.each([
  ['address', validAddressApplicationArb as fc.Arbitrary<Record<string, unknown>>, addressViolations],
  ['organization', validOrganizationApplicationArb as fc.Arbitrary<Record<string, unknown>>, organizationViolations],
] as const)('%s certificate schema properties', (type, validArb, violations) => {
  it('accepts every valid application', () => {
    fc.assert(
      fc.property(validArb, (app) => {
        expect(errorFieldsOf(type, app)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(violations)('rejects "%s" on the %s field only', (_name, field, mutation) => {
    fc.assert(
      fc.property(validArb, mutation, (app, change) => {
        expect(errorFieldsOf(type, { ...app, ...change })).toEqual([field]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('rules of one type only', () => {
  it('address: a notification address equal to the Direct address is refused, whatever the case', () => {
    fc.assert(
      fc.property(validAddressApplicationArb, (app) => {
        expect(errorFieldsOf('address', { ...app, notificationAddress: app.directAddress.toUpperCase() })).toEqual(['notificationAddress']);
      }),
      { numRuns: 40 },
    );
  });

  it('address: the password reaches the DPP exactly as typed, spaces included', () => {
    const parsed = certificateSchema('address').parse({ ...fc.sample(validAddressApplicationArb, 1)[0], password: '  Ünï code ' });
    expect(parsed.password).toBe('  Ünï code ');
  });

  it('organization: the Direct domain is lower-cased', () => {
    const app = fc.sample(validOrganizationApplicationArb, 1)[0]!;
    const parsed = certificateSchema('organization').parse({ ...app, directDomain: 'North.DIRECT.Practice.Example' });
    expect(parsed.directDomain).toBe('north.direct.practice.example');
  });
});
