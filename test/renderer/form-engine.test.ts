import { describe, expect, it } from 'vitest';
import type { Profile } from '../../electron/contract/app-info.ts';
import { loadKind } from '../../renderer/src/lib/certificate-kinds.ts';
import { ApplicationFormState } from '../../renderer/src/lib/form-state.svelte.ts';
import { reviewRows } from '../../renderer/src/lib/review.ts';

// The one form engine on the two types drawn only from their specs: what the TA would notice.

const profile: Profile = {
  trustedAgent: 'Pat Practice',
  organizationName: 'Practice Family Clinic',
  directDomain: 'direct.practice.example',
  defaultCountry: 'US',
  defaultState: 'NY',
};

/** A form of the type with its rules loaded, as the form has them a frame after its first paint. */
async function formOf(type: 'address' | 'organization') {
  const form = new ApplicationFormState(profile, await loadKind(type));
  await form.loadSchema();
  return form;
}

async function addressForm() {
  const form = await formOf('address');
  Object.assign(form.values, {
    organizationCategory: '2',
    firstName: 'Rosa',
    lastName: 'Diaz',
    city: 'Albany',
    fullName: 'Rosa Diaz',
    directAddress: 'rosa.diaz@direct.practice.example',
    notificationAddress: 'rosa@example.org',
    ial2Vetted: true,
  });
  return form;
}

describe('the form engine, for every certificate type', () => {
  it('starts an address form from the profile with no HIPAA type chosen, and accepts a valid one', async () => {
    const form = await formOf('address');
    expect(form.values).toMatchObject({ trustedAgent: 'Pat Practice', organizationCategory: '', country: 'US', state: 'NY', password: '' });
    expect(form.hasData).toBe(false);
    const filled = await addressForm();
    expect(filled.hasData).toBe(true);
    expect(filled.clientErrors).toEqual({});
    expect(filled.isValid).toBe(true);
  });

  it('puts a broken rule on exactly its field, in form order, once left', async () => {
    const form = await addressForm();
    form.values.directAddress = 'rosa@elsewhere.example';
    form.values.notificationAddress = 'not an address';
    expect(form.visibleErrors).toEqual([]);
    // The Direct domain rule sits on the address field itself: it speaks as soon as the field is
    // left, however much of the rest of the form is still empty or wrong.
    form.blur('directAddress');
    expect(form.visibleErrors.map((e) => e.field)).toEqual(['directAddress']);
    expect(form.errorFor('directAddress')).toContain('direct.practice.example');
    form.blur('notificationAddress');
    expect(form.visibleErrors.map((e) => e.field)).toEqual(['directAddress', 'notificationAddress']);
    form.values.notificationAddress = 'rosa@example.org';
    expect(form.visibleErrors.map((e) => e.field)).toEqual(['directAddress']);
    form.values.directAddress = 'rosa@direct.practice.example';
    expect(form.visibleErrors).toEqual([]);
    form.values.organizationCategory = '';
    form.submitAttempted = true;
    expect(form.visibleErrors.map((e) => e.field)).toEqual(['organizationCategory']);
    expect(form.labelOf('organizationCategory')).toBe('HIPAA type');
  });

  it('keeps the password out of the draft values, hands it to main apart and says only whether it is set', async () => {
    const form = await addressForm();
    expect(form.secrets()).toBeUndefined();
    expect(reviewRows(form).find((r) => r.field === 'password')?.value).toBe('None');

    form.values.password = 'S3cret-direct';
    expect(form.snapshot()).not.toHaveProperty('password');
    expect(JSON.stringify(form.snapshot())).not.toContain('S3cret-direct');
    expect(form.secrets()).toEqual({ password: 'S3cret-direct' });
    expect(form.toInput()).toMatchObject({ password: 'S3cret-direct' });
    const rows = reviewRows(form);
    expect(rows.find((r) => r.field === 'password')?.value).toBe('Given (not shown)');
    expect(JSON.stringify(rows)).not.toContain('S3cret-direct');

    // Saved: main keeps it. Emptying the field then keeps it too, until the TA removes it.
    form.secretsSaved(form.secrets());
    form.values.password = '';
    expect(form.secrets()).toBeUndefined();
    expect(form.secretSet('password')).toBe(true);
    form.forgetSecret('password');
    expect(form.secrets()).toEqual({ password: '' });
    expect(form.secretSet('password')).toBe(false);
    form.secretsSaved({ password: '' });
    expect(form.secrets()).toBeUndefined();
  });

  it('reviews values in words: HIPAA type, country beside its code, attestation', async () => {
    const form = await addressForm();
    form.values.country = 'CA';
    form.values.state = 'Ontario';
    const byField = Object.fromEntries(reviewRows(form).map((r) => [r.field, r.value]));
    expect(byField).toMatchObject({ organizationCategory: 'HIPAA covered entity', country: 'Canada (CA)', duration: '1 year', ial2Vetted: 'Attested', autoRenew: 'No', notes: 'None' });
  });

  it('draws the organizational form: domain within the profile’s, users-vetted attestation, reopened unticked', async () => {
    const form = await formOf('organization');
    Object.assign(form.values, { organizationCategory: '3', city: 'Albany', directDomain: 'Clinic.Direct.Practice.Example', alternateName: 'Clinic', usersVetted: true });
    expect(form.isValid).toBe(true);
    expect(form.hasData).toBe(true);
    form.values.directDomain = 'clinic.elsewhere.example';
    form.blur('directDomain');
    expect(form.visibleErrors.map((e) => e.field)).toEqual(['directDomain']);
    form.unattest();
    expect(form.values.usersVetted).toBe(false);
    expect(reviewRows(form).find((r) => r.field === 'usersVetted')?.value).toBe('Not accepted');
  });

  it('follows First and Last name with Full name on the address form too, until edited', async () => {
    const form = await formOf('address');
    form.values.firstName = 'Ana';
    form.edited('firstName');
    form.values.lastName = 'Roy';
    form.edited('lastName');
    expect(form.values.fullName).toBe('Ana Roy');
    form.load({ firstName: 'Ana', lastName: 'Roy', fullName: 'Dr Ana Roy' }, ['password']);
    form.values.lastName = 'Ray';
    form.edited('lastName');
    expect(form.values.fullName).toBe('Dr Ana Roy');
    expect(form.secretSet('password')).toBe(true);
  });
});
