import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxState } from '../../electron/contract/applications.ts';
import { channels, channelNames } from '../../electron/contract/channels.ts';
import { startTestCore } from '../helpers/core.ts';
import { exited, ROOT, spawnTs } from './support/children.ts';
import { FAST_RETRY, startFaultyDpp } from './support/dpp.ts';
import { PRACTICE_ACCOUNT, patientApplication, phiOf, RELIABILITY_ACCOUNT, TA_SECRET, useReliabilityEnvironment } from './support/identities.ts';
import { anything, mutatedFrom } from './support/mutations.ts';
import { recordedPhi, recordPhi, runDir, runPath, scaled, seconds, sleep, summary, waitFor } from './support/run.ts';
import { filesUnder, scan, type Needle } from './support/scan.ts';

/**
 * Issue 7, reliability 6: secrets and PHI, after everything else (the suite runs this file
 * last). It first runs a small version of every path with a NON-practice environment whose TA
 * password is TA_SECRET (settings, test connection, drafts, submits through a faulty DPP, a child
 * killed mid-send and recovered, status checks, exports, lock/unlock, a short fuzz), then scans:
 * - the TA password: in no file under any test's data directory (database, -wal, -shm, backups),
 *   no captured log (console of every test process, children's output), no export, no IPC answer
 *   or event pushed to the renderer;
 * - every patient name and Direct address any test used: in no data directory file, no log and
 *   no audit-log answer or audit export, in plaintext (or base64, hex, UTF-16, URL-encoded).
 * Positive controls prove the scan can see: PHI is found in a history export with PHI columns,
 * and the plaintext environment name is found in the database files.
 */
