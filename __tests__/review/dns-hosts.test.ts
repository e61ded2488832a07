// The review says which DNS host has each record (Cloudflare, Route 53, an external
// host) and lists the records certkit cannot write as steps around the deploy.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigText } from "../../config/load";
import { ingressStackName } from "../../config/stack-names";
import type { ReportedRecord } from "../../modules/dns/dns-provider";
import { certificateFacts } from "../../review/certificate-facts";
import { externalRecords } from "../../review/external-records";
import type { JsonObject } from "../../review/hcl";
import { environmentMarkdown, indexMarkdown } from "../../review/summary";
import { EXTERNAL_DNS_RECORDS_OUTPUT } from "../../stacks/outputs";
import {
  ROOT,
  bundledConfigs,
  fieldTable,
  reviewOfFile,
  reviewOfText,
  runReview,
  tablesByHeading,
} from "./helpers";

const ALB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";

const TEXT = `
cloudflare:
  zones:
    example.com: { zoneId: 0123456789abcdef0123456789abcdef }
route53:
  zones:
    example.net: {}
external:
  zones:
    example.io: {}
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web:
        domains: [example.com, www.example.net, example.io, "*.example.io"]
        attach: { alb: { loadBalancerArn: ${ALB}, targetGroupArn: ${TG} } }
        hostnames: [example.com, www.example.net, app.example.io, example.io]
      api:
        domains: [api.example.net, api.example.io]
        attach: { alb: { dnsName: shop-1.eu-west-1.elb.amazonaws.com } }
        validationTimeoutMinutes: 30
        hostnames: [api.example.net, api.example.io]
`;

const config = loadConfigText(TEXT).config;
const prod = config.environments[0];
const page = environmentMarkdown({
  environment: prod,
  stacks: ["prod"],
  changes: { replaced: [], removed: [] },
});
const section = (markdown: string, heading: string) =>
  markdown.split(`\n## ${heading}\n\n`)[1].split("\n## ")[0].trimEnd();
const BY_HAND = "by hand, see [Deploying](#deploying)";

test("each hostname says its host and its record: proxied, alias A and AAAA, by hand a CNAME or at the apex the host's ALIAS", () => {
  expect(fieldTable(page, "Certificate `web`").Hostnames).toBe(
    [
      "`example.com` (Cloudflare, proxied)",
      "`www.example.net` (Route 53, alias A and AAAA)",
      `\`app.example.io\` (an external DNS host, CNAME: ${BY_HAND})`,
      `\`example.io\` (an external DNS host, ALIAS or ANAME: ${BY_HAND})`,
    ].join("<br>"),
  );
});

test("an endpoint known only by its DNS name gets CNAMEs, in Route 53 too (no hosted zone id)", () => {
  expect(fieldTable(page, "Certificate `api`").Hostnames).toBe(
    [
      "`api.example.net` (Route 53, CNAME)",
      `\`api.example.io\` (an external DNS host, CNAME: ${BY_HAND})`,
    ].join("<br>"),
  );
});

test("each validation record says its zone's host", () => {
  expect(fieldTable(page, "Certificate `web`")["Validation records"]).toBe(
    [
      "`example.com`: CNAME in zone `example.com` at Cloudflare (id `0123456789abcdef0123456789abcdef`)",
      `\`example.io\`, \`*.example.io\`: CNAME in zone \`example.io\` at an external DNS host: ${BY_HAND}`,
      "`www.example.net`: CNAME in zone `example.net` at Route 53 (zone id looked up by name)",
    ].join("<br>"),
  );
});

test("the records to create by hand: validation first, values known or from the output", () => {
  expect(tablesByHeading(page).get("Records at an external DNS host, created by hand")).toEqual([
    ["Zone", "Name", "Type", "Value", "Why"],
    [
      "`example.io`",
      "`_<hash>.api.example.io`",
      "CNAME",
      "known after the certificate is requested: from output `external_dns_records`",
      "validation of certificate `api`",
    ],
    [
      "`example.io`",
      "`_<hash>.example.io`",
      "CNAME",
      "known after the certificate is requested: from output `external_dns_records`",
      "validation of certificate `web`",
    ],
    [
      "`example.io`",
      "`api.example.io`",
      "CNAME",
      "`shop-1.eu-west-1.elb.amazonaws.com`",
      "hostname of certificate `api`",
    ],
    [
      "`example.io`",
      "`app.example.io`",
      "CNAME",
      "known after `cdktf deploy prod`: from output `external_dns_records`",
      "hostname of certificate `web`",
    ],
    [
      "`example.io`",
      "`example.io`",
      "ALIAS or ANAME, if the host has one (no CNAME at the apex)",
      "known after `cdktf deploy prod`: from output `external_dns_records`",
      "hostname of certificate `web`",
    ],
  ]);
});

