import type { PracticeConnection } from '../core/app-core.ts';
import { checkBaseUrl } from '../core/dpp/base-url.ts';
import type { FetchFn } from '../core/dpp/client.ts';
import { practiceEnvironment, PRACTICE_CREDENTIALS } from './environment.ts';
import { createPracticeDpp, practiceFetch } from './handler.ts';

export interface PracticeOptions {
  /**
   * A practice DPP served elsewhere (TA_DESK_DPP_URL in Electron, --dpp-url in the preview),
   * reached with the app's own network fetch; without it the practice DPP answers in-process.
   */
  dppUrl?: string;
  /** Time between lifecycle steps of the in-process practice DPP. */
  stepMs?: number;
}

/** Practice mode's connection, the same for Electron main, the preview host and tests. */
export function practiceConnection(options: PracticeOptions, networkFetch: FetchFn): PracticeConnection {
  const environment = practiceEnvironment();
  if (options.dppUrl) {
    const checked = checkBaseUrl(options.dppUrl);
    if (!checked.ok) throw new Error(`Practice DPP address: ${checked.message}`);
    return { environment: { ...environment, baseUrl: checked.url.toString() }, credentials: PRACTICE_CREDENTIALS, fetch: networkFetch };
  }
  // In-process, its applications outlive a restart: the core keeps its state (encrypted) on disk.
  const dpp = createPracticeDpp({ stepMs: options.stepMs });
  return { environment, credentials: PRACTICE_CREDENTIALS, fetch: practiceFetch(dpp), state: dpp };
}
