import { EnvironmentInputSchema, type EnvironmentInput, type EnvironmentView } from '$contract/environments.ts';

/** The Settings form's fields, in form order; `name` is the EnvironmentInput key main answers with. */
export const ENVIRONMENT_FIELDS = [
  { name: 'name', label: 'Name' },
  { name: 'baseUrl', label: 'DPP base URL' },
  { name: 'userId', label: 'DPP username' },
  { name: 'password', label: 'DPP password' },
  { name: 'trustedAgent', label: 'Trusted Agent' },
  { name: 'organizationName', label: 'Organization legal name' },
  { name: 'directDomain', label: 'Direct domain' },
  { name: 'defaultCountry', label: 'Default country' },
  { name: 'defaultState', label: 'Default state' },
] as const;

export type EnvironmentField = (typeof ENVIRONMENT_FIELDS)[number]['name'];
export type EnvironmentFormValues = Record<EnvironmentField, string>;
export type EnvironmentFieldErrors = Partial<Record<EnvironmentField, string>>;

export const fieldId = (field: EnvironmentField) => `env-field-${field}`;

const isField = (key: string): key is EnvironmentField => ENVIRONMENT_FIELDS.some((f) => f.name === key);

/** Values to edit: an existing environment's settings, or blanks for a new one. Never a password. */
export function formValuesFor(env: EnvironmentView | undefined): EnvironmentFormValues {
  return {
    name: env?.name ?? '',
    baseUrl: env?.baseUrl ?? '',
    userId: env?.userId ?? '',
    password: '',
    trustedAgent: env?.profile.trustedAgent ?? '',
    organizationName: env?.profile.organizationName ?? '',
    directDomain: env?.profile.directDomain ?? '',
    defaultCountry: env?.profile.defaultCountry ?? 'US',
    defaultState: env?.profile.defaultState ?? '',
  };
}

/** What is sent to main. The password goes only when the TA typed one: empty keeps the stored one. */
export function toInput(values: EnvironmentFormValues, id: string | undefined): EnvironmentInput {
  const { password, ...rest } = values;
  return { ...rest, ...(id ? { id } : {}), ...(password !== '' ? { password } : {}) };
}

/** First message per field, from zod issues or from main's `fields` (keyed like EnvironmentInput). */
export function firstErrors(fields: Record<string, string[] | undefined>): EnvironmentFieldErrors {
  const out: EnvironmentFieldErrors = {};
  for (const [key, messages] of Object.entries(fields)) {
    if (isField(key) && messages?.[0] && !out[key]) out[key] = messages[0];
  }
  return out;
}

/**
 * The contract's own rules, checked here so every field gets its message at once; main checks
 * again, and adds what only it can know (URL scheme, duplicate names, a missing password).
 */
export function validate(values: EnvironmentFormValues, isNew: boolean): EnvironmentFieldErrors {
  const parsed = EnvironmentInputSchema.safeParse(toInput(values, undefined));
  const fields: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
  }
  if (isNew && values.password === '') (fields.password ??= []).push('Enter the DPP password for this environment.');
  return firstErrors(fields);
}

/** Errors in form order, for the summary. */
export function orderedErrors(errors: EnvironmentFieldErrors): { field: EnvironmentField; label: string; message: string }[] {
  return ENVIRONMENT_FIELDS.flatMap(({ name, label }) => (errors[name] ? [{ field: name, label, message: errors[name] }] : []));
}
