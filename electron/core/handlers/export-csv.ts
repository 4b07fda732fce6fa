import { localTimeWithOffset } from '../../contract/local-time.ts';
import { toCsv } from '../csv.ts';
import type { AuditTrail } from '../audit-trail.ts';

/** Every export is audited (what and how many, never the content), then handed to the renderer. */
export async function auditedCsv(audit: AuditTrail, kind: string, header: string[], rows: (string | null)[][], detail: string) {
  await audit.record('export', detail);
  const stamp = localTimeWithOffset(new Date().toISOString()).slice(0, 10); // the TA's date, not UTC's
  return { fileName: `ta-desk-${kind}-${stamp}.csv`, csv: toCsv(header, rows), rows: rows.length };
}
