import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateType } from '../../electron/contract/certificate-types.ts';
import { certificateToWire, JSON_KEYS, SUBMIT_PATHS, type WireField } from '../../electron/core/dpp/wire.ts';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { validAddressApplicationArb, validApplicationArb, validOrganizationApplicationArb } from '../helpers/arbitraries.ts';
import { addressViolations, errorFieldsOf, organizationViolations, patientViolations, type Violation } from '../helpers/certificate-violations.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/**
 * The form's schema and the practice DPP agree on every application, valid or broken by one rule:
 * sent over real HTTP on loopback exactly as the client would send the raw values (unvalidated),
 * a valid one is received (201), an invalid one is a 400 whose ModelState names exactly the keys of
 * the fields the form marks.
 */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
beforeAll(async () => {
  server = await startPracticeServer();
});
afterAll(() => server.close());

let unique = 0;
/** Each candidate gets its own address or domain, so a 409 never hides a verdict. */
function fresh(type: CertificateType, app: Record<string, unknown>): Record<string, unknown> {
  unique += 1;
  if (type === 'organization' && typeof app.directDomain === 'string') return { ...app, directDomain: `u${unique}.${app.directDomain}` };
  if (typeof app.directAddress === 'string') return { ...app, directAddress: `u${unique}${app.directAddress}` };
  return app;
}

describe.each([
  ['patient', validApplicationArb as fc.Arbitrary<Record<string, unknown>>, patientViolations],
  ['address', validAddressApplicationArb as fc.Arbitrary<Record<string, unknown>>, addressViolations],
  ['organization', validOrganizationApplicationArb as fc.Arbitrary<Record<string, unknown>>, organizationViolations],
] as [CertificateType, fc.Arbitrary<Record<string, unknown>>, Violation[]][])('%s: form and practice DPP', (type, validArb, violations) => {
  it('agree on every application, valid or not', async () => {
    const anyChange = fc.oneof(fc.constant({}), ...violations.map(([, , m]) => m));
    await fc.assert(
      fc.asyncProperty(validArb, anyChange, async (app, change) => {
        const candidate = fresh(type, { ...app, ...change });
        const formFields = errorFieldsOf(type, candidate);
        const body = certificateToWire({ certificateType: type, application: candidate } as never);
        const res = await fetch(`${server.url}${SUBMIT_PATHS[type]}`, {
          method: 'POST',
          headers: { 'X-User-Id': PRACTICE_ACCOUNT.userId, 'X-User-Password': PRACTICE_ACCOUNT.password, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (formFields.length === 0) {
          expect(res.status).toBe(201);
        } else {
          expect(res.status).toBe(400);
          const answer = (await res.json()) as { ModelState: Record<string, string[]> };
          expect(Object.keys(answer.ModelState).sort()).toEqual(formFields.map((f) => JSON_KEYS[f as WireField]).sort());
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 150) },
    );
  });
});
