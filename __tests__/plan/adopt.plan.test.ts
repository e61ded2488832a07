// `terraform validate` of a stack with adopted resources: the import blocks certkit
// synthesizes are accepted offline (target address, provider alias, id). The harness
// drops imports into Cloudflare stand-ins (terraform_data cannot be imported) and the
// Cloudflare provider is not in the offline mirror, so only the ACM imports reach
// terraform here; the Cloudflare ones are checked as JSON in __tests__/config/adopt.test.ts.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigText } from "../../config/load";
import {
  cliConfigText,
  describePlan,
  environmentStackJson,
  offlineNote,
  prepareForOfflinePlan,
  terraformEnv,
} from "./harness";

const ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0b3c8a4e-7f2d-4c1a-9e5b-2d6f8a1c3e7b";
const US_ARN =
  "arn:aws:acm:us-east-1:123456789012:certificate/5d2f1e3c-8a9b-4c7d-a6e1-0f9b8c7d6e5a";

const CONFIG = `
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1 }
environments:
  prod:
    accountId: "123456789012"
    certificates:
      web: { domains: [example.com], attach: { alb: { dnsName: lb.eu-west-1.elb.amazonaws.com } }, hostnames: [example.com] }
      cdn: { domains: [cdn.example.com], attach: { cloudfront: { origin: o.example.net } }, hostnames: [cdn.example.com] }
    adopt:
      certificates: { web: "${ARN}", cdn: "${US_ARN}" }
      validationRecords: { example.com: "372e67954025e0ba6aaa6d586b9e0b59" }
      hostnames: { example.com: "9a7806061c88ada191ed06f989cc3dac" }
`;

describePlan("adopted resources", (environment) => {
  test("terraform validate accepts the import blocks", () => {
    const json = environmentStackJson(loadConfigText(CONFIG).config.environments[0]);
    const prepared = prepareForOfflinePlan(json);
    expect(prepared.import).toEqual([
      { id: ARN, to: "aws_acm_certificate.web" },
      { id: US_ARN, provider: "aws.us_east_1", to: "aws_acm_certificate.cdn" },
    ]);
    expect(offlineNote(prepared).notes).toEqual(
      expect.arrayContaining([
        "import into cloudflare_dns_record.acm_validation_example_com dropped",
        "import into cloudflare_dns_record.app_example_com dropped",
      ]),
    );

    const dir = mkdtempSync(join(tmpdir(), "certkit-adopt-validate-"));
    try {
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify(prepared, null, 2));
      mkdirSync(join(dir, "plugins"));
      const cliConfig = join(dir, "cli.tfrc");
      writeFileSync(cliConfig, cliConfigText(environment.mirror, join(dir, "plugins")));
      const run = (args: string[]) =>
        spawnSync(environment.terraform, args, {
          cwd: dir,
          encoding: "utf8",
          env: terraformEnv(cliConfig),
          timeout: 120_000,
        });
      const init = run(["init", "-input=false", "-no-color", "-backend=false"]);
      expect(init.stderr).toBe("");
      const validate = run(["validate", "-json", "-no-color"]);
      const result = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: unknown[] };
      expect(result).toMatchObject({ valid: true, diagnostics: [] });

      // It refuses an import through a provider the configuration does not have (validate
      // does not check that the target exists: plan does).
      writeFileSync(
        join(dir, "main.tf.json"),
        JSON.stringify({
          ...prepared,
          import: [{ id: US_ARN, provider: "aws.eu_central_1", to: "aws_acm_certificate.cdn" }],
        }),
      );
      const refused = JSON.parse(run(["validate", "-json", "-no-color"]).stdout) as {
        valid: boolean;
      };
      expect(refused.valid).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
