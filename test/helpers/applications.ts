import type { ApplicationInput } from '../../electron/contract/application.ts';
import type { AddressApplicationInput } from '../../electron/contract/certificate-address.ts';
import type { OrganizationApplicationInput } from '../../electron/contract/certificate-organization.ts';

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

/** A valid practice address certificate application (fresh Direct address each call). */
export function validAddressApplication(overrides: Partial<AddressApplicationInput> = {}): AddressApplicationInput {
  counter += 1;
  return {
    trustedAgent: 'Pat Practice',
    organizationName: 'Practice Family Clinic',
    organizationCategory: '2',
    firstName: 'Ann',
    lastName: 'Lee',
    city: 'Boston',
    state: 'MA',
    country: 'US',
    duration: 1,
    fullName: 'Ann Lee',
    directAddress: `ann.lee.${process.pid}.${counter}@direct.practice.example`,
    autoRenew: false,
    ial2Vetted: true,
    notificationAddress: 'ann.lee@example.org',
    ...overrides,
  };
}

/** A valid practice organizational certificate application (fresh subdomain each call). */
export function validOrganizationApplication(overrides: Partial<OrganizationApplicationInput> = {}): OrganizationApplicationInput {
  counter += 1;
  return {
    trustedAgent: 'Pat Practice',
    organizationName: 'Practice Family Clinic',
    organizationCategory: '2',
    city: 'Boston',
    state: 'MA',
    country: 'US',
    duration: 3,
    directDomain: `site${process.pid}x${counter}.direct.practice.example`,
    alternateName: 'Practice Family Clinic North',
    autoRenew: false,
    usersVetted: true,
    ...overrides,
  };
}
