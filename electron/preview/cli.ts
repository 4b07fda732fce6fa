import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { startPreviewHost } from './host.ts';

/**
 * `npm run preview [-- --port N] [--dpp-url URL] [--no-build]`: build the renderer and the
 * preview bridge, then serve TA Desk to a browser on 127.0.0.1 with a per-run token.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'dpp-url': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`TA Desk preview: --port must be a port number (got "${values.port}").`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, '../..');
if (!values['no-build']) {
  await build({ configFile: resolve(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
  await build({ configFile: resolve(root, 'vite.preview-bridge.config.ts'), logLevel: 'warn' });
}

const dataDir = process.env.TA_DESK_DATA_DIR ?? resolve(root, '.ta-desk-data');
try {
  const host = await startPreviewHost({ port, dataDir, dppUrl: values['dpp-url'] });
  console.log(`TA Desk preview: ${host.url}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  const code = (err as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `TA Desk preview: port ${port} is already in use; pick another with --port.`
      : `TA Desk preview: could not start: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
}
