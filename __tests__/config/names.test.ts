// Two config names that would give one Terraform address, output or AWS-side
// name are a config error naming both keys; so are keys JavaScript treats specially.
import { expectProblems, load, warningsOf, yaml } from "../helpers";

const LB = (account: string) =>
  `arn:aws:elasticloadbalancing:eu-west-1:${account}:loadbalancer/app/shop/50dc6c495c0c9188`;
const TG = (account: string) =>
  `arn:aws:elasticloadbalancing:eu-west-1:${account}:targetgroup/web/73e2d6bc24d8a067`;
const owned = (account: string) =>
  `attach: { alb: { loadBalancerArn: "${LB(account)}", targetGroupArn: "${TG(account)}", dnsName: shop.elb.amazonaws.com } }`;

describe("environment names", () => {
  it("fails when an environment is named constructor", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          constructor: { region: eu-west-1, accountId: "123456789012", certificates: {} }
      `,
      [
        'environments.constructor (line 3, column 16): "constructor" cannot name a stack: the constructs library cdktf builds on reserves it. Fix: rename the environment.',
      ],
    );
  });
});

describe("zones", () => {
  it("fails when two zones differ only in case", () => {
    expectProblems(
      yaml`
        cloudflare:
          zones:
            Example.com: { zoneId: 0123456789abcdef0123456789abcdef, caa: true }
            example.com: { zoneId: fedcba9876543210fedcba9876543210, caa: true }
        environments:
          prod: { region: eu-west-1, accountId: "123456789012", certificates: {} }
      `,
      [
        'cloudflare.zones["example.com"] (line 4, column 18): is the zone cloudflare.zones["Example.com"] again: zone names are case-insensitive. Fix: keep one entry, written in lowercase, with the settings of both.',
      ],
    );
  });

  it("reads the settings of a zone written in capitals", () => {
    const warnings = warningsOf(yaml`
      cloudflare: { zones: { Example.com: { sslMode: strict } } }
      environments:
        prod:
          region: eu-west-1
          accountId: "123456789012"
          certificates:
            web: { domains: [www.example.com], target: lb.example.org, hostnames: [www.example.com] }
    `);
    expect(warnings.filter((w) => w.includes("sslMode"))).toEqual([]);
  });
});

describe("Terraform names from several keys", () => {
  it("fails when two Ingress groups give one output and lookup name", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod:
            region: eu-west-1
            accountId: "123456789012"
            certificates:
              one: { domains: [one.example.com], attach: { alb: { cluster: a, ingressGroup: b/c } } }
              two: { domains: [two.example.com], attach: { alb: { cluster: a_b, ingressGroup: c } } }
      `,
      [
        'environments.prod.certificates.two.attach.alb.ingressGroup (line 8, column 87): (cluster "a_b", group "c") and environments.prod.certificates.one.attach.alb.ingressGroup (cluster "a", group "b/c") are different Ingress groups with one output name, helm_values_a_b_c (Terraform names keep letters, digits, "-" and "_"; the rest becomes "_"). Fix: rename one group so that the two differ in a letter, digit, "-" or "_".',
      ],
    );
  });

  it("fails when two ALBs of one environment share name and id in different accounts", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod:
            region: eu-west-1
            alarm: { kmsKey: none }
            certificates:
              one: { domains: [one.example.com], ${owned("111111111111")} }
              two: { domains: [two.example.com], ${owned("222222222222")} }
      `,
      [
        `environments.prod.certificates.two.attach.alb.loadBalancerArn (line 8, column 76): names load balancer ${LB("222222222222")}, and environments.prod.certificates.one.attach.alb.loadBalancerArn names ${LB("111111111111")}: both would be alb_shop_50dc6c495c0c9188 in Terraform (load balancer type, name and id, without account and region). Fix: serve certificates of one account and region per environment (set accountId to have certkit check it).`,
      ],
    );
  });

  it("accepts one ALB owned by several certificates and reached through its listener", () => {
    const listener = `${LB("123456789012").replace(":loadbalancer/", ":listener/")}/f2f7dc8efc522ab2`;
    expect(() =>
      load(yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod:
            region: eu-west-1
            accountId: "123456789012"
            certificates:
              one: { domains: [one.example.com], ${owned("123456789012")} }
              two: { domains: [two.example.com], ${owned("123456789012")} }
              three: { domains: [three.example.com], attach: { alb: { listenerArn: "${listener}" } } }
      `),
    ).not.toThrow();
  });
});