const SUBMITS = scaled(12, 4);
const KILLS = scaled(3, 1);
const FUZZ_PER_CHANNEL = scaled(100, 20);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('secrets and PHI', () => {
  it('keeps the TA password and patient data out of files, logs, exports and answers', async () => {
    const started = Date.now();
    const server = await startFaultyDpp({ seed: 11, failRate: 0.3, faults: ['5xx', 'reset', 'hang'], rateLimit: 30 });
    cleanups.push(server.close);
    const dataDir = runPath('data', 'secrets');
    const prefix = `ta-desk-reliability-secrets-${process.pid}`;
    const answers: string[] = [];
    const keep = (a: unknown) => (answers.push(JSON.stringify(a)), a);
    const phi = new Set<string>();
    const exportsDir = runPath('exports');

    // 1. Settings, connection test, drafts, submits, refusals, status checks, exports, lock.
    let t = await startTestCore({ dppUrl: server.url, dataDir, prefix, timeoutMs: 1_000, retryPolicy: FAST_RETRY, idleLockMs: 3_600_000 });
    let open = true;
    cleanups.push(async () => {
      if (open) await t.close(false);
    });
    const envId = await useReliabilityEnvironment(t.dispatch, server.url);
    keep(await t.dispatch('environments.test', { id: envId }));
    keep(await t.dispatch('environments.list', undefined));
    const apps = Array.from({ length: SUBMITS }, (_, i) => patientApplication('Secret', 1000 + i));
    for (const app of apps) for (const v of phiOf(app)) phi.add(v);
    const draft = keep(await t.dispatch('drafts.save', { values: { firstName: apps[0]!.firstName, lastName: apps[0]!.lastName, directAddress: apps[0]!.directAddress } })) as {
      value: { id: string };
    };
    keep(await t.dispatch('drafts.get', { id: draft.value.id }));
    for (const app of apps) keep(await t.dispatch('application.submit', { application: app }));
    // A duplicate address (409 → needs attention) and a rule break (400 → invalid).
    keep(await t.dispatch('application.submit', { application: { ...apps[1]!, fullName: `${apps[1]!.fullName} Again` } }));
    keep(await t.dispatch('application.submit', { application: { ...apps[2]!, directAddress: `x.${apps[2]!.directAddress}`, organizationName: 'Not The Clinic' } }));
    await drain(t);
    keep(await t.dispatch('history.checkStatus', {}));
    keep(await t.dispatch('history.query', { search: apps[0]!.lastName }));
    keep(await t.dispatch('drafts.list', undefined));
    keep(await t.dispatch('outbox.list', undefined));
    const historyPhi = keep(await t.dispatch('history.export', { query: {}, includePhi: true })) as { value: { csv: string } };
    const historyPlain = keep(await t.dispatch('history.export', { query: {}, includePhi: false })) as { value: { csv: string } };
    writeFileSync(join(exportsDir, 'secrets-history-with-phi.csv'), historyPhi.value.csv);
    writeFileSync(join(exportsDir, 'secrets-history.csv'), historyPlain.value.csv);
    keep(await t.dispatch('lock.lock', undefined));
    keep(await t.dispatch('lock.unlock', { password: 'not-the-password' }));
    keep(await t.dispatch('lock.unlock', { password: TA_SECRET }));
    keep(await t.dispatch('app.info', undefined));

    // 2. A short fuzz of every channel (answers kept for the scan).
    let fuzzed = 0;
    for (const channel of channelNames) {
      // Keep the environment and the lock open; checkStatus {} would look up every application
      // through the faulty DPP per payload (it is called once above).
      if (channel === 'environments.remove' || channel === 'lock.lock' || channel === 'history.checkStatus') continue;
      const payloads = [...fc.sample(anything, FUZZ_PER_CHANNEL / 2), ...fc.sample(mutatedFrom(fuzzSeeds(channel, envId, draft.value.id)), FUZZ_PER_CHANNEL / 2)];
      for (const p of payloads) {
        keep(await t.dispatch(channel, p));
        fuzzed += 1;
      }
    }
    await drain(t);

    // The database files while the core has them open: -wal and -shm exist now.
    const whileOpen = filesUnder(dataDir);
    const walSeen = whileOpen.some((f) => f.endsWith('-wal'));
    const openScan = scan(whileOpen, [{ label: 'TA password', value: TA_SECRET }, ...[...phi].map((value) => ({ label: 'PHI', value }))]);
    // Events are IPC payloads to the renderer too.
    keep(t.events);
    await t.close(false);
    open = false;

    // 3. A child core on the same data directory, killed mid-send, then recovered here.
    const log = runPath('logs', 'child-secrets-submitter.log');
    const intents = runPath('meta', 'secrets-intents.txt');
    for (let round = 1; round <= KILLS; round++) {
      let ready = false;
      const child = spawnTs(join(ROOT, 'test', 'fixtures', 'reliability-submitter.ts'), [dataDir, prefix, server.url, intents, String(process.pid), String(round), '3', 'reliability'], log, (line) => {
        if (line === 'ready') ready = true;
      });
      const end = exited(child);
      try {
        await waitFor('the submitter to be ready', async () => (ready || child.exitCode !== null ? true : undefined), 60_000, 5);
        await sleep(Math.random() * 150);
      } finally {
        child.kill('SIGKILL');
      }
      await end;
      for (let i = 0; i < 3; i++) for (const v of phiOf(patientApplication('Secret', round * 10 + i, RELIABILITY_ACCOUNT, {}, process.pid))) phi.add(v);
    }
    t = await startTestCore({ dppUrl: server.url, dataDir, prefix, timeoutMs: 1_000, retryPolicy: FAST_RETRY, idleLockMs: 3_600_000 });
    open = true;
    await drain(t);
    const auditList = keep(await t.dispatch('audit.list', { limit: 1000 }));
    const auditExport = keep(await t.dispatch('audit.export', undefined)) as { value: { csv: string } };
    writeFileSync(join(exportsDir, 'secrets-audit.csv'), auditExport.value.csv);
    keep(t.events);
    await t.close(false);
    open = false;
    recordPhi(phi);

    // 4. The scan. Needles: the password; every patient name and address any test recorded.
    const allPhi = [...new Set([...recordedPhi(), ...phi])];
    const password: Needle[] = [{ label: 'TA password', value: TA_SECRET }];
    const phiNeedles: Needle[] = allPhi.map((value) => ({ label: `PHI ${value.length} chars`, value }));
    const dataFiles = filesUnder(join(runDir(), 'data'));
    const logFiles = filesUnder(join(runDir(), 'logs'));
    const exportFiles = filesUnder(join(runDir(), 'exports'));
    const ipcFiles = filesUnder(join(runDir(), 'ipc'));
    const auditExports = exportFiles.filter((f) => f.includes('audit'));
    const inMemory = [{ name: 'IPC answers of this test', text: answers.join('\n') }];

    const secretScan = scan([...dataFiles, ...logFiles, ...exportFiles, ...ipcFiles], password, inMemory);
    const phiScan = scan([...dataFiles, ...logFiles, ...auditExports], phiNeedles, [{ name: 'audit.list answer', text: JSON.stringify(auditList) }]);

    // Positive controls: the scanner does find what is there.
    const control = scan([join(exportsDir, 'secrets-history-with-phi.csv')], [...phi].slice(0, 4).map((value) => ({ label: 'PHI', value })));
    const dbControl = scan(dataFiles.filter((f) => f.includes(`${'/'}secrets${'/'}`)), [{ label: 'environment name', value: 'Reliability DPP' }]);

    const where = (hits: { file: string; label: string; encoding: string }[]) => hits.map((h) => `${h.label} (${h.encoding}) in ${h.file.replace(runDir(), '<run>')}`);
    summary('6 secrets and PHI', {
      filesScanned: dataFiles.length + logFiles.length + exportFiles.length + ipcFiles.length,
      dataFiles: dataFiles.length,
      walWhileOpen: walSeen,
      logFiles: logFiles.length,
      exports: exportFiles.length,
      ipcAnswerFiles: ipcFiles.length,
      answersThisTest: answers.length,
      fuzzedHere: fuzzed,
      kills: KILLS,
      MBScanned: Math.round((secretScan.bytes + phiScan.bytes + openScan.bytes) / 1024 / 102.4) / 10,
      phiStrings: allPhi.length,
      passwordHits: secretScan.hits.length,
      phiHits: phiScan.hits.length,
      openFileHits: openScan.hits.length,
      controlPhiFound: control.hits.length > 0,
      controlDbReadable: dbControl.hits.length > 0,
      wall: seconds(Date.now() - started),
    });
    expect(walSeen, 'the scan should have seen a -wal file while the core was open').toBe(true);
    expect(control.hits.length, 'positive control: PHI in the PHI export').toBeGreaterThan(0);
    expect(dbControl.hits.length, 'positive control: plaintext environment name in the database files').toBeGreaterThan(0);
    expect(where(openScan.hits)).toEqual([]);
    expect(where(secretScan.hits)).toEqual([]);
    expect(where(phiScan.hits)).toEqual([]);
  });
});

