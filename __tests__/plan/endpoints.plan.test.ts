// Offline plan of endpoint wiring in an environment outside us-east-1: real
// terraform and AWS provider; Cloudflare records stood in by terraform_data
// (same inputs, same references). One plan, every assertion on it.
import { loadConfigText } from "../../config/load";
import { type PlanResult, describePlan, planFirstEnvironment } from "./harness";
import {
  configured as configuredResource,
  configuredResources,
  plannedCreate,
  providerRegions,
} from "./plan-queries";

const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const LISTENER =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/edge/6d0ecf831eec9f09/a1b2c3d4e5f60718";

// dnsName is given for the ALBs: a lookup by ARN would need AWS at plan time.
const CONFIG = `
cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef, sslMode: strict }, example.org: {} } }
defaults: { region: eu-west-1, alarm: { emails: [ops@example.com] } }
environments:
  prod:
    accountId: "123456789012"
    certificates:
      web:
        domains: [example.com, "*.example.com"]
        attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}", dnsName: shop-1.eu-west-1.elb.amazonaws.com } }
        hostnames: [www.example.com, { name: api.example.com, proxied: false }]
      partner:
        domains: [partner.example.com]
        attach: { alb: { listenerArn: "${LISTENER}", dnsName: edge-2.eu-west-1.elb.amazonaws.com } }
        hostnames: [partner.example.com]
      cdn:
        domains: [cdn.example.org]
        attach: { cloudfront: { origin: assets.example.com } }
        hostnames: [{ name: cdn.example.org, proxied: false }]
`;

describePlan("endpoints planned offline (Cloudflare stood in by terraform_data)", () => {
  let plan: PlanResult;
  beforeAll(async () => {
    plan = await planFirstEnvironment(loadConfigText(CONFIG).config);
  });

  const configured = (address: string) => configuredResource(plan, address);
  const planned = (address: string) => plannedCreate(plan, address);

  it("creates the CloudFront certificate, its validation and distribution input through the us-east-1 provider", () => {
    expect(providerRegions(plan)).toMatchObject({ aws: "eu-west-1", "aws.us_east_1": "us-east-1" });
    expect(configured("aws_acm_certificate.cdn").provider_config_key).toBe("aws.us_east_1");
    expect(configured("aws_acm_certificate_validation.cdn").provider_config_key).toBe(
      "aws.us_east_1",
    );
    expect(configured("aws_acm_certificate.web").provider_config_key).toBe("aws");
    expect(
      configured("aws_cloudfront_distribution.cdn").expressions.viewer_certificate,
    ).toBeDefined();
    expect(planned("aws_cloudfront_distribution.cdn")).toMatchObject({
      aliases: ["cdn.example.org"],
      http_version: "http2and3",
      is_ipv6_enabled: true,
      viewer_certificate: [
        { ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" },
      ],
      default_cache_behavior: [{ viewer_protocol_policy: "redirect-to-https" }],
      origin: [
        {
          domain_name: "assets.example.com",
          custom_origin_config: [{ origin_protocol_policy: "https-only" }],
        },
      ],
    });
  });

  it("plans HTTPS:443 with the TLS policy and HTTP:80 redirecting to it with 301", () => {
    expect(planned("aws_lb_listener.alb_shop_50dc6c495c0c9188_https")).toMatchObject({
      load_balancer_arn: LB,
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      default_action: [{ type: "forward", target_group_arn: TG }],
    });
    expect(planned("aws_lb_listener.alb_shop_50dc6c495c0c9188_http")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [
        {
          type: "redirect",
          redirect: [{ port: "443", protocol: "HTTPS", status_code: "HTTP_301" }],
        },
      ],
    });
    expect(
      configured("aws_lb_listener.alb_shop_50dc6c495c0c9188_https").expressions.certificate_arn
        .references,
    ).toContain("aws_acm_certificate_validation.web.certificate_arn");
    expect(planned("aws_lb_listener_certificate.partner")).toMatchObject({
      listener_arn: LISTENER,
    });
    expect(
      configured("aws_lb_listener_certificate.partner").expressions.certificate_arn.references,
    ).toContain("aws_acm_certificate_validation.partner.certificate_arn");
  });

  it("points every hostname at its endpoint with its proxied flag and TTL", () => {
    const app = Object.fromEntries(
      plan
        .standIns("cloudflare_dns_record")
        .filter((s) => s.original.startsWith("cloudflare_dns_record.app_"))
        .map((s) => [s.input.name, [s.input.content, s.input.proxied, s.input.ttl]]),
    );
    expect(app).toEqual({
      "www.example.com": ["shop-1.eu-west-1.elb.amazonaws.com", true, 1],
      "api.example.com": ["shop-1.eu-west-1.elb.amazonaws.com", false, 300],
      "partner.example.com": ["edge-2.eu-west-1.elb.amazonaws.com", true, 1],
      "cdn.example.org": ["(known after apply)", false, 300],
    });
    const cdnRecord = configuredResources(plan).find((r) =>
      r.address.includes("cloudflare_dns_record__app_cdn_example_org"),
    );
    expect(JSON.stringify(cdnRecord?.expressions)).toContain(
      "aws_cloudfront_distribution.cdn.domain_name",
    );
  });
});
