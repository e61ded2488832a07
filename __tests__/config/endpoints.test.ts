// Rules on `attach` and `hostnames`, as the config file reports them.
import { environmentOf, expectProblems, load, warningsOf, webConfig, yaml } from "../helpers";

const LB =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const LISTENER =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";

describe("attach", () => {
  it("fails when both alb and cloudfront are given", () => {
    expectProblems(
      webConfig(
        `          attach: { alb: { dnsName: a.elb.amazonaws.com }, cloudfront: { origin: o.example.net } }`,
      ),
      [
        "environments.prod.certificates.web.attach (line 9, column 17): needs exactly one of alb, nlb, cloudfront, apiGateway, got alb and cloudfront. Fix: one certificate per endpoint kind (CloudFront's must live in us-east-1).",
      ],
    );
  });

  it("fails when an alb gives two forms", () => {
    expectProblems(
      webConfig(
        `          attach: { alb: { listenerArn: "${LISTENER}", loadBalancerArn: "${LB}", targetGroupArn: "${TG}" } }`,
      ),
      [
        "environments.prod.certificates.web.attach.alb (line 9, column 24): needs exactly one of ingressGroup (+ cluster), listenerArn, loadBalancerArn (+ targetGroupArn), or dnsName alone, got listenerArn and loadBalancerArn. Fix: keep one.",
      ],
    );
  });

  it("fails when ingressGroup comes without cluster, and targetGroupArn without loadBalancerArn", () => {
    expectProblems(
      webConfig(`          attach: { alb: { ingressGroup: shop, targetGroupArn: "${TG}" } }`),
      [
        "environments.prod.certificates.web.attach.alb.cluster (line 9, column 24): is required with ingressGroup. Fix: add cluster, or remove ingressGroup.",
        "environments.prod.certificates.web.attach.alb.targetGroupArn (line 9, column 62): only goes with loadBalancerArn. Fix: remove it, or add loadBalancerArn.",
      ],
    );
  });

  it("fails when an ARN is malformed, in another region or another account", () => {
    const elsewhere = LISTENER.replace("eu-west-1:123456789012", "us-west-2:999999999999");
    expectProblems(webConfig(`          attach: { alb: { listenerArn: "${elsewhere}" } }`), [
      `environments.prod.certificates.web.attach.alb.listenerArn (line 9, column 39): is in us-west-2, but the environment's certificates live in eu-west-1; an ALB only takes certificates from its own region. Fix: use an ALB in eu-west-1, or set the environment's region to us-west-2.`,
      `environments.prod.certificates.web.attach.alb.listenerArn (line 9, column 39): belongs to account 999999999999, but the environment is pinned to 123456789012. Fix: use a resource of account 123456789012.`,
    ]);
    expectProblems(webConfig(`          attach: { alb: { listenerArn: "${LB}" } }`), [
      `environments.prod.certificates.web.attach.alb.listenerArn (line 9, column 39): is not a listener ARN, got "${LB}". Fix: use the form arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<alb-name>/<id>/<id>.`,
    ]);
  });

  it("fails when two certificates own one ALB with different target groups", () => {
    const other = TG.replace("web", "api");
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod:
            region: eu-west-1
            certificates:
              a: { domains: [a.example.com], attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${TG}" } } }
              b: { domains: [b.example.com], attach: { alb: { loadBalancerArn: "${LB}", targetGroupArn: "${other}" } } }
            accountId: "123456789012"
      `,
      [
        "environments.prod.certificates.b.attach.alb (line 7, column 53): shares its load balancer with environments.prod.certificates.a.attach.alb but not its targetGroupArn and sslPolicy; certkit makes one HTTPS listener per load balancer. Fix: use the same values (route further with listener rules outside certkit).",
      ],
    );
  });

  it("fails when the ssl policy is not an ELB security policy", () => {
    expectProblems(
      webConfig(
        `          attach: { alb: { dnsName: a.elb.amazonaws.com, sslPolicy: TLSv1.2_2021 } }`,
      ),
      [
        'environments.prod.certificates.web.attach.alb.sslPolicy (line 9, column 67): is not an ELB security policy of Application Load Balancers, got "TLSv1.2_2021". Fix: use one of AWS\'s predefined policies, such as ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (recommended) or ELBSecurityPolicy-TLS13-1-2-2021-06; `aws elbv2 describe-ssl-policies` lists them.',
      ],
    );
  });

  it("warns when a certificate is attached to nothing", () => {
    expect(warningsOf(webConfig(""))).toContain(
      "environments.prod.certificates.web (line 8, column 9): not attached to any endpoint; ACM renews only certificates in use by an AWS service. Add `attach` unless something outside certkit uses it.",
    );
  });

  it("moves a CloudFront certificate to us-east-1 and keeps the others in the environment's region", () => {
    const env = environmentOf(
      webConfig(`          attach: { cloudfront: { origin: origin.example.net } }`),
    );
    expect(env.certificates[0].region).toBe("us-east-1");
    expect(env.region).toBe("eu-west-1");
    expect(
      environmentOf(webConfig(`          attach: { alb: { dnsName: a.elb.amazonaws.com } }`))
        .certificates[0].region,
    ).toBe("eu-west-1");
  });
});

describe("hostnames", () => {
  const attached = (hostnames: string) =>
    webConfig(
      `          attach: { alb: { dnsName: a.elb.amazonaws.com } }\n          hostnames: ${hostnames}`,
    );

  it("fails when a hostname is not covered: one level only, apex needs its own name", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod:
            region: eu-west-1
            certificates:
              web:
                domains: ["*.example.com"]
                attach: { alb: { dnsName: a.elb.amazonaws.com } }
                hostnames: [www.example.com, example.com, a.b.example.com]
            accountId: "123456789012"
      `,
      [
        'environments.prod.certificates.web.hostnames[1] (line 9, column 38): "example.com" is not covered by the certificate\'s names (*.example.com); a wildcard covers exactly one level and not the apex. Fix: add "example.com" to domains, or serve it from a certificate that covers it.',
        'environments.prod.certificates.web.hostnames[2] (line 9, column 51): "a.b.example.com" is not covered by the certificate\'s names (*.example.com); a wildcard covers exactly one level and not the apex. Fix: add "a.b.example.com" to domains, or serve it from a certificate that covers it.',
      ],
    );
  });

  it("fails when a hostname is claimed twice in an environment", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: { sslMode: strict } } }
        environments:
          prod:
            region: eu-west-1
            certificates:
              a: { domains: [www.example.com], target: x.example.net, hostnames: [www.example.com] }
              b: { domains: ["*.example.com"], target: y.example.net, hostnames: [www.example.com] }
            accountId: "123456789012"
      `,
      [
        'environments.prod.certificates.b.hostnames[0] (line 7, column 75): "www.example.com" is already claimed by environments.prod.certificates.a.hostnames[0]; one name has one record. Fix: keep one.',
      ],
    );
  });

  it("fails when a hostname looks like a validation record or is a wildcard", () => {
    expectProblems(attached('["_3639ac514e785e898d2646601fa951d5.example.com", "*.example.com"]'), [
      'environments.prod.certificates.web.hostnames[0] (line 10, column 21): "_3639ac514e785e898d2646601fa951d5.example.com" looks like a validation record name (those start with "_" and certkit manages them). Fix: list the app\'s own hostname.',
      'environments.prod.certificates.web.hostnames[1] (line 10, column 70): "*.example.com" is a wildcard; app records are for concrete names. Fix: list each hostname.',
    ]);
  });

  it("fails when a proxied hostname sets a TTL", () => {
    expectProblems(attached("[{ name: www.example.com, ttlSeconds: 300 }]"), [
      "environments.prod.certificates.web.hostnames[0].ttlSeconds (line 10, column 58): a proxied record always has TTL 1 (automatic). Fix: remove ttlSeconds, or set proxied: false.",
    ]);
  });

  it("fails when hostnames have no attach and no target, and when target comes with attach", () => {
    expectProblems(webConfig("          hostnames: [www.example.com]"), [
      "environments.prod.certificates.web.hostnames (line 9, column 20): have nowhere to point: the certificate has no `attach`. Fix: add `attach`, or `target: <dns name>` for the CNAMEs.",
    ]);
    expectProblems(attached("[www.example.com]\n          target: x.example.net"), [
      "environments.prod.certificates.web.target (line 11, column 17): is only for certificates without `attach`: the endpoint is the target. Fix: remove it.",
    ]);
  });

  it("fails when the CloudFront origin is one of its hostnames", () => {
    expectProblems(
      webConfig(
        `          attach: { cloudfront: { origin: www.example.com } }\n          hostnames: [www.example.com]`,
      ),
      [
        'environments.prod.certificates.web.hostnames[0] (line 10, column 21): "www.example.com" is also the CloudFront origin: requests would loop. Fix: use a separate origin name.',
      ],
    );
  });

  it("warns when a proxied hostname's zone does not set sslMode strict", () => {
    const text = yaml`
      cloudflare: { zones: { example.com: {} } }
      environments:
        prod:
          region: eu-west-1
          certificates:
            web: { domains: [www.example.com], target: x.example.net, hostnames: [www.example.com, { name: www.example.com, proxied: false }] }
          accountId: "123456789012"
    `;
    expect(() => load(text)).toThrow(/already claimed/);
    const ok = text.replace(", { name: www.example.com, proxied: false }", "");
    expect(warningsOf(ok)).toContain(
      'environments.prod.certificates.web.hostnames[0] (line 6, column 77): "www.example.com" is proxied, but zone example.com does not set sslMode: strict. Anything weaker than Full (strict) fails or loops (Flexible + HTTPS redirect) in front of an HTTPS endpoint: set cloudflare.zones["example.com"].sslMode: strict, or make sure the zone already uses it.',
    );
  });

  it("resolves hostnames: proxied by default with TTL 1 later, DNS-only with a TTL", () => {
    const env = environmentOf(
      attached("[www.example.com, { name: api.example.com, proxied: false, ttlSeconds: 120 }]"),
    );
    expect(
      env.certificates[0].hostnames.map(({ name, proxied, ttlSeconds }) => ({
        name,
        proxied,
        ttlSeconds,
      })),
    ).toEqual([
      { name: "www.example.com", proxied: true, ttlSeconds: 300 },
      { name: "api.example.com", proxied: false, ttlSeconds: 120 },
    ]);
  });
});

describe("environment names", () => {
  it("fails when an environment takes a name certkit uses for its own stacks", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          zones: { region: eu-west-1, certificates: {} }
          prod-ingress: { region: eu-west-1, certificates: {} }
      `,
      [
        'environments.zones (line 3, column 10): "zones" is reserved: certkit names its zone-settings stack "zones" and ingress stacks "<environment>-ingress". Fix: rename the environment.',
        'environments.prod-ingress (line 4, column 17): "prod-ingress" is reserved: certkit names its zone-settings stack "zones" and ingress stacks "<environment>-ingress". Fix: rename the environment.',
      ],
    );
  });
});

