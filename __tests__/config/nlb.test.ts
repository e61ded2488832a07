// Rules on attach.nlb, as the config file reports them: the ALB's forms and checks
// (endpoints.test.ts) for a Network Load Balancer, and the two types kept apart.
import { environmentOf, expectProblems, load, warningsOf, webConfig, yaml } from "../helpers";

const ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012";
const NLB = `${ARN}:loadbalancer/net/edge/50dc6c495c0c9188`;
const NLB_LISTENER = `${ARN}:listener/net/edge/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const ALB = `${ARN}:loadbalancer/app/shop/50dc6c495c0c9188`;
const ALB_LISTENER = `${ARN}:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const TG = `${ARN}:targetgroup/tls/73e2d6bc24d8a067`;

describe("attach.nlb forms", () => {
  it("resolves a load balancer certkit owns, with the recommended TLS policy and ALPN None by default", () => {
    const env = environmentOf(
      webConfig(
        `          attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } }`,
      ),
    );
    expect(env.certificates[0].attach).toEqual({
      kind: "nlb-owned",
      loadBalancerArn: NLB,
      targetGroupArn: TG,
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      alpnPolicy: "None",
    });
  });

  it("resolves an existing TLS listener and a DNS name alone (lowercased)", () => {
    expect(
      environmentOf(webConfig(`          attach: { nlb: { listenerArn: "${NLB_LISTENER}" } }`))
        .certificates[0].attach,
    ).toEqual({ kind: "nlb-listener", listenerArn: NLB_LISTENER });
    expect(
      environmentOf(
        webConfig(`          attach: { nlb: { dnsName: Edge-1.ELB.eu-west-1.amazonaws.com } }`),
      ).certificates[0].attach,
    ).toEqual({ kind: "nlb-dns", dnsName: "edge-1.elb.eu-west-1.amazonaws.com" });
  });

  it("fails when an nlb gives two forms", () => {
    expectProblems(
      webConfig(
        `          attach: { nlb: { listenerArn: "${NLB_LISTENER}", loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } }`,
      ),
      [
        "environments.prod.certificates.web.attach.nlb (line 9, column 24): needs exactly one of listenerArn, loadBalancerArn (+ targetGroupArn), or dnsName alone, got listenerArn and loadBalancerArn. Fix: keep one.",
      ],
    );
  });

  it("fails when loadBalancerArn and targetGroupArn come apart", () => {
    expectProblems(webConfig(`          attach: { nlb: { loadBalancerArn: "${NLB}" } }`), [
      "environments.prod.certificates.web.attach.nlb.targetGroupArn (line 9, column 24): is required with loadBalancerArn. Fix: add targetGroupArn, or remove loadBalancerArn.",
    ]);
    expectProblems(
      webConfig(
        `          attach: { nlb: { dnsName: a.elb.amazonaws.com, targetGroupArn: "${TG}" } }`,
      ),
      [
        "environments.prod.certificates.web.attach.nlb.targetGroupArn (line 9, column 72): only goes with loadBalancerArn. Fix: remove it, or add loadBalancerArn.",
      ],
    );
  });

  it("fails when alb and nlb are both given", () => {
    expectProblems(
      webConfig(
        `          attach: { alb: { dnsName: a.elb.amazonaws.com }, nlb: { dnsName: b.elb.amazonaws.com } }`,
      ),
      [
        "environments.prod.certificates.web.attach (line 9, column 17): needs exactly one of alb, nlb, cloudfront, apiGateway, got alb and nlb. Fix: one certificate per endpoint kind (CloudFront's must live in us-east-1).",
      ],
    );
  });

  it("warns when dnsName alone serves nothing", () => {
    expect(
      warningsOf(webConfig(`          attach: { nlb: { dnsName: a.elb.amazonaws.com } }`)),
    ).toContain(
      "environments.prod.certificates.web.attach.nlb (line 9, column 24): dnsName alone only points the hostnames at the NLB; certkit does not put the certificate on a listener, and ACM renews only certificates in use. Use listenerArn (SNI) or loadBalancerArn unless a listener outside certkit serves it.",
    );
  });
});

