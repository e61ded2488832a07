// The app synthesized in-process into a temporary directory: every stack's
// Terraform JSON, exactly what `cdktf synth` writes to cdktf.out.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import type { ResolvedConfig } from "../config/resolve";
import { buildApp } from "../stacks/build-app";
import { applyCdktfWorkarounds } from "../stacks/cdktf-workarounds";
import type { JsonObject } from "./hcl";

export interface SynthesizedStack {
  /** The stack's name: `cdktf deploy <name>`. */
  readonly name: string;
  readonly json: JsonObject;
}

interface Manifest {
  readonly stacks: Record<string, { readonly name: string; readonly synthesizedStackPath: string }>;
}

/** Every stack of the app, in the app's order. */
export function synthesizeStacks(config: ResolvedConfig): SynthesizedStack[] {
  applyCdktfWorkarounds();
  const outdir = mkdtempSync(join(tmpdir(), "certkit-review-"));
  try {
    const app = new App({ outdir, stackTraces: false, hclOutput: false });
    buildApp(app, config);
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as Manifest;
    return Object.values(manifest.stacks).map((s) => ({
      name: s.name,
      json: JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8")) as JsonObject,
    }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
