// Route 53 and external zones beside Cloudflare's: their schema, and the routes
// the resolved model gives every stack.
import { expectProblems, load, loaded, yaml } from "../helpers";

/** Zones of three hosts and one certificate over all three. */
const hosts = (
  zones: string,
  domains = "[app.example.com, app.example.net, app.example.io]",
) => yaml`
  ${zones}
  environments:
    prod:
      region: eu-west-1
      certificates:
        web: { domains: ${domains}, target: origin.example.org }
      accountId: "123456789012"
`;

const THREE = `cloudflare: { zones: { example.com: {} } }
  route53: { zones: { example.net: { zoneId: Z0123456789ABCDEFGHIJ } } }
  external: { zones: { example.io: {} } }`;

describe("DNS host sections", () => {
  it("routes each name to its zone, whichever host has it", () => {
    const { config } = load(hosts(THREE));
    expect(config.zones).toEqual([
      { name: "example.com", provider: "cloudflare" },
      { name: "example.net", provider: "route53", zoneId: "Z0123456789ABCDEFGHIJ" },
      { name: "example.io", provider: "external" },
    ]);
    expect(
      config.environments[0].validationRecords.map((r) => [r.baseName, r.zone.provider]),
    ).toEqual([
      ["app.example.com", "cloudflare"],
      ["app.example.io", "external"],
      ["app.example.net", "route53"],
    ]);
  });

  it("gives a Route 53 zone its lookup and role settings", () => {
    const { config } = load(
      hosts(
        `route53: { zones: { Example.NET: { privateZone: true, roleArn: "arn:aws:iam::210987654321:role/dns", externalId: ext-1 }, example.com: {} } }`,
        "[app.example.com]",
      ),
    );
    expect(config.zones).toEqual([
      {
        name: "example.net",
        provider: "route53",
        privateZone: true,
        assumeRole: { roleArn: "arn:aws:iam::210987654321:role/dns", externalId: "ext-1" },
      },
      { name: "example.com", provider: "route53" },
    ]);
  });

  it("fails when a Route 53 zone id, external id or proxy setting is wrong", () => {
    expectProblems(
      hosts(
        `route53: { zones: { example.net: { zoneId: z123, externalId: "a", sslMode: strict, edgeCertificate: advanced } } }
  external: { zones: { example.io: { sslMode: strict, caa: true } } }`,
        "[app.example.net]",
      ),
      [
        `route53.zones["example.net"].zoneId (line 1, column 44): zoneId must be a Route 53 hosted zone id: Z and up to 31 uppercase letters or digits. Got "z123". Fix: copy the Hosted zone ID from the Route 53 console or \`aws route53 list-hosted-zones-by-name\` (without /hostedzone/).`,
        `route53.zones["example.net"].externalId (line 1, column 62): externalId must be 2 to 1224 letters, digits or "_+=,.@:/-" (what STS AssumeRole takes). Got "a". Fix: use the external id the role's trust policy names, such as "certkit-7f3a9c".`,
        `route53.zones["example.net"].sslMode (line 1, column 67): sslMode configures a DNS proxy, and Route 53 has none (records there are DNS-only). Fix: remove it; only the zones of a host with a proxy (cloudflare.zones) take it.`,
        `route53.zones["example.net"].edgeCertificate (line 1, column 84): edgeCertificate configures a DNS proxy, and Route 53 has none (records there are DNS-only). Fix: remove it; only the zones of a host with a proxy (cloudflare.zones) take it.`,
        `external.zones["example.io"].sslMode (line 2, column 36): sslMode configures a DNS proxy, and an external DNS host has none (records there are DNS-only). Fix: remove it; only the zones of a host with a proxy (cloudflare.zones) take it.`,
        `external.zones["example.io"].caa (line 2, column 53): caa writes CAA records, and certkit writes no record at an external DNS host. Fix: remove it, and if the zone has CAA records, add \`0 issue "amazon.com"\` (and issuewild for wildcards) there by hand.`,
      ],
    );
  });
});

