import { defineConfig } from '@playwright/test';

/**
 * Electron end-to-end specs: they launch the built app (out/main) with a real Electron binary.
 * Run by `npm run test:electron`, which stops with a plain message where no binary exists.
 * On Linux CI run under `xvfb-run` and `dbus-run-session`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
