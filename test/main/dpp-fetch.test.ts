import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDppClient } from '../../electron/core/dpp/client.ts';
import { netFetch } from '../../electron/main/dpp-fetch.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { net, resetFakeElectron } from '../fakes/electron.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/**
 * electron/main/dpp-fetch.ts under the fake `electron`, whose net.fetch is Node's fetch over real
 * loopback HTTP except that, like Electron's, it rejects a redirect it was told not to follow.
 */
let redirector: Awaited<ReturnType<typeof serveOnLoopback>>;
let elsewhere: Awaited<ReturnType<typeof serveOnLoopback>>;
let elsewhereHits = 0;

beforeAll(async () => {
  elsewhere = await serveOnLoopback(() => {
    elsewhereHits += 1;
    return Promise.resolve(new Response('{}', { status: 200 }));
  });
  redirector = await serveOnLoopback(() => Promise.resolve(new Response(null, { status: 302, headers: { Location: `${elsewhere.url}/steal` } })));
});

afterAll(async () => {
  await redirector.close();
  await elsewhere.close();
});

beforeEach(() => {
  resetFakeElectron();
  elsewhereHits = 0;
});

const credentials = () => Promise.resolve({ userId: 'ta-user', password: 'hunter2-secret' });

describe('the net.fetch wrapper', () => {
  it('asks Chromium for no cookies and no disk cache (status answers are PHI)', async () => {
    const practice = await startPracticeServer();
    try {
      await netFetch(`${practice.url}/`, { method: 'GET' });
      expect(net.calls).toHaveLength(1);
      expect(net.calls[0]?.[1]).toMatchObject({ method: 'GET', credentials: 'omit', cache: 'no-store' });
    } finally {
      await practice.close();
    }
  });

  it('turns a refused redirect into a redirect answer, so the TA reads "does not follow redirects"', async () => {
    const direct = await netFetch(`${redirector.url}/x`, { method: 'GET', redirect: 'manual' });
    expect(direct.status).toBe(307);

    const client = createDppClient({ baseUrl: redirector.url, fetch: netFetch, credentials });
    const result = await client.status('jane.doe@direct.example.org');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('does not follow redirects');
    // The credentials never went where the redirect pointed.
    expect(elsewhereHits).toBe(0);
  });

  it('passes other network failures on as they are', async () => {
    const closed = await serveOnLoopback(() => Promise.resolve(new Response('')));
    await closed.close();
    await expect(netFetch(`${closed.url}/`, { method: 'GET', redirect: 'manual' })).rejects.toThrow();
  });
});
