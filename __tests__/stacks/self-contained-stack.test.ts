// EnvironmentStack skips cdktf's cross-stack discovery pass (see
// stacks/cdktf-workarounds.ts). That is only right while no environment stack
// reads another stack's values: synthesize every example both ways and compare.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { App, LocalBackend, TerraformLocal, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { loadConfigFile, loadConfigText } from "../../config/load";
import type { ResolvedConfig } from "../../config/resolve";
import { buildApp } from "../../stacks/build-app";
import { SelfContainedStack } from "../../stacks/cdktf-workarounds";

const ROOT = join(__dirname, "..", "..");
// The benchmark's generated config: every feature the schema has, several environments.
const { generatedConfig } = require("../../scripts/bench.js") as {
  generatedConfig: (envs: number, certs: number, features: Record<string, boolean>) => string;
};

/** Every file an app writes, by path under its outdir. */
function synthesize(build: (app: App) => void): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), "certkit-synth-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    build(app);
    app.synth();
    const files: Record<string, string> = {};
    const walk = (dir: string): void =>
      readdirSync(dir, { withFileTypes: true }).forEach((e) =>
        e.isDirectory()
          ? walk(join(dir, e.name))
          : (files[relative(outdir, join(dir, e.name))] = readFileSync(join(dir, e.name), "utf8")),
      );
    walk(outdir);
    return files;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The same synthesis with cdktf's own prepareStack, discovery pass included. */
function withDiscoveryPass<T>(run: () => T): T {
  const spy = jest.spyOn(SelfContainedStack.prototype, "prepareStack").mockImplementation(function (
    this: TerraformStack,
  ) {
    TerraformStack.prototype.prepareStack.call(this);
  });
  try {
    return run();
  } finally {
    spy.mockRestore();
  }
}

const configs: [string, () => ResolvedConfig][] = [
  ["certkit.yaml", () => loadConfigFile(join(ROOT, "certkit.yaml")).config],
  ...readdirSync(join(ROOT, "examples"))
    .map((d) => join("examples", d, "certkit.yaml"))
    .filter((f) => existsSync(join(ROOT, f)))
    .map((f): [string, () => ResolvedConfig] => [f, () => loadConfigFile(join(ROOT, f)).config]),
  [
    "generated: 3 environments x 10 certificates, every feature",
    () =>
      loadConfigText(generatedConfig(3, 10, { attach: true, hostnames: true, alarm: true })).config,
  ],
];

describe("SelfContainedStack", () => {
  it.each(configs)("synthesizes %s exactly as with cdktf's discovery pass", (_, config) => {
    const fast = synthesize((app) => buildApp(app, config()));
    const full = withDiscoveryPass(() => synthesize((app) => buildApp(app, config())));
    expect(Object.keys(fast).length).toBeGreaterThan(1);
    expect(fast).toEqual(full);
  });

  it("would differ if a stack read another stack's value (the check has teeth)", () => {
    class Reader extends SelfContainedStack {
      constructor(scope: Construct, value: string) {
        super(scope, "reader");
        new LocalBackend(this, { path: "reader.tfstate" });
        new TerraformOutput(this, "copy", { value });
      }
    }
    const build = (app: App) => {
      const source = new TerraformStack(app, "source");
      new LocalBackend(source, { path: "source.tfstate" });
      new Reader(app, new TerraformLocal(source, "name", "x").asString);
    };
    expect(synthesize(build)).not.toEqual(withDiscoveryPass(() => synthesize(build)));
  });
});
