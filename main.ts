// Entry point of `cdktf synth`: the only place that reads the environment.
import { mkdirSync } from "node:fs";
import { App } from "cdktf";
import { loadConfigFile } from "./config/load";
import { ConfigError, formatIssue } from "./config/issues";
import { projectRootFromStackDir } from "./stacks/backend";
import { buildApp } from "./stacks/build-app";
import { PhaseTimer } from "./stacks/phase-timer";
import { applyCdktfWorkarounds } from "./stacks/cdktf-workarounds";

const file = process.env.CERTKIT_CONFIG || "certkit.yaml";
const timer = new PhaseTimer();
timer.phase("startup");
try {
  const { config, warnings } = loadConfigFile(file);
  timer.phase("config");
  for (const w of warnings) console.warn(`Warning: ${formatIssue(w)}`);
  // The output folder: cdktf.json's `output` (or --output), which cdktf passes in
  // CDKTF_OUTDIR. cdktf's App makes only its last folder; make the parents too.
  const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
  mkdirSync(outdir, { recursive: true });
  // No stack traces in metadata: they carry absolute paths and cost time.
  const app = new App({ outdir, stackTraces: false });
  // Nor per token (a third of a large synthesis); CERTKIT_TOKEN_STACKS=1 keeps them for debugging.
  applyCdktfWorkarounds({ tokenStacks: process.env.CERTKIT_TOKEN_STACKS === "1" });
  // cdktf runs the app in the project root: relative local state stays there.
  buildApp(app, config, {
    projectRootFromStackDir: projectRootFromStackDir(process.cwd(), app.outdir),
  });
  timer.phase("constructs");
  app.synth();
  timer.phase("synth");
  if (process.env.CERTKIT_TIMINGS === "1") console.error(timer.report());
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exitCode = 1;
  } else {
    // Not the config's fault (an unwritable output folder, a bug): one line, no
    // stack trace, as from the certkit commands; CERTKIT_DEBUG=1 shows the trace.
    const message = e instanceof Error ? e.message : String(e);
    console.error(`certkit: synthesis failed: ${message.split("\n")[0]}`);
    if (process.env.CERTKIT_DEBUG === "1") console.error(e);
    process.exitCode = 2;
  }
}
