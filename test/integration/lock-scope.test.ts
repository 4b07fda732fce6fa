import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * Issue 12, findings 3 and 5, through the IPC dispatcher as a renderer (or an attacker at the
 * keyboard) would try them: the practice password, printed in the README, never unlocks real
 * data; and while locked, drafts.save reaches only the draft that was open, in its own
 * environment, with errors that say nothing about other rows.
 */
const REAL_PASSWORD = 'Real-Secret-1';
const LOCKED = { code: 'locked', message: 'TA Desk is locked. Enter your DPP password to continue.' };

let t: Awaited<ReturnType<typeof startTestCore>>;
let dpp: Awaited<ReturnType<typeof serveOnLoopback>>;
let productionId: string;

const valueOf = <T>(r: { ok: boolean; value?: unknown }) => r.value as T;

beforeAll(async () => {
  dpp = await serveOnLoopback(async () => new Response('{}', { status: 503 }));
  t = await startTestCore({ idleLockMs: 3_600_000 });
});
afterAll(async () => {
  await t.close();
  await dpp.close();
});

describe('the practice password and real data', () => {
  it('unlocks with the practice password while Practice is all there is', async () => {
    await t.dispatch('lock.lock', undefined);
    expect(await t.dispatch('lock.state', undefined)).toMatchObject({ ok: true, value: { locked: true, unlockWith: ['Practice'] } });
    expect(await t.dispatch('lock.unlock', { password: PRACTICE_CREDENTIALS.password })).toMatchObject({ ok: true, value: { locked: false } });
  });

  it('once a real environment exists, the practice password no longer unlocks, even with Practice active', async () => {
    const saved = await t.dispatch('environments.save', {
      name: 'Production',
      baseUrl: dpp.url,
      userId: 'ta.jones',
      trustedAgent: 'Pat Jones',
      organizationName: 'Clinic',
      defaultCountry: 'US',
      password: REAL_PASSWORD,
    });
    productionId = valueOf<{ id: string }>(saved).id;
    await t.dispatch('environments.activate', { id: productionId });
    await t.dispatch('drafts.save', { values: { firstName: 'Realpatient' } });
    await t.dispatch('environments.activate', { id: 'practice' });

    await t.dispatch('lock.lock', undefined);
    expect(await t.dispatch('lock.state', undefined)).toMatchObject({ ok: true, value: { locked: true, unlockWith: ['Production'] } });
    const refused = await t.dispatch('lock.unlock', { password: PRACTICE_CREDENTIALS.password });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(JSON.stringify(await t.dispatch('drafts.list', undefined))).not.toContain('Realpatient');
    expect(await t.dispatch('lock.unlock', { password: REAL_PASSWORD })).toMatchObject({ ok: true, value: { locked: false } });
    expect(JSON.stringify(await t.dispatch('drafts.list', undefined))).toContain('Realpatient');
  });

  it('a removed real environment still keeps the practice password out of its drafts', async () => {
    await t.dispatch('environments.remove', { id: productionId });
    await t.dispatch('lock.lock', undefined);
    expect(await t.dispatch('lock.unlock', { password: PRACTICE_CREDENTIALS.password })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await t.dispatch('lock.state', undefined)).toMatchObject({ ok: true, value: { unlockWith: ['Production (removed)'] } });
    expect(await t.dispatch('lock.unlock', { password: REAL_PASSWORD })).toMatchObject({ ok: true, value: { locked: false } });
  });
});

describe('drafts.save while locked', () => {
  it('saves only the draft that was open, into its own environment, and tells nothing about other rows', async () => {
    const second = await t.dispatch('environments.save', {
      name: 'Staging',
      baseUrl: dpp.url,
      userId: 'ta.jones',
      trustedAgent: 'Pat Jones',
      organizationName: 'Clinic',
      defaultCountry: 'US',
      password: REAL_PASSWORD,
    });
    const stagingId = valueOf<{ id: string }>(second).id;
    const open = valueOf<{ id: string }>(await t.dispatch('drafts.save', { values: { firstName: 'Openie' } }));
    const other = valueOf<{ id: string }>(await t.dispatch('drafts.save', { values: { firstName: 'Otherie' } }));
    // The TA switches environment with the practice draft open, then walks away.
    await t.dispatch('environments.activate', { id: stagingId });
    await t.dispatch('drafts.get', { id: open.id });
    await t.dispatch('lock.lock', undefined);

    // The open draft saves (the form's autosave as the lock comes down) and stays in Practice.
    expect(await t.dispatch('drafts.save', { id: open.id, values: { firstName: 'Openie2' } })).toMatchObject({ ok: true });
    // Any other row: refused with the same words as every locked request.
    expect(await t.dispatch('drafts.save', { id: other.id, values: { firstName: 'Hacked' } })).toEqual({ ok: false, error: LOCKED });
    expect(await t.dispatch('drafts.save', { id: '00000000-0000-4000-8000-000000000000', values: {} })).toEqual({ ok: false, error: LOCKED });

    expect(await t.dispatch('lock.unlock', { password: REAL_PASSWORD })).toMatchObject({ ok: true });
    const rows = await t.parts.repo.listApplications({ states: ['draft'] });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(open.id)).toMatchObject({ patientName: 'Openie2', environmentId: 'practice' });
    expect(byId.get(other.id)).toMatchObject({ patientName: 'Otherie', environmentId: 'practice' });
  });

  it('answers a locked save of a submitted row like any other locked request', async () => {
    await t.dispatch('environments.activate', { id: 'practice' });
    const draft = valueOf<{ id: string }>(await t.dispatch('drafts.save', { values: { firstName: 'Sent' } }));
    await t.parts.repo.transition(draft.id, { from: ['draft'], to: 'queued', set: { idempotencyKey: 'k-1' } });
    await t.dispatch('drafts.get', { id: draft.id });
    await t.dispatch('lock.lock', undefined);
    expect(await t.dispatch('drafts.save', { id: draft.id, values: { firstName: 'Changed' } })).toEqual({ ok: false, error: LOCKED });
    await t.dispatch('lock.unlock', { password: REAL_PASSWORD });
  });
});
