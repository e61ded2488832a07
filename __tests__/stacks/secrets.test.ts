// Tokens in the environment never reach the synthesized output: synthesis runs
// as main.ts does (load, build, app.synth into a directory) and every file is read.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { loadConfigText } from "../../config/load";
import { buildApp } from "../../stacks/build-app";
import { yaml } from "../helpers";

const SECRETS = {
  CLOUDFLARE_API_TOKEN: "cf-token-3b1f0c9e7a5d4c2b8e6f1a0d9c8b7a6e",
  AWS_ACCESS_KEY_ID: "AKIAEXAMPLESECRET0001",
  AWS_SECRET_ACCESS_KEY: "aws-secret-6c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f",
  TF_TOKEN_app_terraform_io: "tfc-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0",
};

const CONFIG = yaml`
  project: shop
  cloudflare:
    zones:
      example.com: { zoneId: 0123456789abcdef0123456789abcdef }
      example.org: {}
  defaults: { region: eu-west-1, accountId: "123456789012" }
  environments:
    staging:
      backend: { cloud: { organization: acme, workspace: certkit-staging } }
      certificates:
        web: { domains: [staging.example.com, "*.staging.example.com"] }
    prod:
      backend: { s3: { bucket: tf-state, key: certkit/prod.tfstate } }
      certificates:
        web: { domains: [example.com, "*.example.com", api.example.org] }
`;

/** Every file under `dir`, recursively, as path -> text. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path] = readFileSync(path, "utf8");
    }
  }
  return files;
}

describe("synthesis with credentials in the environment", () => {
  const saved = { ...process.env };
  let outdir: string;

  beforeEach(() => {
    Object.assign(process.env, SECRETS);
    outdir = mkdtempSync(join(tmpdir(), "certkit-synth-"));
  });

  afterEach(() => {
    for (const key of Object.keys(SECRETS)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    rmSync(outdir, { recursive: true, force: true });
  });

  it("writes no token or key into any output file", () => {
    const app = new App({ outdir, stackTraces: false });
    buildApp(app, loadConfigText(CONFIG).config);
    app.synth();
    const files = readTree(outdir);
    const leaks = Object.entries(files).flatMap(([path, text]) =>
      Object.entries(SECRETS)
        .filter(([, value]) => text.includes(value))
        .map(([name]) => `${name} in ${path}`),
    );
    // Both stacks were written, so the scan covered real output.
    const stackFiles = Object.keys(files).filter((f) => f.endsWith("cdk.tf.json"));
    expect([stackFiles.length, leaks]).toEqual([2, []]);
  });
});
