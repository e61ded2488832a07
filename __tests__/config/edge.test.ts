// What browsers see: the proxy's edge certificate covers every proxied hostname,
// and CloudFront gets only certificates and policies it can serve.
import { expectProblems, load, loaded, warningsOf, yaml } from "../helpers";

/** Zone example.com with `zone` settings; certificate `web` for *.example.com names, with `hostnames`. */
const deep = (zone: string, hostnames: string) => yaml`
  cloudflare: { zones: { example.com: { sslMode: strict${zone} } } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
        web:
          domains: [example.com, "*.example.com", "*.staging.example.com"]
          target: origin.example.net
          hostnames: ${hostnames}
`;

const deepName = (n: number) => `h${n}.staging.example.com`;

describe("edge certificate coverage", () => {
  it("fails when a proxied hostname is deeper than Universal SSL reaches, string or object", () => {
    expectProblems(
      deep("", "[www.example.com, www.staging.example.com, { name: api.staging.example.com }]"),
      [
        `environments.prod.certificates.web.hostnames[1] (line 10, column 38): "www.staging.example.com" is proxied, but Cloudflare's edge certificate for zone example.com does not cover it (Universal SSL covers only example.com and *.example.com), so browsers would fail the TLS handshake at the edge. Fix: write it as { name: www.staging.example.com, proxied: false } (the endpoint then serves its own certificate), or set cloudflare.zones["example.com"].edgeCertificate: advanced or total-tls (a paid add-on, see docs/cloudflare.md).`,
        `environments.prod.certificates.web.hostnames[2].name (line 10, column 71): "api.staging.example.com" is proxied, but Cloudflare's edge certificate for zone example.com does not cover it (Universal SSL covers only example.com and *.example.com), so browsers would fail the TLS handshake at the edge. Fix: set proxied: false (the endpoint then serves its own certificate), or set cloudflare.zones["example.com"].edgeCertificate: advanced or total-tls (a paid add-on, see docs/cloudflare.md).`,
      ],
    );
  });

  it("accepts deep names DNS-only, and the apex and one level proxied", () => {
    const { config } = load(
      deep("", "[example.com, www.example.com, { name: www.staging.example.com, proxied: false }]"),
    );
    expect(config.zoneSettings.map((z) => z.edge)).toEqual([undefined]);
  });

  it("measures depth from the zone that holds the name, a nested zone included", () => {
    const text = yaml`
      cloudflare: { zones: { example.com: { sslMode: strict }, staging.example.com: { sslMode: strict } } }
      environments:
        prod:
          region: eu-west-1
          certificates:
            web: { domains: ["*.staging.example.com"], target: origin.example.net, hostnames: [www.staging.example.com] }
          accountId: "123456789012"
    `;
    expect(load(text).config.environments[0].certificates[0].hostnames[0]).toMatchObject({
      proxied: true,
      zone: { name: "staging.example.com" },
    });
  });

  it("orders one certificate pack per zone: the apex, then the deep proxied names of every environment", () => {
    const text = yaml`
      cloudflare: { zones: { example.com: { sslMode: strict, edgeCertificate: advanced } } }
      defaults: { region: eu-west-1 }
      environments:
        prod:
          accountId: "123456789012"
          certificates:
            web: { domains: ["*.example.com", "*.shop.example.com"], target: o.example.net, hostnames: [www.example.com, b.shop.example.com, a.shop.example.com] }
        staging:
          accountId: "210987654321"
          certificates:
            web: { domains: ["*.staging.example.com"], target: o.example.net, hostnames: [www.staging.example.com, { name: api.staging.example.com, proxied: false }] }
    `;
    expect(load(text).config.zoneSettings).toEqual([
      {
        zone: { name: "example.com", provider: "cloudflare" },
        caa: false,
        sslMode: "strict",
        edge: {
          kind: "advanced",
          hosts: [
            "example.com",
            "a.shop.example.com",
            "b.shop.example.com",
            "www.staging.example.com",
          ],
        },
      },
    ]);
  });

  it("fails when an advanced pack would exceed Cloudflare's 50 hosts", () => {
    const names = Array.from({ length: 50 }, (_, i) => deepName(i)).join(", ");
    expectProblems(deep(", edgeCertificate: advanced", `[${names}]`), [
      `cloudflare.zones["example.com"].edgeCertificate (line 1, column 73): advanced needs a certificate pack of 51 hosts (example.com and 50 proxied names Universal SSL misses); Cloudflare allows at most 50. Fix: use total-tls, or make some of those hostnames proxied: false.`,
    ]);
    const fits = Array.from({ length: 49 }, (_, i) => deepName(i)).join(", ");
    const edge = load(deep(", edgeCertificate: advanced", `[${fits}]`)).config.zoneSettings[0].edge;
    expect(edge?.kind === "advanced" && edge.hosts.length).toBe(50);
  });

  it("warns when advanced has nothing to order", () => {
    const { config, warnings } = loaded(deep(", edgeCertificate: advanced", "[www.example.com]"));
    expect([
      config.zoneSettings[0].edge,
      warnings.filter((w) => w.includes("edgeCertificate")),
    ]).toEqual([
      undefined,
      [
        'cloudflare.zones["example.com"].edgeCertificate (line 1, column 73): advanced orders nothing: Universal SSL already covers every proxied hostname of example.com. Remove it (universal is the default) unless a deeper proxied name is coming.',
      ],
    ]);
  });

  it("enables Total TLS, which covers deep names up to 64 characters", () => {
    const long = `${"a".repeat(44)}.staging.example.com`; // 64 characters, 65 with "b"
    expect(
      load(deep(", edgeCertificate: total-tls", `[${long}]`)).config.zoneSettings[0].edge,
    ).toEqual({
      kind: "total-tls",
    });
    expectProblems(deep(", edgeCertificate: total-tls", `[b${long}]`), [
      `environments.prod.certificates.web.hostnames[0] (line 10, column 21): "b${long}" is proxied, but Cloudflare's edge certificate for zone example.com does not cover it (Total TLS issues no certificate for a name over 64 characters (65)), so browsers would fail the TLS handshake at the edge. Fix: write it as { name: b${long}, proxied: false } (the endpoint then serves its own certificate), or set cloudflare.zones["example.com"].edgeCertificate: advanced (a paid add-on, see docs/cloudflare.md).`,
    ]);
  });
});

