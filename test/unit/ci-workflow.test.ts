import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The public 3-OS workflow cannot run here; what can be checked is that it stands on the same
 * footing as this machine: Node 24, and a Chromium the Ubuntu runner really has.
 */
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const root = resolve(import.meta.dirname, '../..');
const workflow = parse(readFileSync(resolve(root, '.github/workflows/ci.yml'), 'utf8')) as {
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }>;
};
const job = Object.values(workflow.jobs)[0]!;
const steps = job.steps;
const index = (match: (s: Step) => boolean) => steps.findIndex(match);

describe('.github/workflows/ci.yml', () => {
  it('runs on the three OSes with Node 24, the Node inside Electron 45', () => {
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(24);
    const check = index((s) => /process\.versions\.node/.test(s.run ?? ''));
    expect(check).toBeGreaterThan(index((s) => s.run === 'npm ci'));
  });

  it('gives the browser tests Playwright’s Chromium on Linux, never the chromium-browser snap shim', () => {
    const all = steps.map((s) => s.run ?? '').join('\n');
    expect(all).not.toMatch(/chromium-browser|apt-get install[^\n]*\bchromium\b/);
    const install = index((s) => /npx playwright install --with-deps chromium/.test(s.run ?? ''));
    expect(install).toBeGreaterThan(index((s) => s.run === 'npm ci'));
    expect(steps[install]?.run).toMatch(/CHROMIUM_PATH=.*>> "\$GITHUB_ENV"/);
    expect(install).toBeLessThan(index((s) => s.run === 'npm test'));
    // The e2e config takes the browser from that variable.
    expect(readFileSync(resolve(root, 'test/e2e/playwright.config.ts'), 'utf8')).toMatch(/executablePath: process\.env\.CHROMIUM_PATH/);
  });
});