describe("ALB and NLB ARNs kept apart", () => {
  it("fails when an ALB's ARN is under nlb", () => {
    expectProblems(
      webConfig(
        `          attach: { nlb: { loadBalancerArn: "${ALB}", targetGroupArn: "${TG}" } }`,
      ),
      [
        `environments.prod.certificates.web.attach.nlb.loadBalancerArn (line 9, column 43): is an Application Load Balancer's loadbalancer ARN (loadbalancer/app/...), but attach.nlb takes Network Load Balancers, got "${ALB}". Fix: move the settings under attach.alb, or use the loadbalancer ARN of an NLB (loadbalancer/net/...).`,
      ],
    );
    expectProblems(webConfig(`          attach: { nlb: { listenerArn: "${ALB_LISTENER}" } }`), [
      `environments.prod.certificates.web.attach.nlb.listenerArn (line 9, column 39): is an Application Load Balancer's listener ARN (listener/app/...), but attach.nlb takes Network Load Balancers, got "${ALB_LISTENER}". Fix: move the settings under attach.alb, or use the listener ARN of an NLB (listener/net/...).`,
    ]);
  });

  it("fails when an NLB's ARN is under alb", () => {
    expectProblems(
      webConfig(
        `          attach: { alb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } }`,
      ),
      [
        `environments.prod.certificates.web.attach.alb.loadBalancerArn (line 9, column 43): is a Network Load Balancer's loadbalancer ARN (loadbalancer/net/...), but attach.alb takes Application Load Balancers, got "${NLB}". Fix: move the settings under attach.nlb, or use the loadbalancer ARN of an ALB (loadbalancer/app/...).`,
      ],
    );
    expectProblems(webConfig(`          attach: { alb: { listenerArn: "${NLB_LISTENER}" } }`), [
      `environments.prod.certificates.web.attach.alb.listenerArn (line 9, column 39): is a Network Load Balancer's listener ARN (listener/net/...), but attach.alb takes Application Load Balancers, got "${NLB_LISTENER}". Fix: move the settings under attach.nlb, or use the listener ARN of an ALB (listener/app/...).`,
    ]);
  });

  it("fails when an NLB ARN is malformed, of another region or account", () => {
    const elsewhere = NLB_LISTENER.replace("eu-west-1:123456789012", "us-west-2:999999999999");
    expectProblems(webConfig(`          attach: { nlb: { listenerArn: "${elsewhere}" } }`), [
      `environments.prod.certificates.web.attach.nlb.listenerArn (line 9, column 39): is in us-west-2, but the environment's certificates live in eu-west-1; an NLB only takes certificates from its own region. Fix: use an NLB in eu-west-1, or set the environment's region to us-west-2.`,
      `environments.prod.certificates.web.attach.nlb.listenerArn (line 9, column 39): belongs to account 999999999999, but the environment is pinned to 123456789012. Fix: use a resource of account 123456789012.`,
    ]);
    expectProblems(webConfig(`          attach: { nlb: { listenerArn: "${NLB}" } }`), [
      `environments.prod.certificates.web.attach.nlb.listenerArn (line 9, column 39): is not a listener ARN, got "${NLB}". Fix: use the form arn:aws:elasticloadbalancing:<region>:<account>:listener/net/<nlb-name>/<id>/<id>.`,
    ]);
  });
});

