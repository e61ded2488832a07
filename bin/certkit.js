#!/usr/bin/env node
// `npx certkit <command>`: runs cli/main.ts from the bundle scripts/ts.js keeps
// up to date, as synthesis does. A build failure is one line, not a stack trace.
const { ensureBuilt, runBundle } = require("../scripts/ts.js");

let bundle;
try {
  bundle = ensureBuilt("cli/main.ts");
} catch (e) {
  console.error(`certkit: could not build the command line: ${String(e.message).split("\n")[0]}`);
  process.exit(2);
}
runBundle(bundle);
