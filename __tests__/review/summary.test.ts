// The summary pages say what the config says: every certificate's cells checked
// against the YAML of each bundled config, and exact cells for a config written here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  ROOT,
  bundledConfigs,
  fieldTable,
  reviewOfFile,
  reviewOfText,
  stackJson,
  tablesByHeading,
} from "./helpers";

/** The raw YAML, read without certkit's code: the expectations do not reuse what they test. */
interface RawCertificate {
  domains: string[];
  keyAlgorithm?: string;
  attach?: {
    cloudfront?: unknown;
    alb?: Record<string, string>;
    nlb?: Record<string, string>;
    apiGateway?: { endpoint?: string };
  };
  target?: string;
  hostnames?: (string | { name: string; proxied?: boolean })[];
  alarm?: RawAlarm;
  certificateAuthorityArn?: string;
}
interface RawAlarm {
  daysBeforeExpiry?: number;
  emails?: string[];
  topicArn?: string;
  enabled?: boolean;
}
interface RawEnvironment {
  region?: string;
  alarm?: RawAlarm;
  certificates: Record<string, RawCertificate>;
}
interface RawZone {
  caa?: boolean;
  sslMode?: string;
  roleArn?: string;
}
interface RawConfig {
  cloudflare?: { zones: Record<string, unknown> };
  route53?: { zones: Record<string, unknown> };
  external?: { zones: Record<string, unknown> };
  defaults?: { region?: string; alarm?: RawAlarm };
  environments: Record<string, RawEnvironment>;
}

