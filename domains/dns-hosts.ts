// What each DNS host can do, as data: rules and constructs ask for a capability,
// never for a host by name. Adding a host: one entry here, its schema in
// config/dns-host-schema.ts, its class in modules/dns/ and one registry line.
import { type EdgeProxy, cloudflareProxy } from "./edge-certificates";

/** The config keys of the DNS hosts certkit knows. */
export const DNS_HOSTS = ["cloudflare", "route53", "external"] as const;
export type DnsHost = (typeof DNS_HOSTS)[number];

export interface DnsHostCapabilities {
  /** The host's name in messages, such as "Route 53". */
  readonly label: string;
  /** certkit writes its records (external: it only reports them). */
  readonly writesRecords: boolean;
  /** Its proxy (`proxied`, `sslMode`, `edgeCertificate`). @default - none: records are DNS-only */
  readonly proxy?: EdgeProxy;
  /** It takes TTL 1 as "automatic". */
  readonly automaticTtl: boolean;
  /**
   * App records are alias records (A and AAAA) where the endpoint has a hosted
   * zone id: allowed at the zone apex, no charge per query.
   */
  readonly aliasRecords: boolean;
  /** A CNAME may sit at the zone apex (the host flattens it). */
  readonly apexCname: boolean;
}

export const DNS_HOST_CAPABILITIES: Record<DnsHost, DnsHostCapabilities> = {
  cloudflare: {
    label: "Cloudflare",
    writesRecords: true,
    proxy: cloudflareProxy,
    automaticTtl: true,
    aliasRecords: false,
    // https://developers.cloudflare.com/dns/cname-flattening/
    apexCname: true,
  },
  route53: {
    label: "Route 53",
    writesRecords: true,
    automaticTtl: false,
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html
    aliasRecords: true,
    apexCname: false,
  },
  external: {
    label: "an external DNS host",
    writesRecords: false,
    automaticTtl: false,
    aliasRecords: false,
    apexCname: false,
  },
};

/** Where zones are configured, as a fix says it: "cloudflare.zones, route53.zones or external.zones". */
export const ZONE_SECTIONS = DNS_HOSTS.map((h) => `${h}.zones`)
  .join(", ")
  .replace(/, ([^,]+)$/, " or $1");

export function isDnsHost(key: string): key is DnsHost {
  return (DNS_HOSTS as readonly string[]).includes(key);
}

/** What the host `provider` can do; throws for a key no host has (certkit's bug). */
export function capabilitiesOf(provider: string): DnsHostCapabilities {
  if (!isDnsHost(provider)) throw new Error(`No DNS host "${provider}".`);
  return DNS_HOST_CAPABILITIES[provider];
}

/** The proxy of the DNS host `provider`, or undefined when it has none. */
export function edgeProxyOf(provider: string): EdgeProxy | undefined {
  return capabilitiesOf(provider).proxy;
}
