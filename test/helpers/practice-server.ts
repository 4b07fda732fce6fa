import { randomUUID } from 'node:crypto';
import { createDppClient } from '../../electron/core/dpp/client.ts';
import { PRACTICE_ACCOUNT } from '../../electron/practice/accounts.ts';
import { createPracticeDpp, type PracticeOptions } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';

/** The practice DPP behind a real loopback HTTP server, as the tests' stand-in for DataMotion. */
export async function startPracticeServer(options: PracticeOptions = {}) {
  const dpp = createPracticeDpp({ control: true, ...options });
  const served = await serveOnLoopback((req) => dpp.handle(req));
  return { dpp, url: served.url, close: served.close };
}

/** A DPP client of the practice account against a practice DPP at `url`, and its test controls. */
export function practiceClient(url: string) {
  return {
    client: () =>
      createDppClient({
        baseUrl: url,
        fetch: (input, init) => fetch(input, init),
        credentials: () => Promise.resolve({ userId: PRACTICE_ACCOUNT.userId, password: PRACTICE_ACCOUNT.password }),
        timeoutMs: 5000,
      }),
    /** A fresh Idempotency-Key for each send. */
    key: () => ({ idempotencyKey: randomUUID() }),
    /** Move the practice DPP's clock on (the review lifecycle, certificate expiry). */
    advance: (ms: number) => fetch(`${url}/__practice/advance`, { method: 'POST', body: JSON.stringify({ ms }) }),
    /** Forget every application received (between tests). */
    reset: () => fetch(`${url}/__practice/reset`, { method: 'POST' }),
  };
}
