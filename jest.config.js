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

const ESM_DEPENDENCIES = "cookie|css-select|css-what|domutils|nth-check|boolbase|htmlparser2|domhandler|domelementtype|dom-serializer|entities|uhyphen|cssomnom";

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", swc],
    // ESM-only dependencies compiled to CommonJS for jest: fastify.inject's (light-my-request → cookie)
    // and linkedom's (css-select, htmlparser2 and theirs), which Node itself loads through require(esm).
    [`node_modules/(?:.+/node_modules/)?(?:${ESM_DEPENDENCIES})/.+\\.js$`]: ["@swc/jest", { module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:.+/node_modules/)?(?:${ESM_DEPENDENCIES})/)`],
  testTimeout: 60_000,
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/test/helpers/global-teardown.ts",
  // Each test file owns a database; two workers match this machine's two cores.
  maxWorkers: process.env.JEST_WORKERS || 2,
};
