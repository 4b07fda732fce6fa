import { PATIENT_FORM } from '$contract/certificate-patient.ts';
import type { CertificateType } from '$contract/certificate-types.ts';
import type { CertificateKind } from './form-state.svelte.ts';

/**
 * The certificate types the form engine draws. The patient form is what most TAs open first, so
 * it is in the first script, but not its schema: zod and the rules load once the form is painted
 * (ApplicationFormState.loadSchema). The address and organizational forms (and their schemas)
 * load on first use, keeping the script run before the app is usable small.
 */
export const PATIENT_KIND: CertificateKind = {
  type: 'patient',
  form: PATIENT_FORM,
  loadSchema: () => import('$contract/application.ts').then((m) => m.applicationSchema),
};

const choice = () => import('../components/form/ChoiceField.svelte').then((c) => c.default);
const secret = () => import('../components/form/SecretField.svelte').then((c) => c.default);

const loaders: Record<Exclude<CertificateType, 'patient'>, () => Promise<CertificateKind>> = {
  address: async () => {
    const [m, radio, password] = await Promise.all([import('$contract/certificate-address.ts'), choice(), secret()]);
    return { type: 'address', form: m.ADDRESS_FORM, loadSchema: () => Promise.resolve(m.addressApplicationSchema), inputs: { radio, password } };
  },
  organization: async () => {
    const [m, radio] = await Promise.all([import('$contract/certificate-organization.ts'), choice()]);
    return { type: 'organization', form: m.ORGANIZATION_FORM, loadSchema: () => Promise.resolve(m.organizationApplicationSchema), inputs: { radio } };
  },
};

// Loaded kinds, by type: a second visit to a type draws at once.
const loaded = new Map<CertificateType, CertificateKind>([['patient', PATIENT_KIND]]);

/** The kind of a type, at once when it is loaded already. */
export function loadedKind(type: CertificateType): CertificateKind | undefined {
  return loaded.get(type);
}

export async function loadKind(type: CertificateType): Promise<CertificateKind> {
  const have = loaded.get(type);
  if (have) return have;
  const kind = await loaders[type as Exclude<CertificateType, 'patient'>]();
  loaded.set(type, kind);
  return kind;
}
