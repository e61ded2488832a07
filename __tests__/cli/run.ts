// Runs `certkit` as a user would: `node bin/certkit.js`, in a temp dir outside the repo.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const BIN = join(__dirname, "..", "..", "bin", "certkit.js");

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `certkit <args>` in `cwd` with `env` added to a clean environment (no AWS or
 * Cloudflare settings from the machine). Asynchronous, so that fake servers in the
 * same process keep answering.
 */
export function certkit(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(AWS_|CLOUDFLARE_|CERTKIT_)/.test(k)),
  ) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      // No ~/.aws files or instance metadata: credentials only from `env`.
      env: {
        ...base,
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
