import { createPracticeDpp, type PracticeOptions } from '../../electron/practice/handler.ts';
import { serveOnLoopback } from '../../electron/practice/serve.ts';

/** The practice DPP behind a real loopback HTTP server, as the tests' stand-in for DataMotion. */
export async function startPracticeServer(options: PracticeOptions = {}) {
  const dpp = createPracticeDpp({ control: true, ...options });
  const served = await serveOnLoopback((req) => dpp.handle(req));
  return { dpp, url: served.url, close: served.close };
}
