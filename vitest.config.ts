import { defineConfig } from 'vitest/config';
import { contractAlias } from './vite.renderer.config.ts';

export default defineConfig({
  // Renderer modules under test import the contract as $contract/….
  resolve: { alias: contractAlias },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
