// What each attach form synthesizes, and the app records pointing at it.
import { Testing } from "cdktf";
import { parse } from "yaml";
import {
  ingressAnnotations,
  ingressAnnotationsYaml,
} from "../../modules/endpoints/ingress-annotations";
import { loadBalancerOfListener } from "../../domains/aws-names";
import { buildApp } from "../../stacks/build-app";
import {
  dataSourcesOf,
  expectCounts,
  load,
  prodConfig,
  resourceOf,
  resourcesOf,
  synthEnvironment,
  SynthJson,
  yaml,
} from "../helpers";

/** Parsed Helm values. */
type HelmValues = { ingress: { annotations: Record<string, string> } };

const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const LISTENER = `${LB.replace(":loadbalancer/", ":listener/")}/f2f7dc8efc522ab2`;

/** Zone example.com's fields: sslMode strict, as proxied records in front of HTTPS want. */
const STRICT = "{ zoneId: 0123456789abcdef0123456789abcdef, sslMode: strict }";

const records = (json: SynthJson) => resourcesOf(json, "cloudflare_dns_record");

describe("ALB whose listeners certkit owns", () => {
  const json = synthEnvironment(
    prodConfig(
      `        web: { domains: [example.com, "*.example.com"], attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}", dnsName: shop.eu-west-1.elb.amazonaws.com } }, hostnames: [www.example.com] }
        api: { domains: [api.example.com], attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}", dnsName: shop.eu-west-1.elb.amazonaws.com } }, hostnames: [{ name: api.example.com, proxied: false }] }`,
      STRICT,
    ),
  );

  it("creates HTTPS:443 with the policy and the first certificate, HTTP:80 redirecting with 301", () => {
    expectCounts(json, { aws_lb_listener: 2, aws_lb_listener_certificate: 1 });
    expect(resourceOf(json, "aws_lb_listener", "alb_shop_50dc6c495c0c9188_https")).toMatchObject({
      load_balancer_arn: LB,
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      certificate_arn: "${aws_acm_certificate_validation.api.certificate_arn}",
      default_action: [{ type: "forward", target_group_arn: TG }],
    });
    expect(resourceOf(json, "aws_lb_listener", "alb_shop_50dc6c495c0c9188_http")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [
        { type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } },
      ],
    });
  });

  it("adds the other certificate by SNI, from its validation", () => {
    expect(resourceOf(json, "aws_lb_listener_certificate", "web")).toMatchObject({
      listener_arn: "${aws_lb_listener.alb_shop_50dc6c495c0c9188_https.arn}",
      certificate_arn: "${aws_acm_certificate_validation.web.certificate_arn}",
    });
  });

  it("points hostnames at the ALB: proxied with TTL 1, or DNS-only with its TTL", () => {
    expect(records(json).app_www_example_com).toMatchObject({
      name: "www.example.com",
      type: "CNAME",
      content: "shop.eu-west-1.elb.amazonaws.com",
      proxied: true,
      ttl: 1,
      comment: "certkit: prod web",
    });
    expect(records(json).app_api_example_com).toMatchObject({ proxied: false, ttl: 300 });
  });
});

describe("existing HTTPS listener", () => {
  it("adds the certificate for SNI and looks the ALB's DNS name up from the listener's ALB", () => {
    const json = synthEnvironment(
      prodConfig(
        `        web: { domains: [www.example.com], attach: { alb: { listenerArn: "${LISTENER}" } }, hostnames: [www.example.com] }`,
        STRICT,
      ),
    );
    expect(resourceOf(json, "aws_lb_listener_certificate", "web")).toMatchObject({
      listener_arn: LISTENER,
      certificate_arn: "${aws_acm_certificate_validation.web.certificate_arn}",
    });
    expect(dataSourcesOf(json, "aws_lb").alb_shop_50dc6c495c0c9188).toMatchObject({ arn: LB });
    expect(records(json).app_www_example_com.content).toBe(
      "${data.aws_lb.alb_shop_50dc6c495c0c9188.dns_name}",
    );
    expectCounts(json, { aws_lb_listener: 0 });
  });

  it("derives the load balancer ARN from a listener ARN", () => {
    expect(loadBalancerOfListener(LISTENER)).toBe(LB);
  });
});

