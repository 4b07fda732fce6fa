import { afterEach, describe, expect, it } from 'vitest';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { withFaults } from '../../electron/practice/faults.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';
import { startPracticeServer } from '../helpers/practice-server.ts';

/**
 * Status lookup of one address, end to end through the IPC dispatcher, against the practice DPP
 * over real loopback HTTP, with the real keychain and a real SQLite file.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function coreAgainst(url: string) {
  const t = await startTestCore({ dppUrl: url });
  cleanups.push(() => t.close());
  return t;
}

describe('status lookup of one address', () => {
  it('answers found with the status, Application ID, date and comments, and audits without the address', async () => {
    const server = await startPracticeServer({ stepMs: 60_000 });
    cleanups.push(server.close);
    const t = await coreAgainst(server.url);
    const app = validApplication({ notes: 'outside TA Desk' });
    // Applied for "outside": straight at the DPP, not through this core.
    const res = await fetch(`${server.url}/DirectProvisioningApi/Certificate/Patient`, {
      method: 'POST',
      headers: { 'X-User-Id': 'ta@practice.example', 'X-User-Password': 'practice-only', 'Content-Type': 'application/json' },
      body: JSON.stringify({ TrustedAgent: app.trustedAgent, OrganizationName: app.organizationName, OrganizationCategory: '4', FirstName: 'Jane', LastName: 'Doe', City: 'Albany', State: 'NY', Country: 'US', Duration: 2, FullName: 'Jane Doe', DirectAddress: app.directAddress, AutoRenew: true, Ial2Vetted: 'true', NotificationAddress: app.notificationAddress }),
    });
    expect(res.status).toBe(201);

    const answer = await t.dispatch('lookup.one', { address: `  ${app.directAddress.toUpperCase().replace('@DIRECT.PRACTICE.EXAMPLE', '@Direct.Practice.Example')} ` });
    expect(answer).toMatchObject({ ok: true, value: { environmentName: 'Practice', practice: true, historyId: null, found: { status: 'PendingReview', comments: null } } });
    if (!answer.ok) throw new Error('unreachable');
    const value = answer.value as { found: { applicationId: string; statusDate: string }; address: string };
    expect(value.found.applicationId).toMatch(/^PC-\d+$/);
    expect(Date.parse(value.found.statusDate)).not.toBeNaN();
    expect(value.address.endsWith('@direct.practice.example')).toBe(true);

    const audit = await t.dispatch('audit.list', {});
    const entries = (audit.ok ? audit.value : []) as { action: string; detail: string | null; actor: string }[];
    const lookup = entries.find((e) => e.action === 'lookup');
    expect(lookup?.detail).toBe('Status lookup of 1 address at Practice');
    expect(lookup?.actor).toContain('Pat Practice');
    expect(JSON.stringify(entries)).not.toContain(app.directAddress.split('@')[0]);
  });

  it('answers not found with the sentence naming the address and the environment', async () => {
    const server = await startPracticeServer();
    cleanups.push(server.close);
    const t = await coreAgainst(server.url);
    const answer = await t.dispatch('lookup.one', { address: 'nobody@direct.practice.example' });
    expect(answer).toEqual({ ok: true, value: { address: 'nobody@direct.practice.example', environmentName: 'Practice', practice: true, found: null, historyId: null } });
  });

  it('refuses an invalid address before anything is sent', async () => {
    const server = await startPracticeServer();
    cleanups.push(server.close);
    const t = await coreAgainst(server.url);
    const answer = await t.dispatch('lookup.one', { address: 'not an address' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid', fields: { address: ['Remove the spaces: an address cannot contain any.'] } } });
    const received = (await (await fetch(`${server.url}/__practice/received`)).json()) as { requests: unknown[] };
    expect(received.requests).toEqual([]);
  });

  it('says the credentials were refused (wrong password) and where to fix them', async () => {
    const server = await startPracticeServer();
    cleanups.push(server.close);
    const t = await coreAgainst(server.url);
    const saved = await t.dispatch('environments.save', {
      name: 'Sandbox', baseUrl: server.url, userId: 'ta@practice.example', password: 'not-the-password',
      trustedAgent: 'Pat Practice', organizationName: 'Practice Family Clinic', directDomain: 'direct.practice.example', defaultCountry: 'US',
    });
    if (!saved.ok) throw new Error(saved.error.message);
    await t.dispatch('environments.activate', { id: (saved.value as { id: string }).id });
    const answer = await t.dispatch('lookup.one', { address: 'someone@direct.practice.example' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    if (answer.ok) throw new Error('unreachable');
    expect(answer.error.message).toContain('Check the username and password in Settings');
    expect(answer.error.message).not.toContain('not-the-password');
  });

  it('says the DPP could not be reached when it is down', async () => {
    const server = await startPracticeServer();
    const url = server.url;
    await server.close();
    const t = await coreAgainst(url);
    const answer = await t.dispatch('lookup.one', { address: 'someone@direct.practice.example' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'network', message: 'The DPP could not be reached. Check your network connection and try again.' } });
  });

  it('passes on a 429 with the wait, then waits as told before the next lookup', async () => {
    const dpp = createPracticeDpp({ control: true });
    const served = await serveOnLoopback(withFaults((req) => dpp.handle(req), { rateLimit: 1 }));
    cleanups.push(served.close);
    const t = await coreAgainst(served.url);
    expect((await t.dispatch('lookup.one', { address: 'a@direct.practice.example' })).ok).toBe(true);
    const limited = await t.dispatch('lookup.one', { address: 'b@direct.practice.example' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfterSeconds: 1, message: 'The DPP asked TA Desk to slow down. Try again in 1 second.' } });
    // The shared pacer now holds the next request until the DPP's second has passed: it gets in.
    const started = Date.now();
    const again = await t.dispatch('lookup.one', { address: 'b@direct.practice.example' });
    expect(again.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});

describe('Practice keeps its state', () => {
  it('answers lookups and moves statuses on after the app restarts, from an encrypted file', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-practice-state-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const prefix = `ta-desk-test-practice-${process.pid}`;
    const inProcess = () => {
      const dpp = createPracticeDpp({ stepMs: 400 });
      return { practiceFetch: (input: string, init: RequestInit) => dpp.handle(new Request(input, init)), state: dpp };
    };

    const first = inProcess();
    const a = await startTestCore({ dataDir, prefix, practiceFetch: first.practiceFetch, practiceState: first.state });
    const app = validApplication();
    const sent = await a.dispatch('application.submit', { application: app });
    expect(sent).toMatchObject({ ok: true, value: { state: 'submitted' } });
    const applicationId = (sent as { value: { applicationId: string } }).value.applicationId;
    await a.close(false);

    const file = readFileSync(join(dataDir, 'practice-dpp.state'));
    expect(file.includes(Buffer.from(app.directAddress))).toBe(false);
    expect(file.includes(Buffer.from('Jane'))).toBe(false);

    // A new process: a fresh practice DPP that knows nothing until the app hands it its state.
    const second = inProcess();
    const b = await startTestCore({ dataDir, prefix, practiceFetch: second.practiceFetch, practiceState: second.state });
    cleanups.push(() => b.close(false));
    const found = await b.dispatch('lookup.one', { address: app.directAddress });
    expect(found).toMatchObject({ ok: true, value: { found: { applicationId } } });
    // Polling still answers: the lifecycle moved on while the app was closed.
    await new Promise((r) => setTimeout(r, 500));
    const checked = await b.dispatch('history.checkStatus', {});
    expect(checked).toMatchObject({ ok: true, value: { checked: 1, changed: 1 } });
    // And the next application continues the numbering instead of reusing an Application ID.
    const next = await b.dispatch('application.submit', { application: validApplication() });
    expect((next as { value: { applicationId: string } }).value.applicationId).not.toBe(applicationId);
  });
});
