// `terraform fmt` as a pure text filter, when terraform is installed.
import { spawnSync } from "node:child_process";

/**
 * `text` formatted by `terraform fmt -`, or undefined when the binary is not
 * found. Throws when terraform rejects the text (the HCL writer has a bug).
 */
export function terraformFmt(text: string, terraform = "terraform"): string | undefined {
  const run = spawnSync(terraform, ["fmt", "-no-color", "-"], {
    input: text,
    encoding: "utf8",
    // No version check over the network; no warnings about a missing CLI config.
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    timeout: 60_000,
  });
  if (run.error && "code" in run.error && run.error.code === "ENOENT") return undefined;
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(`terraform fmt rejected the review HCL (exit ${run.status}):\n${run.stderr}`);
  }
  return run.stdout;
}
