// examples/mixed-hosts' environment planned alone (outputs of a batch's child
// modules are not in its plan): the external zone's records are in the output
// external_dns_records, and no resource writes them.
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfigFile } from "../../config/load";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { type PlanResult, describePlan, planStack } from "./harness";
import { configured, zoneNames } from "./plan-queries";

const FILE = join(__dirname, "..", "..", "examples", "mixed-hosts", "certkit.yaml");

describePlan("examples/mixed-hosts prod planned offline, with its outputs", () => {
  let plan: PlanResult;

  beforeAll(async () => {
    const { config } = loadConfigFile(FILE);
    const stack = new EnvironmentStack(Testing.app(), { environment: config.environments[0] });
    plan = await planStack(JSON.parse(Testing.synth(stack)) as object, {
      prepare: { standInDataSources: ["aws_lb"] },
      cloudflare: { zoneNames: zoneNames(config.zones) },
    });
  });

  it("lists the external records in external_dns_records, the ACM ones known after the request", () => {
    const change = (
      plan.json.output_changes as Record<string, { after: unknown; after_unknown: unknown }>
    ).external_dns_records;
    // The app records' names and types are known; values and ACM's names are not yet.
    expect(change.after_unknown).toEqual([
      { name: true, value: true },
      { name: true, value: true },
      { value: true },
      { value: true },
    ]);
    expect(change.after).toEqual([
      { type: "CNAME", why: "validation" },
      { type: "CNAME", why: "validation" },
      { name: "www.example.io", type: "CNAME", why: "app" },
      { name: "cdn.example.io", type: "CNAME", why: "app" },
    ]);
  });

  it("writes no record in the external zone, and waits for its validation records", () => {
    const inExternalZone = plan
      .resources()
      .filter((r) => r.type.includes("record") && JSON.stringify(r.values).includes("example.io"));
    expect(inExternalZone.map((r) => r.address)).toEqual([]);
    // Each certificate waits on Cloudflare's record, ACM's own name for the external one, and Route 53's record.
    const waits = (cert: string) =>
      configured(plan, `aws_acm_certificate_validation.${cert}`).expressions.validation_record_fqdns
        .references;
    expect(waits("web")).toEqual([
      "terraform_data.cloudflare_dns_record__acm_validation_www_example_com.input.name",
      "terraform_data.cloudflare_dns_record__acm_validation_www_example_com.input",
      "terraform_data.cloudflare_dns_record__acm_validation_www_example_com",
      "aws_acm_certificate.web.domain_validation_options",
      "aws_acm_certificate.web",
      "aws_route53_record.acm_validation_www_example_net.fqdn",
      "aws_route53_record.acm_validation_www_example_net",
    ]);
  });
});
