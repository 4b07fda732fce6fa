import type { Profile } from '$contract/app-info.ts';
import type { DraftValues } from '$contract/applications.ts';
import { fieldVisible, type CertificateFormSpec, type FieldOption, type FieldSpec } from '$contract/certificate-fields.ts';
import type { CertificateType } from '$contract/certificate-types.ts';
import type { SchemaContext } from '$contract/certificates.ts';
import { isUspsStateCode } from '$contract/usps-states.ts';
import type { Component } from 'svelte';
import type * as z from 'zod/mini';

/** What the form holds while the TA types: every field of the type present, none yet validated. */
export type FormValues = Record<string, string | number | boolean>;
export type FieldErrors = Record<string, string[]>;

/**
 * One certificate type as the form engine needs it: its form (drawn from the contract's data) and
 * its schema factory. certificate-kinds.ts loads them; the patient form is in the first script
 * (its schema is not).
 */
export interface CertificateKind {
  readonly type: CertificateType;
  readonly form: CertificateFormSpec;
  /** Its schema factory, loaded on first use (zod and the rules are not in the first script). */
  readonly loadSchema: () => Promise<(context: SchemaContext) => z.ZodMiniType>;
  /**
   * Inputs only this kind draws (radio groups, a password), loaded with it: the patient form
   * needs neither, so they stay out of the first bundle.
   */
  readonly inputs?: { radio?: Component<InputProps>; password?: Component<Omit<InputProps, 'options'>> };
}

/** What an input component of the engine is given (FormField.svelte passes it on). */
export interface InputProps {
  form: ApplicationFormState;
  field: FieldSpec;
  options: readonly FieldOption[];
  hint: string | undefined;
}

/** Kinds of input whose text counts as the TA's own data (not a profile default or a fixed value). */
const TYPED_INPUTS = new Set(['text', 'email', 'password', 'textarea']);

/** A blank form of a kind: profile defaults, the type's `initial` values, then '' or false. */
export function emptyValues(kind: CertificateKind, profile: Profile): FormValues {
  const out: FormValues = {};
  const initial = kind.form.initial as Record<string, string | number | boolean | undefined>;
  for (const field of kind.form.fields) {
    const fromProfile = field.profileDefault ? profile[field.profileDefault] : undefined;
    out[field.name] = fromProfile || (initial[field.name] ?? (field.input === 'checkbox' ? false : ''));
  }
  return out;
}

