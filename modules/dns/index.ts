// The DNS providers certkit knows, by the config key that holds their zones.
import { Construct } from "constructs";
import { CloudflareDns } from "./cloudflare-dns";
import { DnsProvider, DnsProviders } from "./dns-provider";

const FACTORIES: Record<string, (scope: Construct) => DnsProvider> = {
  cloudflare: (scope) => new CloudflareDns(scope, "cloudflare"),
};

/** DNS providers for a stack; each adds its Terraform provider only when first used. */
export function dnsProvidersFor(scope: Construct): DnsProviders {
  return new DnsProviders((kind) => {
    const factory = FACTORIES[kind];
    if (!factory) throw new Error(`No DNS provider for zones under "${kind}".`);
    return factory(scope);
  });
}

export type { DnsProvider, DnsRecordSpec, DnsRecordRef } from "./dns-provider";
export { DNS_TTLS, DnsProviders, isDnsTtl } from "./dns-provider";
