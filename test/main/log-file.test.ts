import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, setDefaultLogSink } from '../../electron/core/log.ts';
import { startDiagnostics } from '../../electron/main/diagnostics.ts';
import { LOG_MAX_BYTES } from '../../electron/main/log-file.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { app, crashReporter, resetFakeElectron } from '../fakes/electron.ts';
import { validApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * The main-process log file (electron/main/log-file.ts via diagnostics.ts): in the OS log
 * folder, rotated, owner-only, and free of passwords and patient data even when a hostile DPP
 * echoes them back. Real core, store and keychain (test/with-keyring.sh).
 */
const PASSWORD = 'Tr0ub4dor-and-3';
const PATIENT = { firstName: 'Zebulon', lastName: 'Quartermaine', fullName: 'Zebulon Quartermaine' };
let logsFolder: string;
let logFile: string;
let crashDumps: string;

beforeAll(() => {
  resetFakeElectron();
  logsFolder = join(mkdtempSync(join(tmpdir(), 'ta-desk-logs-')), 'logs');
  app.setPath('logs', logsFolder);
  app.isPackaged = true;
  ({ logFile, crashDumps } = startDiagnostics());
});
afterAll(() => {
  setDefaultLogSink(console);
  rmSync(join(logsFolder, '..'), { recursive: true, force: true });
});

describe('the log file', () => {
  it('is in the OS log folder, owner-only, and carries the core’s log lines', () => {
    createLogger('test').info('first line');
    expect(logFile).toBe(join(logsFolder, 'main.log'));
    expect(readFileSync(logFile, 'utf8')).toMatch(/\[info\]\s+\[test\] first line/);
    if (process.platform !== 'win32') expect(statSync(logFile).mode & 0o777).toBe(0o600);
  });

  it('never holds a password, a patient name or a Direct address, even from a DPP that echoes them', async () => {
    // A DPP that fails every call and quotes the whole request back, headers included.
    const hostile = await serveOnLoopback(async (req) => {
      const echo = `${JSON.stringify(Object.fromEntries(req.headers))} ${await req.text()}`;
      return new Response(echo, { status: 500 });
    });
    const application = validApplication(PATIENT);
    const t = await startTestCore({ dppUrl: hostile.url, timeoutMs: 2_000 });
    try {
      const saved = (await t.dispatch('environments.save', {
        name: 'Hostile DPP',
        baseUrl: hostile.url,
        userId: 'ta-user',
        trustedAgent: application.trustedAgent,
        organizationName: application.organizationName,
        directDomain: 'direct.practice.example',
        defaultCountry: 'US',
        password: PASSWORD,
      })) as { ok: true; value: { id: string } };
      expect(saved.ok).toBe(true);
      expect(await t.dispatch('environments.activate', { id: saved.value.id })).toMatchObject({ ok: true });
      await t.dispatch('application.submit', { application });
      await t.dispatch('history.checkStatus', {});
      await t.dispatch('lock.lock', undefined);
      await t.dispatch('lock.unlock', { password: PASSWORD });
      // What a careless caller might hand a logger: an error quoting headers and an address.
      createLogger('careless').error('send failed', new Error(`X-User-Password: ${PASSWORD} for ${application.directAddress}`));
      createLogger('careless').warn(`password=${PASSWORD} notification to ${application.notificationAddress}`);
    } finally {
      await t.close();
      await hostile.close();
    }
    const text = readFileSync(logFile, 'utf8');
    expect(text).toContain('[outbox] send of'); // the failed sends were logged…
    expect(text).toContain('[careless] send failed');
    for (const secret of [PASSWORD, PATIENT.fullName, PATIENT.lastName, application.directAddress, application.notificationAddress]) {
      expect(text, secret).not.toContain(secret); // …without what they quoted
    }
  });

  it('rotates: past its size limit the file moves to main.old.log and a new one starts', () => {
    const log = createLogger('volume');
    const line = 'x'.repeat(1000);
    for (let written = 0; written <= LOG_MAX_BYTES + 2000; written += 1000) log.info(line);
    const old = join(logsFolder, 'main.old.log');
    expect(existsSync(old)).toBe(true);
    expect(statSync(logFile).size).toBeLessThan(LOG_MAX_BYTES);
    expect(statSync(old).size).toBeGreaterThan(LOG_MAX_BYTES / 2);
    if (process.platform !== 'win32') expect(statSync(logFile).mode & 0o777).toBe(0o600);
  });
});

describe('crash dumps', () => {
  it('are kept locally, never uploaded, in a folder beside the logs', () => {
    expect(crashReporter.started).toEqual([expect.objectContaining({ uploadToServer: false })]);
    expect(app.getPath('crashDumps')).toBe(crashDumps);
    expect(crashDumps).toBe(join(logsFolder, 'crash-dumps'));
    expect(existsSync(crashDumps)).toBe(true);
  });
});
