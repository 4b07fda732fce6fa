import { z } from 'zod';

/** What the DPP gave back for an accepted application. */
export const SubmitReceiptSchema = z.object({
  applicationId: z.string(),
  /** Kept verbatim: an unknown status name is shown, never dropped. */
  status: z.string(),
  submittedAt: z.string(),
  environmentName: z.string(),
});
export type SubmitReceipt = z.infer<typeof SubmitReceiptSchema>;
