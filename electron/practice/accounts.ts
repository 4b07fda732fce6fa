/** Accounts known to the practice DPP. The first one is the documented practice account (README). */
export interface PracticeAccount {
  userId: string;
  password: string;
  trustedAgent: string;
  /** False for a DPP user who may not act as Trusted Agent (answers 403). */
  isTrustedAgent: boolean;
  organization: { name: string; directDomain: string };
}

export const PRACTICE_ACCOUNT: PracticeAccount = {
  userId: 'ta@practice.example',
  password: 'practice-only',
  trustedAgent: 'Pat Practice',
  isTrustedAgent: true,
  organization: { name: 'Practice Family Clinic', directDomain: 'direct.practice.example' },
};

/** A DPP user of the same organization who is not a Trusted Agent: every submit is a 403. */
export const PRACTICE_NON_TA_ACCOUNT: PracticeAccount = {
  userId: 'staff@practice.example',
  password: 'practice-only',
  trustedAgent: 'Sam Staff',
  isTrustedAgent: false,
  organization: PRACTICE_ACCOUNT.organization,
};

export const DEFAULT_PRACTICE_ACCOUNTS: readonly PracticeAccount[] = [PRACTICE_ACCOUNT, PRACTICE_NON_TA_ACCOUNT];