describe("the TLS listener certkit owns", () => {
  const two = (a: string, b: string) => yaml`
    cloudflare: { zones: { example.com: {} } }
    environments:
      prod:
        region: eu-west-1
        certificates:
          a: { domains: [a.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}"${a} } } }
          b: { domains: [b.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}"${b} } } }
  `;

  it("takes several certificates of one NLB that agree", () => {
    expect(() =>
      load(two(", alpnPolicy: HTTP2Preferred", ", alpnPolicy: HTTP2Preferred")),
    ).not.toThrow();
  });

  it("fails when two certificates own one NLB with different ALPN policies", () => {
    expectProblems(two(", alpnPolicy: HTTP2Preferred", ""), [
      "environments.prod.certificates.b.attach.nlb (line 7, column 53): shares its load balancer with environments.prod.certificates.a.attach.nlb but not its targetGroupArn, sslPolicy and alpnPolicy; certkit makes one TLS listener per load balancer. Fix: use the same values (route further with listener rules outside certkit).",
    ]);
  });

  it("fails when two environments would own one NLB's listener", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1 }
        environments:
          prod: { certificates: { one: { domains: [one.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } } } } }
          dev: { certificates: { two: { domains: [two.example.com], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } } } } }
      `,
      [
        "environments.dev.certificates.two.attach.nlb.loadBalancerArn (line 5, column 95): is also owned by environments.prod.certificates.one.attach.nlb.loadBalancerArn: both environments' stacks would create its TLS:443 listener, and a load balancer has one listener per port. Fix: serve both certificates from one environment, or add this one to the existing TLS listener with listenerArn (SNI).",
      ],
    );
  });

  it("fails when an ALPN policy is set where certkit creates no listener", () => {
    expectProblems(
      webConfig(
        `          attach: { nlb: { listenerArn: "${NLB_LISTENER}", alpnPolicy: HTTP2Preferred } }`,
      ),
      [
        "environments.prod.certificates.web.attach.nlb.alpnPolicy (line 9, column 158): only applies to the TLS listener certkit creates (with loadBalancerArn); the existing listener keeps its own. Fix: remove it, and set it on that listener where it is managed.",
      ],
    );
    expectProblems(
      webConfig(
        `          attach: { nlb: { dnsName: a.elb.amazonaws.com, alpnPolicy: HTTP2Only } }`,
      ),
      [
        "environments.prod.certificates.web.attach.nlb.alpnPolicy (line 9, column 68): only applies to the TLS listener certkit creates (with loadBalancerArn); certkit attaches nothing here. Fix: remove it.",
      ],
    );
  });

  it("fails when the TLS or ALPN policy is not one AWS has", () => {
    expectProblems(
      webConfig(
        `          attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}", sslPolicy: TLSv1.2_2021, alpnPolicy: h2 } }`,
      ),
      [
        'environments.prod.certificates.web.attach.nlb.sslPolicy (line 9, column 252): is not an ELB security policy of Network Load Balancers, got "TLSv1.2_2021". Fix: use one of AWS\'s predefined policies, such as ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (recommended) or ELBSecurityPolicy-TLS13-1-2-2021-06; `aws elbv2 describe-ssl-policies` lists them.',
        'environments.prod.certificates.web.attach.nlb.alpnPolicy (line 9, column 278): "h2" is not allowed. Fix: use one of None, HTTP1Only, HTTP2Only, HTTP2Optional, HTTP2Preferred.',
      ],
    );
  });
});

describe("hostnames of an NLB", () => {
  it("are DNS-only unless they say: Cloudflare's proxy carries HTTP(S) only", () => {
    const env = environmentOf(
      webConfig(
        `          attach: { nlb: { dnsName: a.elb.amazonaws.com } }\n          hostnames: [www.example.com, { name: api.example.com, proxied: true }]`,
      ),
    );
    expect(env.certificates[0].hostnames.map((h) => [h.name, h.proxied])).toEqual([
      ["www.example.com", false],
      ["api.example.com", true],
    ]);
  });

  it("warns when a hostname is proxied anyway: only HTTPS passes Cloudflare's proxy", () => {
    expect(
      warningsOf(
        webConfig(
          `          attach: { nlb: { dnsName: a.elb.amazonaws.com } }\n          hostnames: [{ name: api.example.com, proxied: true }]`,
        ),
      ),
    ).toContain(
      'environments.prod.certificates.web.hostnames[0].name (line 10, column 29): "api.example.com" is proxied in front of an NLB: Cloudflare proxies only records that serve HTTP or HTTPS, so this works only if the NLB\'s TLS listener serves HTTPS. Leave out proxied: true for any other protocol; see docs/endpoints.md.',
    );
  });

  it("fails when a hostname is the NLB's own DNS name", () => {
    expectProblems(
      webConfig(
        `          attach: { nlb: { dnsName: www.example.com } }\n          hostnames: [www.example.com]`,
      ),
      [
        "environments.prod.certificates.web.hostnames[0] (line 10, column 21): \"www.example.com\" is also attach.nlb.dnsName: its CNAME would point at itself, a loop no resolver follows. Fix: set attach.nlb.dnsName to the endpoint's own DNS name (such as the load balancer's *.elb.amazonaws.com name).",
      ],
    );
  });
});