/** Environment prod (and staging with `staging`) over zones of three hosts, certificate lines given. */
const across = (certificates: string, extra = "") => yaml`
  cloudflare: { zones: { example.com: {} } }
  route53: { zones: { example.net: { zoneId: Z0123456789ABCDEFGHIJ }, internal.example.net: { privateZone: true } } }
  external: { zones: { example.io: {} } }
  defaults: { region: eu-west-1, accountId: "123456789012" }
  environments:
    prod:
      certificates:
        ${certificates}
    ${extra}
`;

describe("rules across DNS hosts", () => {
  it("fails when one apex is configured on two hosts, naming both keys", () => {
    expectProblems(
      hosts(`cloudflare: { zones: { example.net: {} } }
  route53: { zones: { Example.net: {} } }
  external: { zones: { example.NET: {} } }`),
      [
        `route53.zones["Example.net"] (line 2, column 34): is also configured as cloudflare.zones["example.net"]: one zone has one DNS host, so certkit could not tell where its records go. Fix: keep the entry of the host that serves the zone (its NS records say which), remove the other.`,
        `external.zones["example.NET"] (line 3, column 35): is also configured as cloudflare.zones["example.net"]: one zone has one DNS host, so certkit could not tell where its records go. Fix: keep the entry of the host that serves the zone (its NS records say which), remove the other.`,
        `environments.prod.certificates.web.domains[0] (line 8, column 24): "app.example.com" is under no configured zone (configured: example.net). Fix: add its zone under cloudflare.zones, route53.zones or external.zones, or correct the name.`,
        `environments.prod.certificates.web.domains[2] (line 8, column 58): "app.example.io" is under no configured zone (configured: example.net). Fix: add its zone under cloudflare.zones, route53.zones or external.zones, or correct the name.`,
      ],
    );
  });

  it("routes to the longest suffix across hosts: a Route 53 subzone of a Cloudflare zone", () => {
    const { config } = load(
      hosts(
        `cloudflare: { zones: { example.com: {} } }
  route53: { zones: { aws.example.com: {} } }`,
        "[app.example.com, app.aws.example.com]",
      ),
    );
    expect(
      config.environments[0].validationRecords.map((r) => [r.baseName, r.zone.provider]),
    ).toEqual([
      ["app.aws.example.com", "route53"],
      ["app.example.com", "cloudflare"],
    ]);
  });

  it("fails when a role ARN is malformed or an external id comes without one", () => {
    expectProblems(
      hosts(
        `route53: { zones: { example.net: { roleArn: "arn:aws:iam::1234:role/dns" }, example.com: { externalId: abc } } }`,
        "[app.example.net]",
      ),
      [
        `route53.zones["example.net"].roleArn (line 1, column 45): is not an IAM role ARN, got "arn:aws:iam::1234:role/dns". Fix: copy the role's ARN, of the form arn:aws:iam::<12-digit account id>:role/<role name>.`,
        `route53.zones["example.com"].externalId (line 1, column 104): only goes with roleArn (it is passed when assuming that role). Fix: add roleArn, or remove externalId.`,
      ],
    );
  });

  it("fails when a private zone asks for CAA, which CAs read from public DNS only", () => {
    expectProblems(
      hosts(
        `route53: { zones: { example.net: { caa: true }, corp.example.net: { privateZone: true, caa: true } } }`,
        "[app.example.net]",
      ),
      [
        `route53.zones["corp.example.net"].caa (line 1, column 93): is true in private zone corp.example.net, but CAs (ACM too) read CAA records from public DNS, which never sees this zone's records. Fix: remove caa here; set it on the public zone of corp.example.net instead.`,
      ],
    );
  });

  it("fails when a zone's role is in another partition than the stacks", () => {
    expectProblems(
      hosts(
        `route53: { zones: { example.net: { roleArn: "arn:aws-cn:iam::123456789012:role/dns" } } }`,
        "[app.example.net]",
      ),
      [
        `route53.zones["example.net"].roleArn (line 1, column 45): names partition aws-cn, but the stacks' region eu-west-1 is in partition aws, got "arn:aws-cn:iam::123456789012:role/dns". Fix: write arn:aws:iam::...`,
      ],
    );
  });

  it("fails when a name would be validated in a private zone, or with TTL 1 outside Cloudflare", () => {
    expectProblems(
      across(`web: { domains: [app.internal.example.net, app.example.net], validationTtlSeconds: 1, target: lb.example.org }
        ok: { domains: [app.example.com], validationTtlSeconds: 1, target: lb.example.org }
        late: { domains: [db.internal.example.net], waitForValidation: false, target: lb.example.org }`),
      [
        `environments.prod.certificates.web.domains[0] (line 8, column 24): "app.internal.example.net" would be validated in private zone internal.example.net, where ACM cannot see the record (it resolves the validation CNAME on the public internet). Fix: configure the public zone of the name for its validation record, or use waitForValidation: false and write the record in public DNS yourself.`,
        `environments.prod.certificates.web.validationTtlSeconds (line 8, column 90): is 1 (automatic), which Route 53 does not have (zone internal.example.net). Fix: use 60 to 86400 seconds, such as 60 (the default).`,
      ],
    );
  });

  it("makes Route 53 and external hostnames DNS-only by default, and refuses proxied: true there", () => {
    const text = across(
      `web: { domains: [app.example.com, app.example.net, app.example.io], attach: { alb: { dnsName: lb.example.org } }, hostnames: [app.example.com, app.example.net, app.example.io] }`,
    );
    expect(
      load(text).config.environments[0].certificates[0].hostnames.map((h) => [h.name, h.proxied]),
    ).toEqual([
      ["app.example.com", true],
      ["app.example.net", false],
      ["app.example.io", false],
    ]);
    expectProblems(
      across(
        `web: { domains: [app.example.net, app.example.io], target: lb.example.org, hostnames: [{ name: app.example.net, proxied: true }, { name: app.example.io, proxied: true }] }`,
      ),
      [
        `environments.prod.certificates.web.hostnames[0].name (line 8, column 102): "app.example.net" is proxied, but zone example.net is at Route 53, which has no proxy. Fix: set proxied: false.`,
        `environments.prod.certificates.web.hostnames[1].name (line 8, column 144): "app.example.io" is proxied, but zone example.io is at an external DNS host, which has no proxy. Fix: set proxied: false.`,
      ],
    );
  });

  it("refuses a CNAME at a Route 53 apex, warns at an external one, and takes an alias there", () => {
    expectProblems(
      across(`web: { domains: [example.net, example.com], target: lb.example.org, hostnames: [example.net, example.com] }
        lb: { domains: [www.example.net], attach: { alb: { dnsName: lb.example.org } }, hostnames: [www.example.net] }`),
      [
        `environments.prod.certificates.web.hostnames[0] (line 8, column 87): "example.net" is the zone apex, where DNS allows no CNAME (RFC 1034: the apex has SOA and NS records), and Route 53 would get a CNAME: an alias record needs the endpoint's hosted zone id, which a DNS name alone (target, alb.dnsName, nlb.dnsName) does not give. Fix: point it at an endpoint with a hosted zone id (attach.alb or attach.nlb by listenerArn or loadBalancerArn without dnsName, alb.ingressGroup, attach.cloudfront or attach.apiGateway) so that it becomes an alias record, or use a name under the apex.`,
      ],
    );
    const { warnings } = loaded(
      across(
        `web: { domains: [example.net, example.io], attach: { cloudfront: { origin: o.example.org } }, hostnames: [example.net, example.io] }`,
      ),
    );
    expect(warnings).toContain(
      `environments.prod.certificates.web.hostnames[1] (line 8, column 126): "example.io" is the zone apex, where DNS allows no CNAME (RFC 1034: the apex has SOA and NS records), and an external DNS host gets a CNAME to the endpoint in output external_dns_records. Create it as the host's ALIAS/ANAME record (or flattened CNAME) if it has one, or use a name under the apex.`,
    );
  });

  it("takes an alias at a Route 53 apex for API Gateway and an NLB by ARN, not for an NLB by DNS name", () => {
    const NLB =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/edge/50dc6c495c0c9188";
    const TG =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/edge/73e2d6bc24d8a067";
    expect(
      loaded(
        across(
          `api: { domains: [example.net], attach: { apiGateway: { type: http, apiId: a1b2c3d4e5, stage: live } }, hostnames: [example.net] }`,
        ),
      ).warnings.filter((w) => w.includes("apex")),
    ).toEqual([]);
    expect(
      loaded(
        across(
          `edge: { domains: [example.net], attach: { nlb: { loadBalancerArn: "${NLB}", targetGroupArn: "${TG}" } }, hostnames: [example.net] }`,
        ),
      ).warnings.filter((w) => w.includes("apex")),
    ).toEqual([]);
    expectProblems(
      across(
        `edge: { domains: [example.net], attach: { nlb: { dnsName: edge.elb.eu-west-1.amazonaws.com } }, hostnames: [example.net] }`,
      ),
      [
        `environments.prod.certificates.edge.hostnames[0] (line 8, column 115): "example.net" is the zone apex, where DNS allows no CNAME (RFC 1034: the apex has SOA and NS records), and Route 53 would get a CNAME: an alias record needs the endpoint's hosted zone id, which a DNS name alone (target, alb.dnsName, nlb.dnsName) does not give. Fix: point it at an endpoint with a hosted zone id (attach.alb or attach.nlb by listenerArn or loadBalancerArn without dnsName, alb.ingressGroup, attach.cloudfront or attach.apiGateway) so that it becomes an alias record, or use a name under the apex.`,
      ],
    );
  });

  it("fails when a private zone's hostname would point at CloudFront", () => {
    expectProblems(
      across(
        `web: { domains: [www.example.net, app.internal.example.net], waitForValidation: false, attach: { cloudfront: { origin: o.example.org } }, hostnames: [app.internal.example.net] }`,
      ),
      [
        `environments.prod.certificates.web.hostnames[0] (line 8, column 157): "app.internal.example.net" is in private zone internal.example.net, where Route 53 takes no record pointing at a CloudFront distribution. Fix: put the hostname in a public zone.`,
      ],
    );
  });

  it("warns that a Route 53 alias takes no ttlSeconds", () => {
    const { warnings } = loaded(
      across(
        `web: { domains: [www.example.net], attach: { cloudfront: { origin: o.example.org } }, hostnames: [{ name: www.example.net, ttlSeconds: 600 }] }`,
      ),
    );
    expect(warnings).toContain(
      `environments.prod.certificates.web.hostnames[0].ttlSeconds (line 8, column 142): is not used: "www.example.net" becomes an alias record in Route 53, which takes the endpoint's own TTL. Remove ttlSeconds.`,
    );
  });

  it("checks claims and CNAME loops across hosts", () => {
    expectProblems(
      across(
        `web: { domains: [a.example.net, b.example.io], target: b.example.io, hostnames: [a.example.net] }
        api: { domains: [b.example.io], target: a.example.net, hostnames: [b.example.io] }`,
        `staging: { certificates: { web: { domains: [a.example.net], target: lb.example.org, hostnames: [a.example.net] } } }`,
      ),
      [
        `environments.prod.certificates.web.hostnames[0] (line 8, column 88): "a.example.net" is in a CNAME loop: "a.example.net" -> "b.example.io" -> "a.example.net" (through environments.prod.certificates.web.hostnames[0], environments.prod.certificates.api.hostnames[0]); no resolver follows it. Fix: set target of one of them to the endpoint's own DNS name.`,
        `environments.staging.certificates.web.domains[0] (line 10, column 47): the validation record for "a.example.net" is also needed by environment prod in the same account 123456789012; both stacks would manage one Route 53 record. Fix: choose its owner: add \`validationRecordOwners: { "a.example.net": prod }\` to environments.staging (or the reverse in prod).`,
        `environments.staging.certificates.web.hostnames[0] (line 10, column 99): "a.example.net" is already claimed by environments.prod.certificates.web.hostnames[0]; one name has one record. Fix: keep one.`,
      ],
    );
  });

  it("shares Route 53 validation records like Cloudflare's, and external ones not at all", () => {
    expectProblems(
      across(
        `web: { domains: [app.example.net, app.example.io], target: lb.example.org }`,
        `staging:
      validationRecordOwners: { app.example.io: prod }
      certificates: { web: { domains: [app.example.net, app.example.io], target: lb.example.org } }`,
      ),
      [
        `environments.staging.validationRecordOwners["app.example.io"] (line 10, column 47): "app.example.io" is in zone example.io at an external DNS host: certkit writes no record there, so no stack owns it. Fix: remove the entry.`,
        `environments.staging.certificates.web.domains[0] (line 11, column 38): the validation record for "app.example.net" is also needed by environment prod in the same account 123456789012; both stacks would manage one Route 53 record. Fix: choose its owner: add \`validationRecordOwners: { "app.example.net": prod }\` to environments.staging (or the reverse in prod).`,
      ],
    );
  });
});

