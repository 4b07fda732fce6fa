import { net } from 'electron';
import type { FetchFn } from '../core/dpp/client.ts';

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
