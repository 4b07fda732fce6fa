import type { ApplicationInput } from '../../electron/contract/application.ts';

let counter = 0;

/** A valid practice application; each call gets a fresh Direct address (the DPP refuses reuse). */
export function validApplication(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  counter += 1;
  return {
    trustedAgent: 'Pat Practice',
    organizationName: 'Practice Family Clinic',
    organizationCategory: '4',
    firstName: 'Jane',
    lastName: 'Doe',
    city: 'Albany',
    state: 'NY',
    country: 'US',
    duration: 2,
    fullName: 'Jane Doe',
    directAddress: `jane.doe.${process.pid}.${counter}@direct.practice.example`,
    autoRenew: true,
    ial2Vetted: true,
    notificationAddress: 'jane.doe@example.org',
    ...overrides,
  };
}
