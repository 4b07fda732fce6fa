import {
  APPLICATION_FIELDS,
  applicationSchema,
  fieldErrorsFrom,
  PATIENT_CATEGORY,
  type ApplicationField,
  type ApplicationInput,
  type FieldErrors,
} from '$contract/application.ts';
import { isUspsStateCode } from '$contract/usps-states.ts';
import type { Profile } from '$contract/app-info.ts';
import type { DraftValues } from '$contract/applications.ts';

/** What the form holds while the TA types: every field present, none yet validated. */
export interface FormValues {
  trustedAgent: string;
  organizationName: string;
  organizationCategory: typeof PATIENT_CATEGORY;
  firstName: string;
  lastName: string;
  city: string;
  state: string;
  country: string;
  duration: 1 | 2 | 3;
  fullName: string;
  directAddress: string;
  autoRenew: boolean;
  ial2Vetted: boolean;
  notificationAddress: string;
  notes: string;
}

export function emptyForm(profile: Profile): FormValues {
  return {
    trustedAgent: profile.trustedAgent,
    organizationName: profile.organizationName,
    organizationCategory: PATIENT_CATEGORY,
    firstName: '',
    lastName: '',
    city: '',
    state: profile.defaultState ?? '',
    country: profile.defaultCountry || 'US',
    duration: 1,
    fullName: '',
    directAddress: '',
    autoRenew: false,
    ial2Vetted: false,
    notificationAddress: '',
    notes: '',
  };
}

/**
 * The application form's state. Errors are derived from the same zod schema main and the
 * practice DPP use; a field shows its error once it has been left (blurred) or a submit was tried,
 * so the TA is not scolded while still typing the first time.
 */
export class ApplicationFormState {
  values: FormValues = $state() as FormValues;
  /** Full name follows First/Last until the TA edits it. */
  fullNameEdited = $state(false);
  touched: Partial<Record<ApplicationField, boolean>> = $state({});
  submitAttempted = $state(false);
  /** Errors the DPP returned (400 ModelState), cleared per field when the TA edits it. */
  serverErrors: FieldErrors = $state({});

  /** What the last country change did to State, said beside the field (never a silent clear). */
  stateNotice: string | undefined = $state();

  readonly #schema;
  readonly directDomainHint: string | undefined;
  /** Fields left while a pointer button was down: their errors wait for the release (see holdBlurs). */
  // Read only on release, never rendered: no reactivity wanted.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #heldBlurs = new Set<ApplicationField>();
  #pointerHeld = false;

  constructor(profile: Profile) {
    this.values = emptyForm(profile);
    this.#schema = applicationSchema({ directDomain: profile.directDomain });
    this.directDomainHint = profile.directDomain
      ? `An address at ${profile.directDomain} or one of its subdomains.`
      : undefined;
  }

  readonly clientErrors: FieldErrors = $derived.by(() => {
    const result = this.#schema.safeParse(this.values as ApplicationInput);
    return result.success ? {} : fieldErrorsFrom(result.error);
  });

  /** First message per field that the TA should see now, in form order. */
  readonly visibleErrors: { field: ApplicationField; message: string }[] = $derived.by(() => {
    const out: { field: ApplicationField; message: string }[] = [];
    for (const { name } of APPLICATION_FIELDS) {
      const server = this.serverErrors[name]?.[0];
      const client = this.touched[name] || this.submitAttempted ? this.clientErrors[name]?.[0] : undefined;
      const message = client ?? server;
      if (message) out.push({ field: name, message });
    }
    return out;
  });

  errorFor(field: ApplicationField): string | undefined {
    return this.visibleErrors.find((e) => e.field === field)?.message;
  }

  get isValid(): boolean {
    return Object.keys(this.clientErrors).length === 0;
  }

  blur(field: ApplicationField): void {
    if (this.#pointerHeld) this.#heldBlurs.add(field);
    else this.touched[field] = true;
  }

  /**
   * Nothing may move under the pointer between press and release: a field's error appearing on
   * blur would push the button being clicked down and lose the click. While a pointer button is
   * down, blurs are remembered; their errors show once it is released (after the click landed).
   */
  holdBlurs(held: boolean): void {
    this.#pointerHeld = held;
    if (held) return;
    for (const field of this.#heldBlurs) this.touched[field] = true;
    this.#heldBlurs.clear();
  }

  /** True once the TA typed anything about the patient: only then is the form worth a draft. */
  get hasPatientData(): boolean {
    const v = this.values;
    return [v.firstName, v.lastName, v.city, v.fullName, v.directAddress, v.notificationAddress, v.notes].some((s) => s.trim() !== '');
  }

  /**
   * The country changed: a State chosen for the old country means nothing for the new one. Keep
   * it only when it is still valid (a USPS code when the new country is the US); otherwise clear
   * it and say so beside the field, and show the field's error at once.
   */
  countryChanged(previous: string, countryName: (code: string) => string): void {
    const state = this.values.state.trim();
    const next = this.values.country;
    this.edited('country');
    this.stateNotice = undefined;
    if (state === '' || previous === next) return;
    if (next === 'US' && isUspsStateCode(state.toUpperCase())) {
      this.values.state = state.toUpperCase();
      return;
    }
    this.values.state = '';
    this.touched.state = true;
    this.stateNotice = `“${state}” was cleared: it was the state for ${countryName(previous)}. ${next === 'US' ? 'Choose a US state.' : `Enter the state, province or region in ${countryName(next)}.`}`;
  }

  edited(field: ApplicationField): void {
    if (this.serverErrors[field]) delete this.serverErrors[field];
    if (field === 'state') this.stateNotice = undefined;
    if (field === 'fullName') this.fullNameEdited = true;
    if ((field === 'firstName' || field === 'lastName') && !this.fullNameEdited) {
      this.values.fullName = `${this.values.firstName.trim()} ${this.values.lastName.trim()}`.trim();
    }
  }

  /** Load a saved draft over the profile defaults; Full name stays in sync only if it still was. */
  load(values: DraftValues): void {
    const merged = { ...this.values, ...values } as FormValues;
    this.values = merged;
    const synced = `${merged.firstName.trim()} ${merged.lastName.trim()}`.trim();
    // A duplicate's "Name (copy)" still follows First/Last: typing the new patient's name fixes it.
    this.fullNameEdited = merged.fullName !== '' && merged.fullName !== synced && merged.fullName !== `${synced} (copy)`.trim();
  }

  /** The values as a draft keeps them (no validation: a draft may be half done). */
  snapshot(): DraftValues {
    return { ...this.values };
  }

  /** The application as it will be sent: trimmed and normalized by the schema. */
  toInput(): ApplicationInput {
    return { ...this.values, notes: this.values.notes === '' ? undefined : this.values.notes } as ApplicationInput;
  }
}
