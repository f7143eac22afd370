/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // swc strips types fast; type checking is `npm run typecheck`, run first by `npm test`.
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // franc-min and its dependencies ship ESM only.
  transformIgnorePatterns: ['/node_modules/(?!(franc-min|trigram-utils|n-gram|collapse-white-space)/)'],
  testTimeout: 30000,
  maxWorkers: 2,
  // Jest force-exits a worker that has not ended 500 ms after it was told to, and says a test
  // leaked. No handle is left at that point (checked with --detectOpenHandles, per-file runs and
  // the workers' active handles at the end message: only their stdio pipes); what takes the time is
  // the worker's own exit with a large heap (botbuilder, LangChain, mongoose, playwright loaded)
  // on a busy machine. A leaked handle would keep a worker alive far longer than this.
  workerGracefulExitTimeout: 3000,
};
