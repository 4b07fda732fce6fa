import { describe, expect, it } from 'vitest';
import { applicationSchema, ApplicationSchema, fieldErrorsFrom } from '../../electron/contract/application.ts';
import { validApplication } from '../helpers/applications.ts';

function errorsOf(input: unknown, directDomain?: string) {
  const result = applicationSchema({ directDomain }).safeParse(input);
  return result.success ? {} : fieldErrorsFrom(result.error);
}

describe('the patient certificate application schema', () => {
  it('accepts a valid application and normalizes it', () => {
    const parsed = ApplicationSchema.parse(
      validApplication({ state: 'ny', country: 'us', directAddress: ' Jane@Direct.Practice.Example ', notes: '  ' }),
    );
    expect(parsed.state).toBe('NY');
    expect(parsed.country).toBe('US');
    expect(parsed.directAddress).toBe('Jane@direct.practice.example');
    expect(parsed.notes).toBeUndefined();
  });

  it('names the field and says how to fix it when a required value is missing', () => {
    const errors = errorsOf(validApplication({ firstName: '   ' }));
    expect(errors.firstName).toEqual(['Enter the patient’s first name.']);
  });

  it('enforces lengths', () => {
    expect(errorsOf(validApplication({ lastName: 'x'.repeat(51) })).lastName?.[0]).toMatch(/50 characters or fewer/);
    expect(errorsOf(validApplication({ notes: 'x'.repeat(2001) })).notes?.[0]).toMatch(/2000 characters or fewer/);
  });

  it('requires a USPS state code for the US and free text elsewhere', () => {
    expect(errorsOf(validApplication({ state: 'New York' })).state?.[0]).toMatch(/USPS code/);
    expect(errorsOf(validApplication({ country: 'CA', state: 'Ontario' }))).toEqual({});
    expect(errorsOf(validApplication({ country: 'XX' })).country?.[0]).toMatch(/two-letter ISO code/);
  });

  it('accepts only 1, 2 or 3 years', () => {
    expect(errorsOf({ ...validApplication(), duration: 4 }).duration?.[0]).toMatch(/1, 2 or 3 years/);
  });

  it('requires the IAL2 attestation to be ticked', () => {
    expect(errorsOf({ ...validApplication(), ial2Vetted: false }).ial2Vetted?.[0]).toMatch(/Tick the box/);
  });

  it('checks Direct address syntax, RFC 5321 limits and the profile’s Direct domain', () => {
    expect(errorsOf(validApplication({ directAddress: 'jane doe@direct.practice.example' })).directAddress?.[0]).toMatch(/spaces/);
    expect(errorsOf(validApplication({ directAddress: `${'a'.repeat(65)}@direct.practice.example` })).directAddress?.[0]).toMatch(/64 characters/);
    expect(errorsOf(validApplication({ directAddress: 'jane@' })).directAddress?.[0]).toMatch(/Enter an address like/);
    const domain = 'direct.practice.example';
    expect(errorsOf(validApplication({ directAddress: 'jane@other.example' }), domain).directAddress?.[0]).toMatch(/direct\.practice\.example/);
    expect(errorsOf(validApplication({ directAddress: 'jane@east.direct.practice.example' }), domain)).toEqual({});
    expect(errorsOf(validApplication({ directAddress: 'jane@evildirect.practice.example' }), domain).directAddress).toBeDefined();
  });

  it('requires the notification address to differ from the Direct address, ignoring case', () => {
    const app = validApplication({ directAddress: 'jane@direct.practice.example' });
    const errors = errorsOf({ ...app, notificationAddress: 'JANE@Direct.Practice.Example' });
    expect(errors.notificationAddress?.[0]).toMatch(/different from the Direct address/);
  });
});
