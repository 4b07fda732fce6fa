// zod/mini: the renderer imports the profile type and shape (see application.ts for why mini).
import * as z from 'zod/mini';
import { CERTIFICATE_TYPES } from './certificate-types.ts';

/** The TA profile of the active environment: defaults for the form. Never holds the password. */
export const ProfileSchema = z.object({
  trustedAgent: z.string(),
  organizationName: z.string(),
  directDomain: z.optional(z.string()),
  defaultCountry: z.string(),
  defaultState: z.optional(z.string()),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  environmentId: z.string(),
  environmentName: z.string(),
  /** True when applications go to the built-in practice DPP, not to DataMotion. */
  practice: z.boolean(),
  profile: ProfileSchema,
  /** The certificate type the TA last picked: a new application starts as it (patient when unset). */
  lastCertificateType: z.optional(z.enum(CERTIFICATE_TYPES)),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