describe("AWS-side names across stacks", () => {
  it("fails when two environments would own one ALB's listeners", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012" }
        environments:
          prod: { certificates: { one: { domains: [one.example.com], ${owned("123456789012")} } } }
          dev: { certificates: { two: { domains: [two.example.com], ${owned("123456789012")} } } }
      `,
      [
        `environments.dev.certificates.two.attach.alb.loadBalancerArn (line 5, column 95): is also owned by environments.prod.certificates.one.attach.alb.loadBalancerArn: both environments' stacks would create its HTTPS:443 and HTTP:80 listeners, and a load balancer has one listener per port. Fix: serve both certificates from one environment, or add this one to the existing HTTPS listener with listenerArn (SNI).`,
      ],
    );
  });

  // Environment prod's x-web and environment prod-x's web: "prod-x-web certificate expiry: ...".
  const alarms = (defaults: string, prodX: string) => yaml`
    cloudflare: { zones: { example.com: {} } }
    defaults: { region: eu-west-1, ${defaults} }
    environments:
      prod: { certificates: { x-web: { domains: [a.example.com] } } }
      prod-x:
        ${prodX}
        certificates: { web: { domains: [a.example.com] } }
  `;

  it("fails when certificates of two environments in one account get one alarm name", () => {
    expectProblems(
      alarms('accountId: "123456789012"', "validationRecordOwners: { a.example.com: prod }"),
      [
        'environments.prod-x.certificates.web (line 7, column 26): gets the CloudWatch alarm "prod-x-web certificate expiry: a.example.com" in eu-west-1 of account 123456789012, as environments.prod.certificates.x-web does; CloudWatch alarm names are unique per account and region, so one stack would take over or fail on the other\'s. Fix: rename one of the two certificates.',
      ],
    );
  });

  it("accepts one alarm name in two accounts", () => {
    expect(() =>
      load(alarms('accountId: "123456789012"', 'accountId: "210987654321"')),
    ).not.toThrow();
  });

  it("warns when the accounts are unknown", () => {
    const warnings = warningsOf(alarms("alarm: { kmsKey: none }", "tags: {}"));
    expect(warnings.filter((w) => w.includes("CloudWatch alarm"))).toEqual([
      'environments.prod-x.certificates.web (line 7, column 26): gets the CloudWatch alarm "prod-x-web certificate expiry: a.example.com" in eu-west-1, as environments.prod.certificates.x-web does; if environments prod and prod-x share an AWS account, one stack takes over or fails on the other\'s. Set accountId on both so certkit can check, or rename one of the two certificates.',
    ]);
  });
});

describe("AWS-side name prefixes", () => {
  it("fails when two environments' project tag and name join into one prefix", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012" }
        environments:
          c: { tags: { project: a-b }, certificates: { web: { domains: [a.example.com] } } }
          b-c: { tags: { project: a }, certificates: { api: { domains: [b.example.com] } } }
      `,
      [
        'environments.b-c (line 5, column 8): gets the EventBridge rule "a-b-c-certificate-expiry" in eu-west-1 of account 123456789012, as environments.c does; EventBridge rule names are unique per account and region, so one stack would take over or fail on the other\'s. Fix: set the top-level project (the same for every environment) instead of a project tag, or rename one environment.',
        'environments.b-c (line 5, column 8): gets the SNS topic "a-b-c-certificate-expiry" in eu-west-1 of account 123456789012, as environments.c does; SNS topic names are unique per account and region, so one stack would take over or fail on the other\'s. Fix: set the top-level project (the same for every environment) instead of a project tag, or rename one environment.',
        'environments.b-c (line 5, column 8): gets the KMS alias "alias/certkit-a-b-c-expiry" in eu-west-1 of account 123456789012, as environments.c does; KMS alias names are unique per account and region, so one stack would take over or fail on the other\'s. Fix: set the top-level project (the same for every environment) instead of a project tag, or rename one environment.',
      ],
    );
  });
});

describe("AWS-side name prefix from a project tag", () => {
  it("fails when the tag holds characters AWS names refuse", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012", tags: { project: my shop } }
        environments:
          prod: { certificates: { web: { domains: [a.example.com] } } }
          dev: { certificates: {} }
      `,
      [
        'defaults.tags.project (line 2, column 76): prefixes environment prod\'s AWS names ("my shop-prod-certificate-expiry"), which take letters, digits, "-" and "_" only, 235 characters at most with the environment\'s name, got "my shop". Fix: set the top-level project: (it replaces this tag), or use only those characters here.',
      ],
    );
  });

  it("accepts any project tag under a top-level project", () => {
    expect(() =>
      load(yaml`
        project: shop
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012", tags: { project: my shop } }
        environments:
          prod: { certificates: { web: { domains: [a.example.com] } } }
      `),
    ).not.toThrow();
  });
});

describe("__proto__ keys", () => {
  it("fails for each, with its key path, instead of dropping the entry", () => {
    const why =
      'cannot be a key: "__proto__" has a special meaning in JavaScript, and certkit would drop the entry. Fix: rename it.';
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {}, __proto__: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012", tags: { __proto__: x } }
        environments:
          __proto__: { certificates: {} }
          prod:
            validationRecordOwners: { __proto__: dev }
            certificates:
              __proto__: { domains: [a.example.com] }
              web: { domains: [b.example.com], tags: { __proto__: y } }
      `,
      [
        `cloudflare.zones.__proto__ (line 1, column 41): ${why}`,
        `defaults.tags.__proto__ (line 2, column 67): ${why}`,
        `environments.__proto__ (line 4, column 3): ${why}`,
        `environments.prod.validationRecordOwners.__proto__ (line 6, column 31): ${why}`,
        `environments.prod.certificates.__proto__ (line 8, column 7): ${why}`,
        `environments.prod.certificates.web.tags.__proto__ (line 9, column 48): ${why}`,
      ],
    );
  });

  it("reports schema problems of the rest in the same run", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod: { region: eu-west-1, accountId: "123456789012", certificates: { __proto__: {}, web: { domain: [] } } }
      `,
      [
        'environments.prod.certificates.__proto__ (line 3, column 73): cannot be a key: "__proto__" has a special meaning in JavaScript, and certkit would drop the entry. Fix: rename it.',
        "environments.prod.certificates.web.domains (line 3, column 93): is required (a list). Fix: add it.",
        'environments.prod.certificates.web.domain (line 3, column 95): unknown key "domain". Did you mean "domains"? Fix: rename it to "domains", or remove it. Known keys here: domains, keyAlgorithm, transparencyLogging, exportable, validationTimeoutMinutes, validationTtlSeconds, waitForValidation, certificateAuthorityArn, tags, alarm, attach, hostnames, target.',
      ],
    );
  });
});