/** Certificate `site` on CloudFront; `cert` and `cloudfront` are extra flow-map fields. */
const onCloudFront = (cert: string, cloudfront = "", hostnames = "[www.example.com]") => yaml`
  cloudflare: { zones: { example.com: { sslMode: strict } } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
        site: { domains: [www.example.com]${cert}, attach: { cloudfront: { origin: o.example.net${cloudfront} } }, hostnames: ${hostnames} }
`;

describe("CloudFront", () => {
  it("fails when the key is EC P-384, which CloudFront cannot serve", () => {
    expectProblems(onCloudFront(", keyAlgorithm: EC_secp384r1"), [
      "environments.prod.certificates.site.keyAlgorithm (line 7, column 57): EC_secp384r1 cannot be served by CloudFront: of the key algorithms ACM issues, it takes RSA_2048 and EC_prime256v1 only, so creating the distribution would fail. Fix: use EC_prime256v1, or RSA_2048 (the default).",
    ]);
    expect(() => load(onCloudFront(", keyAlgorithm: EC_prime256v1"))).not.toThrow();
  });

  it("points hostnames at it DNS-only unless one says proxied: true", () => {
    const hostnames = (text: string) =>
      load(text).config.environments[0].certificates[0].hostnames.map((h) => [h.name, h.proxied]);
    expect([
      hostnames(onCloudFront("")),
      hostnames(onCloudFront("", "", "[{ name: www.example.com, proxied: true }]")),
    ]).toEqual([[["www.example.com", false]], [["www.example.com", true]]]);
  });

  it("warns when a hostname is proxied in front of it anyway", () => {
    const warnings = warningsOf(onCloudFront("", "", "[{ name: www.example.com, proxied: true }]"));
    expect(warnings.filter((w) => w.includes("CloudFront"))).toEqual([
      `environments.prod.certificates.site.hostnames[0].name (line 7, column 114): "www.example.com" is proxied in front of CloudFront: two CDNs in series (responses cached twice, CloudFront sees Cloudflare's addresses instead of the viewers'). Leave out proxied: true unless Cloudflare's features are wanted in front; see docs/endpoints.md.`,
    ]);
    expect(warningsOf(onCloudFront("")).filter((w) => w.includes("CloudFront"))).toEqual([]);
  });

  it("accepts the 2025 policies and refuses those that allow TLS 1.0 or 1.1", () => {
    const policy = (v: string) =>
      load(onCloudFront("", `, minimumProtocolVersion: ${v}`)).config.environments[0]
        .certificates[0].attach;
    expect([policy("TLSv1.2_2025"), policy("TLSv1.3_2025")]).toMatchObject([
      { minimumProtocolVersion: "TLSv1.2_2025" },
      { minimumProtocolVersion: "TLSv1.3_2025" },
    ]);
    expectProblems(onCloudFront("", ", minimumProtocolVersion: TLSv1.1_2016"), [
      'environments.prod.certificates.site.attach.cloudfront.minimumProtocolVersion (line 7, column 114): "TLSv1.1_2016" is not allowed. Did you mean "TLSv1.2_2019"? Fix: use one of TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025, TLSv1.2_2019, TLSv1.2_2018.',
    ]);
  });
});
