import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * The exactly-once outbox against the real parts: SQLite file, keychain, practice DPP over HTTP,
 * and, for crashes, a child process killed with SIGKILL mid-request.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('outbox', () => {
  it('waits while the DPP is down and drains by itself when it comes back, once', async () => {
    // A port with nothing behind it yet: the DPP is "down".
    const dpp = createPracticeDpp();
    const probe = await serveOnLoopback((req) => dpp.handle(req));
    const url = probe.url;
    await probe.close();

    const t = await startTestCore({ dppUrl: url });
    cleanups.push(() => t.close());
    const app = validApplication();
    const submitted = await t.dispatch('application.submit', { application: app });
    expect(submitted).toMatchObject({ ok: true, value: { state: 'queued', pending: { code: 'network' } } });
    expect(await t.dispatch('outbox.state', undefined)).toMatchObject({ ok: true, value: { online: false, queued: 1 } });

    const port = Number(new URL(url).port);
    const back = await serveOnLoopback((req) => dpp.handle(req), port);
    cleanups.push(back.close);
    const row = await waitFor(async () => {
      const page = await t.dispatch('history.query', {});
      const rows = page.ok ? (page.value as { rows: { applicationId: string | null }[] }).rows : [];
      return rows[0]?.applicationId ? rows[0] : undefined;
    });
    expect(row.applicationId).toBe(dpp.received()[0]?.applicationId);
    expect(dpp.received()).toHaveLength(1);
    expect(await t.dispatch('outbox.state', undefined)).toMatchObject({ ok: true, value: { online: true, queued: 0 } });
  });

  it('parks a 401 as needs-attention, editable, with the reason', async () => {
    const dpp = createPracticeDpp({ accounts: [] }); // knows nobody: every call is 401
    const server = await serveOnLoopback((req) => dpp.handle(req));
    cleanups.push(server.close);
    const t = await startTestCore({ dppUrl: server.url });
    cleanups.push(() => t.close());
    const result = await t.dispatch('application.submit', { application: validApplication() });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const drafts = await t.dispatch('drafts.list', undefined);
    expect(drafts).toMatchObject({ ok: true, value: [{ state: 'needs-attention', attention: { code: 'unauthorized' } }] });
  });

  for (const when of ['after the DPP stored it', 'before the DPP stored it'] as const) {
    it(`a send killed mid-flight (${when}) is reconciled on restart without a duplicate`, async () => {
      const dpp = createPracticeDpp();
      let posted!: () => void;
      const postArrived = new Promise<void>((r) => (posted = r));
      // The DPP holds the answer (or the work) long enough for the test to kill the sender.
      const server = await serveOnLoopback(async (req) => {
        if (req.method !== 'POST') return dpp.handle(req);
        posted();
        if (when === 'after the DPP stored it') {
          const res = await dpp.handle(req);
          await new Promise((r) => setTimeout(r, 3_000));
          return res;
        }
        await new Promise((r) => setTimeout(r, 3_000));
        if (req.signal.aborted) throw new Error('client went away before the DPP stored anything');
        return dpp.handle(req);
      });
      cleanups.push(server.close);

      const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-crash-'));
      const prefix = `ta-desk-crash-${process.pid}-${when.length}`;
      const address = `crash.${when.length}.${process.pid}@direct.practice.example`;
      const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/fixtures/core-submitter.ts'), dataDir, prefix, server.url, address], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise((r) => child.on('exit', r));
      await postArrived;
      child.kill('SIGKILL');
      await exited;

      const t = await startTestCore({ dataDir, prefix, dppUrl: server.url });
      cleanups.push(() => t.close());
      const row = await waitFor(async () => {
        const page = await t.dispatch('history.query', {});
        const rows = page.ok ? (page.value as { rows: { directAddress: string; applicationId: string | null }[] }).rows : [];
        return rows.find((r) => r.directAddress === address && r.applicationId);
      }, 20_000);
      expect(dpp.received().filter((a) => a.directAddress === address)).toHaveLength(1);
      expect(row.applicationId).toBe(dpp.received()[0]?.applicationId);
      const audit = await t.dispatch('audit.list', {});
      const details = audit.ok ? (audit.value as { detail: string | null }[]).map((e) => e.detail) : [];
      expect(details).toContain('Interrupted while sending; its status is checked before any resend');
    }, 40_000);
  }
});
