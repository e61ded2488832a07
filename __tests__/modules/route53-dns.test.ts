// Route 53 and external hosts as synthesized: validation CNAMEs that take an
// existing record over, alias A and AAAA app records, CNAMEs where the endpoint
// has no hosted zone id, zone lookups, a role per zone, and the records an
// external host gets listed in an output.
import { Testing } from "cdktf";
import { IngressStack } from "../../stacks/ingress-stack";
import { ZonesStack } from "../../stacks/zones-stack";
import {
  dataSourcesOf,
  expectCounts,
  load,
  resourceOf,
  resourcesOf,
  synthEnvironment,
  type SynthJson,
  yaml,
} from "../helpers";

const ZONE = "Z0123456789ABCDEFGHIJ";
const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";

/** Zones example.net (Route 53, by id), corp.example.net (Route 53, private, by name), example.io (external). */
const config = (certificates: string, zones = "") => yaml`
  route53:
    zones:
      example.net: { zoneId: ${ZONE}${zones} }
      corp.example.net: { privateZone: true }
  external: { zones: { example.io: {} } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
        ${certificates}
`;

const validationName = (cert: string, domain: string, attr = "name") =>
  `\${trimsuffix(one([for o in aws_acm_certificate.${cert}.domain_validation_options : o.resource_record_${attr} if o.domain_name == "${domain}"]), ".")}`;

