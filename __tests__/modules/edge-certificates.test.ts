// Edge certificates in the zones stack: what Cloudflare is asked to order, and
// the limits the construct asserts itself.
import { TerraformStack, Testing } from "cdktf";
import { advancedPackHosts, universalCovers } from "../../domains/edge-certificates";
import { edgeProxyOf } from "../../domains/dns-hosts";
import { CloudflareDns } from "../../modules/dns/cloudflare-dns";
import { buildApp } from "../../stacks/build-app";
import { SynthJson, expectCounts, load, resourceOf, yaml } from "../helpers";

/** The zones stack of a config whose zone example.com sets `edge`, with one deep proxied name. */
function zonesStack(edge: string): SynthJson {
  const text = yaml`
    cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef, edgeCertificate: ${edge} } } }
    environments:
      prod:
        region: eu-west-1
        accountId: "123456789012"
        certificates:
          web: { domains: ["*.shop.example.com"], target: o.example.net, hostnames: [www.shop.example.com] }
  `;
  const stacks = buildApp(Testing.app(), load(text).config);
  const zones = stacks.find((s) => s.node.id === "zones");
  if (!zones) throw new Error(`no zones stack: ${stacks.map((s) => s.node.id).join(", ")}`);
  return JSON.parse(Testing.synth(zones, true)) as SynthJson;
}

describe("edge certificates in the zones stack", () => {
  it("orders an advanced certificate pack for the apex and the deep proxied names", () => {
    const json = zonesStack("advanced");
    expectCounts(json, { cloudflare_certificate_pack: 1, cloudflare_total_tls: 0 });
    expect(resourceOf(json, "cloudflare_certificate_pack", "edge_certificate_example_com")).toEqual(
      {
        zone_id: "0123456789abcdef0123456789abcdef",
        type: "advanced",
        hosts: ["example.com", "www.shop.example.com"],
        certificate_authority: "google",
        validity_days: 90,
        validation_method: "txt",
        lifecycle: { create_before_destroy: true },
      },
    );
  });

  it("enables Total TLS for the zone", () => {
    const json = zonesStack("total-tls");
    expectCounts(json, { cloudflare_certificate_pack: 0, cloudflare_total_tls: 1 });
    expect(resourceOf(json, "cloudflare_total_tls", "total_tls_example_com")).toEqual({
      zone_id: "0123456789abcdef0123456789abcdef",
      enabled: true,
      certificate_authority: "google",
    });
  });

  it("orders nothing when Universal SSL covers every proxied name", () => {
    const text = yaml`
      cloudflare: { zones: { example.com: { edgeCertificate: advanced } } }
      environments:
        prod: { region: eu-west-1, accountId: "123456789012", certificates: { web: { domains: [www.example.com], target: o.example.net, hostnames: [www.example.com] } } }
    `;
    const zones = buildApp(Testing.app(), load(text).config).find((s) => s.node.id === "zones")!;
    expectCounts(JSON.parse(Testing.synth(zones, true)) as SynthJson, {
      cloudflare_certificate_pack: 0,
      cloudflare_total_tls: 0,
    });
  });

  it("fails when a pack does not start with the zone apex or exceeds 50 hosts", () => {
    const dns = new CloudflareDns(new TerraformStack(Testing.app(), "s"), "cloudflare");
    const zone = { name: "example.com", provider: "cloudflare" };
    expect(() => dns.orderEdgeCertificate(zone, ["a.b.example.com"])).toThrow(
      "s/cloudflare: a certificate pack for example.com lists the zone apex first and at most 50 hosts, got 1: a.b.example.com",
    );
    const many = ["example.com", ...Array.from({ length: 50 }, (_, i) => `h${i}.b.example.com`)];
    expect(() => dns.orderEdgeCertificate(zone, many)).toThrow(
      new Error(
        `s/cloudflare: a certificate pack for example.com lists the zone apex first and at most 50 hosts, got 51: ${many.join(", ")}`,
      ),
    );
  });
});

describe("Cloudflare's free edge certificate", () => {
  it("covers the apex and one level, not deeper names or other zones", () => {
    expect(
      ["example.com", "www.example.com", "a.b.example.com", "example.org", "badexample.com"].map(
        (n) => universalCovers("example.com", n),
      ),
    ).toEqual([true, true, false, false, false]);
  });

  it("leaves to an advanced pack exactly the names it misses, apex first, sorted, once", () => {
    const proxy = edgeProxyOf("cloudflare")!;
    expect([
      advancedPackHosts(
        "example.com",
        ["b.x.example.com", "www.example.com", "a.x.example.com", "b.x.example.com"],
        proxy,
      ),
      advancedPackHosts("example.com", ["www.example.com"], proxy),
    ]).toEqual([["example.com", "a.x.example.com", "b.x.example.com"], []]);
  });
});
