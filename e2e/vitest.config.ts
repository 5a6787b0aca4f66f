import { defineConfig } from 'vitest/config';

// End-to-end tests: the built CLI server (`npm start`'s own entry point) serves
// the example pages and the built `oncue.min.js`; Debian's Chromium loads them.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
