import type { CertificateType } from '../../contract/certificate-types.ts';
import type { AppError } from '../../contract/result.ts';

// How a failed send is classified, and the words a parked row shows: kept apart from the
// sending logic so the TA-facing texts are in one place.

/** Answers that need the TA: the application goes back to editable with the reason. */
export const NEEDS_TA = new Set<AppError['code']>(['invalid', 'unauthorized', 'forbidden', 'keychain', 'bad-request', 'bad-response', 'conflict']);
/** Answers after which the DPP may or may not have the application: reconcile before any resend. */
export const OUTCOME_UNKNOWN = new Set<AppError['code']>(['server-error', 'timeout', 'unknown-outcome']);

export const UNCONFIRMED_TEXT =
  'TA Desk has not been able to confirm for 24 hours whether the DPP received this application, so it has not sent it again. ' +
  'Look up the patient’s Direct address in the DataMotion portal or ask DataMotion support. TA Desk keeps checking every 15 minutes and updates this row when the DPP answers.';

/** What a parked application shows, by cause: the TA's next step, never the DPP's own text. */
export function attentionText(code: AppError['code'], type?: CertificateType): string {
  switch (code) {
    case 'invalid':
      return 'The DPP found problems with this application. Open it, fix the marked fields and submit again.';
    case 'unauthorized':
      return 'The DPP did not accept the TA credentials. Check the username and password in Settings, then submit again.';
    case 'forbidden':
      return 'The DPP refused it: this account may not act as Trusted Agent for the organization.';
    case 'conflict':
      // In the words of the application's type: a domain is not an address, staff are not patients.
      if (type === 'organization') return 'The Direct domain already has a certificate at the DPP. Check the domain, or find it in History.';
      return `The Direct address is already in use at the DPP. Check the address, or find ${type === 'address' ? 'it' : 'the patient'} in History.`;
    case 'keychain':
      return 'The OS keychain is not available, so the DPP password could not be read. Unlock or start the keychain, then submit again.';
    default:
      return 'The DPP answered in a way TA Desk could not use. Submit again; if it happens again, tell support.';
  }
}
