// Config names live in their own namespace: a certificate may be named like any
// construct id, output or resource of certkit's own, and synthesis keeps every
// resource address and output name derived from the names alone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { buildApp } from "../../stacks/build-app";
import { reviewOfText } from "../review/helpers";
import { SynthJson, load, resourceOf, resourcesOf, synthEnvironment, yaml } from "../helpers";

const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const LISTENER = `${LB.replace(":loadbalancer/", ":listener/")}/f2f7dc8efc522ab2`;
const OWNED = `attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}", dnsName: shop.eu-west-1.elb.amazonaws.com } }`;
const CDN = "attach: { cloudfront: { origin: origin.example.org } }";

/** prod with certificates given as YAML lines (indented under `certificates:` here). */
const prod = (certificates: string) =>
  yaml`
    cloudflare: { zones: { example.com: {}, example.org: {} } }
    environments:
      prod:
        region: eu-west-1
        accountId: "123456789012"
        certificates:
  ` + certificates.replace(/^/gm, "      ");

const outputs = (json: SynthJson) => Object.keys(json.output ?? {}).sort();
const certificateDomain = (json: SynthJson, name: string) =>
  resourceOf(json, "aws_acm_certificate", name).domain_name;

describe("certificate names equal to certkit's own construct ids", () => {
  // Each of these once ended in "There is already a Construct with name ...".
  it.each([
    "backend",
    "aws",
    "aws_us_east_1",
    "cloudflare",
    "certificates",
    "expiry",
    "endpoints",
    "outputs",
    "validation-records",
    "constructor",
    "prototype",
  ])("synthesizes a certificate named %s next to a CloudFront one", (name) => {
    const json = synthEnvironment(
      prod(yaml`
        ${name}: { domains: [named.example.com], target: lb.example.org, hostnames: [named.example.com] }
        cdn: { domains: [cdn.example.org], ${CDN}, hostnames: [{ name: cdn.example.org, proxied: false }] }
      `),
    );
    expect({
      certificate: certificateDomain(json, name),
      validation: resourceOf(json, "aws_acm_certificate_validation", name).certificate_arn,
      alarm: resourceOf(json, "aws_cloudwatch_metric_alarm", `expiry_alarm_${name}`).dimensions,
      record: resourceOf(json, "cloudflare_dns_record", "app_named_example_com").content,
      outputs: outputs(json).filter((o) => o.endsWith(`_${name}`)),
      providers: (json.provider?.aws ?? []).map((p) => p.alias ?? "default"),
    }).toEqual({
      certificate: "named.example.com",
      validation: `\${aws_acm_certificate.${name}.arn}`,
      alarm: { CertificateArn: `\${aws_acm_certificate.${name}.arn}` },
      record: "lb.example.org",
      outputs: [
        `certificate_arn_${name}`,
        `certificate_status_${name}`,
        `certificate_validation_${name}`,
        `endpoint_${name}`,
        `expiry_alarm_${name}`,
        `hostnames_${name}`,
        `validation_names_${name}`,
        `validation_records_${name}`,
      ],
      providers: ["default", "us_east_1"],
    });
  });
});

describe("certificate names equal to another certificate's outputs", () => {
  it.each([
    "certificate_arn_web",
    "certificate_validation_web",
    "endpoint_web",
    "hostnames_web",
    "expiry_alarm_web",
    "expiry_topic_arn_eu_west_1",
    "expiry_key_arn_eu_west_1",
    "helm_values_eks_shop",
  ])("keeps web's outputs and %s's apart", (name) => {
    const json = synthEnvironment(
      prod(yaml`
        web: { domains: [web.example.com], attach: { alb: { ingressGroup: shop, cluster: eks } } }
        ${name}: { domains: [named.example.com], target: lb.example.org, hostnames: [named.example.com] }
      `),
    );
    const value = (output: string) => json.output?.[output]?.value;
    expect({
      web: value("certificate_arn_web"),
      named: value(`certificate_arn_${name}`),
      helm: typeof value("helm_values_eks_shop"),
      topic: value("expiry_topic_arn_eu_west_1"),
    }).toEqual({
      web: "${aws_acm_certificate_validation.web.certificate_arn}",
      named: `\${aws_acm_certificate_validation.${name}.certificate_arn}`,
      helm: "string",
      topic: "${aws_sns_topic.expiry_topic_eu_west_1.arn}",
    });
  });
});

