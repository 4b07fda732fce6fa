import { parseArgs } from 'node:util';
import { createPracticeDpp } from './handler.ts';
import { serveOnLoopback } from './serve.ts';

/** `npm run practice-dpp -- --port N [--step-ms MS]`: the practice DPP on 127.0.0.1:N. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'step-ms': { type: 'string', default: '30000' },
    control: { type: 'boolean', default: false },
  },
});

function positiveInt(name: string, raw: string, allowZero = false): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    console.error(`practice DPP: --${name} must be a whole number${allowZero ? '' : ' above 0'} (got "${raw}").`);
    process.exit(2);
  }
  return n;
}

const port = positiveInt('port', values.port, true);
const stepMs = positiveInt('step-ms', values['step-ms']);
const dpp = createPracticeDpp({ stepMs, control: values.control });
try {
  const { url, close } = await serveOnLoopback((req) => dpp.handle(req), port);
  console.log(`practice DPP listening on ${url}`);
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  const code = (err as { code?: string }).code;
  console.error(code === 'EADDRINUSE' ? `practice DPP: port ${port} is already in use; pick another with --port.` : `practice DPP: could not start (${String(err)}).`);
  process.exit(1);
}
