// Removes the folder __tests__/setup/build-dir.js made.
const { rmSync } = require("node:fs");

module.exports = async function teardown() {
  const dir = process.env.CERTKIT_BUILD_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
