import { parseArgs } from 'node:util';
import { withFaults } from './faults.ts';
import { createPracticeDpp } from './handler.ts';
import { serveOnLoopback } from './serve.ts';

/**
 * `npm run practice-dpp -- --port N [--step-ms MS] [--control] [--latency-ms MS] [--fail-rate 0..1]
 * [--rate-limit N] [--seed N]`: the practice DPP on 127.0.0.1:N, optionally with seeded faults.
 */
function fail(message: string): never {
  console.error(`practice DPP: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'step-ms': { type: 'string', default: '30000' },
      control: { type: 'boolean', default: false },
      'latency-ms': { type: 'string', default: '0' },
      'fail-rate': { type: 'string', default: '0' },
      'rate-limit': { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
    },
  }));
} catch (err) {
  // parseArgs explains itself over several lines; one is enough here.
  fail((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'invalid arguments.');
}

function wholeNumber(name: string, raw: string, min = Number.MIN_SAFE_INTEGER): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isSafeInteger(n) || n < min) {
    const floor = min === 0 ? ', 0 or more' : min > 0 ? ` of ${min} or more` : '';
    fail(`--${name} must be a whole number${floor} (got "${raw}").`);
  }
  return n;
}

function share(name: string, raw: string): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!(n >= 0 && n <= 1)) fail(`--${name} must be a number from 0 to 1 (got "${raw}").`);
  return n;
}

const port = wholeNumber('port', values.port, 0);
if (port > 65535) fail(`--port must be at most 65535 (got "${values.port}").`);
const stepMs = wholeNumber('step-ms', values['step-ms'], 1);
const latencyMs = wholeNumber('latency-ms', values['latency-ms'], 0);
const failRate = share('fail-rate', values['fail-rate']);
const rateLimit = wholeNumber('rate-limit', values['rate-limit'], 0);
const seed = wholeNumber('seed', values.seed);

const dpp = createPracticeDpp({ stepMs, control: values.control });
// docs/dpp-contract.md: the CLI's --fail-rate is the share answered 5xx or reset. Hangs are left to the
// tests (withFaults with faults: ['hang']), where a client timeout is there to end them.
const handler = withFaults((req) => dpp.handle(req), { seed, latencyMs, failRate, rateLimit, faults: ['5xx', 'reset'] });
try {
  const { url, close } = await serveOnLoopback(handler, port);
  console.log(`practice DPP listening on ${url}`);
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  const code = (err as { code?: string }).code;
  console.error(code === 'EADDRINUSE' ? `practice DPP: port ${port} is already in use; pick another with --port.` : `practice DPP: could not start (${String(err)}).`);
  process.exit(1);
}
