// Route 53 and external zones beside Cloudflare's: their schema, and the routes
// the resolved model gives every stack.
import { expectProblems, load, yaml } from "../helpers";

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
  external: { zones: { example.io: { sslMode: strict } } }`,
        "[app.example.net]",
      ),
      [
        `route53.zones["example.net"].zoneId (line 1, column 44): zoneId must be a Route 53 hosted zone id: Z and up to 31 uppercase letters or digits. Got "z123". Fix: copy the Hosted zone ID from the Route 53 console or \`aws route53 list-hosted-zones-by-name\` (without /hostedzone/).`,
        `route53.zones["example.net"].externalId (line 1, column 62): externalId must be 2 to 1224 letters, digits or +=,.@:/-_ (STS's rule). Got "a". Fix: use the external id the role's trust policy asks for.`,
        `route53.zones["example.net"].sslMode (line 1, column 67): sslMode configures a DNS proxy, and Route 53 has none (records there are DNS-only). Fix: remove it; only the zones of a host with a proxy (cloudflare.zones) take it.`,
        `route53.zones["example.net"].edgeCertificate (line 1, column 84): edgeCertificate configures a DNS proxy, and Route 53 has none (records there are DNS-only). Fix: remove it; only the zones of a host with a proxy (cloudflare.zones) take it.`,
        `external.zones["example.io"].sslMode (line 2, column 36): sslMode configures a DNS proxy, and an external DNS host has none (records there are DNS-only). Fix: remove it; only the zones of a host with a proxy (cloudflare.zones) take it.`,
      ],
    );
  });
});
