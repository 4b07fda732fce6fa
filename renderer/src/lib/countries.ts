import { COUNTRY_CODES } from '$contract/country-codes.ts';

export interface CountryOption {
  code: string;
  name: string;
}

let cache: CountryOption[] | undefined;

/**
 * Countries by English name. Building it costs ~40 ms the first time (Intl loads its region
 * names), so the form asks for it after first paint, not on the way to "ready"; it is cached.
 */
export function countryOptions(): CountryOption[] {
  if (!cache) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    cache = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return cache;
}

/** Until the full list is built: just the current value, labelled by its code. */
export function placeholderCountries(current: string): CountryOption[] {
  return cache ?? [{ code: current, name: current }];
}

let names: Intl.DisplayNames | undefined;

/** One country's English name ("Canada"), or the code itself if Intl does not know it. */
export function countryName(code: string): string {
  names ??= new Intl.DisplayNames(['en'], { type: 'region' });
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
