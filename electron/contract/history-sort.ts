/** What History can be sorted by. Zod-free, so the renderer can import it cheaply. */
export const HISTORY_SORT_KEYS = ['submittedAt', 'patientName', 'dppStatus', 'statusDate', 'applicationId'] as const;
export type HistorySortKey = (typeof HISTORY_SORT_KEYS)[number];