describe("Route 53 records", () => {
  it("writes validation CNAMEs that take an existing one over, and waits on their fqdn", () => {
    const json = synthEnvironment(
      config(`web: { domains: [example.net, "*.example.net"], validationTtlSeconds: 300 }`),
    );
    expect(resourceOf(json, "aws_route53_record", "acm_validation_example_net")).toEqual({
      zone_id: ZONE,
      name: validationName("web", "example.net"),
      type: "CNAME",
      ttl: 300,
      records: [validationName("web", "example.net", "value")],
      allow_overwrite: true,
    });
    expect(
      resourceOf(json, "aws_acm_certificate_validation", "web").validation_record_fqdns,
    ).toEqual(["${aws_route53_record.acm_validation_example_net.fqdn}"]);
    expect(json.provider?.aws).toHaveLength(1);
  });

  it("points hostnames at an ALB by alias A and AAAA, at a DNS name by CNAME", () => {
    const json = synthEnvironment(
      config(`web: { domains: [example.net], attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}" } }, hostnames: [example.net] }
        api: { domains: [api.example.net], target: lb.example.org, hostnames: [{ name: api.example.net, ttlSeconds: 120 }] }`),
    );
    const alias = {
      name: "dualstack.${data.aws_lb.alb_shop_50dc6c495c0c9188.dns_name}",
      zone_id: "${data.aws_lb.alb_shop_50dc6c495c0c9188.zone_id}",
      evaluate_target_health: false,
    };
    expect(resourceOf(json, "aws_route53_record", "app_example_net")).toEqual({
      zone_id: ZONE,
      name: "example.net",
      type: "A",
      alias,
      allow_overwrite: false,
    });
    expect(resourceOf(json, "aws_route53_record", "app_example_net__aaaa")).toEqual({
      zone_id: ZONE,
      name: "example.net",
      type: "AAAA",
      alias,
      allow_overwrite: false,
      // A CNAME turned alias is replaced by the A; Route 53 refuses an AAAA beside the CNAME.
      depends_on: ["aws_route53_record.app_example_net"],
    });
    expect(resourceOf(json, "aws_route53_record", "app_api_example_net")).toEqual({
      zone_id: ZONE,
      name: "api.example.net",
      type: "CNAME",
      ttl: 120,
      records: ["lb.example.org"],
      allow_overwrite: false,
    });
  });

  it("aliases an NLB by its own name: only ALBs (and dualstack NLBs) have a dualstack. name", () => {
    const nlb = LB.replace("/app/", "/net/");
    const json = synthEnvironment(
      config(
        `edge: { domains: [example.net], attach: { nlb: { loadBalancerArn: "${nlb}", targetGroupArn: "${TG}" } }, hostnames: [example.net] }`,
      ),
    );
    const alias = {
      name: "${data.aws_lb.nlb_shop_50dc6c495c0c9188.dns_name}",
      zone_id: "${data.aws_lb.nlb_shop_50dc6c495c0c9188.zone_id}",
      evaluate_target_health: false,
    };
    expect(resourceOf(json, "aws_route53_record", "app_example_net").alias).toEqual(alias);
    expect(resourceOf(json, "aws_route53_record", "app_example_net__aaaa").alias).toEqual(alias);
  });

  it("aliases CloudFront by the distribution's hosted zone id", () => {
    const json = synthEnvironment(
      config(
        `cdn: { domains: [cdn.example.net], attach: { cloudfront: { origin: o.example.org } }, hostnames: [cdn.example.net] }`,
      ),
    );
    expect(resourceOf(json, "aws_route53_record", "app_cdn_example_net").alias).toEqual({
      name: "${aws_cloudfront_distribution.cdn.domain_name}",
      zone_id: "Z2FDTNDATAQYW2",
      evaluate_target_health: false,
    });
  });

  it("looks a zone without id up by name, a private one as private", () => {
    const json = synthEnvironment(
      config(
        `web: { domains: [example.net], target: lb.example.org, hostnames: [app.corp.example.net] }`,
      ).replace(
        "domains: [example.net]",
        "domains: [example.net, app.corp.example.net], waitForValidation: false",
      ),
    );
    expect(dataSourcesOf(json, "aws_route53_zone")).toEqual({
      zone_corp_example_net: { name: "corp.example.net", private_zone: true },
    });
    expect(resourceOf(json, "aws_route53_record", "app_app_corp_example_net").zone_id).toBe(
      "${data.aws_route53_zone.zone_corp_example_net.zone_id}",
    );
  });

  it("writes a zone in another account through its own provider, which assumes the role", () => {
    const json = synthEnvironment(
      config(
        `web: { domains: [example.net] }`,
        `, roleArn: "arn:aws:iam::210987654321:role/dns", externalId: certkit-dns`,
      ),
    );
    expect(json.provider?.aws).toContainEqual({
      alias: "route53_example_net",
      region: "eu-west-1",
      allowed_account_ids: ["210987654321"],
      assume_role: [
        {
          role_arn: "arn:aws:iam::210987654321:role/dns",
          external_id: "certkit-dns",
          session_name: "certkit",
        },
      ],
    });
    expect(resourceOf(json, "aws_route53_record", "acm_validation_example_net").provider).toBe(
      "aws.route53_example_net",
    );
  });

  it("imports an adopted alias by its A record; its AAAA takes over by UPSERT", () => {
    const text = config(
      `web: { domains: [www.example.net], attach: { cloudfront: { origin: o.example.org } }, hostnames: [www.example.net] }`,
    ).replace(
      "    certificates:",
      `    adopt: { hostnames: { www.example.net: ${ZONE}_www.example.net_A } }\n    certificates:`,
    );
    const json = synthEnvironment(text) as SynthJson & { import?: unknown[] };
    expect(json.import).toEqual([
      { id: `${ZONE}_www.example.net_A`, to: "aws_route53_record.app_www_example_net" },
    ]);
    expect(
      resourceOf(json, "aws_route53_record", "app_www_example_net__aaaa").allow_overwrite,
    ).toBe(true);
  });

  it("aliases a controller-made ALB from the ingress stack, by the looked-up zone id", () => {
    const env = load(
      config(
        `web: { domains: [www.example.net], attach: { alb: { ingressGroup: shop, cluster: prod-eks } }, hostnames: [www.example.net] }`,
      ),
    ).config.environments[0];
    const stack = new IngressStack(Testing.app(), {
      environment: env,
      backend: env.ingressBackend!,
    });
    const json = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    const lb = Object.keys(dataSourcesOf(json, "aws_lb"))[0];
    expect(resourceOf(json, "aws_route53_record", "app_www_example_net").alias).toEqual({
      name: `dualstack.\${data.aws_lb.${lb}.dns_name}`,
      zone_id: `\${data.aws_lb.${lb}.zone_id}`,
      evaluate_target_health: false,
    });
  });

  it("makes no default AWS provider in the zones stack when its only zone names a role", () => {
    const { config: resolved } = load(
      config(
        `web: { domains: [example.net] }`,
        `, caa: true, roleArn: "arn:aws:iam::210987654321:role/dns"`,
      ),
    );
    const stack = new ZonesStack(Testing.app(), { config: resolved, region: "eu-west-1" });
    const json = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    expect(json.provider?.aws?.map((p) => p.alias ?? "(default)")).toEqual(["route53_example_net"]);
    expect(resourceOf(json, "aws_route53_record", "caa_example_net").provider).toBe(
      "aws.route53_example_net",
    );
  });

  it("keeps CAA for Amazon in one record set per apex, in the zones stack with its AWS provider", () => {
    const { config: resolved } = load(config(`web: { domains: [example.net] }`, ", caa: true"));
    const stack = new ZonesStack(Testing.app(), { config: resolved, region: "eu-west-1" });
    const json = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    expect(json.provider).toEqual({ aws: [{ region: "eu-west-1" }] });
    expect(resourcesOf(json, "aws_route53_record")).toEqual({
      caa_example_net: {
        zone_id: ZONE,
        name: "example.net",
        type: "CAA",
        ttl: 3600,
        records: ['0 issue "amazon.com"', '0 issuewild "amazon.com"'],
      },
    });
  });
});

