// Two lanes: fast unit tests, and offline terraform plans (slow, real terraform).
const transform = { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] };
const common = {
  testEnvironment: "node",
  transform,
  moduleFileExtensions: ["ts", "js", "json"],
  setupFiles: ["<rootDir>/__tests__/setup/quiet-node.ts"],
};

module.exports = {
  globalSetup: "<rootDir>/__tests__/setup/build-dir.js",
  globalTeardown: "<rootDir>/__tests__/setup/build-dir-teardown.js",
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/__tests__/plan/"],
    },
    {
      ...common,
      displayName: "plan",
      testMatch: ["<rootDir>/__tests__/plan/**/*.test.ts"],
    },
  ],
};
