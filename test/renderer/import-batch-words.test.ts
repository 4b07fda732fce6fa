import { describe, expect, it } from 'vitest';
import type { ImportBatchRow, ImportBatchStatus } from '../../electron/contract/import-batch.ts';
import { batchRowWords, batchSummary, timeLeftWords } from '../../renderer/src/controllers/import-batch-words.ts';

const row = (over: Partial<ImportBatchRow>): ImportBatchRow => ({
  id: 'r1', row: 2, patientName: 'Ada Byron', directAddress: 'ada@direct.practice.example',
  state: 'queued', applicationId: null, dppStatus: null, problem: null, ...over,
});

describe('an import batch in words', () => {
  it('says the time left in minutes and hours, and nothing without an estimate', () => {
    expect(timeLeftWords(null)).toBeUndefined();
    expect(timeLeftWords(20)).toBe('less than a minute left');
    expect(timeLeftWords(60)).toBe('about 1 minute left');
    expect(timeLeftWords(185)).toBe('about 3 minutes left');
    expect(timeLeftWords(3_600)).toBe('about 1 hour left');
    expect(timeLeftWords(2 * 3_600 + 20 * 60)).toBe('about 2 hours 20 minutes left');
  });

  it('says where each row stands: the DPP’s status once submitted, the problem when it needs the TA', () => {
    expect(batchRowWords(row({ state: 'submitted', applicationId: 'PC-1', dppStatus: 'PendingReview' }))).toBe('Submitted — Pending review');
    expect(batchRowWords(row({ state: 'needs-attention', problem: 'The DPP refused the Direct address.' }))).toBe('Needs attention: The DPP refused the Direct address.');
    expect(batchRowWords(row({ state: 'draft' }))).toBe('Back in Drafts (not sent)');
    expect(batchRowWords(row({ state: 'unknown-outcome' }))).toBe('Outcome unknown');
    expect(batchRowWords(row({}))).toBe('Queued');
  });

  it('sums a batch up, naming the rows back in Drafts only when there are some', () => {
    const s = { total: 214, sent: 200, queued: 10, attention: 4, drafts: 0 } as ImportBatchStatus;
    expect(batchSummary(s)).toBe('200 of 214 sent, 10 still to send, 4 need attention');
    expect(batchSummary({ ...s, queued: 0, drafts: 10 })).toBe('200 of 214 sent, 0 still to send, 4 need attention, 10 back in Drafts');
  });
});
