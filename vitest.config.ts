import { defineConfig } from 'vitest/config';

// Unit and integration tests (`*.spec.ts`) run in Node against workspace
// sources (the `source` export condition) and real servers on loopback ports.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.spec.ts', 'build/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