describe("soft problems and claims across environments", () => {
  it("warns when dnsName alone leaves the certificate on no listener", () => {
    const text = webConfig(`          attach: { alb: { dnsName: a.elb.amazonaws.com } }`);
    expect(warningsOf(text)).toContain(
      "environments.prod.certificates.web.attach.alb (line 9, column 24): dnsName alone only points the hostnames at the ALB; certkit does not put the certificate on a listener, and ACM renews only certificates in use. Use listenerArn (SNI) or loadBalancerArn unless a listener outside certkit serves it.",
    );
  });

  it("warns when a CloudFront distribution would get no aliases", () => {
    expect(
      warningsOf(webConfig(`          attach: { cloudfront: { origin: o.example.net } }`)),
    ).toContain(
      "environments.prod.certificates.web.attach.cloudfront (line 9, column 31): the distribution gets no aliases, so it serves the certificate for no name. Add hostnames (they become its aliases).",
    );
  });

  it("fails when two environments claim one hostname", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: { sslMode: strict } } }
        defaults: { region: eu-west-1 }
        environments:
          blue: { accountId: "111111111111", certificates: { web: { domains: [www.example.com], target: b.example.net, hostnames: [www.example.com] } } }
          green: { accountId: "222222222222", certificates: { web: { domains: [www.example.com], target: g.example.net, hostnames: [www.example.com] } } }
      `,
      [
        'environments.green.certificates.web.hostnames[0] (line 5, column 125): "www.example.com" is already claimed by environments.blue.certificates.web.hostnames[0]; one name has one record. Fix: keep one.',
      ],
    );
  });
});

describe("the scheme of a controller-made ALB", () => {
  /** prod with certificates `web` and `api` on ingress group shop; `web`/`api` are the rest of their flow maps. */
  const shop = (web: string, api: string) => yaml`
    cloudflare: { zones: { example.com: { sslMode: strict } } }
    environments:
      prod:
        region: eu-west-1
        accountId: "123456789012"
        certificates:
          web: { domains: [www.example.com], attach: { alb: { ingressGroup: shop, cluster: eks${web} } }, hostnames: [www.example.com] }
          api: { domains: [api.example.com], attach: { alb: { ingressGroup: shop, cluster: eks${api} } }, hostnames: [{ name: api.example.com, proxied: false }] }
  `;

  it("is internet-facing unless set", () => {
    const attach = environmentOf(shop("", "")).certificates[0].attach;
    expect(attach).toMatchObject({ kind: "alb-ingress", scheme: "internet-facing" });
  });

  it("may be internal when every hostname of the ALB is DNS-only", () => {
    const text = shop(", scheme: internal", ", scheme: internal").replace(
      "hostnames: [www.example.com]",
      "hostnames: [{ name: www.example.com, proxied: false }]",
    );
    expect(environmentOf(text).certificates.map((c) => c.attach)).toMatchObject([
      { scheme: "internal" },
      { scheme: "internal" },
    ]);
  });

  it("fails when internal and a hostname of the same ALB is proxied, by default or said so", () => {
    const text = shop(", scheme: internal", ", scheme: internal").replace(
      "proxied: false",
      "proxied: true",
    );
    expectProblems(text, [
      `environments.prod.certificates.web.hostnames[0] (line 7, column 127): "www.example.com" is proxied, but its ALB is internal (environments.prod.certificates.web.attach.alb.scheme): Cloudflare's proxy cannot reach an internal ALB. Fix: make it DNS-only ({ name: www.example.com, proxied: false }), or remove scheme: internal.`,
      `environments.prod.certificates.api.hostnames[0].proxied (line 8, column 161): "api.example.com" is proxied, but its ALB is internal (environments.prod.certificates.web.attach.alb.scheme): Cloudflare's proxy cannot reach an internal ALB. Fix: make it DNS-only ({ name: api.example.com, proxied: false }), or remove scheme: internal.`,
    ]);
  });

  it("fails when internal and a hostname given as { name } is proxied by default", () => {
    const text = shop(", scheme: internal", ", scheme: internal").replace(
      "{ name: api.example.com, proxied: false }",
      "{ name: api.example.com }",
    );
    expectProblems(text, [
      `environments.prod.certificates.web.hostnames[0] (line 7, column 127): "www.example.com" is proxied, but its ALB is internal (environments.prod.certificates.web.attach.alb.scheme): Cloudflare's proxy cannot reach an internal ALB. Fix: make it DNS-only ({ name: www.example.com, proxied: false }), or remove scheme: internal.`,
      `environments.prod.certificates.api.hostnames[0].name (line 8, column 135): "api.example.com" is proxied, but its ALB is internal (environments.prod.certificates.web.attach.alb.scheme): Cloudflare's proxy cannot reach an internal ALB. Fix: make it DNS-only ({ name: api.example.com, proxied: false }), or remove scheme: internal.`,
    ]);
  });

  it("may be internal with hostnames in Route 53 and external zones, which have no proxy", () => {
    const text = shop(", scheme: internal", ", scheme: internal")
      .replace(
        "cloudflare: { zones: { example.com: { sslMode: strict } } }",
        "route53: { zones: { example.com: { privateZone: true } } }\nexternal: { zones: { api.example.com: {} } }",
      )
      .replace("[www.example.com]", "[www.example.com], waitForValidation: false");
    expect(environmentOf(text).certificates.map((c) => c.hostnames[0].proxied)).toEqual([
      false,
      false,
    ]);
  });

  it("fails when certificates of one ALB set different schemes", () => {
    expectProblems(shop("", ", scheme: internal"), [
      "environments.prod.certificates.api.attach.alb.scheme (line 8, column 101): is internal, but environments.prod.certificates.web.attach.alb.scheme of the same ALB (ingress group shop on cluster eks) is internet-facing; one ALB has one scheme. Fix: give every certificate of the group the same scheme.",
    ]);
  });

  it("leaves an ingress group without cluster to the form check", () => {
    expectProblems(
      webConfig(`          attach: { alb: { ingressGroup: shop, scheme: internal } }`),
      [
        "environments.prod.certificates.web.attach.alb.cluster (line 9, column 24): is required with ingressGroup. Fix: add cluster, or remove ingressGroup.",
      ],
    );
  });

  it("fails when internal is set on an ALB certkit does not get from the controller", () => {
    expectProblems(
      webConfig(
        `          attach: { alb: { listenerArn: "${LISTENER}", dnsName: a.elb.amazonaws.com, scheme: internal } }`,
      ),
      [
        "environments.prod.certificates.web.attach.alb.scheme (line 9, column 184): only applies to an ALB the AWS Load Balancer Controller makes (with ingressGroup); certkit makes no other ALB. Fix: remove it.",
      ],
    );
  });
});
