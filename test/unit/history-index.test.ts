// The TA's time zone, set before anything reads the clock: day filters must follow it, not UTC.
// America/New_York has DST, so a day can be 23 or 25 hours long (2026-03-08 is 23).
process.env.TZ = 'America/New_York';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryQuery } from '../../electron/contract/applications.ts';
import { createHistoryIndex } from '../../electron/core/history.ts';
import { seedSubmitted } from '../bench/seed.ts';
import { addSubmitted, openTestStore, type SubmittedInput } from '../helpers/store.ts';

const stores: Awaited<ReturnType<typeof openTestStore>>[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.dispose()));
});

/** A history index over a real store holding `rows`; returns it with the row ids by name. */
async function historyOf(rows: SubmittedInput[]) {
  const store = await openTestStore();
  stores.push(store);
  const ids = new Map<string, string>();
  for (const row of rows) ids.set(`${row.firstName} ${row.lastName}`, await addSubmitted(store.repo, row));
  const index = createHistoryIndex(store.repo);
  const names = async (query: HistoryQuery = {}) => (await index.query(query)).rows.map((r) => r.patientName);
  return { index, repo: store.repo, ids, names };
}

beforeAll(() => {
  // Proves the zone took effect in this process (else the boundary cases below prove nothing).
  expect(new Date(2026, 2, 10).getTimezoneOffset()).toBe(240); // EDT, UTC−4
  expect(new Date(2026, 2, 1).getTimezoneOffset()).toBe(300); // EST, UTC−5
});

const SAMPLE: SubmittedInput[] = [
  { firstName: 'Ada', lastName: 'Moss', submittedAt: '2026-02-02T15:00:00.000Z', status: 'Provisioned', applicationId: 'PC-000101', directAddress: 'ada.moss@direct.practice.example' },
  { firstName: 'ben', lastName: 'Nash', submittedAt: '2026-02-03T15:00:00.000Z', status: 'PendingReview', applicationId: 'PC-000102', directAddress: 'b.nash@direct.practice.example' },
  { firstName: 'Cleo', lastName: 'Oakes', submittedAt: '2026-02-01T15:00:00.000Z', status: 'Rejected', applicationId: 'PC-000103', directAddress: 'cleo@direct.practice.example' },
  { firstName: 'Dev', lastName: 'Pratt', submittedAt: '2026-02-04T15:00:00.000Z', status: 'Approved', applicationId: 'PC-000099', directAddress: 'dev.pratt@direct.practice.example' },
];

describe('history index: search and filters', () => {
  it('finds an application by any part of the patient name, Direct address or Application ID, ignoring case', async () => {
    const h = await historyOf(SAMPLE);
    expect(await h.names({ search: 'MOSS' })).toEqual(['Ada Moss']);
    expect(await h.names({ search: 'b.nash@direct' })).toEqual(['ben Nash']);
    expect(await h.names({ search: 'pc-000103' })).toEqual(['Cleo Oakes']);
    expect(await h.names({ search: '  pratt ' })).toEqual(['Dev Pratt']);
    expect(await h.names({ search: 'nobody' })).toEqual([]);
  });

  it('filters by status, counts the matches, and lists the statuses there are to choose from', async () => {
    const h = await historyOf(SAMPLE);
    const page = await h.index.query({ statuses: ['Provisioned', 'Rejected'], sortBy: 'patientName', sortDir: 'asc' });
    expect(page.rows.map((r) => r.patientName)).toEqual(['Ada Moss', 'Cleo Oakes']);
    expect(page.total).toBe(2);
    expect(page.statuses).toEqual(['Approved', 'PendingReview', 'Provisioned', 'Rejected']);
  });

  it('combines search and status filter', async () => {
    const h = await historyOf(SAMPLE);
    expect(await h.names({ search: 'direct.practice', statuses: ['Approved'] })).toEqual(['Dev Pratt']);
  });

  it('follows a status change as soon as the row is refreshed', async () => {
    const h = await historyOf(SAMPLE);
    expect(await h.names({ statuses: ['Provisioned'] })).toEqual(['Ada Moss']);
    const id = h.ids.get('Dev Pratt') ?? '';
    await h.repo.recordStatus(id, { status: 'Provisioned', statusDate: '2026-02-10T10:00:00.000Z', comments: null, actor: 'test' });
    await h.index.refresh(id);
    expect(await h.names({ statuses: ['Provisioned'], sortBy: 'patientName', sortDir: 'asc' })).toEqual(['Ada Moss', 'Dev Pratt']);
    // Sorted lists and the status choices follow too: nothing is Approved any more.
    const byStatus = await h.index.query({ sortBy: 'dppStatus', sortDir: 'asc' });
    expect(byStatus.rows.map((r) => r.dppStatus)).toEqual(['PendingReview', 'Provisioned', 'Provisioned', 'Rejected']);
    expect(byStatus.statuses).toEqual(['PendingReview', 'Provisioned', 'Rejected']);
    // …and the poller no longer asks about it: Provisioned is final.
    expect((await h.index.pending(['Provisioned', 'Rejected'])).map((r) => r.patientName).sort()).toEqual(['ben Nash']);
  });
});

