import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationSummary, HistoryPage, HistoryQuery } from '../../electron/contract/applications.ts';
import type { EventName, EventPayload } from '../../electron/contract/channels.ts';
import { EVENT_METHODS } from '../../electron/contract/method-names.ts';
import type { Result } from '../../electron/contract/result.ts';
import type { WindowApi } from '../../electron/contract/window-api.ts';
import { DraftsController } from '../../renderer/src/controllers/drafts.svelte.ts';
import { HistoryController } from '../../renderer/src/controllers/history.svelte.ts';

/**
 * The controllers against a window API written for the test: calls answer what the test says,
 * events are emitted by name as main would. Runes run for real (see vitest.config.ts).
 */
function fakeApi(methods: Partial<Record<keyof WindowApi, (input?: unknown) => Promise<Result<unknown>>>>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // History names each row's environment, so it asks for the list once; one practice environment
  // unless the test says otherwise.
  const environments = async () => ({ ok: true as const, value: { activeId: 'practice', environments: [{ id: 'practice', name: 'Practice', practice: true }] } });
  // History offers an Import batch filter, so it asks for the batches once; none unless the test says.
  const batches = async () => ({ ok: true as const, value: [] });
  const api: Record<string, unknown> = { listEnvironments: environments, listImportBatches: batches, ...methods };
  for (const method of Object.values(EVENT_METHODS)) {
    api[method] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(method) ?? new Set();
      set.add(listener);
      listeners.set(method, set);
      return () => set.delete(listener);
    };
  }
  return {
    api: api as unknown as WindowApi,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(EVENT_METHODS[event]) ?? []) listener(payload);
    },
  };
}

const summary = (id: string, patientName: string): ApplicationSummary => ({
  id,
  state: 'draft',
  certificateType: 'patient',
  expiresOn: null,
  autoRenew: null,
  environmentId: 'practice',
  patientName,
  directAddress: '',
  tracked: false,
  applicationId: null,
  dppStatus: null,
  statusDate: null,
  comments: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  queuedAt: null,
  submittedAt: null,
  attention: null,
  attempts: 0,
  nextAttemptAt: null,
});

/** Construct inside an effect root, as a component would; returns it and the teardown. */
function mount<T>(make: () => T): { it: T; destroy: () => void } {
  let made: T | undefined;
  const destroy = $effect.root(() => {
    made = make();
  });
  flushSync();
  return { it: made!, destroy };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('HistoryController', () => {
  it('queries once typing pauses, with the filters, and ignores an older answer that arrives late', async () => {
    const asked: HistoryQuery[] = [];
    const answers: ((r: Result<HistoryPage>) => void)[] = [];
    const { api } = fakeApi({
      queryHistory: (q) => {
        asked.push(q as HistoryQuery);
        return new Promise((resolve) => answers.push(resolve as (r: Result<HistoryPage>) => void));
      },
    });
    const { it: history, destroy } = mount(() => new HistoryController(api));
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toHaveLength(1);

    history.searchText = 'a';
    flushSync();
    history.searchText = 'ada ';
    flushSync();
    await vi.advanceTimersByTimeAsync(149);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    flushSync();
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({ search: 'ada', sortBy: 'submittedAt', sortDir: 'desc', offset: 0 });

    const page = (total: number): Result<HistoryPage> => ({ ok: true, value: { total, rows: [], statuses: ['Rejected'] } });
    answers[1]!(page(1));
    await vi.advanceTimersByTimeAsync(0);
    answers[0]!(page(500));
    await vi.advanceTimersByTimeAsync(0);
    expect(history.total).toBe(1);
    expect(history.filtering).toBe(true);
    expect(history.statusOptions).toEqual(['Rejected']);
    destroy();
  });

  it('refreshes once for a burst of changes, and not after it is gone', async () => {
    const queryHistory = vi.fn(async (): Promise<Result<HistoryPage>> => ({ ok: true, value: { total: 0, rows: [], statuses: [] } }));
    const { api, emit } = fakeApi({ queryHistory });
    const { destroy } = mount(() => new HistoryController(api));
    await vi.advanceTimersByTimeAsync(0);
    expect(queryHistory).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 25; i += 1) emit('application.changed', { id: `row-${i}`, state: 'submitted', dppStatus: 'Approved', applicationId: null });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queryHistory).toHaveBeenCalledTimes(2);
    destroy();
    emit('application.changed', { id: 'row-x', state: 'submitted', dppStatus: 'Provisioned', applicationId: null });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queryHistory).toHaveBeenCalledTimes(2);
  });

  it('opened from an import batch, asks for that batch’s applications in every environment, and lists the batches to choose from', async () => {
    const asked: HistoryQuery[] = [];
    const { api } = fakeApi({
      queryHistory: async (q) => {
        asked.push(q as HistoryQuery);
        return { ok: true, value: { total: 0, rows: [], statuses: [] } };
      },
      listImportBatches: async () => ({ ok: true, value: [{ batchId: 'b-1', label: 'Import of 28 Nov 2026, 07:30 (4 patients)' }] }),
    });
    const { it: history, destroy } = mount(() => new HistoryController(api, 'practice', 'b-1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(asked[0]).toMatchObject({ batchId: 'b-1' });
    expect(asked[0]?.environmentId).toBeUndefined();
    expect(history.batches).toEqual([{ id: 'b-1', label: 'Import of 28 Nov 2026, 07:30 (4 patients)' }]);
    expect(history.filtering).toBe(true);
    destroy();
  });

  it('sorts names and ids A→Z and dates newest first', () => {
    const { api } = fakeApi({ queryHistory: async () => ({ ok: true, value: { total: 0, rows: [], statuses: [] } }) });
    const { it: history, destroy } = mount(() => new HistoryController(api));
    history.chooseSort('patientName');
    expect(history.sortDir).toBe('asc');
    history.chooseSort('statusDate');
    expect(history.sortDir).toBe('desc');
    history.flipDirection();
    expect(history.filters).toMatchObject({ sortBy: 'statusDate', sortDir: 'asc' });
    destroy();
  });
});

describe('DraftsController', () => {
  it('after a delete, names the draft now in its place, or none when it was the last', async () => {
    let drafts = [summary('a', 'Ann One'), summary('b', 'Ben Two'), summary('c', 'Cat Three')];
    const deleted: string[] = [];
    const { api } = fakeApi({
      listDrafts: async () => ({ ok: true, value: drafts }),
      deleteDraft: async (input) => {
        const { id } = input as { id: string };
        drafts = drafts.filter((d) => d.id !== id);
        return { ok: true, value: { done: true } };
      },
    });
    const { it: controller, destroy } = mount(() => new DraftsController(api, { open: () => {}, deleted: (id) => deleted.push(id) }));
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.drafts?.map((d) => d.id)).toEqual(['a', 'b', 'c']);

    controller.confirmingDelete = 'b';
    expect(await controller.remove('b')).toBe('c');
    expect(controller.confirmingDelete).toBeUndefined();
    expect(controller.drafts?.map((d) => d.id)).toEqual(['a', 'c']);
    expect(await controller.remove('c')).toBeUndefined();
    expect(deleted).toEqual(['b', 'c']);
    destroy();
  });
});
