import { net } from 'electron';
import { checkBaseUrl } from '../core/dpp/base-url.ts';
import type { FetchFn } from '../core/dpp/client.ts';
import type { Environment } from '../core/environment.ts';
import { createPracticeDpp, practiceFetch } from '../practice/handler.ts';
import { practiceEnvironment } from '../practice/environment.ts';

/**
 * The DPP client's fetch in the app. Real DPPs go through net.fetch (Chromium's network stack:
 * the OS proxy/PAC settings and certificate store that office networks need; Node's fetch
 * ignores both). Practice mode answers in-process; TA_DESK_DPP_URL points Practice at a practice
 * DPP served on loopback, which the Electron specs use to prove net.fetch is the client.
 */
export function dppConnection(env: NodeJS.ProcessEnv): { environment: Environment; fetch: FetchFn } {
  const practice = practiceEnvironment();
  const override = env.TA_DESK_DPP_URL;
  if (override) {
    const checked = checkBaseUrl(override);
    if (!checked.ok) throw new Error(`TA_DESK_DPP_URL: ${checked.message}`);
    return { environment: { ...practice, baseUrl: checked.url.toString() }, fetch: (input, init) => net.fetch(input, init) };
  }
  return { environment: practice, fetch: practiceFetch(createPracticeDpp()) };
}