async function drain(t: Awaited<ReturnType<typeof startTestCore>>) {
  await waitFor(
    'the outbox to empty',
    async () => {
      const s = await t.dispatch('outbox.state', undefined);
      const state = s.ok ? (s.value as OutboxState) : undefined;
      return state && state.queued + state.sending + state.unknown === 0 ? true : undefined;
    },
    120_000,
    100,
  );
}

function fuzzSeeds(channel: keyof typeof channels, envId: string, draftId: string): unknown[] {
  const input = channels[channel].input;
  const candidates: unknown[] = [
    undefined,
    { id: draftId },
    { id: envId },
    { password: TA_SECRET },
    { values: { firstName: 'Fuzzy' } },
    { query: {}, includePhi: true },
    {},
    { idleMinutes: 10 },
    { olderThanDays: 30 },
  ];
  const valid = candidates.filter((c) => input.safeParse(c).success);
  return valid.length ? valid : [undefined];
}


describe('PHI the DPP quotes back', () => {
  // Was a weakness (docs/RELIABILITY.md, "Findings", now fixed): an error's text quotes the DPP's Message,
  // and the outbox stores that text in the plaintext attention_message column. A DPP that echoes
  // a value back ("The value '…' is not valid", as ASP.NET model binding does) puts PHI on disk
  // unencrypted.
  it('keeps PHI quoted in a DPP error out of the database in plaintext', async () => {
    const app = patientApplication('Echo', 1, PRACTICE_ACCOUNT, {}, process.pid);
    const dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-reliability-echo-'));
    const t = await startTestCore({
      dataDir,
      idleLockMs: 3_600_000,
      practiceFetch: () =>
        Promise.resolve(Response.json({ Message: `The value '${app.fullName}' is not valid for the patient.` }, { status: 400 })),
    });
    try {
      const answer = await t.dispatch('application.submit', { application: app });
      await t.close(false);
      const found = scan(filesUnder(dataDir), [{ label: 'patient name', value: app.fullName }]);
      summary('6b PHI quoted by the DPP', { answer: answer.ok ? 'ok' : answer.error.code, plaintextHits: found.hits.length, where: found.hits.map((h) => h.file.replace(dataDir, '<data>')).join(',') || '-' });
      expect(found.hits).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