describe("adopt across DNS hosts", () => {
  const adopt = (entries: string) =>
    across(
      `web: { domains: [app.example.net, www.example.net, app.example.io], attach: { cloudfront: { origin: o.example.org } }, hostnames: [app.example.net, app.example.io] }
        api: { domains: [api.example.net], target: lb.example.org, hostnames: [api.example.net] }`,
      `adopt: ${entries}`,
    ).replace("\n  adopt:", "\n    adopt:");

  it("takes a Route 53 record by its import id, the alias's A or a CNAME", () => {
    const env = load(
      adopt(
        `{ hostnames: { app.example.net: Z0123456789ABCDEFGHIJ_app.example.net_A, api.example.net: Z0123456789ABCDEFGHIJ_api.example.net_CNAME } }`,
      ),
    ).config.environments[0];
    expect(
      env.certificates.flatMap((c) => c.hostnames.map((h) => [h.name, h.adoptRecordId])),
    ).toEqual([
      ["app.example.net", "Z0123456789ABCDEFGHIJ_app.example.net_A"],
      ["app.example.io", undefined],
      ["api.example.net", "Z0123456789ABCDEFGHIJ_api.example.net_CNAME"],
    ]);
  });

  it("fails when an id is not the record certkit writes, or names a record it never writes", () => {
    expectProblems(
      adopt(
        `{ validationRecords: { app.example.net: Z0123456789ABCDEFGHIJ_app.example.net_A, app.example.io: "372e67954025e0ba6aaa6d586b9e0b59" }, hostnames: { app.example.net: Z0123456789ABCDEFGHIJ_app.example.net_CNAME, api.example.net: ZOTHERZONE_api.example.net_CNAME, app.example.io: "9a7806061c88ada191ed06f989cc3dac" } }`,
      ),
      [
        `environments.prod.adopt.validationRecords["app.example.net"] (line 10, column 52): names a validation record in Route 53 zone example.net, which needs no adopting: certkit's record takes the existing one over (allow_overwrite; ACM gives every certificate of a name in one account the same CNAME). Fix: remove the entry.`,
        `environments.prod.adopt.validationRecords["app.example.io"] (line 10, column 109): names a record in zone example.io at an external DNS host, where certkit writes nothing (it lists the records in output external_dns_records). Fix: remove the entry.`,
        `environments.prod.adopt.hostnames["app.example.net"] (line 10, column 177): is not the Route 53 record certkit writes at "app.example.net" (an alias A record in zone example.net), got "Z0123456789ABCDEFGHIJ_app.example.net_CNAME". Fix: write "Z0123456789ABCDEFGHIJ_app.example.net_A" (the provider's import id: zone id, name, type).`,
        `environments.prod.adopt.hostnames["api.example.net"] (line 10, column 239): is not the Route 53 record certkit writes at "api.example.net" (a CNAME in zone example.net), got "ZOTHERZONE_api.example.net_CNAME". Fix: write "Z0123456789ABCDEFGHIJ_api.example.net_CNAME" (the provider's import id: zone id, name, type).`,
        `environments.prod.adopt.hostnames["app.example.io"] (line 10, column 289): names a record in zone example.io at an external DNS host, where certkit writes nothing (it lists the records in output external_dns_records). Fix: remove the entry.`,
      ],
    );
  });
});