describe("CloudFront", () => {
  const json = synthEnvironment(
    prodConfig(
      `        cdn: { domains: [cdn.example.com], attach: { cloudfront: { origin: origin.example.net, minimumProtocolVersion: TLSv1.2_2019 } }, hostnames: [cdn.example.com] }`,
      STRICT,
    ),
  );

  it("creates the certificate and its validation with the us-east-1 provider", () => {
    expect(resourceOf(json, "aws_acm_certificate", "cdn").provider).toBe("aws.us_east_1");
    expect(resourceOf(json, "aws_acm_certificate_validation", "cdn").provider).toBe(
      "aws.us_east_1",
    );
    expect(json.provider?.aws).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ alias: "us_east_1", region: "us-east-1" }),
      ]),
    );
  });

  it("serves the validated certificate by SNI for the hostnames, HTTPS both ways", () => {
    expect(resourceOf(json, "aws_cloudfront_distribution", "cdn")).toMatchObject({
      aliases: ["cdn.example.com"],
      enabled: true,
      is_ipv6_enabled: true,
      http_version: "http2and3",
      viewer_certificate: {
        acm_certificate_arn: "${aws_acm_certificate_validation.cdn.certificate_arn}",
        ssl_support_method: "sni-only",
        minimum_protocol_version: "TLSv1.2_2019",
      },
      origin: [
        {
          domain_name: "origin.example.net",
          custom_origin_config: { origin_protocol_policy: "https-only" },
        },
      ],
      default_cache_behavior: {
        viewer_protocol_policy: "redirect-to-https",
        cache_policy_id: "658327ea-f89d-4fab-a63d-7e88639e58f6",
      },
    });
  });

  it("points the hostname at the distribution", () => {
    expect(records(json).app_cdn_example_com.content).toBe(
      "${aws_cloudfront_distribution.cdn.domain_name}",
    );
  });
});

describe("ALB made by the AWS Load Balancer Controller", () => {
  const text = prodConfig(
    `        web: { domains: [shop.example.com, "*.shop.example.com"], attach: { alb: { ingressGroup: shop, cluster: prod-eks } }, hostnames: [shop.example.com] }
        api: { domains: [api.example.com], attach: { alb: { ingressGroup: shop, cluster: prod-eks } } }`,
    STRICT,
  );

  it("never touches its listeners and hands the ARNs over as Helm values", () => {
    const json = synthEnvironment(text);
    expectCounts(json, { aws_lb_listener: 0, aws_lb_listener_certificate: 0 });
    expect(Object.keys(records(json)).filter((id) => id.startsWith("app_"))).toEqual([]);
    expect(json.output?.["helm_values_prod-eks_shop"].value).toBe(
      [
        "ingress:",
        "  annotations:",
        "    alb.ingress.kubernetes.io/certificate-arn: ${aws_acm_certificate_validation.web.certificate_arn},${aws_acm_certificate_validation.api.certificate_arn}",
        `    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP":80},{"HTTPS":443}]'`,
        '    alb.ingress.kubernetes.io/ssl-redirect: "443"',
        "    alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "    alb.ingress.kubernetes.io/scheme: internet-facing",
        "    alb.ingress.kubernetes.io/group.name: shop",
        "",
      ].join("\n"),
    );
  });

  it("writes Helm values that parse back, once Terraform has put the ARNs in, to the annotations", () => {
    const json = synthEnvironment(text);
    const arns: Record<string, string> = {
      web: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
      api: "arn:aws:acm:eu-west-1:123456789012:certificate/9f8e7d6c-1111-2222-3333-444455556666",
    };
    const applied = json.output!["helm_values_prod-eks_shop"].value.replace(
      /\$\{aws_acm_certificate_validation\.(\w+)\.certificate_arn\}/g,
      (_, name: string) => arns[name],
    );
    expect(parse(applied)).toEqual({
      ingress: {
        annotations: {
          "alb.ingress.kubernetes.io/certificate-arn": `${arns.web},${arns.api}`,
          "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
          "alb.ingress.kubernetes.io/ssl-redirect": "443",
          "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
          "alb.ingress.kubernetes.io/scheme": "internet-facing",
          "alb.ingress.kubernetes.io/group.name": "shop",
        },
      },
    });
  });

  it("names scheme internal when the config says so", () => {
    const internal = text
      .replace(/cluster: prod-eks \}/g, "cluster: prod-eks, scheme: internal }")
      .replace(
        "hostnames: [shop.example.com]",
        "hostnames: [{ name: shop.example.com, proxied: false }]",
      );
    const values = parse(
      synthEnvironment(internal).output!["helm_values_prod-eks_shop"].value,
    ) as HelmValues;
    expect(values.ingress.annotations["alb.ingress.kubernetes.io/scheme"]).toBe("internal");
  });

  it("keeps hostile text a value: quotes, newlines, colons and YAML indicators inject nothing", () => {
    const hostile = [
      "it's",
      'say "hi"',
      "x'\n    alb.ingress.kubernetes.io/scheme: internal",
      "a: b\n#c",
      "- [list]",
      "{ flow: map }",
      "*alias &anchor !tag",
      "  leading and trailing  ",
      "",
      "null",
      "443",
      "${aws_acm_certificate_validation.web.certificate_arn},${aws_acm_certificate_validation.api.certificate_arn}" +
        "x".repeat(200),
    ];
    for (const value of hostile) {
      const props = {
        certificateArns: [value, "b"],
        ingressGroup: value,
        sslPolicy: value,
        scheme: "internet-facing" as const,
      };
      const text = ingressAnnotationsYaml(props);
      expect(parse(text)).toEqual({ ingress: { annotations: ingressAnnotations(props) } });
      expect(
        (parse(text) as HelmValues).ingress.annotations["alb.ingress.kubernetes.io/scheme"],
      ).toBe("internet-facing");
    }
  });

  it("writes a long value with Terraform references on one line, unfolded", () => {
    const arn = "${aws_acm_certificate_validation.web.certificate_arn}";
    const text = ingressAnnotationsYaml({
      certificateArns: Array(10).fill(arn),
      ingressGroup: "shop",
      sslPolicy: "P",
      scheme: "internet-facing",
    });
    expect(text.split("\n")[2]).toBe(
      `    alb.ingress.kubernetes.io/certificate-arn: ${Array(10).fill(arn).join(",")}`,
    );
  });

  it("puts the records in the <env>-ingress stack, found by the controller's tags", () => {
    const app = Testing.app();
    const stacks = buildApp(app, load(text).config);
    expect(stacks.map((s) => s.node.id)).toEqual(["prod", "prod-ingress", "zones"]);
    const json = JSON.parse(Testing.synth(stacks[1], true)) as SynthJson;
    expect(dataSourcesOf(json, "aws_lb")["alb_prod-eks_shop"]).toMatchObject({
      tags: {
        "elbv2.k8s.aws/cluster": "prod-eks",
        "ingress.k8s.aws/stack": "shop",
        "ingress.k8s.aws/resource": "LoadBalancer",
      },
    });
    expect(records(json).app_shop_example_com).toMatchObject({
      content: "${data.aws_lb.alb_prod-eks_shop.dns_name}",
      proxied: true,
      ttl: 1,
    });
    expect(json.terraform?.backend?.local.path).toBe("../../../terraform.prod-ingress.tfstate");
  });

  it("omits group.name for an ungrouped Ingress", () => {
    expect(
      ingressAnnotationsYaml({
        certificateArns: ["a", "b"],
        ingressGroup: "web/site",
        sslPolicy: "P",
        scheme: "internet-facing",
      }),
    ).not.toContain("group.name");
  });
});

