import type { DppCredentials } from '../core/dpp/client.ts';
import type { Environment } from '../core/environment.ts';
import { PRACTICE_ACCOUNT } from './accounts.ts';

/**
 * Practice mode: the built-in practice DPP with its documented account (README), so the app can
 * be tried with no DataMotion account and no network.
 */
export const PRACTICE_CREDENTIALS: DppCredentials = {
  userId: PRACTICE_ACCOUNT.userId,
  password: PRACTICE_ACCOUNT.password,
};

/** Never resolved: in Practice mode the practice DPP answers in-process. */
export const PRACTICE_BASE_URL = 'https://practice.invalid';

export function practiceEnvironment(): Environment {
  return {
    id: 'practice',
    name: 'Practice',
    practice: true,
    baseUrl: PRACTICE_BASE_URL,
    profile: {
      userId: PRACTICE_ACCOUNT.userId,
      trustedAgent: PRACTICE_ACCOUNT.trustedAgent,
      organizationName: PRACTICE_ACCOUNT.organization.name,
      directDomain: PRACTICE_ACCOUNT.organization.directDomain,
      defaultCountry: 'US',
    },
  };
}
