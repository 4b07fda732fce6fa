import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicationSchema, fieldErrorsFrom, type ApplicationField } from '../../electron/contract/application.ts';
import { JSON_KEYS, toWire } from '../../electron/core/dpp/wire.ts';
import { PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { PRACTICE_DOMAIN, text, validApplicationArb } from '../helpers/arbitraries.ts';

const schema = applicationSchema({ directDomain: PRACTICE_DOMAIN });
const errorFields = (input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : Object.keys(fieldErrorsFrom(r.error)).sort();
};

/** One violation per rule of docs/dpp-contract.md §1: a mutation that breaks it, and the field that must say so. */
const violations: [string, ApplicationField, fc.Arbitrary<Record<string, unknown>>][] = [
  ['Trusted Agent blank', 'trustedAgent', fc.constantFrom('', '   ').map((v) => ({ trustedAgent: v }))],
  ['Trusted Agent > 100', 'trustedAgent', text(101, 150).map((v) => ({ trustedAgent: v }))],
  ['Organization > 200', 'organizationName', text(201, 260).map((v) => ({ organizationName: v }))],
  ['HIPAA type not 4', 'organizationCategory', fc.constantFrom('1', '2', '3', '5', '').map((v) => ({ organizationCategory: v }))],
  ['First name > 50', 'firstName', text(51, 80).map((v) => ({ firstName: v }))],
  ['Last name blank', 'lastName', fc.constant({ lastName: ' ' })],
  ['City > 100', 'city', text(101, 130).map((v) => ({ city: v }))],
  ['US state not a USPS code', 'state', fc.constantFrom('New York', 'XX', 'ZZ', 'Cal').map((v) => ({ country: 'US', state: v }))],
  ['Country not ISO alpha-2', 'country', fc.constantFrom('USA', 'XX', 'U', '12', 'EU').map((v) => ({ country: v }))],
  ['Duration not 1–3', 'duration', fc.oneof(fc.integer({ min: 4, max: 99 }), fc.integer({ min: -5, max: 0 }), fc.constant(1.5)).map((v) => ({ duration: v }))],
  ['Full name > 101', 'fullName', text(102, 140).map((v) => ({ fullName: v }))],
  ['Direct address with a space', 'directAddress', fc.constant({ directAddress: 'jane doe@direct.practice.example' })],
  ['Direct address local part > 64', 'directAddress', fc.integer({ min: 65, max: 80 }).map((n) => ({ directAddress: `${'a'.repeat(n)}@${PRACTICE_DOMAIN}` }))],
  ['Direct address off-domain', 'directAddress', fc.constantFrom('a@other.example', 'a@practice.example', 'a@xdirect.practice.example').map((v) => ({ directAddress: v }))],
  ['Auto renew not a boolean', 'autoRenew', fc.constantFrom('yes', 1, null).map((v) => ({ autoRenew: v }))],
  ['IAL2 not attested', 'ial2Vetted', fc.constantFrom(false, 'false', undefined).map((v) => ({ ial2Vetted: v }))],
  ['Notification address invalid', 'notificationAddress', fc.constantFrom('nope', 'a@', '@b.example').map((v) => ({ notificationAddress: v }))],
  ['Notes > 2000', 'notes', fc.integer({ min: 2001, max: 2100 }).map((n) => ({ notes: 'n'.repeat(n) }))],
];

describe('application schema properties', () => {
  it('accepts every valid application', () => {
    fc.assert(
      fc.property(validApplicationArb, (app) => {
        expect(errorFields(app)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(violations)('rejects "%s" on the %s field only', (_name, field, mutation) => {
    fc.assert(
      fc.property(validApplicationArb, mutation, (app, change) => {
        expect(errorFields({ ...app, ...change })).toEqual([field]);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a notification address equal to the Direct address, whatever the case', () => {
    fc.assert(
      fc.property(validApplicationArb, (app) => {
        expect(errorFields({ ...app, notificationAddress: app.directAddress.toUpperCase() })).toEqual(['notificationAddress']);
      }),
      { numRuns: 60 },
    );
  });

  it('the practice DPP and the form agree on every application, valid or not', async () => {
    const dpp = createPracticeDpp({ idempotency: false });
    const anyChange = fc.oneof(fc.constant({}), ...violations.map(([, , m]) => m));
    await fc.assert(
      fc.asyncProperty(validApplicationArb, anyChange, async (app, change) => {
        const candidate = { ...app, ...change };
        const clientFields = errorFields(candidate);
        // Send what the form would send: the wire mapping of the raw values, unvalidated.
        const wire = toWire({ ...candidate, ial2Vetted: candidate.ial2Vetted === true } as never);
        if (candidate.ial2Vetted !== true) wire[JSON_KEYS.ial2Vetted] = String(candidate.ial2Vetted);
        const res = await dpp.handle(
          new Request('https://practice.invalid/DirectProvisioningApi/Certificate/Patient', {
            method: 'POST',
            headers: { 'X-User-Id': PRACTICE_CREDENTIALS.userId, 'X-User-Password': PRACTICE_CREDENTIALS.password, 'Content-Type': 'application/json' },
            body: JSON.stringify({ ...wire, [JSON_KEYS.directAddress]: `${Math.random().toString(36).slice(2)}${String(wire[JSON_KEYS.directAddress])}` }),
          }),
        );
        if (clientFields.length === 0) {
          expect([201, 409]).toContain(res.status);
        } else {
          expect(res.status).toBe(400);
          const body = (await res.json()) as { ModelState: Record<string, string[]> };
          const wireKeys = clientFields.map((f) => JSON_KEYS[f as keyof typeof JSON_KEYS]).sort();
          expect(Object.keys(body.ModelState).sort()).toEqual(wireKeys);
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 200) },
    );
  });
});
