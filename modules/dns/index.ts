// The DNS hosts certkit knows, by the config key that holds their zones: one line
// per host (its capabilities: domains/dns-hosts.ts; its schema: config/dns-host-schema.ts).
import { Construct } from "constructs";
import type { DnsHost } from "../../domains/dns-hosts";
import type { AwsProvider } from "../provider-imports";
import { CloudflareDns } from "./cloudflare-dns";
import { DnsProvider, DnsProviders } from "./dns-provider";
import { ExternalDns } from "./external-dns";
import { Route53Dns } from "./route53-dns";

/** What a stack offers its DNS hosts. */
export interface DnsStackContext {
  /** The stack's AWS region. */
  readonly region: string;
  /** The stack's AWS provider, made on first call where a stack has none yet. @default - the stack's default provider */
  readonly awsProvider?: () => AwsProvider | undefined;
}

export const DNS_HOST_FACTORIES: Record<
  DnsHost,
  (scope: Construct, ctx: DnsStackContext) => DnsProvider
> = {
  cloudflare: (scope) => new CloudflareDns(scope, "cloudflare"),
  route53: (scope, ctx) =>
    new Route53Dns(scope, "route53", { region: ctx.region, provider: ctx.awsProvider }),
  external: (scope) => new ExternalDns(scope, "external"),
};

/** DNS providers for a stack; each adds its Terraform provider only when first used. */
export function dnsProvidersFor(scope: Construct, ctx: DnsStackContext): DnsProviders {
  return new DnsProviders((kind) => {
    const factory = DNS_HOST_FACTORIES[kind as DnsHost];
    if (!factory) throw new Error(`No DNS provider for zones under "${kind}".`);
    return factory(scope, ctx);
  });
}

export type { DnsProvider, DnsRecordSpec, DnsRecordRef, ReportedRecord } from "./dns-provider";
export { DNS_TTLS, DnsProviders, isDnsTtl } from "./dns-provider";
