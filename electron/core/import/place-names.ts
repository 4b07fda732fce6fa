import { COUNTRY_CODES } from '../../contract/country-codes.ts';

/**
 * Spreadsheets spell places out ("Massachusetts", "United States") where the form takes codes
 * (MA, US). An import reads either; anything else goes to the schema as it is, for its message
 * on the cell. Main only (the renderer's form offers codes in its selects).
 */

/** USPS names of the codes usps-states.ts accepts, in its order. */
const US_STATE_NAMES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA',
  kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI',
  minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH',
  'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH',
  oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD',
  tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV',
  wisconsin: 'WI', wyoming: 'WY', 'district of columbia': 'DC', 'washington dc': 'DC', 'puerto rico': 'PR', guam: 'GU',
  'virgin islands': 'VI', 'us virgin islands': 'VI', 'american samoa': 'AS', 'northern mariana islands': 'MP',
};

const key = (text: string) => text.trim().toLowerCase().replace(/[.,]/g, '').replace(/\s+/g, ' ');

let countries: Map<string, string> | undefined;
/** English country names (Intl, as the form's select shows them) to ISO codes, built on first use. */
function countryByName(): Map<string, string> {
  if (!countries) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    countries = new Map(COUNTRY_CODES.map((code) => [key(names.of(code) ?? code), code]));
    for (const [alias, code] of [['united states of america', 'US'], ['usa', 'US'], ['uk', 'GB']] as const) countries.set(alias, code);
  }
  return countries;
}

/** "United States" → "US"; a code or anything unknown is returned as given. */
export function countryCodeOf(text: string): string {
  return countryByName().get(key(text)) ?? text;
}

/** For the US, "New York" → "NY"; elsewhere, or for anything unknown, the text as given. */
export function stateCodeOf(text: string, country: string): string {
  return country.trim().toUpperCase() === 'US' ? (US_STATE_NAMES[key(text)] ?? text) : text;
}
