// The NLB forms of attach, as the ALB's are tested in endpoints.test.ts and
// alb-listeners.test.ts: what each synthesizes, and NlbListener's own limits.
import { Testing } from "cdktf";
import { NlbListener, type NlbListenerProps } from "../../modules/endpoints/nlb-listener";
import {
  dataSourcesOf,
  expectCounts,
  prodConfig,
  resourceOf,
  resourcesOf,
  synthEnvironment,
  SynthJson,
} from "../helpers";

const NLB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/edge/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tls/73e2d6bc24d8a067";
const LISTENER = `${NLB.replace(":loadbalancer/", ":listener/")}/f2f7dc8efc522ab2`;
const arn = (name: string) => `arn:aws:acm:eu-west-1:123456789012:certificate/${name}`;

const records = (json: SynthJson) => resourcesOf(json, "cloudflare_dns_record");

describe("NLB whose TLS listener certkit owns", () => {
  const json = synthEnvironment(
    prodConfig(`        web: { domains: [example.com, "*.example.com"], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}", alpnPolicy: HTTP2Preferred, dnsName: edge.elb.eu-west-1.amazonaws.com } }, hostnames: [www.example.com] }
        api: { domains: [api.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}", alpnPolicy: HTTP2Preferred, dnsName: edge.elb.eu-west-1.amazonaws.com } }, hostnames: [{ name: api.example.com, proxied: true }] }`),
  );

  it("creates TLS:443 with the TLS and ALPN policies and the first certificate, and no HTTP listener", () => {
    expectCounts(json, { aws_lb_listener: 1, aws_lb_listener_certificate: 1 });
    expect(resourceOf(json, "aws_lb_listener", "nlb_edge_50dc6c495c0c9188_tls")).toEqual({
      load_balancer_arn: NLB,
      port: 443,
      protocol: "TLS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      alpn_policy: "HTTP2Preferred",
      certificate_arn: "${aws_acm_certificate_validation.api.certificate_arn}",
      default_action: [{ type: "forward", target_group_arn: TG }],
    });
  });

  it("adds the other certificate by SNI, from its validation, created before the old binding goes", () => {
    expect(resourceOf(json, "aws_lb_listener_certificate", "web")).toEqual({
      listener_arn: "${aws_lb_listener.nlb_edge_50dc6c495c0c9188_tls.arn}",
      certificate_arn: "${aws_acm_certificate_validation.web.certificate_arn}",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("points hostnames at the NLB: DNS-only by default, proxied when they say", () => {
    expect(records(json).app_www_example_com).toMatchObject({
      name: "www.example.com",
      type: "CNAME",
      content: "edge.elb.eu-west-1.amazonaws.com",
      proxied: false,
      ttl: 300,
    });
    expect(records(json).app_api_example_com).toMatchObject({ proxied: true, ttl: 1 });
  });

  it("writes alpn_policy None when left out, so that going back to None is applied", () => {
    const none = synthEnvironment(
      prodConfig(
        `        web: { domains: [www.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } } }`,
      ),
    );
    expect(resourceOf(none, "aws_lb_listener", "nlb_edge_50dc6c495c0c9188_tls").alpn_policy).toBe(
      "None",
    );
  });
});

describe("existing NLB TLS listener", () => {
  it("adds the certificate for SNI and looks the NLB's DNS name and zone up from the listener's NLB", () => {
    const json = synthEnvironment(
      prodConfig(
        `        web: { domains: [www.example.com], attach: { nlb: { listenerArn: "${LISTENER}" } }, hostnames: [www.example.com] }`,
      ),
    );
    expect(resourceOf(json, "aws_lb_listener_certificate", "web")).toMatchObject({
      listener_arn: LISTENER,
      certificate_arn: "${aws_acm_certificate_validation.web.certificate_arn}",
    });
    expect(dataSourcesOf(json, "aws_lb").nlb_edge_50dc6c495c0c9188).toMatchObject({ arn: NLB });
    expect(records(json).app_www_example_com.content).toBe(
      "${data.aws_lb.nlb_edge_50dc6c495c0c9188.dns_name}",
    );
    expectCounts(json, { aws_lb_listener: 0 });
  });
});

describe("NLB by DNS name only", () => {
  it("points the records and attaches nothing", () => {
    const json = synthEnvironment(
      prodConfig(
        `        web: { domains: [www.example.com], attach: { nlb: { dnsName: edge.elb.eu-west-1.amazonaws.com } }, hostnames: [www.example.com] }`,
      ),
    );
    expectCounts(json, { aws_lb_listener: 0, aws_lb_listener_certificate: 0 });
    expect(dataSourcesOf(json, "aws_lb")).toEqual({});
    expect(records(json).app_www_example_com.content).toBe("edge.elb.eu-west-1.amazonaws.com");
  });
});

describe("names on an NLB", () => {
  it("puts certificates named tls, certificates, constructor and like the NLB on its listener", () => {
    const owned = `attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}", dnsName: edge.elb.eu-west-1.amazonaws.com } }`;
    const json = synthEnvironment(
      prodConfig(`        web: { domains: [web.example.com], ${owned} }
        tls: { domains: [a.example.com], ${owned} }
        certificates: { domains: [b.example.com], ${owned} }
        constructor: { domains: [c.example.com], ${owned} }
        nlb_edge_50dc6c495c0c9188: { domains: [d.example.com], attach: { nlb: { listenerArn: "${LISTENER}" } } }`),
    );
    const listeners = resourcesOf(json, "aws_lb_listener");
    const tls = "${aws_lb_listener.nlb_edge_50dc6c495c0c9188_tls.arn}";
    expect({
      listeners: Object.keys(listeners),
      default: listeners.nlb_edge_50dc6c495c0c9188_tls?.certificate_arn,
      sni: Object.entries(resourcesOf(json, "aws_lb_listener_certificate"))
        .map(([id, r]) => `${id} ${r.listener_arn as string} ${r.certificate_arn as string}`)
        .sort(),
      lookup: Object.keys(dataSourcesOf(json, "aws_lb")),
    }).toEqual({
      listeners: ["nlb_edge_50dc6c495c0c9188_tls"],
      default: "${aws_acm_certificate_validation.certificates.certificate_arn}",
      sni: [
        `constructor ${tls} \${aws_acm_certificate_validation.constructor.certificate_arn}`,
        `nlb_edge_50dc6c495c0c9188 ${LISTENER} \${aws_acm_certificate_validation.nlb_edge_50dc6c495c0c9188.certificate_arn}`,
        `tls ${tls} \${aws_acm_certificate_validation.tls.certificate_arn}`,
        `web ${tls} \${aws_acm_certificate_validation.web.certificate_arn}`,
      ],
      lookup: ["nlb_edge_50dc6c495c0c9188"],
    });
  });
});

describe("NlbListener", () => {
  function synth(certificates: NlbListenerProps["certificates"]): SynthJson {
    return JSON.parse(
      Testing.synthScope((scope) => {
        new NlbListener(scope, "nlb_edge", {
          loadBalancerArn: NLB,
          targetGroupArn: TG,
          sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
          alpnPolicy: "None",
          certificates,
        });
      }),
    ) as SynthJson;
  }

  it("binds every certificate after the first by SNI", () => {
    const json = synth(["web", "api", "admin"].map((name) => ({ name, arn: arn(name) })));
    expectCounts(json, { aws_lb_listener: 1, aws_lb_listener_certificate: 2 });
  });

  it("fails when it is given no certificate", () => {
    expect(() => synth([])).toThrow(
      new Error("stack/nlb_edge: a TLS listener needs a default certificate, got none."),
    );
  });

  it("fails when two certificates share a name", () => {
    expect(() =>
      synth([
        { name: "web", arn: arn("a") },
        { name: "web", arn: arn("b") },
      ]),
    ).toThrow(
      new Error(
        'stack/nlb_edge: certificate names must be distinct (they name the SNI bindings), got "web" twice.',
      ),
    );
  });
});