describe.each(bundledConfigs())("summary of %s", (file) => {
  const raw = parse(readFileSync(join(ROOT, file), "utf8")) as RawConfig;
  const { review, config, stacks } = reviewOfFile(file);

  test("index.md lists every environment with its region and certificate count", () => {
    const rows = tablesByHeading(review.files.get("index.md")!).get(
      `certkit review${config.project ? `: \`${config.project}\`` : ""}`,
    )!;
    const [header, ...body] = rows;
    const col = (name: string) => header.indexOf(name);
    expect(body.map((r) => r[0])).toEqual(
      Object.keys(raw.environments).map((e) => `[${e}](${e}.md)`),
    );
    for (const [name, env] of Object.entries(raw.environments)) {
      const row = body.find((r) => r[0] === `[${name}](${name}.md)`)!;
      expect(row[col("Region")]).toBe(env.region ?? raw.defaults?.region);
      expect(row[col("Certificates")]).toBe(String(Object.keys(env.certificates).length));
    }
  });

  test("the Helm values outputs the pages name are the environment stacks' outputs", () => {
    for (const name of Object.keys(raw.environments)) {
      const named = [...review.files.get(`${name}.md`)!.matchAll(/`(helm_values_[^`]+)`/g)].map(
        (m) => m[1],
      );
      const outputs = Object.keys(
        (stackJson(stacks, name).output ?? {}) as Record<string, unknown>,
      ).filter((o) => o.startsWith("helm_values_"));
      expect([...new Set(named)].sort()).toEqual(outputs.sort());
    }
  });

  test("index.md describes the zones stack exactly when there is one", () => {
    const index = review.files.get("index.md")!;
    const zones = rawZones(raw)
      .filter((z) => z.raw.caa || z.raw.sslMode)
      .map((z) => `\`${z.zone}\` at ${z.label}`);
    expect(stacks.some((s) => s.name === "zones")).toBe(zones.length > 0);
    if (!zones.length) {
      expect(index).not.toContain("## Zone settings");
      expect(index).not.toContain("cdktf deploy zones");
      return;
    }
    const rows = tablesByHeading(index).get("Zone settings (stack `zones`)")!;
    expect(rows.slice(1).map((r) => r[0].replace(/ \(id .*\)$/, ""))).toEqual(zones);
    expect(index).toContain("1. `cdktf deploy zones`");
  });

  for (const [envName, env] of Object.entries(raw.environments)) {
    for (const [certName, cert] of Object.entries(env.certificates)) {
      test(`${envName}/${certName}: names, key algorithm, region, hostnames, validation zones, alarm`, () => {
        const cells = fieldTable(review.files.get(`${envName}.md`)!, `Certificate \`${certName}\``);
        const domains = cert.domains.map((d) => d.toLowerCase());
        expect(cells.Names).toBe(
          [`\`${domains[0]}\` (primary)`, ...domains.slice(1).map((d) => `\`${d}\``)].join(", "),
        );
        expect(cells["Key algorithm"]).toBe(`\`${cert.keyAlgorithm ?? "RSA_2048"}\``);
        expect(cells.Region).toBe(
          inUsEast1(cert) ? "us-east-1" : (env.region ?? raw.defaults?.region),
        );
        expect(cells.Hostnames).toBe(
          cert.hostnames?.length
            ? cert.hostnames
                .map((h) => {
                  const name = (typeof h === "string" ? h : h.name).toLowerCase();
                  const { host, label } = longestZone(name, raw);
                  // Proxied by default where the host has a proxy, DNS-only in front of
                  // CloudFront, API Gateway and an NLB.
                  const proxied =
                    typeof h === "object" && h.proxied !== undefined
                      ? h.proxied
                      : !cert.attach?.cloudfront && !cert.attach?.apiGateway && !cert.attach?.nlb;
                  // An endpoint the config names by its DNS name has no hosted zone id to alias to.
                  const alias =
                    !cert.target && !cert.attach?.alb?.dnsName && !cert.attach?.nlb?.dnsName;
                  const record = {
                    cloudflare: proxied ? "proxied" : "DNS only",
                    route53: alias ? "alias A and AAAA" : "CNAME",
                    external: "CNAME: by hand, see [Deploying](#deploying)",
                  }[host];
                  return `\`${name}\` (${label}, ${record})`;
                })
                .join("<br>")
            : "none",
        );
        if (cert.certificateAuthorityArn) {
          expect(cells["Validation records"]).toBe(
            `none: a private certificate, issued by AWS Private CA \`${cert.certificateAuthorityArn}\`; ACM validates nothing and nothing waits`,
          );
        }
        for (const d of cert.certificateAuthorityArn ? [] : domains) {
          const { zone, label } = longestZone(d.replace(/^\*\./, ""), raw);
          expect(cells["Validation records"]).toMatch(
            new RegExp(
              `\`${escape(d)}\`[^<]*: (CNAME in zone \`${escape(zone)}\` at ${escape(label)}|owned by environment)`,
            ),
          );
        }
        if (cert.attach?.alb?.ingressGroup) {
          expect(cells["Attached to"]).toContain(`\`${cert.attach.alb.ingressGroup}\``);
          expect(cells["Attached to"]).toContain(
            `scheme \`${cert.attach.alb.scheme ?? "internet-facing"}\``,
          );
        }
        if (cert.attach?.alb?.loadBalancerArn)
          expect(cells["Attached to"]).toContain(cert.attach.alb.loadBalancerArn);
        if (cert.attach?.alb?.listenerArn)
          expect(cells["Attached to"]).toContain(cert.attach.alb.listenerArn);
        if (cert.attach?.nlb?.loadBalancerArn)
          expect(cells["Attached to"]).toContain(cert.attach.nlb.loadBalancerArn);
        if (cert.attach?.nlb?.listenerArn)
          expect(cells["Attached to"]).toContain(cert.attach.nlb.listenerArn);
        if (cert.attach?.cloudfront)
          expect(cells["Attached to"]).toMatch(/^CloudFront distribution/);
        if (cert.attach?.apiGateway)
          expect(cells["Attached to"]).toMatch(
            `API Gateway ${cert.attach.apiGateway.endpoint === "edge" ? "edge-optimized" : "regional"} custom domain`,
          );
        if (!cert.attach)
          expect(cells["Attached to"]).toMatch(/^(none|nothing; hostnames point at)/);
        expect(cells["Expiry alarm"]).toBe(alarmCell(raw, env, cert));
        expect(cells.Replacement).toBe("no");
      });
    }
  }
});

