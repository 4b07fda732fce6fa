// zod/mini: the Settings view validates with these in the renderer (see application.ts for why mini).
import * as z from 'zod/mini';
import { ProfileSchema } from './app-info.ts';
import { safeText } from './text.ts';

/** The built-in practice environment's id; it cannot be edited or removed. */
export const PRACTICE_ENVIRONMENT_ID = 'practice';

/**
 * The DPP receives the username and password in HTTP headers (X-User-Id, X-User-Password), which
 * carry printable ASCII only and drop spaces at either end. Anything else would be refused by the
 * HTTP stack at send time and leave applications in "unknown outcome", so it is refused here.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const HEADER_PASSWORD = 'Use only letters A–Z, digits, spaces and the symbols of a US keyboard: the DPP receives the password in an HTTP header, which cannot carry line breaks, accented letters or emoji. Check for one pasted by mistake.';
const EDGE_SPACE = 'Remove the space at the start or end of the password: HTTP headers drop it, so the DPP would receive a different password.';
const HEADER_USER = 'Use only letters A–Z, digits and the symbols of a US keyboard, with no spaces: the DPP receives the username in an HTTP header.';

const hostname = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** A DPP environment as the Settings view edits it. The password is write-only (never read back). */
export const EnvironmentInputSchema = z.object({
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  name: z.string().check(
    z.trim(),
    ...safeText(),
    z.minLength(1, { error: 'Give the environment a name, like “DataMotion production”.' }),
    z.maxLength(60, { error: 'Use a name of 60 characters or fewer.' }),
  ),
  baseUrl: z.string().check(z.trim(), z.minLength(1, { error: 'Enter the DPP base URL, like https://dpp.example.com.' })),
  userId: z.string().check(
    z.trim(),
    z.minLength(1, { error: 'Enter your DPP username (X-User-Id).' }),
    z.maxLength(254, { error: 'The username must be 254 characters or fewer.' }),
    z.refine((v) => PRINTABLE_ASCII.test(v) && !v.includes(' '), { error: HEADER_USER }),
  ),
  trustedAgent: z.string().check(z.trim(), ...safeText(), z.minLength(1, { error: 'Enter your name as Trusted Agent.' }), z.maxLength(100)),
  organizationName: z
    .string()
    .check(z.trim(), ...safeText(), z.minLength(1, { error: 'Enter the organization’s legal name as established in the DPP.' }), z.maxLength(200)),
  directDomain: z.optional(
    z.string().check(
      z.trim(),
      z.toLowerCase(),
      z.refine((v) => v === '' || hostname.test(v), { error: 'Enter a domain like direct.example.org, or leave it empty.' }),
    ),
  ),
  defaultCountry: z.string().check(z.trim(), z.length(2, { error: 'Use a two-letter country code, like US.' }), z.toUpperCase()),
  defaultState: z.optional(z.string().check(z.trim(), ...safeText(), z.maxLength(100))),
  /** Only sent when the TA types a new one; empty means "keep the stored password". */
  password: z.optional(
    z.string().check(
      z.maxLength(1024),
      z.refine((v) => PRINTABLE_ASCII.test(v), { error: HEADER_PASSWORD, abort: true }),
      z.refine((v) => v.trim() === v, { error: EDGE_SPACE }),
    ),
  ),
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

export const EnvironmentIdSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  outcome: z.enum(['ok', 'unauthorized', 'unreachable', 'tls', 'no-password', 'other']),
  message: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