test("the deploy steps: known records before, validation records while it waits, the rest after", () => {
  const steps = section(page, "Deploying").split("\n\n")[0];
  expect(steps).toBe(
    [
      "1. Before `cdktf deploy prod`: create the records of the table below whose value it gives, at the DNS " +
        "host of their zone (certkit writes no record there).",
      "2. `cdktf deploy prod`: the certificates, their validation records and expiry alarms, what certkit " +
        "attaches them to and the hostnames' records.",
      "3. While `cdktf deploy prod` waits for validation (up to 75 minutes, `validationTimeoutMinutes`), create " +
        "the validation records of the table below: ACM gives each one's name and value as soon as the " +
        "certificate is requested (the ACM console, or `aws acm describe-certificate`: " +
        "`DomainValidationOptions[].ResourceRecord`). Terraform writes output `external_dns_records` only " +
        "when the apply ends: after a timeout, create them from it and deploy again.",
      "4. Then create the app records of the table below whose value is known only now, from output " +
        "`external_dns_records` (`cdktf output prod`).",
    ].join("\n"),
  );
});

test("the diagram: one subgraph per host, each record in its host's", () => {
  const mermaid = /```mermaid\n([\s\S]*?)```/.exec(page)![1];
  const subgraph = (id: string) =>
    new RegExp(`subgraph ${id}\\["([^"]*)"\\]\\n([\\s\\S]*?)\\n {2}end`).exec(mermaid)!.slice(1);
  const nodes = (body: string) => body.split("\n").map((l) => l.trim().split(/[([]/)[0]);
  const [cloudflare, cloudflareBody] = subgraph("dns_cloudflare");
  const [route53, route53Body] = subgraph("dns_route53");
  const [external, externalBody] = subgraph("dns_external");
  expect([cloudflare, route53, external]).toEqual([
    "Cloudflare",
    "Route 53",
    "An external DNS host: records created by hand",
  ]);
  expect(nodes(cloudflareBody)).toEqual(["host_example_com", "validation_example_com"]);
  expect(nodes(route53Body)).toEqual([
    "host_www_example_net",
    "host_api_example_net",
    "validation_www_example_net",
    "validation_api_example_net",
  ]);
  expect(nodes(externalBody)).toEqual([
    "host_app_example_io",
    "host_example_io",
    "host_api_example_io",
    "validation_example_io",
    "validation_api_example_io",
  ]);
  expect(mermaid).toContain("host_example_com -->|proxied| endpoint_web");
  expect(mermaid).toContain("host_www_example_net -->|alias A/AAAA| endpoint_web");
  expect(mermaid).toContain("host_app_example_io -->|CNAME, by hand| endpoint_web");
  expect(mermaid).toContain("host_example_io -->|ALIAS or ANAME, by hand| endpoint_web");
  expect(mermaid).toContain("host_api_example_net -->|CNAME| endpoint_api");
  expect(mermaid).toContain(
    'validation_example_io[/"validation CNAME<br/>example.io<br/>zone example.io"/]',
  );
});

test("index.md points at the pages whose records are made by hand", () => {
  const index = indexMarkdown({
    config,
    environments: [{ environment: prod, stacks: ["prod"], changes: { replaced: [], removed: [] } }],
    sharedStacks: [],
  });
  expect(section(index, "Deploying")).toBe(
    [
      "1. Each environment: `cdktf deploy prod`, in any order.",
      "2. [prod](prod.md#deploying): records at an external DNS host, which certkit cannot write: create them " +
        "around the deploy as the page says.",
    ].join("\n"),
  );
});

test("without records at an external host, no step and no table", () => {
  const allWritten = loadConfigText(
    TEXT.replace("external:\n  zones:\n    example.io: {}", "    example.io: {}"),
  ).config.environments[0];
  expect(allWritten.validationRecords.map((r) => r.zone.provider)).toContain("route53");
  const markdown = environmentMarkdown({
    environment: allWritten,
    stacks: ["prod"],
    changes: { replaced: [], removed: [] },
  });
  expect(markdown).not.toContain("by hand");
  expect(section(markdown, "Deploying")).toBe(
    "1. `cdktf deploy prod`: the certificates, their validation records and expiry alarms, what certkit " +
      "attaches them to and the hostnames' records.",
  );
});

test("index.md: a Route 53 zone's CAA records, with no proxy settings", () => {
  const caa = loadConfigText(`
route53: { zones: { example.net: { caa: true } } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      api: { domains: [api.example.net], attach: { alb: { dnsName: shop-1.eu-west-1.elb.amazonaws.com } } }
`).config;
  const index = indexMarkdown({
    config: caa,
    environments: [
      {
        environment: caa.environments[0],
        stacks: ["prod"],
        changes: { replaced: [], removed: [] },
      },
    ],
    sharedStacks: ["zones"],
  });
  expect(tablesByHeading(index).get("Zone settings (stack `zones`)")).toEqual([
    ["Zone", "CAA records", "SSL mode", "Edge certificate"],
    [
      "`example.net` at Route 53",
      "`issue` and `issuewild` for `amazon.com` at `example.net`: ACM may issue for every name without " +
        "CAA records of its own or closer to it; another CA only if a CAA record names it too",
      "none (no proxy)",
      "none (no proxy)",
    ],
  ]);
});

/** Every bundled config, and the one above (a Route 53 CNAME, an external record's value known). */
const CONFIGS = [
  ...bundledConfigs().map((f) => [f, () => reviewOfFile(f)] as const),
  ["the config above", () => reviewOfText(TEXT)] as const,
];

describe.each(CONFIGS)("%s: the review's records are the stacks' records", (_, review) => {
  const { config: resolved, stacks } = review();
  const json = (env: string) =>
    stacks.filter((s) => s.name === env || s.name === ingressStackName(env)).map((s) => s.json);
  const isReference = (s: string) => s.includes("${");

  test.each(resolved.environments.map((e) => [e.name, e] as const))(
    "%s: Route 53 app records are the alias or CNAME the tables name",
    (name, env) => {
      const said = env.certificates
        .flatMap((c) => certificateFacts(env, c).hostnames)
        .filter((h) => h.host === "route53")
        .map((h) => `${h.name} ${h.record === "alias" ? "A alias, AAAA alias" : "CNAME"}`);
      const types = new Map<string, string[]>();
      for (const stack of json(name)) {
        const records = ((stack.resource as JsonObject | undefined)?.aws_route53_record ??
          {}) as Record<string, { name: string; type: string; alias?: unknown }>;
        for (const r of Object.values(records)) {
          if (isReference(r.name) || r.type === "CAA") continue; // validation records, the zones stack's
          types.set(r.name, [...(types.get(r.name) ?? []), `${r.type}${r.alias ? " alias" : ""}`]);
        }
      }
      const made = [...types].map(([n, t]) => `${n} ${t.sort().join(", ")}`);
      expect(made.sort()).toEqual(said.sort());
    },
  );

  test.each(resolved.environments.map((e) => [e.name, e] as const))(
    "%s: the records made by hand are output external_dns_records",
    (name, env) => {
      const said = externalRecords(env).map((r) =>
        r.why === "validation" ? "validation" : `app ${r.name} ${r.value ?? "(reference)"}`,
      );
      const output = json(name).flatMap((s) => {
        const outputs = (s.output ?? {}) as unknown as Record<string, { value: ReportedRecord[] }>;
        return outputs[EXTERNAL_DNS_RECORDS_OUTPUT]?.value ?? [];
      });
      const listed = output.map((r) =>
        r.why === "validation"
          ? "validation"
          : `app ${r.name} ${isReference(r.value) ? "(reference)" : r.value}`,
      );
      expect(output.every((r) => r.type === "CNAME")).toBe(true);
      expect(listed.sort()).toEqual(said.sort());
    },
  );
});

test("the checks above meet every kind of record: alias, CNAME, known and unknown values", () => {
  const kinds = CONFIGS.flatMap(([, review]) =>
    review().config.environments.flatMap((env) => [
      ...env.certificates.flatMap((c) =>
        certificateFacts(env, c)
          .hostnames.filter((h) => h.host === "route53")
          .map((h) => `route53 ${h.record}`),
      ),
      ...externalRecords(env).map((r) => `external ${r.why} ${r.value ? "known" : "unknown"}`),
    ]),
  );
  expect([...new Set(kinds)].sort()).toEqual([
    "external app known",
    "external app unknown",
    "external validation unknown",
    "route53 CNAME",
    "route53 alias",
  ]);
});

test("a controller-made ALB's records at an external host come from the ingress stack's output", () => {
  const { review, stacks } = reviewOfText(`
external: { zones: { example.io: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web:
        domains: [www.example.io]
        attach: { alb: { cluster: prod-eks, ingressGroup: shop } }
        hostnames: [www.example.io]
`);
  const page = review.files.get("prod.md")!;
  expect(tablesByHeading(page).get("Records at an external DNS host, created by hand")![2]).toEqual(
    [
      "`example.io`",
      "`www.example.io`",
      "CNAME",
      "known after `cdktf deploy prod-ingress`: from output `external_dns_records`",
      "hostname of certificate `web`",
    ],
  );
  const steps = section(page, "Deploying").split("\n\n")[0].split("\n");
  expect(steps.map((s) => s.split(":")[0])).toEqual([
    "1. `cdktf deploy prod`",
    "2. While `cdktf deploy prod` waits for validation (up to 75 minutes, `validationTimeoutMinutes`), create the validation records of the table below",
    "3. For each Ingress group below",
    "4. `cdktf deploy prod-ingress`, once the controller has made the ALB",
    "5. Then create the app records of the table below whose value is known only now, from output `external_dns_records` (`cdktf output prod-ingress`).",
  ]);
  const output = (name: string) =>
    Object.keys((stacks.find((s) => s.name === name)!.json.output ?? {}) as JsonObject);
  expect(output("prod-ingress")).toContain("external_dns_records");
});

test("the review command says which pages list records to create by hand", () => {
  const dir = mkdtempSync(join(tmpdir(), "certkit-hosts-"));
  try {
    const run = runReview(ROOT, "examples/mixed-hosts/certkit.yaml", "--out", dir, "--no-compare");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("Records"))).toEqual([
      `Records certkit cannot write (external DNS host), to create by hand: 4 for prod (${dir}/prod.md, Deploying).`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
