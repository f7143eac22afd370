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
};
