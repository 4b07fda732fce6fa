import { createHash } from 'node:crypto';
import type { CertificateType } from '../contract/certificate-types.ts';
// Application numbers by type (PC- patient, AC- address, OC- organizational), named once with the wire.
import { APPLICATION_ID_PREFIXES } from '../core/dpp/wire.ts';

/** One application the practice DPP accepted. */
export interface ReceivedApplication {
  applicationId: string;
  /** Absent in state saved before there were types: a patient application. */
  certificateType?: CertificateType;
  /** '' for an organizational certificate, which has none. */
  directAddress: string;
  /** Set for an organizational certificate. */
  directDomain?: string;
  idempotencyKey: string | null;
  submittedAt: number;
  notes: string | undefined;
  /** The wire body as received, without the Direct account password (see passwordSha256). */
  body: Record<string, unknown>;
  /**
   * A real DPP keeps the password; the practice one keeps only its SHA-256, so its saved state
   * (in the app's data directory) never holds the secret, while tests can still prove it arrived.
   */
  passwordSha256?: string;
}


export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The applications the practice DPP holds, and the lookups its answers need. */
export function createReceivedRegistry() {
  let applications: ReceivedApplication[] = [];
  let sequence = 0;

  return {
    list: () => applications,
    get sequence() {
      return sequence;
    },
    /** The latest application for an address: a renewal, or one made again after a rejection, answers for it. */
    byAddress(address: string): ReceivedApplication | undefined {
      const wanted = address.trim().toLowerCase();
      if (wanted === '') return undefined;
      return applications.findLast((a) => a.directAddress.toLowerCase() === wanted);
    },
    byDomain(domain: string): ReceivedApplication | undefined {
      const wanted = domain.trim().toLowerCase();
      if (wanted === '') return undefined;
      return applications.findLast((a) => a.directDomain?.toLowerCase() === wanted);
    },
    byId(applicationId: string): ReceivedApplication | undefined {
      const wanted = applicationId.trim().toUpperCase();
      return applications.find((a) => a.applicationId.toUpperCase() === wanted);
    },
    add(type: CertificateType, entry: Omit<ReceivedApplication, 'applicationId' | 'certificateType'>): ReceivedApplication {
      sequence += 1;
      const received: ReceivedApplication = { applicationId: `${APPLICATION_ID_PREFIXES[type]}-${String(sequence).padStart(6, '0')}`, certificateType: type, ...entry };
      applications.push(received);
      return received;
    },
    reset(): void {
      applications = [];
      sequence = 0;
    },
    restore(saved: ReceivedApplication[], savedSequence: number): void {
      applications = saved;
      sequence = Math.max(savedSequence, saved.length);
    },
  };
}

export type ReceivedRegistry = ReturnType<typeof createReceivedRegistry>;
