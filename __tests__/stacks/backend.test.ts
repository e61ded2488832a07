// Local state: a relative path starts at the project root whatever the output
// folder (terraform runs in <outdir>/stacks/<stack>); an absolute one is kept.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Testing } from "cdktf";
import { projectRootFromStackDir } from "../../stacks/backend";
import { buildApp } from "../../stacks/build-app";
import { SynthJson, load, synthEnvironment, yaml } from "../helpers";

const ROOT = join(__dirname, "..", "..");

const withState = (path: string) => yaml`
  cloudflare: { zones: { example.com: {} } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      backend: { local: { path: "${path}" } }
      certificates: {}
`;

const localPath = (json: SynthJson) => json.terraform?.backend?.local?.path as string | undefined;

describe("local state path", () => {
  it("keeps an absolute path as written", () => {
    expect(localPath(synthEnvironment(withState("/var/lib/certkit/{environment}.tfstate")))).toBe(
      "/var/lib/certkit/prod.tfstate",
    );
  });

  it("starts a relative path at the project root from cdktf.out/stacks/<stack> by default", () => {
    expect(localPath(synthEnvironment(withState("./state/{environment}.tfstate")))).toBe(
      "../../../state/prod.tfstate",
    );
  });

  it.each([
    ["cdktf.out", "../../.."],
    ["build/cdktf", "../../../.."],
    ["/elsewhere/out", "../../../../project"],
    [".", "../.."],
  ])("finds the project root from output folder %s", (outdir, expected) => {
    expect(projectRootFromStackDir("/project", outdir)).toBe(expected);
  });

  it("writes every stack's relative path for the output folder it is given", () => {
    const config = load(yaml`
      cloudflare: { zones: { example.com: { caa: true } } }
      environments:
        prod:
          region: eu-west-1
          accountId: "123456789012"
          certificates:
            web: { domains: [a.example.com], attach: { alb: { ingressGroup: g, cluster: c } }, hostnames: [a.example.com] }
    `).config;
    const root = projectRootFromStackDir("/project", "build/cdktf");
    const stacks = buildApp(Testing.app(), config, { projectRootFromStackDir: root });
    expect(
      Object.fromEntries(
        stacks.map((s) => [s.node.id, localPath(JSON.parse(Testing.synth(s)) as SynthJson)]),
      ),
    ).toEqual({
      prod: "../../../../terraform.prod.tfstate",
      "prod-ingress": "../../../../terraform.prod-ingress.tfstate",
      zones: "../../../../terraform.zones.tfstate",
    });
  });

  it("reaches the project root from the output folder in CDKTF_OUTDIR (main.ts)", () => {
    // As `cdktf synth` runs the app: in the project root, CDKTF_OUTDIR set from cdktf.json's output.
    const project = mkdtempSync(join(tmpdir(), "certkit-outdir-"));
    try {
      copyFileSync(join(ROOT, "certkit.yaml"), join(project, "certkit.yaml"));
      mkdirSync(join(project, "build", "synth"), { recursive: true });
      execFileSync(process.execPath, [join(ROOT, "scripts", "ts.js"), "main.ts"], {
        cwd: project,
        env: { ...process.env, CDKTF_OUTDIR: "build/synth", CHECKPOINT_DISABLE: "1" },
        stdio: "pipe",
      });
      const stackDir = join(project, "build", "synth", "stacks", "prod");
      const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as SynthJson;
      expect(resolve(stackDir, localPath(json)!)).toBe(join(project, "terraform.prod.tfstate"));
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000); // the first run may bundle main.ts (scripts/ts.js)
});