describe("zone settings", () => {
  it("writes Amazon CAA records and SSL mode strict in the zones stack only", () => {
    const text = yaml`
      cloudflare: { zones: { example.com: { caa: true, sslMode: strict }, example.org: {} } }
      defaults: { backend: { s3: { bucket: state, key: "certkit/{environment}.tfstate" } } }
      environments:
        prod: { region: eu-west-1, accountId: "123456789012", certificates: { web: { domains: [example.com], target: x.example.net } } }
    `;
    const stacks = buildApp(Testing.app(), load(text).config);
    expect(stacks.map((s) => s.node.id)).toEqual(["prod", "zones"]);
    const zones = JSON.parse(Testing.synth(stacks[1], true)) as SynthJson;
    expect(records(zones).caa_issue_example_com).toMatchObject({
      name: "example.com",
      type: "CAA",
      data: { flags: 0, tag: "issue", value: "amazon.com" },
      zone_id: "${data.cloudflare_zone.zone_example_com.id}",
    });
    expect(records(zones).caa_issuewild_example_com).toMatchObject({ data: { tag: "issuewild" } });
    expect(resourceOf(zones, "cloudflare_zone_setting", "ssl_example_com")).toMatchObject({
      setting_id: "ssl",
      value: "strict",
    });
    expect(zones.terraform?.backend?.s3).toMatchObject({
      key: "certkit/zones.tfstate",
      region: "eu-west-1",
    });
    const env = JSON.parse(Testing.synth(stacks[0], true)) as SynthJson;
    expectCounts(env, { cloudflare_zone_setting: 0 });
  });
});
