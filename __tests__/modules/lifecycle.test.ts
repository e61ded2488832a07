// The lifecycle of every resource that takes a certificate ARN, read from the
// synthesized JSON of every stack: a resource whose certificate_arn forces a new
// resource must create before it destroys, or a replacement leaves a gap (FACTS:
// create_before_destroy on the certificate does not reach its dependents). A new
// resource type taking an ARN fails here until its lifecycle is decided below.
import { Testing } from "cdktf";
import { buildApp } from "../../stacks/build-app";
import { SynthJson, load, yaml } from "../helpers";

const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const LISTENER = `${LB.replace(":loadbalancer/", ":listener/")}/f2f7dc8efc522ab2`;
const NLB = LB.replace("/app/shop/", "/net/edge/");
const NLB_LISTENER = `${NLB.replace(":loadbalancer/", ":listener/").replace("/edge/", "/mqtt/")}/a1b2c3d4e5f60718`;

/** Every attach form, and two certificates on one owned ALB and on one owned NLB (so one of each is bound by SNI). */
const EVERY_FORM = yaml`
  cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef, sslMode: strict } } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      alarm: { emails: [ops@example.com] }
      certificates:
        owned: { domains: [a.example.com], attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}", dnsName: shop.eu-west-1.elb.amazonaws.com } } }
        sni: { domains: [b.example.com], attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}", dnsName: shop.eu-west-1.elb.amazonaws.com } } }
        listener: { domains: [c.example.com], attach: { alb: { listenerArn: "${LISTENER}", dnsName: shop.eu-west-1.elb.amazonaws.com } } }
        ingress: { domains: [d.example.com], attach: { alb: { ingressGroup: shop, cluster: prod-eks } }, hostnames: [d.example.com] }
        cdn: { domains: [e.example.com], attach: { cloudfront: { origin: origin.example.net } }, hostnames: [{ name: e.example.com, proxied: false }] }
        dns: { domains: [f.example.com], attach: { alb: { dnsName: shop.eu-west-1.elb.amazonaws.com } } }
        nlb-owned: { domains: [g.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}", dnsName: edge.elb.eu-west-1.amazonaws.com } } }
        nlb-sni: { domains: [h.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}", dnsName: edge.elb.eu-west-1.amazonaws.com } } }
        nlb-listener: { domains: [i.example.com], attach: { nlb: { listenerArn: "${NLB_LISTENER}", dnsName: mqtt.elb.eu-west-1.amazonaws.com } } }
        nlb-dns: { domains: [j.example.com], attach: { nlb: { dnsName: edge.elb.eu-west-1.amazonaws.com } } }
        http: { domains: [k.example.com], attach: { apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live } }, hostnames: [k.example.com] }
        rest: { domains: [l.example.com], attach: { apiGateway: { type: rest, apiId: a1b2c3d4e5, stage: live } }, hostnames: [l.example.com] }
        edge: { domains: [m.example.com], attach: { apiGateway: { type: rest, endpoint: edge, apiId: a1b2c3d4e5, stage: live } }, hostnames: [m.example.com] }
`;

/**
 * Each resource type that takes a certificate ARN, and whether it creates before
 * destroying (hashicorp/aws: which arguments force a new resource; e.g.
 * internal/service/elbv2/listener_certificate.go has certificate_arn ForceNew,
 * listener.go does not).
 */
const EXPECTED: Record<string, { createBeforeDestroy: boolean; why: string }> = {
  aws_acm_certificate: {
    createBeforeDestroy: true,
    why: "names and key algorithm force a new one; ACM refuses to delete one in use",
  },
  aws_acm_certificate_validation: {
    createBeforeDestroy: true,
    why: "certificate_arn forces a new waiter; consumers take the ARN from it",
  },
  aws_lb_listener_certificate: {
    createBeforeDestroy: true,
    why: "certificate_arn forces a new SNI binding; destroying first serves the default certificate",
  },
  aws_lb_listener: {
    createBeforeDestroy: false,
    why: "certificate_arn is updated in place; a second listener on port 443 is refused",
  },
  aws_cloudfront_distribution: {
    createBeforeDestroy: false,
    why: "viewer_certificate is updated in place; a second distribution with the same aliases is refused",
  },
  aws_api_gateway_domain_name: {
    createBeforeDestroy: false,
    why: "certificate_arn and regional_certificate_arn are patched in place (apigateway/domain_name.go); a second domain of the same name is refused",
  },
  aws_apigatewayv2_domain_name: {
    createBeforeDestroy: false,
    why: "domain_name_configuration is updated in place (apigatewayv2/domain_name.go); a second domain of the same name is refused",
  },
  aws_cloudwatch_metric_alarm: {
    createBeforeDestroy: false,
    why: "dimensions are updated in place",
  },
  aws_cloudwatch_event_rule: {
    createBeforeDestroy: false,
    why: "event_pattern is updated in place",
  },
};

