// main.ts, as `cdktf synth` runs it: a failure that is not the config's is one
// line and exit 2, never a stack trace.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

it("fails in one line with exit 2 when the output folder cannot be made", () => {
  const dir = mkdtempSync(join(tmpdir(), "certkit-main-"));
  try {
    writeFileSync(join(dir, "file"), "");
    const run = spawnSync(process.execPath, ["scripts/ts.js", "main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      // The output folder would be inside a file.
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: join(dir, "file", "out") },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 2,
      stderr: `certkit: synthesis failed: ENOTDIR: not a directory, mkdir '${join(dir, "file", "out")}'\n`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("prints each config warning with its key path and line, and synthesizes", () => {
  const dir = mkdtempSync(join(tmpdir(), "certkit-main-"));
  try {
    const config = join(dir, "certkit.yaml");
    writeFileSync(
      config,
      [
        "cloudflare: { zones: { example.com: {} } }",
        "defaults: { region: eu-west-1, alarm: { emails: [ops@example.com] } }",
        "environments:",
        "  prod:",
        "    certificates:",
        "      web: { domains: [example.com], target: lb.example.org }",
        "",
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, ["scripts/ts.js", "main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: "1",
        CERTKIT_CONFIG: config,
        CDKTF_OUTDIR: join(dir, "out"),
      },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 0,
      stderr:
        "Warning: environments.prod.certificates.web (line 6, column 12): not attached to any endpoint; ACM renews only certificates in use by an AWS service. Add `attach` unless something outside certkit uses it.\n",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("makes an output folder whose parents do not exist yet", () => {
  const dir = mkdtempSync(join(tmpdir(), "certkit-main-"));
  try {
    const run = spawnSync(process.execPath, ["scripts/ts.js", "main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: join(dir, "a", "b") },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(existsSync(join(dir, "a", "b", "manifest.json"))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
