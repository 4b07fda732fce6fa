import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { createCredentialVault } from '../core/vault/credential-vault.ts';
import { memorySecretStore } from '../core/vault/memory-store.ts';
import { keytarSecretStore } from '../core/vault/secret-store.ts';
import { startPreviewHost } from './host.ts';

/**
 * `npm run preview [-- --port N] [--dpp-url URL] [--step-ms MS] [--poll-ms MS] [--idle-lock-ms MS]
 * [--ephemeral] [--no-build]`: build the renderer and the preview bridge, then serve TA Desk to a
 * browser on 127.0.0.1 with a per-run token.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'dpp-url': { type: 'string' },
    'step-ms': { type: 'string' },
    'poll-ms': { type: 'string' },
    'idle-lock-ms': { type: 'string' },
    ephemeral: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

function numberFlag(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`TA Desk preview: --${name} must be a whole number of at least ${min} (got "${raw}").`);
    process.exit(2);
  }
  return n;
}

const port = numberFlag('port', values.port, 0) ?? 0;
const root = resolve(import.meta.dirname, '../..');

// Without an OS keychain nothing can be kept safely; say so, and offer the throwaway mode.
let secretStore = keytarSecretStore();
let dataDir = process.env.TA_DESK_DATA_DIR ?? resolve(root, '.ta-desk-data');
if (values.ephemeral) {
  secretStore = memorySecretStore();
  dataDir = mkdtempSync(join(tmpdir(), 'ta-desk-preview-'));
  console.log('TA Desk preview: ephemeral mode: in-memory keychain and a temporary data directory, both gone at exit.');
} else {
  const check = await createCredentialVault(secretStore).checkAvailable();
  if (!check.ok) {
    console.error(`TA Desk preview: ${check.message}\n${check.fix}\nOr try it without keeping anything: npm run preview -- --ephemeral`);
    process.exit(1);
  }
}

if (!values['no-build']) {
  await build({ configFile: resolve(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
  await build({ configFile: resolve(root, 'vite.preview-bridge.config.ts'), logLevel: 'warn' });
}

try {
  const host = await startPreviewHost({
    port,
    dataDir,
    dppUrl: values['dpp-url'],
    secretStore,
    // A development tool (never packaged): the switches of main/dev-switches.ts apply as they are.
    keychainServicePrefix: process.env.TA_DESK_KEYCHAIN_SERVICE || undefined,
    practiceStepMs: numberFlag('step-ms', values['step-ms'], 1),
    pollIntervalMs: numberFlag('poll-ms', values['poll-ms'], 100),
    idleLockMs: numberFlag('idle-lock-ms', values['idle-lock-ms'], 1000),
  });
  console.log(`TA Desk preview: ${host.url}`);
  const stop = () =>
    void host.close().then(() => {
      if (values.ephemeral) rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
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
