import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The reliability suite (issue 7): `npm run test:reliability`. Files run one at a time, in the
 * order below, so that crash timing and memory figures are not disturbed by a neighbour and the
 * secrets/PHI scan runs after everything it scans. RELIABILITY_SCALE (default 1) shrinks it.
 */
const ORDER = [
  'autosave-crash',
  'submit-crash',
  'import-crash',
  'faults',
  'ipc-fuzz',
  'hostile-dpp',
  'lock-credentials',
  'electronegativity',
  'secrets-phi',
];

const rank = (spec: TestSpecification) => {
  const i = ORDER.findIndex((name) => spec.moduleId.endsWith(`/${name}.test.ts`));
  return i === -1 ? ORDER.length - 0.5 : i;
};

class SuiteOrder extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return Promise.resolve([...files].sort((a, b) => rank(a) - rank(b)));
  }
}

export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/reliability/global-setup.ts'],
    setupFiles: ['test/reliability/capture-console.ts'],
    fileParallelism: false,
    sequence: { sequencer: SuiteOrder },
    // Heap figures are taken after a full collection.
    execArgv: ['--expose-gc'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
