import { describe, expect, it } from 'vitest';
import { CERTIFICATE_FORMS } from '../../electron/contract/certificates.ts';
import { CERTIFICATE_TYPES } from '../../electron/contract/certificate-types.ts';
import { importFields } from '../../electron/contract/import-fields.ts';
import {
  batchAttestation,
  FORMULA_CELL_MESSAGE,
  IAL2_COLUMN_IGNORED,
  importBatchLabel,
  SECRET_COLUMN_IGNORED,
  USERS_VETTED_COLUMN_IGNORED,
} from '../../electron/contract/import-words.ts';
import type { Environment } from '../../electron/core/environment.ts';
import { autoMap, describeColumns } from '../../electron/core/import/mapping.ts';
import { profileDefaults, rowChecker, type RowValues } from '../../electron/core/import/validate.ts';

/**
 * Bulk import per certificate type (issue 16): columns map by each type's labels, JSON keys and
 * app names; values convert per field kind of the type's form; rows are checked by the type's
 * schema with the profile's Direct domain rule; the attestation and secrets are never read.
 */
const PROFILE: Environment['profile'] = {
  userId: 'ta',
  trustedAgent: 'Pat Practice',
  organizationName: 'Practice Family Clinic',
  directDomain: 'direct.practice.example',
  defaultCountry: 'US',
};

const person: RowValues = {
  organizationCategory: '2',
  firstName: 'Ann',
  lastName: 'Lee',
  city: 'Albany',
  state: 'NY',
  directAddress: 'ann.lee@direct.practice.example',
  notificationAddress: 'ann@example.org',
};
const domain: RowValues = { organizationCategory: '1', city: 'Albany', state: 'NY', directDomain: 'north.direct.practice.example', alternateName: 'North Clinic' };

describe('mapping the columns of each type', () => {
  it('matches each type’s labels, JSON keys and app names', () => {
    expect(autoMap(['HIPAA type', 'first_name', 'DirectAddress', 'Direct account password', 'Ial2Vetted', 'notificationaddress'], 'address')).toEqual([
      'organizationCategory', 'firstName', 'directAddress', null, null, 'notificationAddress',
    ]);
    expect(autoMap(['Direct domain', 'ALTERNATENAME', 'organization category', 'Users will be vetted', 'First name', 'Direct address'], 'organization')).toEqual([
      'directDomain', 'alternateName', 'organizationCategory', null, null, null,
    ]);
    // The patient import knows no domain, and its own fields as before.
    expect(autoMap(['Direct domain', 'First name'], 'patient')).toEqual([null, 'firstName']);
  });

  it('shows the attestation and any password column as never read, with why', () => {
    const headers = ['Password', 'IAL2 identity verification', 'Direct password'];
    const address = describeColumns(headers, autoMap(headers, 'address'), autoMap(headers, 'address'), 'address');
    expect(address.map((c) => c.note)).toEqual([SECRET_COLUMN_IGNORED, IAL2_COLUMN_IGNORED, SECRET_COLUMN_IGNORED]);
    const org = ['UsersVetted', 'users will be vetted', 'City'];
    expect(describeColumns(org, autoMap(org, 'organization'), autoMap(org, 'organization'), 'organization').map((c) => c.note)).toEqual([
      USERS_VETTED_COLUMN_IGNORED, USERS_VETTED_COLUMN_IGNORED, undefined,
    ]);
  });

  it('gives each type a template that maps every column and holds neither the attestation nor a secret', () => {
    for (const type of CERTIFICATE_TYPES) {
      const header = importFields(type).map((f) => f.label);
      expect(autoMap(header, type).every((f) => f !== null), type).toBe(true);
      const never = CERTIFICATE_FORMS[type].fields.filter((f) => f.attestation || f.secret).map((f) => f.label);
      expect(never.length, type).toBeGreaterThan(0);
      for (const label of never) expect(header, type).not.toContain(label);
    }
    expect(importFields('address').map((f) => f.name)).not.toContain('password');
    expect(importFields('organization').map((f) => f.name)).toContain('directDomain');
  });
});

