// Tests that run scripts/ts.js build their bundles in a temporary folder, never
// in the project's own dist/: set before jest starts its workers, which inherit it.
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

module.exports = async function setup() {
  process.env.CERTKIT_BUILD_DIR = mkdtempSync(join(tmpdir(), "certkit-test-build-"));
};
