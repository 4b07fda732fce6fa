import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationSchema } from '../../electron/contract/application.ts';
import { createEnvironmentService } from '../../electron/core/environments.ts';
import { createOutbox, RECONCILE_CAP_MS, UNCONFIRMED_AFTER_MS } from '../../electron/core/outbox.ts';
import { openStore, type Store } from '../../electron/core/store/open-store.ts';
import { createCredentialVault } from '../../electron/core/vault/credential-vault.ts';
import { keytarSecretStore } from '../../electron/core/vault/secret-store.ts';
import { withFaults } from '../../electron/practice/faults.ts';
import { createPracticeDpp } from '../../electron/practice/handler.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../../electron/practice/environment.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { validApplication } from '../helpers/applications.ts';

/**
 * Issue 12, finding 4: a row in "unknown outcome" whose status lookup keeps failing was checked
 * about every 500 ms forever, each request carrying the credentials and the patient's Direct
 * address. Here the practice DPP answers every request with a 5xx, and the test moves the clock
 * to each row's next check: checks back off to a 15-minute cap, the row is flagged after 24 hours
 * with a next step, and the application is never sent a second time.
 */
let store: Store;
let dpp: Awaited<ReturnType<typeof serveOnLoopback>>;
const dir = mkdtempSync(join(tmpdir(), 'ta-desk-reconcile-'));
const requests = { post: 0, get: 0 };

beforeAll(async () => {
  const practice = createPracticeDpp();
  const failing = withFaults((req) => practice.handle(req), { failRate: 1, faults: ['5xx'], seed: 3 });
  dpp = await serveOnLoopback(async (req) => {
    if (req.method === 'POST') requests.post += 1;
    else requests.get += 1;
    return failing(req);
  });
  store = await openStore({ dataDir: dir, dataKey: randomBytes(32) });
});
afterAll(async () => {
  await store.close();
  await dpp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reconciling an unknown outcome while the DPP keeps failing', () => {
  it('backs off to a 15-minute cap, flags the row after 24 hours, and never resends', async () => {
    const clock = { t: Date.parse('2026-02-02T08:00:00Z') };
    const environment = { ...practiceEnvironment(), baseUrl: dpp.url };
    const envs = createEnvironmentService({
      store: store.repo,
      vault: createCredentialVault(keytarSecretStore(), { servicePrefix: `ta-desk-test-${process.pid}-reconcile` }),
      practice: { environment, credentials: PRACTICE_CREDENTIALS, fetch: (input, init) => fetch(input, init) },
      networkFetch: (input, init) => fetch(input, init),
    });
    const outbox = createOutbox({
      repo: store.repo,
      envs,
      actor: async () => 'test',
      emit: () => {},
      onRowChanged: () => {},
      now: () => new Date(clock.t),
      policy: { baseDelayMs: 500, maxDelayMs: 8_000, random: () => 0.5 },
    });
    const app = applicationSchema().parse(validApplication());
    const { id } = await store.repo.saveDraft({ environmentId: 'practice', values: app, actor: 'test' });
    expect(await outbox.queue(id, app)).toBe(true);
    expect(await outbox.sendNow(id)).toMatchObject({ state: 'unknown-outcome' });
    expect(requests.post).toBe(1);

    const queuedAt = clock.t;
    const waits: number[] = [];
    // Bounded: on the old code (a check every ~500 ms) 300 checks cover a few minutes, not a day.
    for (let i = 0; i < 300 && clock.t - queuedAt < UNCONFIRMED_AFTER_MS + RECONCILE_CAP_MS; i += 1) {
      const row = await store.repo.getApplication(id);
      clock.t = Date.parse(row!.nextAttemptAt!);
      await outbox.sendNow(id);
      const after = await store.repo.getApplication(id);
      expect(after?.state).toBe('unknown-outcome');
      waits.push(Date.parse(after!.nextAttemptAt!) - clock.t);
    }
    expect(clock.t - queuedAt).toBeGreaterThanOrEqual(UNCONFIRMED_AFTER_MS);
    // Growing, then capped at 15 minutes (jitter adds at most a tenth on top).
    for (let i = 1; i < waits.length; i += 1) expect(waits[i]).toBeGreaterThanOrEqual(Math.min(waits[i - 1]!, RECONCILE_CAP_MS));
    expect(Math.max(...waits)).toBeLessThanOrEqual(RECONCILE_CAP_MS * 1.1);
    expect(waits.at(-1)).toBeGreaterThanOrEqual(RECONCILE_CAP_MS);
    // A day of checks is about a hundred lookups, not 170 000.
    expect(requests.get).toBeLessThan(150);
    // Never a blind resend: the only POST is the first.
    expect(requests.post).toBe(1);

    const flagged = await store.repo.getApplication(id);
    expect(flagged?.attentionCode).toBe('outcome-unconfirmed');
    expect(flagged?.attentionMessage).toMatch(/24 hours/);
    expect(flagged?.attentionMessage).toMatch(/not sent it again/);
    expect(flagged?.attentionMessage).toMatch(/DataMotion/);
    expect(flagged?.attentionMessage).not.toContain(app.directAddress);
    await outbox.stop();
  });
});
