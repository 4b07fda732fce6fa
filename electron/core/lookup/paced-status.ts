import { TYPE_NOT_KNOWN } from '../../contract/certificate-types.ts';
import type { FoundApplication } from '../../contract/lookup.ts';
import type { AppError, Result } from '../../contract/result.ts';
import type { DppClient, ProvisioningStatus } from '../dpp/client.ts';
import type { Pacer } from '../dpp/pacer.ts';
import type { Environment } from '../environment.ts';

/** Raised by a cancellable sleep when its batch is cancelled. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

export type Sleep = (ms: number) => Promise<void>;

export const plainSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One status request through the pacer the outbox uses: the slot is taken right before the request
 * leaves, and a 429 teaches the pacer the DPP's rate (and pauses every caller for Retry-After).
 */
export async function pacedAsk(pacer: Pacer, ask: () => Promise<Result<ProvisioningStatus | null>>, sleep: Sleep): Promise<Result<ProvisioningStatus | null>> {
  const slot = await pacer.acquire(sleep);
  const answer = await ask();
  if (!answer.ok && answer.error.code === 'rate-limited') pacer.limited((answer.error.retryAfterSeconds ?? 1) * 1000, slot);
  else pacer.answered(slot);
  return answer;
}

/** The status of one Direct address, paced (see pacedAsk). */
export function pacedStatus(client: DppClient, pacer: Pacer, address: string, sleep: Sleep): Promise<Result<ProvisioningStatus | null>> {
  return pacedAsk(pacer, () => client.status(address), sleep);
}

/** The client's answer as the window reads it; `asked` stands in for a Direct address the answer left out. */
export function foundOf(v: ProvisioningStatus, asked?: { address: string }): FoundApplication {
  return {
    applicationId: v.applicationId ?? null,
    status: v.status,
    statusDate: v.statusDate ?? null,
    comments: v.comments ?? null,
    certificateType: v.certificateType ?? TYPE_NOT_KNOWN,
    directAddress: v.directAddress ?? asked?.address ?? null,
    directDomain: v.directDomain ?? null,
  };
}

/**
 * The client's messages are worded for submitting; a lookup says what to do next for a lookup.
 * Network, TLS, timeout and server messages already fit and are kept.
 */
export function lookupError(error: AppError, env: Pick<Environment, 'name'>): AppError {
  switch (error.code) {
    case 'unauthorized':
      return { ...error, message: `The DPP did not accept the TA credentials of ${env.name}. Check the username and password in Settings, then look up again.` };
    case 'forbidden':
      return { ...error, message: `The DPP refused the lookup: this account may not act as Trusted Agent for the organization at ${env.name}.` };
    case 'rate-limited': {
      const seconds = error.retryAfterSeconds ?? 1;
      return { ...error, message: `The DPP asked TA Desk to slow down. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.` };
    }
    case 'unknown-outcome':
      return { code: 'network', message: 'The connection to the DPP broke before it answered. Try again in a moment.' };
    default:
      return error;
  }
}

/** Answers after which a batch cannot go on (every further request would fail the same way). */
export const STOPS_A_BATCH = new Set<AppError['code']>(['unauthorized', 'forbidden', 'keychain']);
/** Answers worth another try: the DPP or the network had a moment. */
export const TRANSIENT = new Set<AppError['code']>(['network', 'timeout', 'server-error', 'unknown-outcome', 'bad-response']);