describe("a config with every kind of cell", () => {
  const text = `
cloudflare:
  zones:
    example.com: { zoneId: 0123456789abcdef0123456789abcdef }
    example.org: {}
defaults:
  region: eu-west-1
  alarm: { emails: [ops@example.com] }
environments:
  prod:
    accountId: "123456789012"
    certificates:
      web:
        domains: [example.com, "*.example.com"]
        keyAlgorithm: EC_secp384r1
        attach:
          alb:
            loadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188
            targetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067
            dnsName: shop-1.eu-west-1.elb.amazonaws.com
        hostnames: [www.example.com, { name: api.example.com, proxied: false }]
        alarm: { daysBeforeExpiry: 30 }
      cdn:
        domains: [cdn.example.org]
        attach:
          cloudfront: { origin: assets.example.com }
        hostnames: [{ name: cdn.example.org, proxied: false }]
        alarm: { enabled: false }
`;
  const { review } = reviewOfText(text);
  const page = review.files.get("prod.md")!;

  test("the certificate's table, cell by cell", () => {
    expect(fieldTable(page, "Certificate `web`")).toEqual({
      Names: "`example.com` (primary), `*.example.com`",
      "Key algorithm": "`EC_secp384r1`",
      Region: "eu-west-1",
      "Attached to":
        "ALB `arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188`: " +
        "certkit creates HTTPS:443, forwarding to `arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067`, " +
        "and HTTP:80 redirecting to HTTPS (301); TLS policy `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`",
      Hostnames:
        "`www.example.com` (Cloudflare, proxied)<br>`api.example.com` (Cloudflare, DNS only)",
      "Validation records":
        "`example.com`, `*.example.com`: CNAME in zone `example.com` at Cloudflare (id `0123456789abcdef0123456789abcdef`)",
      "Expiry alarm": "DaysToExpiry < 30 days (eu-west-1) -> email ops@example.com",
      Replacement: "no",
    });
  });

  test("a CloudFront certificate lives in us-east-1; its zone is looked up; its alarm is off", () => {
    const cells = fieldTable(page, "Certificate `cdn`");
    expect(cells.Region).toBe("us-east-1");
    expect(cells["Attached to"]).toBe(
      "CloudFront distribution certkit creates, origin `assets.example.com` over HTTPS; viewers TLSv1.2_2021 or later; PriceClass_100",
    );
    expect(cells["Validation records"]).toBe(
      "`cdn.example.org`: CNAME in zone `example.org` at Cloudflare (zone id looked up by name)",
    );
    expect(cells["Expiry alarm"]).toBe("disabled");
  });

  test("the environment's table", () => {
    expect(fieldTable(page, "Environment `prod`")).toEqual({
      Stacks: "[prod.tf](prod.tf)",
      Region: "eu-west-1",
      "AWS account": "123456789012",
      State: "local file `terraform.prod.tfstate`",
      Certificates: "2",
    });
  });

  test("the diagram: hostname -> Cloudflare -> endpoint -> certificate, validation record -> certificate", () => {
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(page)![1];
    const cloudflare = /subgraph dns_cloudflare\["Cloudflare"\]\n([\s\S]*?)\n {2}end/.exec(
      mermaid,
    )![1];
    expect(cloudflare).toContain('host_www_example_com("www.example.com")');
    expect(cloudflare).toContain(
      'validation_example_com[/"validation CNAME<br/>example.com<br/>zone example.com"/]',
    );
    expect(mermaid).toContain("host_www_example_com -->|proxied| endpoint_web");
    expect(mermaid).toContain("host_api_example_com -->|DNS only| endpoint_web");
    expect(mermaid).toContain("endpoint_web -->|serves| certificate_web");
    expect(mermaid).toContain("validation_example_com -.->|validates| certificate_web");
    expect(mermaid).toContain('subgraph region_us_east_1["AWS us-east-1"]');
    expect(mermaid).toContain('endpoint_cdn["CloudFront<br/>origin assets.example.com"]');
  });
});

