// The cdktf workarounds must change nothing but speed and noise.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Lazy } from "cdktf";
import {
  disableTokenCreationStacks,
  quietDeprecatedUtilIsArray,
} from "../../stacks/cdktf-workarounds";
import { synthEnvironment, yaml } from "../helpers";

const ROOT = join(__dirname, "..", "..");
let outdir: string;
beforeAll(() => (outdir = mkdtempSync(join(tmpdir(), "certkit-workarounds-"))));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const config = yaml`
  cloudflare:
    zones:
      example.com: {}
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
        web:
          domains: [example.com, "*.example.com", api.example.com]
        admin:
          domains: [admin.example.com]
`;

interface StackTraceModule {
  captureStackTrace: () => string[];
}
const stackTraceModule = () => require("cdktf/lib/tokens/private/stack-trace") as StackTraceModule;

describe("disableTokenCreationStacks", () => {
  // One order for the whole file: jest gives each test file its own module registry.
  const before = synthEnvironment(config);
  const traced = Lazy.anyValue({ produce: () => "x" });
  const disabled = disableTokenCreationStacks();

  it("finds cdktf's stack-trace module", () => {
    expect(disabled).toBe(true);
    expect(traced.creationStack.length).toBeGreaterThan(0);
    expect(stackTraceModule().captureStackTrace()).toEqual([]);
    expect(Lazy.anyValue({ produce: () => "x" }).creationStack).toEqual([]);
  });

  it("leaves the synthesized stack unchanged", () => {
    expect(synthEnvironment(config)).toEqual(before);
  });
});

describe("quietDeprecatedUtilIsArray", () => {
  it("puts Array.isArray in place of the deprecated util.isArray", () => {
    quietDeprecatedUtilIsArray();
    const util = require("node:util") as { isArray: unknown };
    expect(util.isArray).toBe(Array.isArray);
  });

  it("leaves synthesis on a current Node without a deprecation warning", () => {
    // A child process: the warning is printed once per process, on stderr.
    const run = spawnSync(process.execPath, ["scripts/ts.js", "main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: "1",
        CDKTF_OUTDIR: join(outdir, "out"),
        CERTKIT_BUILD_DIR: join(outdir, "dist"),
      },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  });
});
