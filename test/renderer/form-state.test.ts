import { describe, expect, it } from 'vitest';
import type { Profile } from '../../electron/contract/app-info.ts';
import { helpFor } from '../../electron/contract/certificate-fields.ts';
import { PATIENT_KIND } from '../../renderer/src/lib/certificate-kinds.ts';
import { ApplicationFormState, emptyValues } from '../../renderer/src/lib/form-state.svelte.ts';

const profile: Profile = {
  trustedAgent: 'Pat Practice',
  organizationName: 'Practice Family Clinic',
  directDomain: 'direct.practice.example',
  defaultCountry: 'US',
  defaultState: 'NY',
};

/** Type into a field as the form does: set the value, then report the edit. */
function type(form: ApplicationFormState, field: 'firstName' | 'lastName' | 'fullName' | 'city' | 'directAddress' | 'notificationAddress', value: string) {
  form.values[field] = value;
  form.edited(field);
}

/** A patient form with its rules loaded, as the form has them a frame after its first paint. */
async function loadedForm(): Promise<ApplicationFormState> {
  const form = new ApplicationFormState(profile, PATIENT_KIND);
  await form.loadSchema();
  return form;
}

function fillValid(form: ApplicationFormState) {
  type(form, 'firstName', 'Ada');
  type(form, 'lastName', 'Lovelace');
  type(form, 'city', 'Albany');
  type(form, 'directAddress', 'ada.lovelace@direct.practice.example');
  type(form, 'notificationAddress', 'ada@example.org');
  form.values.ial2Vetted = true;
}

describe('the application form state', async () => {
  it('starts from the profile: Trusted Agent, organization, default state and country', async () => {
    const form = await loadedForm();
    expect(form.values).toMatchObject({ trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', state: 'NY', country: 'US', duration: 1 });
    expect(emptyValues(PATIENT_KIND, { ...profile, defaultCountry: '', defaultState: undefined })).toMatchObject({ country: 'US', state: '' });
  });

  it('shows no error before a field is left, then the first message of each left field, in form order', async () => {
    const form = await loadedForm();
    expect(form.isValid).toBe(false);
    expect(form.visibleErrors).toEqual([]);
    form.blur('city');
    form.blur('firstName');
    expect(form.visibleErrors.map((e) => e.field)).toEqual(['firstName', 'city']);
    expect(form.errorFor('city')).toMatch(/city/i);
    type(form, 'city', 'Albany');
    expect(form.errorFor('city')).toBeUndefined();
  });

  it('shows every error once a submit was tried', async () => {
    const form = await loadedForm();
    form.submitAttempted = true;
    const fields = form.visibleErrors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'city', 'directAddress', 'ial2Vetted', 'notificationAddress']));
  });

  it('applies the profile’s Direct domain rule and says so in the hint', async () => {
    const form = await loadedForm();
    fillValid(form);
    expect(form.isValid).toBe(true);
    type(form, 'directAddress', 'ada@elsewhere.example');
    form.blur('directAddress');
    expect(form.isValid).toBe(false);
    expect(form.errorFor('directAddress')).toBeDefined();
    const field = form.fields.find((f) => f.name === 'directAddress')!;
    expect(helpFor(field, form.directDomain)).toContain('direct.practice.example');
    expect(helpFor(field, new ApplicationFormState({ ...profile, directDomain: undefined }, PATIENT_KIND).directDomain)).toBeUndefined();
  });

  it('keeps Full name in step with First and Last name until the TA edits it', async () => {
    const form = await loadedForm();
    type(form, 'firstName', ' Ada ');
    type(form, 'lastName', 'Lovelace');
    expect(form.values.fullName).toBe('Ada Lovelace');
    type(form, 'fullName', 'Augusta Ada King');
    type(form, 'lastName', 'King');
    expect(form.values.fullName).toBe('Augusta Ada King');
  });

  it('loads a draft over the defaults and keeps Full name in step only if it still was', async () => {
    const synced = await loadedForm();
    synced.load({ firstName: 'Ada', lastName: 'Lovelace', fullName: 'Ada Lovelace', city: 'Albany' });
    expect(synced.values).toMatchObject({ trustedAgent: 'Pat Practice', city: 'Albany' });
    type(synced, 'lastName', 'King');
    expect(synced.values.fullName).toBe('Ada King');

    const own = await loadedForm();
    own.load({ firstName: 'Ada', lastName: 'Lovelace', fullName: 'Countess of Lovelace' });
    type(own, 'lastName', 'King');
    expect(own.values.fullName).toBe('Countess of Lovelace');
  });

  it('shows the DPP’s field errors until that field is edited', async () => {
    const form = await loadedForm();
    fillValid(form);
    form.serverErrors = { directAddress: ['This Direct address is already in use.'] };
    expect(form.errorFor('directAddress')).toBe('This Direct address is already in use.');
    type(form, 'directAddress', 'ada.king@direct.practice.example');
    expect(form.errorFor('directAddress')).toBeUndefined();
  });

  it('sends empty Notes as absent, and a snapshot is a copy the form does not change later', async () => {
    const form = await loadedForm();
    fillValid(form);
    expect(form.toInput().notes).toBeUndefined();
    form.values.notes = 'Walk-in patient.';
    expect(form.toInput().notes).toBe('Walk-in patient.');
    const draft = form.snapshot();
    type(form, 'city', 'Ithaca');
    expect(draft.city).toBe('Albany');
  });

  it('is not valid and shows no error until its rules have loaded, then shows the errors of fields already left', async () => {
    const form = new ApplicationFormState(profile, PATIENT_KIND);
    fillValid(form);
    type(form, 'city', '');
    form.blur('city');
    expect(form.schemaLoaded).toBe(false);
    expect(form.isValid).toBe(false);
    expect(form.errorFor('city')).toBeUndefined();
    await form.loadSchema();
    expect(form.errorFor('city')).toMatch(/city/i);
    type(form, 'city', 'Albany');
    expect(form.isValid).toBe(true);
  });

  it('does not keep a failed load of its rules: the next review asks the loader again', async () => {
    let attempts = 0;
    const flaky = {
      ...PATIENT_KIND,
      loadSchema: () => (++attempts === 1 ? Promise.reject(new Error('chunk not found')) : PATIENT_KIND.loadSchema()),
    };
    const form = new ApplicationFormState(profile, flaky);
    await expect(form.loadSchema()).rejects.toThrow('chunk not found');
    await form.loadSchema();
    expect(form.schemaLoaded).toBe(true);
    expect(attempts).toBe(2);
  });
});
