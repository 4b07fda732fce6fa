import { fieldVisible, resolveField, type FieldSpec } from '$contract/certificate-fields.ts';
import { countryName } from './countries.ts';
import type { ApplicationFormState } from './form-state.svelte.ts';

/**
 * How each value reads on the review step, for any certificate type: what the TA is about to
 * send, in words. A choice shows its option's words (HIPAA type "HIPAA covered entity", "2 years"),
 * a country its name beside its code, a yes/no field the words its spec gives, a secret only
 * whether it is set.
 */
function display(field: FieldSpec, form: ApplicationFormState): string {
  const value = form.values[field.name];
  const words = field.review ?? {};
  if (field.secret) return form.secretSet(field.name) ? (words.yes ?? 'Set') : (words.empty ?? 'Not set');
  if (field.options === 'countries') {
    // "CA" alone reads as California: the name first, the code beside it.
    const code = String(value);
    return `${countryName(code)} (${code})`;
  }
  if (Array.isArray(field.options)) {
    const option = field.options.find((o) => o.value === value);
    if (option) return option.label;
  }
  if (field.input === 'checkbox') return value === true ? (words.yes ?? 'Yes') : (words.no ?? 'No');
  const text = String(value ?? '').trim();
  return text === '' && words.empty ? words.empty : text;
}

export function reviewRows(form: ApplicationFormState): { field: string; label: string; value: string }[] {
  return form.fields
    .filter((f) => fieldVisible(f, form.values))
    .map((f) => resolveField(f, form.values))
    .map((f) => ({ field: f.name, label: f.label, value: display(f, form) }));
}
