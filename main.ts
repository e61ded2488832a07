// Entry point of `cdktf synth`: the only place that reads the environment.
import { App } from "cdktf";
import { loadConfigFile } from "./config/load";
import { ConfigError } from "./config/issues";
import { buildApp } from "./stacks/build-app";
import { disableTokenCreationStacks } from "./stacks/token-creation-stacks";

const file = process.env.CERTKIT_CONFIG || "certkit.yaml";
// CERTKIT_TIMINGS=1: milliseconds per phase on stderr, for `npm run bench`.
const timings: Record<string, number> = {};
let last = 0;
const phase = (name: string) => {
  const now = performance.now();
  timings[name] = Math.round(now - last);
  last = now;
};
phase("startup"); // since the process started: Node, the bundle, cdktf
try {
  const { config, warnings } = loadConfigFile(file);
  phase("config");
  for (const w of warnings) console.warn(`Warning: ${w}`);
  // No stack traces in metadata: they carry absolute paths and cost time.
  const app = new App({ stackTraces: false });
  // Nor per token (a third of a large synthesis); CERTKIT_TOKEN_STACKS=1 keeps them for debugging.
  if (process.env.CERTKIT_TOKEN_STACKS !== "1") disableTokenCreationStacks();
  buildApp(app, config);
  phase("constructs");
  app.synth();
  phase("synth");
  if (process.env.CERTKIT_TIMINGS === "1")
    console.error(`certkit-timings ${JSON.stringify(timings)}`);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
