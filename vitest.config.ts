import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'domain/**/*.test.ts', 'projections/**/*.test.ts', 'src/**/*.test.ts'],
    // The service is compiled first: tests that start it run dist/ exactly as `npm start` does.
    globalSetup: ['test/support/build.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
