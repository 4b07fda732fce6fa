import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/**
 * What a TA reads in the Audit log and in the CSV exports: statuses and actions in words,
 * the DPP's Application IDs instead of internal ids, local times with their offset (raw columns
 * stay at the end for machines). Through the dispatcher, on real parts.
 */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
let t: Awaited<ReturnType<typeof startTestCore>>;
let rowId: string;
let applicationId: string;
const savedTz = process.env.TZ;

beforeAll(async () => {
  // A zone with an offset, so local time and UTC cannot be mistaken for each other.
  process.env.TZ = 'Europe/Berlin';
  server = await startPracticeServer();
  t = await startTestCore({ dppUrl: server.url });
  const submitted = await t.dispatch('application.submit', { application: validApplication() });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const value = submitted.value as { id: string; applicationId: string };
  rowId = value.id;
  applicationId = value.applicationId;
  await t.parts.repo.recordStatus(rowId, { status: 'Approved', statusDate: '2026-11-28T08:14:00Z', comments: null, actor: 'test' });
});
afterAll(async () => {
  await t.close();
  await server.close();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const LOCAL = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+01:00`;
const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z`;
const lines = (csv: string) => csv.split('\r\n');

describe('the audit log in words', () => {
  it('lists details in words, with the Application ID', async () => {
    const result = await t.dispatch('audit.list', { limit: 50 });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const entries = result.value as { action: string; applicationId: string | null; detail: string | null }[];
    const change = entries.find((e) => e.action === 'status-change');
    expect(change).toMatchObject({ applicationId, detail: 'Pending review → Approved' });
    expect(entries.find((e) => e.action === 'create')).toMatchObject({ applicationId });
    expect(JSON.stringify(entries.map((e) => e.detail))).not.toMatch(/PendingReview|none →/);
  });

  it('exports words, Application IDs and local times, with raw columns at the end', async () => {
    const result = await t.dispatch('audit.export', undefined);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const csv = (result.value as { csv: string }).csv;
    expect(lines(csv)[0]).toBe('When,Who,Action,Application ID,Detail,When (ISO 8601 UTC),Action code');
    // The row as a spreadsheet shows it: local time in Berlin (+01:00 in November), words, the DPP's id.
    const change = lines(csv).find((line) => line.endsWith(',status-change'));
    expect(change).toMatch(new RegExp(`^${LOCAL},[^,]+,Status changed,${applicationId},Pending review → Approved,${ISO},status-change$`));
    expect(csv).not.toContain(rowId);
  });
});

describe('the history export in words', () => {
  it('shows statuses in words and times in local time with the offset', async () => {
    const result = await t.dispatch('history.export', { query: {}, includePhi: false });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [header, row] = lines((result.value as { csv: string }).csv);
    expect(header).toBe('Application ID,Environment,Status,Status date,Submitted at,Certificate,Status code,Status date (as the DPP sent it),Submitted at (ISO 8601 UTC)');
    // 08:14 UTC is 09:14 in Berlin in November.
    expect(row).toMatch(new RegExp(`^${applicationId},Practice \\(practice\\),Approved,2026-11-28 09:14 \\+01:00,${LOCAL},Patient certificate,Approved,2026-11-28T08:14:00Z,${ISO}$`));
  });

  it('names a status the DPP invented after we shipped as it came', async () => {
    await t.parts.repo.recordStatus(rowId, { status: 'OnHold', statusDate: null, comments: null, actor: 'test' });
    const result = await t.dispatch('history.export', { query: {}, includePhi: false });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(lines((result.value as { csv: string }).csv)[1]).toMatch(new RegExp(`^${applicationId},[^,]+,OnHold,,${LOCAL},Patient certificate,OnHold,,${ISO}$`));
  });
});
