/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: "es2022",
  },
  module: { type: "commonjs" },
  sourceMaps: "inline",
};

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", swc],
    // ESM-only dependencies of fastify.inject (light-my-request → cookie): compiled to CommonJS for jest.
    "node_modules/cookie/.+\\.js$": ["@swc/jest", { module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!cookie/)"],
  testTimeout: 60_000,
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/test/helpers/global-teardown.ts",
  // Each test file owns a database; two workers match this machine's two cores.
  maxWorkers: process.env.JEST_WORKERS || 2,
};
