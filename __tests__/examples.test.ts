// The bundled configs: certkit.yaml and every examples/*/certkit.yaml load and
// synthesize (with cdktf's validations), and each example shows its scenario.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { loadConfigFile } from "../config/load";
import { buildApp } from "../stacks/build-app";
import { SynthJson, dataSourcesOf, resourceOf, resourcesOf } from "./helpers";

const ROOT = join(__dirname, "..");
const EXAMPLES = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "ci") // examples/ci is a CI recipe, not a config
  .map((d) => join("examples", d.name, "certkit.yaml"));
const CONFIGS = ["certkit.yaml", ...EXAMPLES];

/** Every stack of a bundled config, synthesized with validations, by stack name. */
function synthConfig(file: string): Record<string, SynthJson> {
  const app = Testing.app();
  const stacks: TerraformStack[] = buildApp(app, loadConfigFile(join(ROOT, file)).config);
  return Object.fromEntries(
    stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true)) as SynthJson]),
  );
}

const recordIds = (json: SynthJson) =>
  Object.keys(resourcesOf(json, "cloudflare_dns_record")).filter((id) =>
    id.startsWith("acm_validation_"),
  );

describe("bundled configs", () => {
  it("include the core scenarios", () => {
    expect(EXAMPLES).toEqual(
      expect.arrayContaining([
        "examples/backends/certkit.yaml",
        "examples/multi-zone/certkit.yaml",
        "examples/shared-account/certkit.yaml",
      ]),
    );
  });

  it.each(CONFIGS)("%s loads without error", (file) => {
    expect(loadConfigFile(join(ROOT, file)).config.environments.length).toBeGreaterThan(0);
  });

  it.each(EXAMPLES)("%s points editors at the JSON schema and has a README", (file) => {
    const firstLine = readFileSync(join(ROOT, file), "utf8").split("\n")[0];
    expect([firstLine, existsSync(join(ROOT, file, "..", "README.md"))]).toEqual([
      "# yaml-language-server: $schema=../../certkit.schema.json",
      true,
    ]);
  });

  it.each(CONFIGS)("%s synthesizes one certificate per configured certificate", (file) => {
    const { config } = loadConfigFile(join(ROOT, file));
    const stacks = synthConfig(file);
    const counts = (by: (name: string) => number) =>
      Object.fromEntries(config.environments.map((e) => [e.name, by(e.name)]));
    expect(
      counts((env) => Object.keys(resourcesOf(stacks[env], "aws_acm_certificate")).length),
    ).toEqual(
      counts((env) => config.environments.find((e) => e.name === env)!.certificates.length),
    );
  });
});

describe("examples/multi-zone", () => {
  const stacks = () => synthConfig("examples/multi-zone/certkit.yaml");

  it("writes records to a zone by its configured id or by a lookup", () => {
    const prod = stacks().prod;
    expect({
      "example.com": resourceOf(prod, "cloudflare_dns_record", "acm_validation_example_com")
        .zone_id,
      "static.example-cdn.net": resourceOf(
        prod,
        "cloudflare_dns_record",
        "acm_validation_static_example-cdn_net",
      ).zone_id,
    }).toEqual({
      "example.com": "3f8a1c0e9b7d4e2fa6c5b1d0e9f8a7b6",
      "static.example-cdn.net": "${data.cloudflare_zone.zone_example-cdn_net.id}",
    });
  });

  it("routes dev names to the nested dev.example.com zone", () => {
    const dev = stacks().dev;
    expect([
      recordIds(dev),
      resourceOf(dev, "cloudflare_dns_record", "acm_validation_dev_example_com").zone_id,
      Object.keys(dataSourcesOf(dev, "cloudflare_zone")),
    ]).toEqual([
      ["acm_validation_dev_example_com"],
      "${data.cloudflare_zone.zone_dev_example_com.id}",
      ["zone_dev_example_com"],
    ]);
  });
});

describe("examples/shared-account", () => {
  it("creates the shared record only in the owner's stack", () => {
    const { prod, staging } = synthConfig("examples/shared-account/certkit.yaml");
    expect([recordIds(prod), recordIds(staging)]).toEqual([
      ["acm_validation_example_com"],
      ["acm_validation_staging_example_com"],
    ]);
  });
});

describe("examples/backends", () => {
  it("gives each environment its own state: S3 by default, Terraform Cloud for prod", () => {
    const stacks = synthConfig("examples/backends/certkit.yaml");
    expect({
      staging: stacks.staging.terraform?.backend?.s3?.key,
      qa: stacks.qa.terraform?.backend?.s3?.key,
      prod: stacks.prod.terraform?.cloud?.workspaces,
    }).toEqual({
      staging: "certkit/staging.tfstate",
      qa: "certkit/qa.tfstate",
      prod: { name: "certkit-prod", project: "platform" },
    });
  });
});

describe("examples/route53", () => {
  const stacks = () => synthConfig("examples/route53/certkit.yaml");

  it("aliases the apex to the looked-up ALB and writes the partner zone through its role", () => {
    const { prod } = stacks();
    expect({
      apex: resourceOf(prod, "aws_route53_record", "app_example_net").alias,
      partner: resourceOf(prod, "aws_route53_record", "acm_validation_shop_partner_example_net")
        .provider,
      roles: (prod.provider?.aws ?? []).map((p) => p.assume_role),
    }).toEqual({
      apex: {
        name: "dualstack.${data.aws_lb.alb_shop_50dc6c495c0c9188.dns_name}",
        zone_id: "${data.aws_lb.alb_shop_50dc6c495c0c9188.zone_id}",
        evaluate_target_health: false,
      },
      partner: "aws.route53_partner_example_net",
      roles: [
        undefined,
        undefined,
        [
          {
            role_arn: "arn:aws:iam::444455556666:role/certkit-dns",
            external_id: "shop-certkit",
            session_name: "certkit",
          },
        ],
      ],
    });
  });
});

describe("examples/mixed-hosts", () => {
  it("writes Cloudflare and Route 53 records and lists the external ones", () => {
    const { prod } = synthConfig("examples/mixed-hosts/certkit.yaml");
    const ids = (type: string) => Object.keys(resourcesOf(prod, type)).sort();
    expect({
      cloudflare: ids("cloudflare_dns_record"),
      route53: ids("aws_route53_record"),
      external: (
        prod.output?.external_dns_records.value as unknown as { name: string; why: string }[]
      ).map((r) => [r.why, r.name.includes("domain_validation_options") ? "(from ACM)" : r.name]),
    }).toEqual({
      cloudflare: [
        "acm_validation_cdn_example_com",
        "acm_validation_www_example_com",
        "app_cdn_example_com",
        "app_www_example_com",
      ],
      route53: [
        "acm_validation_cdn_example_net",
        "acm_validation_www_example_net",
        "app_cdn_example_net",
        "app_cdn_example_net__aaaa",
        "app_www_example_net",
        "app_www_example_net__aaaa",
      ],
      external: [
        ["validation", "(from ACM)"],
        ["validation", "(from ACM)"],
        ["app", "www.example.io"],
        ["app", "cdn.example.io"],
      ],
    });
  });
});
