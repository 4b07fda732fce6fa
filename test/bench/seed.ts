import { randomUUID } from 'node:crypto';
import { createCipher } from '../../electron/core/store/crypto.ts';
import type { Store } from '../../electron/core/store/open-store.ts';

const STATUSES = ['PendingReview', 'Approved', 'CertificateIssued', 'Provisioned', 'Rejected'];
const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eva', 'Finn', 'Gia', 'Hal', 'Ivy', 'Jon', 'Kai', 'Lea'];
const LAST = ['Moss', 'Nash', 'Oakes', 'Pratt', 'Quinn', 'Reyes', 'Stone', 'Tran', 'Ueda', 'Vance'];

/**
 * Put `count` submitted applications straight into the store, in one transaction per 5,000, the
 * way the outbox would leave them (PHI sealed with the store's data key under the same AAD).
 * Benchmarks only: going through saveDraft + transition would take minutes at 100,000.
 */
export async function seedSubmitted(store: Store, dataKey: Buffer, count: number, environmentId = 'practice'): Promise<void> {
  const cipher = createCipher(dataKey);
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let done = 0; done < count; ) {
    const batch = Math.min(5000, count - done);
    store.db.transaction((tx) => {
      for (let i = 0; i < batch; i++) {
        const n = done + i;
        const id = randomUUID();
        const first = FIRST[n % FIRST.length] ?? 'Ada';
        const last = `${LAST[Math.floor(n / FIRST.length) % LAST.length] ?? 'Moss'}${n}`;
        const values = {
          trustedAgent: 'Pat Practice',
          organizationName: 'Practice Family Clinic',
          organizationCategory: '4',
          firstName: first,
          lastName: last,
          city: 'Albany',
          state: 'NY',
          country: 'US',
          duration: 1,
          fullName: `${first} ${last}`,
          directAddress: `${first.toLowerCase()}.${last.toLowerCase()}@direct.practice.example`,
          autoRenew: false,
          ial2Vetted: true,
          notificationAddress: `p${n}@example.org`,
        };
        const at = new Date(start + n * 60_000).toISOString();
        tx.run(
          `INSERT INTO applications (id, environment_id, state, payload_enc, idempotency_key, application_id, dpp_status, status_date,
             created_at, updated_at, queued_at, submitted_at)
           VALUES (?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, environmentId, cipher.seal(JSON.stringify(values), `applications:${id}:payload`), randomUUID(), `PC-${String(n).padStart(7, '0')}`, STATUSES[n % STATUSES.length] ?? 'PendingReview', at, at, at, at, at],
        );
      }
    });
    done += batch;
  }
}