describe('history index: order and pages', () => {
  it('shows the newest submission first by default', async () => {
    const h = await historyOf(SAMPLE);
    expect(await h.names()).toEqual(['Dev Pratt', 'ben Nash', 'Ada Moss', 'Cleo Oakes']);
  });

  it('sorts names A→Z without regard to case, and either way by Application ID and status', async () => {
    const h = await historyOf(SAMPLE);
    expect(await h.names({ sortBy: 'patientName', sortDir: 'asc' })).toEqual(['Ada Moss', 'ben Nash', 'Cleo Oakes', 'Dev Pratt']);
    expect(await h.names({ sortBy: 'patientName', sortDir: 'desc' })).toEqual(['Dev Pratt', 'Cleo Oakes', 'ben Nash', 'Ada Moss']);
    expect(await h.names({ sortBy: 'applicationId', sortDir: 'asc' })).toEqual(['Dev Pratt', 'Ada Moss', 'ben Nash', 'Cleo Oakes']);
    expect(await h.names({ sortBy: 'dppStatus', sortDir: 'asc' })).toEqual(['Dev Pratt', 'ben Nash', 'Ada Moss', 'Cleo Oakes']);
  });

  it('pages through the matches without skipping or repeating a row, ties included', async () => {
    const sameTime = '2026-02-05T12:00:00.000Z';
    const rows = Array.from({ length: 7 }, (_, i) => ({ firstName: 'Twin', lastName: `No${i}`, submittedAt: sameTime }));
    const h = await historyOf(rows);
    const seen: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) {
      const page = await h.index.query({ offset, limit: 3 });
      expect(page.total).toBe(7);
      seen.push(...page.rows.map((r) => r.patientName));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});

describe('history index: day filters are days in the TA’s time zone', () => {
  // Instants near New York's midnights; the names say the local time.
  const NEAR_MIDNIGHT: SubmittedInput[] = [
    { firstName: 'Late', lastName: 'Ninth', submittedAt: '2026-03-10T03:30:00.000Z' }, // 9 Mar 23:30 EDT
    { firstName: 'Early', lastName: 'Tenth', submittedAt: '2026-03-10T04:30:00.000Z' }, // 10 Mar 00:30 EDT
    { firstName: 'Late', lastName: 'Tenth', submittedAt: '2026-03-11T03:59:00.000Z' }, // 10 Mar 23:59 EDT
    { firstName: 'Early', lastName: 'Eleventh', submittedAt: '2026-03-11T04:10:00.000Z' }, // 11 Mar 00:10 EDT
  ];

  it('"from 10 March to 10 March" is New York’s 10 March, not UTC’s', async () => {
    const h = await historyOf(NEAR_MIDNIGHT);
    // In UTC the first of these would be on the 10th and the third on the 11th.
    expect(await h.names({ from: '2026-03-10', to: '2026-03-10', sortDir: 'asc' })).toEqual(['Early Tenth', 'Late Tenth']);
  });

  it('"from" alone and "to" alone cut at the local midnight', async () => {
    const h = await historyOf(NEAR_MIDNIGHT);
    expect(await h.names({ from: '2026-03-11', sortDir: 'asc' })).toEqual(['Early Eleventh']);
    expect(await h.names({ to: '2026-03-09', sortDir: 'asc' })).toEqual(['Late Ninth']);
  });

  it('covers the whole of a 23-hour day when the clocks go forward', async () => {
    const h = await historyOf([
      { firstName: 'Before', lastName: 'Seventh', submittedAt: '2026-03-08T04:59:00.000Z' }, // 7 Mar 23:59 EST
      { firstName: 'Start', lastName: 'Eighth', submittedAt: '2026-03-08T05:00:00.000Z' }, // 8 Mar 00:00 EST
      { firstName: 'End', lastName: 'Eighth', submittedAt: '2026-03-09T03:59:00.000Z' }, // 8 Mar 23:59 EDT
      { firstName: 'Start', lastName: 'Ninth', submittedAt: '2026-03-09T04:00:00.000Z' }, // 9 Mar 00:00 EDT
    ]);
    expect(await h.names({ from: '2026-03-08', to: '2026-03-08', sortDir: 'asc' })).toEqual(['Start Eighth', 'End Eighth']);
  });

  it('takes an exact instant as given', async () => {
    const h = await historyOf(NEAR_MIDNIGHT);
    expect(await h.names({ from: '2026-03-10T04:00:00.000Z', to: '2026-03-11T00:00:00.000Z', sortDir: 'asc' })).toEqual(['Early Tenth']);
  });
});

describe('history index at scale (entries kept in joined chunks of 2,048)', () => {
  it('searches, follows changes, drops removed rows and sorts across chunks', async () => {
    const store = await openTestStore();
    stores.push(store);
    await seedSubmitted(store, store.dataKey, 5_000);
    const index = createHistoryIndex(store.repo);
    const ids = async (query: HistoryQuery) => (await index.query({ limit: 500, ...query })).rows.map((r) => r.applicationId);

    expect((await index.query({})).total).toBe(5_000);
    expect(await ids({ search: 'PC-0004321' })).toEqual(['PC-0004321']);
    // The last entry of the first chunk and the first of the second, by address.
    expect(await ids({ search: '2047@direct' })).toEqual(['PC-0002047']);
    expect(await ids({ search: '2048@direct' })).toEqual(['PC-0002048']);
    expect((await index.query({ search: 'no such patient' })).total).toBe(0);

    // A status change in the second chunk: found under its new status, once.
    const [changed] = (await index.query({ search: 'PC-0003000' })).rows;
    await store.repo.recordStatus(changed!.id, { status: 'OnHold', statusDate: '2026-02-10T10:00:00.000Z', comments: null, actor: 'test' });
    await index.refresh(changed!.id);
    expect(await ids({ statuses: ['OnHold'] })).toEqual(['PC-0003000']);
    expect(await ids({ search: 'PC-0003000' })).toEqual(['PC-0003000']);

    // A row gone from the store leaves the index.
    const [gone] = (await index.query({ search: 'PC-0000007' })).rows;
    store.db.run('DELETE FROM applications WHERE id = ?', [gone!.id]);
    await index.refresh(gone!.id);
    expect((await index.query({ search: 'PC-0000007' })).total).toBe(0);
    expect((await index.query({})).total).toBe(4_999);

    // One submitted after the load is found like the others.
    const late = await addSubmitted(store.repo, { firstName: 'Zed', lastName: 'Late', submittedAt: '2026-03-01T10:00:00.000Z', applicationId: 'PC-0009999' });
    await index.refresh(late);
    expect(await ids({ search: 'zed late' })).toEqual(['PC-0009999']);
    expect((await index.query({})).total).toBe(5_000);

    // Sorted by Application ID either way, and the newest submission first by default.
    expect((await ids({ sortBy: 'applicationId', sortDir: 'asc', limit: 2 }))).toEqual(['PC-0000000', 'PC-0000001']);
    expect((await ids({ sortBy: 'applicationId', sortDir: 'desc', limit: 2 }))).toEqual(['PC-0009999', 'PC-0004999']);
    expect((await ids({ limit: 1 }))).toEqual(['PC-0009999']);
    const names = (await index.query({ sortBy: 'patientName', sortDir: 'asc', limit: 500 })).rows.map((r) => r.patientName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });
});