/** Field-keyed messages of a failed validation, first message first, for this form's fields. */
function errorsByField(fields: readonly FieldSpec[], error: z.core.$ZodError): FieldErrors {
  const names = new Set(fields.map((f) => f.name));
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.find((part): part is string => typeof part === 'string' && names.has(part));
    if (key) (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The application form's state, for any certificate type. Errors are derived from the same zod
 * schema main and the practice DPP use; a field shows its error once it has been left (blurred) or
 * a submit was tried, so the TA is not scolded while still typing the first time. Secret fields
 * (the address certificate's password) are never part of a draft's values: see `secrets()`.
 */
export class ApplicationFormState {
  readonly kind: CertificateKind;
  values: FormValues = $state() as FormValues;
  /** Fields that follow others (Full name) and were since edited by the TA: they follow no more. */
  ownValue: Record<string, boolean> = $state({});
  touched: Record<string, boolean> = $state({});
  submitAttempted = $state(false);
  /** Errors the DPP returned (400 ModelState), cleared per field when the TA edits it. */
  serverErrors: FieldErrors = $state({});
  /** Secret fields main already keeps for this draft (their names; the values never come back). */
  keptSecrets: string[] = $state([]);
  /** Kept secrets the TA asked to remove: the next save tells main to forget them. */
  forgotten: string[] = $state([]);

  /** What the last country change did to State, said beside the field (never a silent clear). */
  stateNotice: string | undefined = $state();

  /** The type's schema with the profile's domain rule, once loaded (see loadSchema). */
  #schema: z.ZodMiniType | undefined = $state.raw();
  #loadingSchema: Promise<void> | undefined;
  readonly directDomain: string | undefined;
  /** Fields left while a pointer button was down: their errors wait for the release (see holdBlurs). */
  // Read only on release, never rendered: no reactivity wanted.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #heldBlurs = new Set<string>();
  #pointerHeld = false;

  constructor(profile: Profile, kind: CertificateKind) {
    this.kind = kind;
    this.values = emptyValues(kind, profile);
    this.directDomain = profile.directDomain || undefined;
  }

  /**
   * Load the type's schema and build it with the profile's domain rule. Not in the constructor:
   * nothing is validated before the TA leaves a field, and zod, its rules and their first run held
   * up the form's first screen (issue 14). The form asks for it once painted (a few ms later), and
   * a review waits for it. Until then no field shows an error and the form is not valid; errors
   * of fields already left appear as soon as it is in. A failed load may be tried again.
   */
  loadSchema(): Promise<void> {
    this.#loadingSchema ??= this.kind.loadSchema().then(
      (factory) => {
        this.#schema = factory({ directDomain: this.directDomain });
      },
      (err: unknown) => {
        this.#loadingSchema = undefined;
        throw err;
      },
    );
    return this.#loadingSchema;
  }

  /** Whether the rules are in: before that, `isValid` is false and no field has an error. */
  get schemaLoaded(): boolean {
    return this.#schema !== undefined;
  }

  get type(): CertificateType {
    return this.kind.type;
  }

  get fields(): readonly FieldSpec[] {
    return this.kind.form.fields;
  }

  /** The fields drawn for the current values (a field may exist only while a condition holds). */
  readonly visibleFields: readonly FieldSpec[] = $derived.by(() => this.kind.form.fields.filter((f) => fieldVisible(f, this.values)));

  readonly clientErrors: FieldErrors = $derived.by(() => {
    if (!this.#schema) return {};
    const result = this.#schema.safeParse(this.toInput());
    return result.success ? {} : errorsByField(this.visibleFields, result.error);
  });

  /** First message per field that the TA should see now, in form order. */
  readonly visibleErrors: { field: string; message: string }[] = $derived.by(() => {
    const out: { field: string; message: string }[] = [];
    for (const { name } of this.visibleFields) {
      const server = this.serverErrors[name]?.[0];
      const client = this.touched[name] || this.submitAttempted ? this.clientErrors[name]?.[0] : undefined;
      const message = client ?? server;
      if (message) out.push({ field: name, message });
    }
    return out;
  });

  errorFor(field: string): string | undefined {
    return this.visibleErrors.find((e) => e.field === field)?.message;
  }

  labelOf(field: string): string {
    return this.fields.find((f) => f.name === field)?.label ?? field;
  }

  get isValid(): boolean {
    return this.#schema !== undefined && Object.keys(this.clientErrors).length === 0;
  }

  blur(field: string): void {
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

  /** True once the TA typed anything of their own: only then is the form worth a draft. */
  get hasData(): boolean {
    return this.fields.some((f) => TYPED_INPUTS.has(f.input) && !f.profileDefault && String(this.values[f.name] ?? '').trim() !== '');
  }

  /** The patient form's name for hasData (the views and tests read it). */
  get hasPatientData(): boolean {
    return this.hasData;
  }

  /**
   * The country changed: a State chosen for the old country means nothing for the new one. Keep
   * it only when it is still valid (a USPS code when the new country is the US); otherwise clear
   * it and say so beside the field, and show the field's error at once.
   */
  countryChanged(previous: string, countryName: (code: string) => string): void {
    const state = String(this.values.state ?? '').trim();
    const next = String(this.values.country);
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

  edited(field: string): void {
    if (this.serverErrors[field]) delete this.serverErrors[field];
    if (field === 'state') this.stateNotice = undefined;
    for (const f of this.fields) {
      if (!f.follows) continue;
      if (f.name === field) this.ownValue[f.name] = true;
      else if (f.follows.includes(field) && !this.ownValue[f.name]) this.values[f.name] = this.#joined(f.follows);
    }
  }

  #joined(names: readonly string[]): string {
    return names
      .map((n) => String(this.values[n] ?? '').trim())
      .join(' ')
      .trim();
  }

  /** Load a saved draft over the defaults; a following field (Full name) keeps following only if it still did. */
  load(values: DraftValues, keptSecrets: readonly string[] = []): void {
    const merged: FormValues = { ...this.values };
    for (const [key, value] of Object.entries(values) as [string, string | number | boolean | undefined][]) if (key in merged && value !== undefined) merged[key] = value;
    this.values = merged;
    this.keptSecrets = [...keptSecrets];
    for (const f of this.fields) {
      if (!f.follows) continue;
      const own = String(merged[f.name] ?? '');
      const synced = this.#joined(f.follows);
      // A duplicate's "Name (copy)" still follows: typing the new person's name fixes it.
      this.ownValue[f.name] = own !== '' && own !== synced && own !== `${synced} (copy)`.trim();
    }
  }

  /** Untick the attestation: reopened or applied for again, the TA attests anew. */
  unattest(): void {
    for (const f of this.fields) if (f.attestation) this.values[f.name] = false;
  }

  /** The values as a draft keeps them: no validation (a draft may be half done), never a secret. */
  snapshot(): DraftValues {
    const out: Record<string, unknown> = {};
    for (const f of this.fields) if (!f.secret) out[f.name] = this.values[f.name];
    return out as DraftValues;
  }

  /**
   * Secrets for main's keychain (drafts.save `secrets`): one typed here replaces the kept one, an
   * empty string forgets it, one left out stays as it was. Nothing to say → undefined.
   */
  secrets(): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    for (const f of this.fields) {
      if (!f.secret) continue;
      if (this.values[f.name] !== '') out[f.name] = String(this.values[f.name]);
      else if (this.forgotten.includes(f.name)) out[f.name] = '';
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** Main has these secrets now (a save carried them): an emptied field then says one is kept. */
  secretsSaved(sent: Record<string, string> | undefined): void {
    if (!sent) return;
    const others = this.keptSecrets.filter((n) => !(n in sent));
    this.keptSecrets = [...others, ...Object.keys(sent).filter((n) => sent[n] !== '')];
    this.forgotten = this.forgotten.filter((n) => !(n in sent));
  }

  /** The TA removes the kept secret: the field empties and the next save forgets it at main. */
  forgetSecret(field: string): void {
    this.values[field] = '';
    this.keptSecrets = this.keptSecrets.filter((n) => n !== field);
    if (!this.forgotten.includes(field)) this.forgotten = [...this.forgotten, field];
  }

  /** Is a secret field set, typed now or kept by main from earlier? (The review says only that.) */
  secretSet(field: string): boolean {
    return this.values[field] !== '' || this.keptSecrets.includes(field);
  }

  /** The application as it will be sent: hidden fields and empty optional ones left out. */
  toInput(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.visibleFields) {
      const value = this.values[f.name];
      if (f.optional && (value === '' || value === undefined)) continue;
      out[f.name] = value;
    }
    return out;
  }
}
