import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { setDefaultLogSink } from '../../electron/core/log.ts';
import { startLogFile } from '../../electron/main/log-file.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { sha256 } from '../../electron/practice/received.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { validAddressApplication } from '../helpers/applications.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * The address certificate's Direct account password is a secret (docs/dpp-contract.md §3): kept
 * only in the keychain until the DPP has it, then forgotten; never in the data directory, the log
 * file, an export, History or the audit trail — even when the DPP quotes it back in an error.
 * Real keychain, SQLite file, log file and practice DPP over loopback HTTP.
 */
const PASSWORD = 'Kestrel-7-quartz!';
const OTHER_PASSWORD = 'Heron-5-basalt?';
const folder = mkdtempSync(join(tmpdir(), 'ta-desk-secret-'));
afterAll(() => {
  setDefaultLogSink(console);
  rmSync(folder, { recursive: true, force: true });
});

/** Every file under `dir`, read as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}
const holds = (bytes: Buffer | string, secret: string) =>
  (typeof bytes === 'string' ? Buffer.from(bytes) : bytes).includes(Buffer.from(secret, 'utf8')) || (typeof bytes !== 'string' && bytes.includes(Buffer.from(secret, 'utf16le')));

it('keeps the Direct account password in the keychain only, until the DPP has it', async () => {
  const { path: logFile } = startLogFile(join(folder, 'logs'), { console: false });
  const dpp = createPracticeDpp();
  // The first address submit is refused by a DPP that quotes the password back in its 400.
  let quoteBack = true;
  const served = await serveOnLoopback(async (req) => {
    if (quoteBack && new URL(req.url).pathname.endsWith('/Certificate/Address')) {
      quoteBack = false;
      const body = (await req.json()) as { Password?: string };
      return Response.json({ Message: `Password "${body.Password}" is not allowed.`, ModelState: { Password: [`"${body.Password}" is too common.`] } }, { status: 400 });
    }
    return dpp.handle(req);
  });
  const dataDir = join(folder, 'data');
  const t = await startTestCore({ dppUrl: served.url, dataDir, practiceState: dpp });
  try {
    const application = validAddressApplication();
    // Drafted with the password: the keychain keeps it, the draft's values never do.
    const saved = await t.dispatch('drafts.save', { certificateType: 'address', values: { ...application, notes: '' }, secrets: { password: PASSWORD } });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const { id } = saved.value as { id: string };
    const draft = await t.dispatch('drafts.get', { id });
    expect(draft).toMatchObject({ ok: true, value: { keptSecrets: ['password'] } });
    expect(JSON.stringify(draft)).not.toContain(PASSWORD);

    // Another draft with a password, deleted: its password goes with it.
    const other = await t.dispatch('drafts.save', { certificateType: 'address', values: validAddressApplication(), secrets: { password: OTHER_PASSWORD } });
    const otherId = (other.ok ? other.value : { id: '' }) as { id: string };
    expect(await t.parts.secrets.names(otherId.id)).toEqual(['password']);
    await t.dispatch('drafts.delete', { id: otherId.id });
    expect(await t.parts.secrets.read(otherId.id)).toEqual({});

    // First submit: the DPP quotes the password back; the TA sees the field error without it.
    const refused = await t.dispatch('application.submit', { draftId: id, certificateType: 'address', application });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', fields: { password: [expect.stringContaining('[redacted]')] } } });
    expect(JSON.stringify(refused)).not.toContain(PASSWORD);
    expect(await t.parts.secrets.names(id)).toEqual(['password']);

    // Submitted again, the password typed once more into the form: the DPP receives exactly it,
    // and the keychain lets it go.
    const sent = await t.dispatch('application.submit', { draftId: id, certificateType: 'address', application: { ...application, password: PASSWORD } });
    expect(sent).toMatchObject({ ok: true, value: { state: 'submitted' } });
    expect(dpp.received()[0]?.passwordSha256).toBe(sha256(PASSWORD));
    expect(await t.parts.secrets.read(id)).toEqual({});

    // Nowhere the TA or IT could read it: History, its detail, the audit trail, every export.
    const seen = [
      await t.dispatch('history.query', {}),
      await t.dispatch('history.get', { id }),
      await t.dispatch('audit.list', {}),
      await t.dispatch('history.export', { query: {}, includePhi: true }),
      await t.dispatch('history.export', { query: {}, includePhi: false }),
      await t.dispatch('audit.export', undefined),
      await t.dispatch('drafts.list', undefined),
    ];
    for (const answer of seen) {
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    }
    expect(JSON.stringify((await t.parts.repo.getApplication(id))?.values)).not.toContain(PASSWORD);
  } finally {
    await t.close(false);
    await served.close();
  }
  // On disk: no file of the data directory (database, WAL, practice state) nor the log holds it.
  const files = [...filesUnder(dataDir), { path: logFile, bytes: readFileSync(logFile) }];
  expect(files.length).toBeGreaterThan(2);
  for (const file of files) {
    expect(holds(file.bytes, PASSWORD), file.path).toBe(false);
    expect(holds(file.bytes, OTHER_PASSWORD), file.path).toBe(false);
  }
  expect(readFileSync(logFile, 'utf8')).toMatch(/failed: invalid/);
});
