import type { ApplicationSummary } from '$contract/applications.ts';
import type { WindowApi } from '$contract/window-api.ts';

/** Enough rows to see every match of a search for one address (addresses that merely contain it included). */
const CANDIDATES = 50;

/**
 * The History row that already holds this Direct address in this environment, if any: the review
 * warns before the TA applies twice (the DPP would answer "already in use"). Addresses compare
 * without case, as the DPP does; the history search finds candidates, the exact match decides.
 */
export async function findInHistory(api: Pick<WindowApi, 'queryHistory'>, address: string, environmentId: string): Promise<ApplicationSummary | undefined> {
  const wanted = address.trim().toLowerCase();
  if (!wanted) return undefined;
  const result = await api.queryHistory({ search: wanted.slice(0, 200), environmentId, limit: CANDIDATES });
  if (!result.ok) return undefined;
  return result.value.rows.find((row) => row.directAddress.trim().toLowerCase() === wanted);
}