describe("external records", () => {
  it("writes nothing, lists every record in external_dns_records, and still waits for validation", () => {
    const json = synthEnvironment(
      config(
        `web: { domains: [example.io, "*.example.io"], attach: { cloudfront: { origin: o.example.org } }, hostnames: [www.example.io] }`,
      ),
    );
    expectCounts(json, { aws_route53_record: 0, cloudflare_dns_record: 0 });
    expect(json.output?.external_dns_records).toEqual({
      value: [
        {
          name: validationName("web", "example.io"),
          type: "CNAME",
          value: validationName("web", "example.io", "value"),
          why: "validation",
        },
        {
          name: "www.example.io",
          type: "CNAME",
          value: "${aws_cloudfront_distribution.web.domain_name}",
          why: "app",
        },
      ],
      description:
        "Records certkit cannot write (external zones): create each (name, type, value; why: validation or app) at the zone's DNS host. Validation waits for them until validationTimeoutMinutes.",
    });
    expect(
      resourceOf(json, "aws_acm_certificate_validation", "web").validation_record_fqdns,
    ).toEqual([validationName("web", "example.io")]);
  });

  it("lists an external hostname of a controller-made ALB in the ingress stack's output", () => {
    const env = load(
      config(
        `web: { domains: [www.example.io], attach: { alb: { ingressGroup: shop, cluster: prod-eks } }, hostnames: [www.example.io] }`,
      ),
    ).config.environments[0];
    const stack = new IngressStack(Testing.app(), {
      environment: env,
      backend: env.ingressBackend!,
    });
    const json = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    expect(json.output?.external_dns_records.value).toEqual([
      {
        name: "www.example.io",
        type: "CNAME",
        value: "${data.aws_lb.alb_prod-eks_shop.dns_name}",
        why: "app",
      },
    ]);
  });

  it("adds no output when no record is external", () => {
    expect(synthEnvironment(config(`web: { domains: [example.net] }`)).output).not.toHaveProperty(
      "external_dns_records",
    );
  });
});
