import { exportFileName, type ExportKind } from '../../contract/applications.ts';
import { toCsv } from '../csv.ts';
import type { AuditTrail } from '../audit-trail.ts';

/** Every export is audited (what and how many, never the content), then handed to the renderer. */
export async function auditedCsv(audit: AuditTrail, kind: ExportKind, header: string[], rows: (string | null)[][], detail: string) {
  await audit.record('export', detail);
  return { fileName: exportFileName(kind), csv: toCsv(header, rows), rows: rows.length };
}
