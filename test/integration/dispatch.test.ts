import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc/dispatch.ts';
import { ok } from '../../electron/contract/result.ts';
import { PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/** The IPC contract as main serves it: channel map + zod + app core + practice DPP over HTTP. */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
let t: Awaited<ReturnType<typeof startTestCore>>;

beforeAll(async () => {
  server = await startPracticeServer();
  t = await startTestCore({ dppUrl: server.url });
});
afterAll(async () => {
  await t.close();
  await server.close();
});

describe('IPC dispatch', () => {
  it('answers app.info with the environment and profile, and no credential', async () => {
    const result = await t.dispatch('app.info', undefined);
    expect(result).toMatchObject({ ok: true, value: { version: '9.9.9', environmentName: 'Practice', practice: true } });
    expect(JSON.stringify(result)).not.toContain(PRACTICE_CREDENTIALS.password);
  });

  it('submits an application end to end', async () => {
    const result = await t.dispatch('application.submit', { application: validApplication() });
    expect(result).toMatchObject({ ok: true, value: { environmentName: 'Practice', state: 'submitted', status: 'PendingReview' } });
    expect(server.dpp.received().length).toBeGreaterThan(0);
  });

  it('refuses unknown channels and malformed payloads with typed errors', async () => {
    expect(await t.dispatch('credentials.read', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.dispatch('app.info', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.dispatch('application.submit', 'not an object')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.dispatch('drafts.get', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid', fields: { id: [expect.any(String)] } } });
  });

  it('returns field errors for an invalid application without calling the DPP', async () => {
    const before = server.dpp.received().length;
    const result = await t.dispatch('application.submit', { application: { ...validApplication(), firstName: '' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', fields: { firstName: ['Enter the patient’s first name.'] } } });
    expect(server.dpp.received().length).toBe(before);
  });

  it('turns a throwing handler into a redacted internal error', async () => {
    const dispatch = createDispatcher({
      ...t.core.handlers,
      'app.info': () => {
        throw new Error('boom with jane@direct.practice.example');
      },
    });
    const result = await dispatch('app.info', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('jane@');
  });

  it('strips anything a handler returns beyond the contract', async () => {
    const info = await t.dispatch('app.info', undefined);
    const dispatch = createDispatcher({
      ...t.core.handlers,
      'app.info': () => ok({ ...(info.ok ? (info.value as object) : {}), password: 'leaked' } as never),
    });
    const result = await dispatch('app.info', undefined);
    expect(JSON.stringify(result)).not.toContain('leaked');
  });

  it('serves nothing that can carry PHI while locked, and unlocks only with the right password', async () => {
    await t.dispatch('drafts.save', { values: { firstName: 'Lockie' } });
    expect(await t.dispatch('lock.lock', undefined)).toMatchObject({ ok: true, value: { locked: true } });
    expect(await t.dispatch('drafts.list', undefined)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await t.dispatch('history.query', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await t.dispatch('app.info', undefined)).toMatchObject({ ok: true });
    expect(await t.dispatch('lock.unlock', { password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await t.dispatch('lock.unlock', { password: PRACTICE_CREDENTIALS.password })).toMatchObject({ ok: true, value: { locked: false } });
    const drafts = await t.dispatch('drafts.list', undefined);
    expect(drafts.ok && (drafts.value as { patientName: string }[]).some((d) => d.patientName === 'Lockie')).toBe(true);
  });
});
