import { z } from 'zod';
import { ProfileSchema } from './app-info.ts';

/** The built-in practice environment's id; it cannot be edited or removed. */
export const PRACTICE_ENVIRONMENT_ID = 'practice';

const hostname = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** A DPP environment as the Settings view edits it. The password is write-only (never read back). */
export const EnvironmentInputSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z
    .string()
    .trim()
    .min(1, { error: 'Give the environment a name, like “DataMotion production”.' })
    .max(60, { error: 'Use a name of 60 characters or fewer.' }),
  baseUrl: z.string().trim().min(1, { error: 'Enter the DPP base URL, like https://dpp.example.com.' }),
  userId: z
    .string()
    .trim()
    .min(1, { error: 'Enter your DPP username (X-User-Id).' })
    .max(254, { error: 'The username must be 254 characters or fewer.' }),
  trustedAgent: z.string().trim().min(1, { error: 'Enter your name as Trusted Agent.' }).max(100),
  organizationName: z.string().trim().min(1, { error: 'Enter the organization’s legal name as established in the DPP.' }).max(200),
  directDomain: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === '' || hostname.test(v), { error: 'Enter a domain like direct.example.org, or leave it empty.' })
    .optional(),
  defaultCountry: z.string().trim().toUpperCase().length(2, { error: 'Use a two-letter country code, like US.' }),
  defaultState: z.string().trim().max(100).optional(),
  /** Only sent when the TA types a new one; empty means "keep the stored password". */
  password: z.string().max(1024).optional(),
});
export type EnvironmentInput = z.input<typeof EnvironmentInputSchema>;

export const EnvironmentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  practice: z.boolean(),
  userId: z.string(),
  profile: ProfileSchema,
  /** Whether a password is stored in the keychain for it (the password itself never leaves main). */
  hasPassword: z.boolean(),
});
export type EnvironmentView = z.infer<typeof EnvironmentViewSchema>;

export const EnvironmentListSchema = z.object({
  activeId: z.string(),
  environments: z.array(EnvironmentViewSchema),
});
export type EnvironmentList = z.infer<typeof EnvironmentListSchema>;

export const EnvironmentIdSchema = z.object({ id: z.string().min(1).max(64) });

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  /** 'ok' | 'unauthorized' | 'unreachable' | 'tls' | 'no-password' | 'other' */
  outcome: z.enum(['ok', 'unauthorized', 'unreachable', 'tls', 'no-password', 'other']),
  message: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