describe("certificate names equal to endpoint construct ids", () => {
  it("serves app-web from CloudFront next to web's app records", () => {
    const json = synthEnvironment(
      prod(yaml`
        web: { domains: [web.example.com], target: lb.example.org, hostnames: [web.example.com] }
        app-web: { domains: [app.example.com], ${CDN}, hostnames: [app.example.com] }
      `),
    );
    expect({
      distribution: Object.keys(resourcesOf(json, "aws_cloudfront_distribution")),
      records: Object.keys(resourcesOf(json, "cloudflare_dns_record")).sort(),
    }).toEqual({
      distribution: ["app-web"],
      records: [
        "acm_validation_app_example_com",
        "acm_validation_web_example_com",
        "app_app_example_com",
        "app_web_example_com",
      ],
    });
  });

  it("puts certificates named https, http, constructor and like the ALB on its listeners", () => {
    const json = synthEnvironment(
      prod(yaml`
        web: { domains: [web.example.com], ${OWNED} }
        https: { domains: [a.example.com], ${OWNED} }
        http: { domains: [b.example.com], ${OWNED} }
        constructor: { domains: [c.example.com], ${OWNED} }
        alb_shop_50dc6c495c0c9188: { domains: [d.example.com], attach: { alb: { listenerArn: "${LISTENER}" } } }
      `),
    );
    const listeners = resourcesOf(json, "aws_lb_listener");
    expect({
      listeners: Object.keys(listeners).sort(),
      default: listeners.alb_shop_50dc6c495c0c9188_https?.certificate_arn,
      sni: Object.entries(resourcesOf(json, "aws_lb_listener_certificate"))
        .map(([id, r]) => `${id} ${r.listener_arn as string} ${r.certificate_arn as string}`)
        .sort(),
      lookup: Object.keys(json.data?.aws_lb ?? {}),
    }).toEqual({
      listeners: ["alb_shop_50dc6c495c0c9188_http", "alb_shop_50dc6c495c0c9188_https"],
      default: "${aws_acm_certificate_validation.constructor.certificate_arn}",
      sni: [
        `alb_shop_50dc6c495c0c9188 ${LISTENER} \${aws_acm_certificate_validation.alb_shop_50dc6c495c0c9188.certificate_arn}`,
        "http ${aws_lb_listener.alb_shop_50dc6c495c0c9188_https.arn} ${aws_acm_certificate_validation.http.certificate_arn}",
        "https ${aws_lb_listener.alb_shop_50dc6c495c0c9188_https.arn} ${aws_acm_certificate_validation.https.certificate_arn}",
        "web ${aws_lb_listener.alb_shop_50dc6c495c0c9188_https.arn} ${aws_acm_certificate_validation.web.certificate_arn}",
      ],
      lookup: ["alb_shop_50dc6c495c0c9188"],
    });
  });

  it("names the ingress stack's lookup and records apart from a certificate named alb_eks_shop", () => {
    const app = Testing.app();
    const stacks = buildApp(
      app,
      load(
        prod(yaml`
          web: { domains: [web.example.com], attach: { alb: { ingressGroup: shop, cluster: eks } }, hostnames: [web.example.com] }
          alb_eks_shop: { domains: [alb.example.com], attach: { alb: { ingressGroup: shop, cluster: eks } }, hostnames: [alb.example.com] }
        `),
      ).config,
    );
    const ingress = JSON.parse(
      Testing.synth(stacks.find((s) => s.node.id === "prod-ingress")!),
    ) as SynthJson;
    expect({
      lookups: Object.keys(ingress.data?.aws_lb ?? {}),
      records: Object.keys(resourcesOf(ingress, "cloudflare_dns_record")).sort(),
      outputs: outputs(ingress),
    }).toEqual({
      lookups: ["alb_eks_shop"],
      records: ["app_alb_example_com", "app_web_example_com"],
      outputs: ["endpoint_alb_eks_shop", "endpoint_web"],
    });
  });
});

describe("keys JavaScript objects treat specially", () => {
  it("keeps tags named constructor and prototype as ordinary tags", () => {
    const json = synthEnvironment(
      prod(yaml`
        web: { domains: [web.example.com], tags: { constructor: a, prototype: b } }
      `),
    );
    expect(resourceOf(json, "aws_acm_certificate", "web").tags).toEqual({
      Name: "prod-web",
      constructor: "a",
      prototype: "b",
    });
  });
});

describe("npm run review", () => {
  it("reviews certificates named backend, constructor and certificate_arn_web", () => {
    const { stacks } = reviewOfText(
      prod(yaml`
        backend: { domains: [a.example.com] }
        constructor: { domains: [b.example.com] }
        web: { domains: [c.example.com] }
        certificate_arn_web: { domains: [d.example.com] }
      `),
    );
    const prodJson = stacks.find((s) => s.name === "prod")!.json as SynthJson;
    expect(Object.keys(resourcesOf(prodJson, "aws_acm_certificate")).sort()).toEqual([
      "backend",
      "certificate_arn_web",
      "constructor",
      "web",
    ]);
  });
});

describe("docs/naming.md", () => {
  it("shows configs that synthesize the addresses it names", () => {
    const doc = readFileSync(join(__dirname, "..", "..", "docs", "naming.md"), "utf8");
    const snippets = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(
      snippets.map((s) => Object.keys(resourcesOf(synthEnvironment(s), "aws_acm_certificate"))),
    ).toEqual([["backend", "constructor"]]);
  });
});