describe("certkit.yaml: the zones stack and the hand-over to the Load Balancer Controller", () => {
  const { review, stacks } = reviewOfFile("certkit.yaml");
  const index = review.files.get("index.md")!;
  const staging = review.files.get("staging.md")!;
  const prod = review.files.get("prod.md")!;
  const section = (page: string, heading: string) =>
    page.split(`\n## ${heading}\n\n`)[1].split("\n## ")[0].trimEnd();

  test("index.md: what the zones stack sets, per zone, and where its state lives", () => {
    expect(tablesByHeading(index).get("Zone settings (stack `zones`)")).toEqual([
      ["Zone", "CAA records", "SSL mode", "Edge certificate"],
      [
        "`example.com` at Cloudflare (id `0123456789abcdef0123456789abcdef`)",
        "`issue` and `issuewild` for `amazon.com` at `example.com`: ACM may issue for every name without " +
          "CAA records of its own or closer to it; another CA only if a CAA record names it too",
        "Full (strict): Cloudflare reaches every proxied origin of the zone over HTTPS and checks its certificate",
        "Universal SSL (free): `example.com` and one level under it",
      ],
    ]);
    expect(section(index, "Zone settings (stack `zones`)")).toMatch(
      /^One stack for every environment, \[zones\.tf\]\(zones\.tf\): `cdktf deploy zones`; state: local file `terraform\.zones\.tfstate`\./,
    );
  });

  test("index.md: the order of deployment, the zones first and the Helm hand-over last", () => {
    expect(section(index, "Deploying")).toBe(
      [
        "1. `cdktf deploy zones`: the zone settings below, shared by every environment; first, since ACM can issue " +
          "only where the zone's CAA records allow Amazon.",
        "2. Each environment: `cdktf deploy staging`, `cdktf deploy prod`, in any order.",
        "3. [staging](staging.md) hands certificates over to the AWS Load Balancer Controller: output " +
          "`helm_values_staging-eks_shop-staging` into the Ingress's Helm values, `helm upgrade`, then " +
          "`cdktf deploy staging-ingress` for the hostnames.",
      ].join("\n"),
    );
  });

  test("staging.md: the Ingress group, its Helm values output and the staging-ingress step", () => {
    expect(tablesByHeading(staging).get("Deploying")).toEqual([
      [
        "Cluster",
        "Ingress group",
        "Certificates (first: the default)",
        "Output with the Helm values",
        "Hostnames (stack `staging-ingress`)",
      ],
      [
        "`staging-eks`",
        "`shop-staging`",
        "`web`",
        "`helm_values_staging-eks_shop-staging`",
        "`staging.example.com`, `www.staging.example.com`",
      ],
    ]);
    const steps = section(staging, "Deploying").split("\n\n")[0].split("\n");
    expect(steps.map((s) => s.split(":")[0])).toEqual([
      "1. `cdktf deploy zones` first, when it changed",
      "2. `cdktf deploy staging`",
      "3. For each Ingress group below",
      "4. `cdktf deploy staging-ingress`, once the controller has made the ALB",
    ]);
    expect(steps[2]).toContain("(`cdktf output staging`)");
    expect(steps[2]).toContain("`helm upgrade`");
    expect(steps[3]).toContain("State: local file `terraform.staging-ingress.tfstate`.");
    // The output is the one the environment's stack writes, with the Ingress annotations.
    const output = (stackJson(stacks, "staging").output as Record<string, { value: string }>)[
      "helm_values_staging-eks_shop-staging"
    ];
    expect(output.value).toContain("alb.ingress.kubernetes.io/group.name: shop-staging\n");
  });

  test("prod.md: one deploy besides the zones, no hand-over", () => {
    expect(section(prod, "Deploying")).toBe(
      "1. `cdktf deploy zones` first, when it changed: the zones' CAA records, SSL mode and edge certificates, shared by every " +
        "environment (see [index.md](index.md)).\n" +
        "2. `cdktf deploy prod`: the certificates, their validation records and expiry alarms, what certkit " +
        "attaches them to and the hostnames' records.",
    );
  });
});

test("an environment whose validation records another one creates is deployed after it", () => {
  const { review } = reviewOfFile("examples/shared-account/certkit.yaml");
  expect(review.files.get("index.md")).toContain(
    "1. Each environment: `cdktf deploy prod`, `cdktf deploy staging`; `prod` before `staging`: its " +
      "certificates wait for validation records created by `prod`.",
  );
});

test("an ALB certkit only points records at: the diagram does not say it serves the certificate", () => {
  const { review } = reviewOfText(`
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web:
        domains: [www.example.com]
        attach: { alb: { dnsName: shop-1.eu-west-1.elb.amazonaws.com } }
        hostnames: [www.example.com]
`);
  const page = review.files.get("prod.md")!;
  const mermaid = /```mermaid\n([\s\S]*?)```/.exec(page)![1];
  expect(fieldTable(page, "Certificate `web`")["Attached to"]).toBe(
    "ALB `shop-1.eu-west-1.elb.amazonaws.com`: records point at it; certkit does not attach the certificate",
  );
  expect(mermaid).toContain(
    'endpoint_web["ALB shop-1.eu-west-1.elb.amazonaws.com<br/>records only"]',
  );
  expect(mermaid).toContain("host_www_example_com -->|proxied| endpoint_web");
  expect(mermaid).toContain(
    "endpoint_web -.-|certificate not attached by certkit| certificate_web",
  );
  expect(mermaid).not.toMatch(/endpoint_web -->\|serves/);
});

