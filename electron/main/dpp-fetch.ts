import { net } from 'electron';
import { checkBaseUrl } from '../core/dpp/base-url.ts';
import type { DppCredentials, FetchFn } from '../core/dpp/client.ts';
import type { Environment } from '../core/environment.ts';
import { createPracticeDpp, practiceFetch } from '../practice/handler.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from '../practice/environment.ts';

/**
 * Real DPPs are reached through net.fetch (Chromium's network stack: the OS proxy/PAC settings
 * and certificate store that office networks need; Node's fetch ignores both).
 */
export const netFetch: FetchFn = async (input, init) => {
  try {
    // No cookies kept for the DPP (every call carries its credentials) and nothing in Chromium's
    // disk cache: status answers are PHI.
    return await net.fetch(input, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch (err) {
    // With redirect 'manual', net.fetch rejects instead of returning the 3xx. Hand the client a
    // 3xx so it reports "TA Desk does not follow redirects" rather than a lost connection (the
    // real code is not exposed by net.fetch; 307 stands for all of them).
    if (init.redirect === 'manual' && err instanceof Error && err.message === 'Redirect was cancelled') {
      return new Response(null, { status: 307 });
    }
    throw err;
  }
};

/**
 * Practice mode answers in-process; TA_DESK_DPP_URL points Practice at a practice DPP served on
 * loopback instead, which the Electron specs use to prove net.fetch is the client.
 */
export function practiceConnection(env: NodeJS.ProcessEnv): { environment: Environment; credentials: DppCredentials; fetch: FetchFn } {
  const environment = practiceEnvironment();
  const override = env.TA_DESK_DPP_URL;
  if (override) {
    const checked = checkBaseUrl(override);
    if (!checked.ok) throw new Error(`TA_DESK_DPP_URL: ${checked.message}`);
    return { environment: { ...environment, baseUrl: checked.url.toString() }, credentials: PRACTICE_CREDENTIALS, fetch: netFetch };
  }
  return { environment, credentials: PRACTICE_CREDENTIALS, fetch: practiceFetch(createPracticeDpp()) };
}
