import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICATION_FIELDS, ApplicationSchema } from '../../electron/contract/application.ts';
import { resolveField, helpFor, fieldVisible } from '../../electron/contract/certificate-fields.ts';
import { CERTIFICATE_TYPES } from '../../electron/contract/certificate-types.ts';
import { CERTIFICATE_FORMS, certificateSchema, emptyValues, secretFields, subjectOf, toInput } from '../../electron/contract/certificates.ts';
import { validAddressApplicationArb, validApplicationArb, validOrganizationApplicationArb } from '../helpers/arbitraries.ts';

const samples: Record<string, fc.Arbitrary<unknown>> = {
  patient: validApplicationArb,
  address: validAddressApplicationArb,
  organization: validOrganizationApplicationArb,
};

const profile = { trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', defaultCountry: 'US', defaultState: 'MA', directDomain: 'direct.practice.example' };

describe('certificate forms (the one-engine contract)', () => {
  it('lists the patient type first', () => {
    expect(CERTIFICATE_TYPES[0]).toBe('patient');
  });

  it('draws the patient form with exactly the labels and order of the patient schema', () => {
    expect(CERTIFICATE_FORMS.patient.fields.map(({ name, label }) => ({ name, label }))).toEqual(APPLICATION_FIELDS.map(({ name, label }) => ({ name, label })));
    expect(CERTIFICATE_FORMS.patient.title).toBe('Patient certificate application');
  });

  it('validates a patient application exactly as ApplicationSchema does', () => {
    fc.assert(
      fc.property(validApplicationArb, fc.constantFrom({}, { state: 'Quebec' }, { duration: 4 }, { ial2Vetted: false }), (app, change) => {
        const input = { ...app, ...change };
        const a = certificateSchema('patient').safeParse(input);
        const b = ApplicationSchema.safeParse(input);
        expect(a.success).toBe(b.success);
        expect(a.success ? a.data : a.error.issues).toEqual(b.success ? b.data : b.error.issues);
      }),
      { numRuns: 50 },
    );
  });

  it.each(CERTIFICATE_TYPES)('%s: every field sits in a section, the schema and the form name the same fields', (type) => {
    const form = CERTIFICATE_FORMS[type];
    const sections = new Set(form.sections.map((s) => s.id));
    for (const field of form.fields) expect(sections.has(field.section), field.name).toBe(true);
    const names = form.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    // A valid application parses to an object of exactly the form's fields (optional ones may be absent).
    for (const app of fc.sample(samples[type]!, 20)) {
      const parsed = certificateSchema(type).safeParse(app);
      expect(parsed.success).toBe(true);
      const keys = Object.keys(parsed.data as object).filter((k) => (parsed.data as Record<string, unknown>)[k] !== undefined);
      expect(keys.every((k) => names.includes(k)), keys.join()).toBe(true);
      for (const field of form.fields) if (!field.optional) expect(keys).toContain(field.name);
    }
    const attestations = form.fields.filter((f) => f.attestation);
    expect(attestations).toHaveLength(1);
    expect(attestations[0]?.input).toBe('checkbox');
    expect(form.attestation.length).toBeGreaterThan(20);
    expect(names).toContain(form.subjectField);
  });

  it.each(CERTIFICATE_TYPES)('%s: a blank form starts from the profile, with nothing ticked', (type) => {
    const values = emptyValues(type, profile);
    expect(values.trustedAgent).toBe('Pat Practice');
    expect(values.organizationName).toBe('Practice Family Clinic');
    expect(values.country).toBe('US');
    expect(values.state).toBe('MA');
    expect(values.duration).toBe(1);
    expect(values.autoRenew).toBe(false);
    const attestation = CERTIFICATE_FORMS[type].fields.find((f) => f.attestation)!;
    expect(values[attestation.name]).toBe(false);
    // Blank is invalid: the TA has to fill the form in.
    expect(certificateSchema(type).safeParse(toInput(type, values)).success).toBe(false);
  });

  it('starts a patient form as HIPAA type Patient, the others with no HIPAA type chosen', () => {
    expect(emptyValues('patient', profile).organizationCategory).toBe('4');
    expect(emptyValues('address', profile).organizationCategory).toBe('');
    expect(emptyValues('organization', profile).organizationCategory).toBe('');
  });

  it('draws State as a USPS select for the US and as free text elsewhere', () => {
    const state = CERTIFICATE_FORMS.address.fields.find((f) => f.name === 'state')!;
    expect(resolveField(state, { country: 'US' })).toMatchObject({ input: 'select', options: 'usps-states', help: undefined });
    expect(resolveField(state, { country: 'CA' })).toMatchObject({ input: 'text', help: 'State, province or region.' });
    expect(fieldVisible(state, { country: 'CA' })).toBe(true);
  });

  it('gives the Direct address hint from the profile’s Direct domain', () => {
    const field = CERTIFICATE_FORMS.patient.fields.find((f) => f.name === 'directAddress')!;
    expect(helpFor(field, 'direct.practice.example')).toBe('An address at direct.practice.example or one of its subdomains.');
    expect(helpFor(field, undefined)).toBeUndefined();
  });

  it('marks only the address certificate’s password as a secret, and leaves it out when empty', () => {
    expect(secretFields('patient')).toEqual([]);
    expect(secretFields('organization')).toEqual([]);
    expect(secretFields('address')).toEqual(['password']);
    const values = { ...emptyValues('address', profile), password: '' };
    expect(Object.keys(toInput('address', values))).not.toContain('password');
  });

  it('names an application by its person or its domain', () => {
    expect(subjectOf('address', { fullName: ' Ann Lee ' })).toBe('Ann Lee');
    expect(subjectOf('organization', { directDomain: 'north.direct.practice.example' })).toBe('north.direct.practice.example');
  });
});

describe('the Direct domain rule, as soon as its own field is valid', () => {
  // zod skips an object's refinements while any field has a problem: the domain rule then said
  // nothing until every other field was right, so a TA leaving the field saw no error.
  const outside: Record<string, Record<string, string>> = {
    patient: { directAddress: 'jo@elsewhere.example.com' },
    address: { directAddress: 'jo@elsewhere.example.com' },
    organization: { directDomain: 'elsewhere.example.com' },
  };
  for (const type of CERTIFICATE_TYPES) {
    it(`${type}: an address or domain outside the organization's is named while other fields are still empty`, () => {
      const [field, value] = Object.entries(outside[type]!)[0]!;
      const result = certificateSchema(type, { directDomain: 'direct.practice.example' }).safeParse({ [field]: value });
      expect(result.success).toBe(false);
      const messages = result.success ? [] : result.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
      expect(messages.join(' ')).toContain('direct.practice.example');
    });
  }

  it('says nothing of the domain while the field itself is empty or malformed (its own message stands)', () => {
    const result = certificateSchema('patient', { directDomain: 'direct.practice.example' }).safeParse({ directAddress: 'not an address' });
    const messages = result.success ? [] : result.error.issues.filter((i) => i.path[0] === 'directAddress').map((i) => i.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toContain('your organization');
  });
});