test("a certificate with neither attach nor hostnames says so, in the table and the diagram", () => {
  const { review } = reviewOfText(`
cloudflare: { zones: { example.com: {} } }
environments:
  dev:
    region: eu-central-1
    accountId: "123456789012"
    certificates:
      api: { domains: [api.example.com] }
`);
  const page = review.files.get("dev.md")!;
  const cells = fieldTable(page, "Certificate `api`");
  expect([cells["Attached to"], cells.Hostnames]).toEqual(["none", "none"]);
  expect(page).toContain("certificate_api -.- idle_api");
});

test("a record another environment owns is named with its owner", () => {
  const { review } = reviewOfFile("examples/shared-account/certkit.yaml");
  const cells = fieldTable(review.files.get("staging.md")!, "Certificate `web`");
  expect(cells["Validation records"]).toBe(
    "`*.example.com`: owned by environment `prod`<br>" +
      "`staging.example.com`: CNAME in zone `example.com` at Cloudflare (id `0123456789abcdef0123456789abcdef`)",
  );
});

function alarmCell(raw: RawConfig, env: RawEnvironment, cert: RawCertificate): string {
  const pick = <K extends keyof RawAlarm>(k: K) =>
    cert.alarm?.[k] ?? env.alarm?.[k] ?? raw.defaults?.alarm?.[k];
  if (pick("enabled") === false) return "disabled";
  const region = inUsEast1(cert) ? "us-east-1" : (env.region ?? raw.defaults?.region);
  const to = [
    ...(pick("emails") ?? []).map((e) => `email ${e}`),
    ...(pick("topicArn") ? [`topic \`${pick("topicArn")}\``] : []),
  ];
  return `DaysToExpiry < ${pick("daysBeforeExpiry") ?? 45} days (${region}) -> ${to.join(", ") || "the environment's topic, no subscriptions"}`;
}

/** CloudFront's certificates and edge API Gateway domains' live in us-east-1. */
const inUsEast1 = (cert: RawCertificate) =>
  cert.attach?.cloudfront !== undefined || cert.attach?.apiGateway?.endpoint === "edge";

type RawHost = "cloudflare" | "route53" | "external";

/** Every zone of the raw config: apex, host, and the host in the review's words. */
function rawZones(raw: RawConfig): { zone: string; host: RawHost; label: string; raw: RawZone }[] {
  const labels = {
    cloudflare: "Cloudflare",
    route53: "Route 53",
    external: "an external DNS host",
  };
  return (["cloudflare", "route53", "external"] as const).flatMap((host) =>
    Object.entries(raw[host]?.zones ?? {}).map(([z, settings]) => {
      const role = (settings as RawZone).roleArn;
      return {
        zone: z.toLowerCase(),
        host,
        label: `${labels[host]}${role ? ` via role \`${role}\`` : ""}`,
        raw: settings as RawZone,
      };
    }),
  );
}

/** The zone holding `name`, across every DNS host of the raw config. */
function longestZone(name: string, raw: RawConfig) {
  return rawZones(raw)
    .filter(({ zone }) => name === zone || name.endsWith(`.${zone}`))
    .sort((a, b) => b.zone.length - a.zone.length)[0];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("index.md: the edge certificate each zone orders", () => {
  const edgeColumn = (file: string) =>
    tablesByHeading(reviewOfFile(file).review.files.get("index.md")!)
      .get("Zone settings (stack `zones`)")!
      .map((row) => row[3]);

  test("a certificate pack with its hosts, or Total TLS, both marked paid", () => {
    expect([
      edgeColumn("examples/eks-ingress/certkit.yaml"),
      edgeColumn("examples/alb-listener/certkit.yaml"),
    ]).toEqual([
      ["Edge certificate", "certificate pack (paid add-on): `example.com`, `www.shop.example.com`"],
      ["Edge certificate", "Total TLS (paid add-on): a certificate for each proxied name"],
    ]);
  });
});
