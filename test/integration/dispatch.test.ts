import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc/dispatch.ts';
import { createCoreServices } from '../../electron/core/services.ts';
import { ok } from '../../electron/contract/result.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { validApplication } from '../helpers/applications.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/** The IPC contract as main serves it: channel map + zod + core services + practice DPP over HTTP. */
let server: Awaited<ReturnType<typeof startPracticeServer>>;
let services: ReturnType<typeof createCoreServices>;

beforeAll(async () => {
  server = await startPracticeServer();
  services = createCoreServices({
    version: '9.9.9',
    environment: { ...practiceEnvironment(), baseUrl: server.url },
    fetch: (input, init) => fetch(input, init),
    credentials: () => Promise.resolve(PRACTICE_CREDENTIALS),
  });
});
afterAll(() => server.close());

describe('IPC dispatch', () => {
  it('answers app.info with the environment and profile, and no credential', async () => {
    const result = await createDispatcher(services.handlers)('app.info', undefined);
    expect(result).toMatchObject({ ok: true, value: { version: '9.9.9', environmentName: 'Practice', practice: true } });
    expect(JSON.stringify(result)).not.toContain(PRACTICE_CREDENTIALS.password);
  });

  it('submits an application end to end', async () => {
    const result = await createDispatcher(services.handlers)('application.submit', validApplication());
    expect(result).toMatchObject({ ok: true, value: { environmentName: 'Practice', status: 'PendingReview' } });
    expect(server.dpp.received().length).toBeGreaterThan(0);
  });

  it('refuses unknown channels and malformed payloads with typed errors', async () => {
    const dispatch = createDispatcher(services.handlers);
    expect(await dispatch('credentials.read', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('app.info', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('application.submit', 'not an object')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('returns field errors for an invalid application without calling the DPP', async () => {
    const before = server.dpp.received().length;
    const result = await createDispatcher(services.handlers)('application.submit', { ...validApplication(), firstName: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', fields: { firstName: ['Enter the patient’s first name.'] } } });
    expect(server.dpp.received().length).toBe(before);
  });

  it('turns a throwing handler into a redacted internal error', async () => {
    const dispatch = createDispatcher({
      ...services.handlers,
      'app.info': () => {
        throw new Error('boom with jane@direct.practice.example');
      },
    });
    const result = await dispatch('app.info', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('jane@');
  });

  it('strips anything a handler returns beyond the contract', async () => {
    const dispatch = createDispatcher({
      ...services.handlers,
      'app.info': () => ok({ ...services.appInfo(), password: 'leaked' } as ReturnType<typeof services.appInfo>),
    });
    const result = await dispatch('app.info', undefined);
    expect(JSON.stringify(result)).not.toContain('leaked');
  });
});
