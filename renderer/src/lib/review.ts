import { APPLICATION_FIELDS, type ApplicationField } from '$contract/application.ts';
import { countryName } from './countries.ts';
import type { FormValues } from './form-state.svelte.ts';

/** How each value reads on the review step: what the TA is about to send, in words. */
function display(field: ApplicationField, values: FormValues): string {
  const value = values[field];
  switch (field) {
    case 'organizationCategory':
      return 'Patient';
    case 'country':
      // "CA" alone reads as California: the name first, the code beside it.
      return `${countryName(values.country)} (${values.country})`;
    case 'duration':
      return `${values.duration} ${values.duration === 1 ? 'year' : 'years'}`;
    case 'autoRenew':
      return values.autoRenew ? 'Yes' : 'No';
    case 'ial2Vetted':
      return values.ial2Vetted ? 'Attested' : 'Not attested';
    case 'notes':
      return values.notes.trim() === '' ? 'None' : values.notes.trim();
    default:
      return String(value).trim();
  }
}

export function reviewRows(values: FormValues): { field: ApplicationField; label: string; value: string }[] {
  return APPLICATION_FIELDS.map(({ name, label }) => ({ field: name, label, value: display(name, values) }));
}
