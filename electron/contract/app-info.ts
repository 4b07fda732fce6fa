import { z } from 'zod';

/** The TA profile of the active environment: defaults for the form. Never holds the password. */
export const ProfileSchema = z.object({
  trustedAgent: z.string(),
  organizationName: z.string(),
  directDomain: z.string().optional(),
  defaultCountry: z.string(),
  defaultState: z.string().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  environmentId: z.string(),
  environmentName: z.string(),
  /** True when applications go to the built-in practice DPP, not to DataMotion. */
  practice: z.boolean(),
  profile: ProfileSchema,
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
