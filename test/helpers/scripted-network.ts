import type { FetchFn } from '../../electron/core/dpp/client.ts';

/**
 * A network between the client and a real practice DPP that misbehaves on cue, one step per
 * request: the DPP's state is real, only the wire between is scripted. Steps:
 * - 'pass': forward the request and its answer;
 * - 'refuse': fail before sending (ECONNREFUSED: known not applied);
 * - 'apply-then-reset' / 'apply-then-timeout': forward, then lose the answer;
 * - 'reset-before-apply': lose the request (a reset the client cannot tell from the one above);
 * - 'http-503': answer 503 without forwarding;
 * - 'status-404': answer the DPP's "not found" without forwarding;
 * - 'http-429:N': answer 429 with Retry-After N without forwarding.
 */
export type Step = 'pass' | 'refuse' | 'apply-then-reset' | 'reset-before-apply' | 'apply-then-timeout' | 'http-503' | 'status-404' | `http-429:${number}`;

export function scriptedNetwork(inner: FetchFn, script: Step[]) {
  const calls: { method: string; path: string; step: Step; at: number }[] = [];
  const fetchFn: FetchFn = async (input, init) => {
    const step = script.shift() ?? 'pass';
    calls.push({ method: init.method ?? 'GET', path: new URL(input).pathname, step, at: Date.now() });
    const connError = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    switch (step) {
      case 'pass':
        return inner(input, init);
      case 'refuse':
        throw connError('ECONNREFUSED');
      case 'apply-then-reset':
        await (await inner(input, init)).text();
        throw connError('ECONNRESET');
      case 'reset-before-apply':
        throw connError('ECONNRESET');
      case 'apply-then-timeout':
        await (await inner(input, init)).text();
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      case 'http-503':
        return new Response('Service Unavailable', { status: 503, headers: { 'Content-Type': 'text/plain' } });
      case 'status-404':
        return Response.json({ Message: 'No application was found for that Direct address.' }, { status: 404 });
      default: {
        const seconds = step.slice('http-429:'.length);
        return new Response('', { status: 429, headers: { 'Retry-After': seconds } });
      }
    }
  };
  return { fetch: fetchFn, calls };
}