/** `${aws_acm_certificate.<name>.arn}` or `${aws_acm_certificate_validation.<name>.certificate_arn}`, anywhere in a string. */
const CERTIFICATE_ARN = /\$\{aws_acm_certificate(?:_validation)?\.[^.}]+\.(?:certificate_)?arn\}/;

function stacksOf(text: string): Map<string, SynthJson> {
  const stacks = buildApp(Testing.app(), load(text).config);
  return new Map(
    stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true)) as SynthJson] as const),
  );
}

/** `<stack>: <type>.<id>` -> create_before_destroy, for every resource taking a certificate ARN. */
function lifecycles(stacks: Map<string, SynthJson>): Map<string, boolean> {
  const found = new Map<string, boolean>();
  for (const [stack, json] of stacks) {
    for (const [type, byId] of Object.entries(json.resource ?? {})) {
      for (const [id, body] of Object.entries(byId)) {
        const takesArn =
          type === "aws_acm_certificate" || CERTIFICATE_ARN.test(JSON.stringify(body));
        if (!takesArn) continue;
        const lifecycle = body.lifecycle as { create_before_destroy?: boolean } | undefined;
        found.set(`${stack}: ${type}.${id}`, lifecycle?.create_before_destroy === true);
      }
    }
  }
  return found;
}

describe("lifecycle of every resource taking a certificate ARN", () => {
  const found = lifecycles(stacksOf(EVERY_FORM));
  const typeOf = (address: string) => address.split(": ")[1].split(".")[0];

  test("each such resource type has a decided lifecycle, and each decided type occurs", () => {
    expect([...new Set([...found.keys()].map(typeOf))].sort()).toEqual(
      Object.keys(EXPECTED).sort(),
    );
  });

  test.each(Object.entries(EXPECTED))("%s: create_before_destroy as decided", (type, want) => {
    const of = [...found].filter(([address]) => typeOf(address) === type);
    expect(of.length).toBeGreaterThan(0);
    for (const [address, cbd] of of) {
      expect({ address, createBeforeDestroy: cbd }).toEqual({
        address,
        createBeforeDestroy: want.createBeforeDestroy,
      });
    }
  });

  test("covers every SNI binding (owned ALB and NLB, existing listeners of both) and every certificate", () => {
    expect(
      [...found.keys()]
        .filter((a) => /aws_lb_listener_certificate|aws_acm_certificate\./.test(a))
        .sort(),
    ).toEqual([
      "prod: aws_acm_certificate.cdn",
      "prod: aws_acm_certificate.dns",
      "prod: aws_acm_certificate.edge",
      "prod: aws_acm_certificate.http",
      "prod: aws_acm_certificate.ingress",
      "prod: aws_acm_certificate.listener",
      "prod: aws_acm_certificate.nlb-dns",
      "prod: aws_acm_certificate.nlb-listener",
      "prod: aws_acm_certificate.nlb-owned",
      "prod: aws_acm_certificate.nlb-sni",
      "prod: aws_acm_certificate.owned",
      "prod: aws_acm_certificate.rest",
      "prod: aws_acm_certificate.sni",
      "prod: aws_lb_listener_certificate.listener",
      "prod: aws_lb_listener_certificate.nlb-listener",
      "prod: aws_lb_listener_certificate.nlb-sni",
      "prod: aws_lb_listener_certificate.sni",
    ]);
  });
});
