import type { ApplicationInput } from '../../../electron/contract/application.ts';
import type { Dispatch } from '../../../electron/core/ipc/dispatch.ts';
import { DEFAULT_PRACTICE_ACCOUNTS, PRACTICE_ACCOUNT, type PracticeAccount } from '../../../electron/practice/accounts.ts';

/**
 * Who the suite pretends to be. The TA password of the non-practice environment is recognizable
 * on purpose, so the scan at the end can look for it everywhere it must not be.
 */
export const TA_SECRET = 'Rel1ability-S3cret';

/** A DataMotion-like account (not the public practice one) whose password is TA_SECRET. */
export const RELIABILITY_ACCOUNT: PracticeAccount = {
  userId: 'riley.agent@reliability.example',
  password: TA_SECRET,
  trustedAgent: 'Riley Reliability',
  isTrustedAgent: true,
  organization: { name: 'Reliability Test Clinic', directDomain: 'direct.reliability.example' },
};

/** The accounts a practice DPP of the suite knows: the documented ones plus the reliability TA. */
export const SUITE_ACCOUNTS: readonly PracticeAccount[] = [...DEFAULT_PRACTICE_ACCOUNTS, RELIABILITY_ACCOUNT];

export const RELIABILITY_ENVIRONMENT_NAME = 'Reliability DPP';

/**
 * Saves (with TA_SECRET, through the IPC handler as the Settings view does) and activates the
 * non-practice environment at `baseUrl`; returns its id.
 */
export async function useReliabilityEnvironment(dispatch: Dispatch, baseUrl: string): Promise<string> {
  const saved = await dispatch('environments.save', {
    name: RELIABILITY_ENVIRONMENT_NAME,
    baseUrl,
    userId: RELIABILITY_ACCOUNT.userId,
    trustedAgent: RELIABILITY_ACCOUNT.trustedAgent,
    organizationName: RELIABILITY_ACCOUNT.organization.name,
    directDomain: RELIABILITY_ACCOUNT.organization.directDomain,
    defaultCountry: 'US',
    defaultState: 'NY',
    password: TA_SECRET,
  });
  if (!saved.ok) throw new Error(`environments.save failed: ${JSON.stringify(saved.error)}`);
  const id = (saved.value as { id: string }).id;
  const activated = await dispatch('environments.activate', { id });
  if (!activated.ok) throw new Error(`environments.activate failed: ${JSON.stringify(activated.error)}`);
  return id;
}

const FIRST = ['Quenby', 'Ottoline', 'Ysolde', 'Thaddeus', 'Wilhelmina', 'Peregrine', 'Zuleika', 'Lysander'];
const LAST = ['Vantwoudt', 'Oyelaran', 'Quispe', 'Hrafnsdottir', 'Zbikowski', 'Nakashima', 'Villanueva', 'Ekwueme'];

/**
 * A valid application with recognizable PHI: a patient name and a Direct address that occur
 * nowhere else, so finding either in plaintext anywhere means it leaked. `tag` names the test.
 */
export function patientApplication(
  tag: string,
  n: number,
  account: PracticeAccount = RELIABILITY_ACCOUNT,
  overrides: Partial<ApplicationInput> = {},
  salt: number = process.pid,
): ApplicationInput {
  const first = FIRST[n % FIRST.length] ?? 'Quenby';
  const last = `${LAST[(n >> 3) % LAST.length] ?? 'Quispe'}${tag}${n}`;
  return {
    trustedAgent: account.trustedAgent,
    organizationName: account.organization.name,
    organizationCategory: '4',
    firstName: first,
    lastName: last,
    city: 'Albany',
    state: 'NY',
    country: 'US',
    duration: 2,
    fullName: `${first} ${last}`,
    directAddress: `${first.toLowerCase()}.${last.toLowerCase()}.${salt}@${account.organization.directDomain}`,
    autoRenew: true,
    ial2Vetted: true,
    notificationAddress: `${first.toLowerCase()}.${last.toLowerCase()}@mail.example.org`,
    ...overrides,
  };
}

/** The PHI of an application that the scan looks for. */
export function phiOf(app: ApplicationInput): string[] {
  return [app.fullName, app.lastName, app.directAddress, app.notificationAddress];
}

export { PRACTICE_ACCOUNT };
