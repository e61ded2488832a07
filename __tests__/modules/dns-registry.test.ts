// Adding a DNS host is one class, one registry line, one schema entry and one
// capability row: this keeps the four in step.
import { Testing } from "cdktf";
import { DNS_HOST_SCHEMAS } from "../../config/dns-host-schema";
import { ConfigSchema } from "../../config/schema";
import { DNS_HOSTS, DNS_HOST_CAPABILITIES } from "../../domains/dns-hosts";
import { DNS_HOST_FACTORIES } from "../../modules/dns";

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe("the DNS host registry", () => {
  it("has the same hosts as the capability table, the host schemas and the config's top-level keys", () => {
    const hosts = sorted(DNS_HOSTS);
    expect(hosts).toEqual(["cloudflare", "external", "route53"]);
    expect(sorted(Object.keys(DNS_HOST_FACTORIES))).toEqual(hosts);
    expect(sorted(Object.keys(DNS_HOST_CAPABILITIES))).toEqual(hosts);
    expect(sorted(Object.keys(DNS_HOST_SCHEMAS))).toEqual(hosts);
    for (const host of hosts) {
      // The config key holds exactly the host's schema (optional), so a host is configured where it is registered.
      const entry = ConfigSchema.shape[host as keyof typeof ConfigSchema.shape];
      expect(entry.def.type).toBe("optional");
      expect((entry.def as { innerType: unknown }).innerType).toBe(
        DNS_HOST_SCHEMAS[host as keyof typeof DNS_HOST_SCHEMAS],
      );
    }
  });

  it("makes each host's construct with the host's key as its kind", () => {
    Testing.synthScope((scope) => {
      for (const [host, make] of Object.entries(DNS_HOST_FACTORIES)) {
        expect(make(scope, { region: "eu-west-1" }).kind).toBe(host);
      }
    });
  });
});
