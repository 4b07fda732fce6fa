import type { ExportResult } from '$contract/applications.ts';
import { downloadText } from './format.ts';

/**
 * Finish an export the way the host did it: in the desktop app main has already written the
 * file where the TA chose (or the TA cancelled its Save dialog); in a browser (the preview host)
 * the contents come back and go to the browser's download. Undefined when cancelled.
 */
export function deliverExport(result: ExportResult): { rows: number } | undefined {
  if ('cancelled' in result) return undefined;
  if ('csv' in result) downloadText(result.fileName, result.csv);
  return { rows: result.rows };
}