describe('converting and checking a row of each type', () => {
  it('reads a HIPAA type by code, by label or as “label (code)”; the patient’s stays the fixed 4', () => {
    const check = rowChecker(PROFILE, undefined, 'address');
    for (const given of ['2', 'HIPAA covered entity', 'hipaa covered entity (2)', ' HIPAA-covered entity ']) {
      expect(check({ ...person, organizationCategory: given }).application?.organizationCategory, given).toBe('2');
    }
    expect(check({ ...person, organizationCategory: 'HIPAA business associate' }).application?.organizationCategory).toBe('3');
    expect(check({ ...person, organizationCategory: 'Patient' }).errors.organizationCategory?.[0]).toMatch(/HIPAA type/);
    expect(check({ ...person, organizationCategory: '' }).errors.organizationCategory).toBeDefined();

    const patient = rowChecker(PROFILE, undefined, 'patient');
    const { organizationCategory: _, ...noCategory } = person;
    expect(patient(noCategory).application?.organizationCategory).toBe('4');
    expect(patient({ ...noCategory, organizationCategory: 'Patient (4)' }).application?.organizationCategory).toBe('4');
    expect(patient({ ...noCategory, organizationCategory: '2' }).errors.organizationCategory).toBeDefined();
  });

  it('reads a US state or a country by its name as well as its code, as spreadsheets often spell them', () => {
    for (const type of CERTIFICATE_TYPES) {
      const check = rowChecker(PROFILE, undefined, type);
      const { organizationCategory: _, ...patientRow } = person;
      const row = type === 'organization' ? domain : type === 'address' ? person : patientRow;
      const named = check({ ...row, state: 'Massachusetts', country: 'United States' });
      expect(named.errors, type).toEqual({});
      expect(named.application, type).toMatchObject({ state: 'MA', country: 'US' });
      expect(check({ ...row, state: ' new york ' }).application?.state, type).toBe('NY');
      expect(check({ ...row, state: 'District of Columbia' }).application?.state, type).toBe('DC');
      expect(check({ ...row, state: 'Ontario', country: 'Canada' }).application, type).toMatchObject({ state: 'Ontario', country: 'CA' });
      // Not a state's name: still refused, on the State cell, with the form's words.
      expect(check({ ...row, state: 'Massachusets' }).errors.state?.[0], type).toMatch(/USPS code/);
    }
  });

  it('reads yes/no words for checkboxes and “2 years” for the duration; sets the attestation, never a password', () => {
    const check = rowChecker(PROFILE, undefined, 'address');
    const yes = check({ ...person, autoRenew: 'Yes', duration: '2 years' }).application;
    expect(yes).toMatchObject({ autoRenew: true, duration: 2, ial2Vetted: true, fullName: 'Ann Lee' });
    expect(yes).not.toHaveProperty('password');
    expect(check({ ...person, autoRenew: 'n', duration: '3' }).application).toMatchObject({ autoRenew: false, duration: 3 });
    expect(check({ ...person, autoRenew: 'perhaps' }).errors.autoRenew).toBeDefined();
    expect(check({ ...person, duration: '5 years' }).errors.duration).toBeDefined();

    const org = rowChecker(PROFILE, undefined, 'organization')({ ...domain, autoRenew: 'TRUE' }).application;
    expect(org).toMatchObject({ usersVetted: true, autoRenew: true, organizationCategory: '1', directDomain: 'north.direct.practice.example' });
  });

  it('keys errors by the type’s fields, with the profile’s Direct domain rule, formula cells and invisible characters', () => {
    const org = rowChecker(PROFILE, undefined, 'organization');
    expect(Object.keys(org({ ...domain, directDomain: 'direct.elsewhere.example' }).errors)).toEqual(['directDomain']);
    expect(org({ ...domain, alternateName: '=HYPERLINK("x")' }).errors.alternateName?.[0]).toBe(FORMULA_CELL_MESSAGE);
    expect(org({ ...domain, alternateName: 'North\u202EClinic' }).errors.alternateName).toBeDefined();
    const { directDomain: _, ...noDomain } = domain;
    expect(Object.keys(org(noDomain).errors)).toEqual(['directDomain']);

    const address = rowChecker(PROFILE, undefined, 'address');
    expect(Object.keys(address({ ...person, directAddress: 'ann@elsewhere.example' }).errors)).toEqual(['directAddress']);
    expect(address({ ...person, city: '@Albany' }).errors.city?.[0]).toBe(FORMULA_CELL_MESSAGE);
  });

  it('fills from the profile per type: the fixed patient HIPAA type only for patients', () => {
    expect(profileDefaults(PROFILE, 'patient')).toMatchObject({ organizationCategory: '4', trustedAgent: 'Pat Practice', duration: '1', autoRenew: 'No' });
    expect(profileDefaults(PROFILE, 'address')).not.toHaveProperty('organizationCategory');
    expect(profileDefaults(PROFILE, 'organization')).toMatchObject({ organizationName: 'Practice Family Clinic', country: 'US' });
  });
});

describe('the words of a batch of each type', () => {
  it('names its count and type in the attestation and the label', () => {
    expect(batchAttestation(3, 'address')).toBe('I attest that the identity of each of these 3 people was verified to IAL2 (NIST SP 800-63A)');
    expect(batchAttestation(1, 'address')).toBe('I attest that the identity of this person was verified to IAL2 (NIST SP 800-63A)');
    expect(batchAttestation(1_200, 'organization')).toBe('I accept responsibility that every user the certificates for these 1,200 domains cover is, or will be, identity-vetted');
    expect(batchAttestation(1, 'organization')).toMatch(/this domain/);
    expect(importBatchLabel('2026-11-28 09:14 +01:00', 2, 'address')).toBe('Import of 2026-11-28 09:14 +01:00 (2 people, address certificates)');
    expect(importBatchLabel('2026-11-28 09:14 +01:00', 1, 'organization')).toBe('Import of 2026-11-28 09:14 +01:00 (1 domain, organizational certificates)');
  });
});
