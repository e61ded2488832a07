// What stacks and modules need from a DNS host. Cloudflare is one implementation;
// Route 53 or an "external" (report-only) host is another file, not an edit everywhere.
import type { ZoneRoute } from "../../domains/zones";

/** The TTLs a record may have, as a sentence: Cloudflare's "automatic" 1, or 60 s to a day. */
export const DNS_TTLS = "1 (automatic) or 60 to 86400 seconds";

/** Whether a record may have this TTL (see DNS_TTLS). */
export function isDnsTtl(ttl: number): boolean {
  return ttl === 1 || (Number.isInteger(ttl) && ttl >= 60 && ttl <= 86_400);
}

interface RecordCommon {
  /** Terraform id of the record: stable, derived from names, never from positions. */
  readonly id: string;
  /** The zone the record goes to. */
  readonly zone: ZoneRoute;
  /** Full name, no trailing dot. Values may be Terraform expressions known only at apply. */
  readonly name: string;
  /** TTL in seconds; proxied records always use the provider's automatic TTL. */
  readonly ttlSeconds: number;
  /** Why the record exists, shown in the provider's UI. */
  readonly comment: string;
  /** Id of an existing record to take over with an import block. @default - the record is created */
  readonly importRecordId?: string;
}

export interface CnameRecordSpec extends RecordCommon {
  /** A CNAME: app and validation records. */
  readonly type: "CNAME";
  /** Target, no trailing dot. */
  readonly content: string;
  /** Serve through the provider's proxy/CDN (validation records never are). */
  readonly proxied: boolean;
}

export interface CaaRecordSpec extends RecordCommon {
  /** A CAA record: which CAs may issue for the zone. */
  readonly type: "CAA";
  /** `issue` for names, `issuewild` for wildcards. */
  readonly tag: "issue" | "issuewild";
  /** The CA's domain, such as amazon.com. */
  readonly value: string;
}

/** A record to create. */
export type DnsRecordSpec = CnameRecordSpec | CaaRecordSpec;

/** A created record, as consumers reference it. */
export interface DnsRecordRef {
  /** The record's name as the provider stores it; referencing it orders consumers after creation. */
  readonly fqdn: string;
}

export interface DnsProvider {
  /** The config key this provider serves (`cloudflare`). */
  readonly kind: string;
  addRecord(spec: DnsRecordSpec): DnsRecordRef;
  /**
   * Make the provider's proxy reach origins only over verified TLS (Cloudflare's
   * "Full (strict)"); a provider without a proxy has nothing to set.
   */
  requireStrictTls(zone: ZoneRoute): void;
  /**
   * Serve `hosts` (the zone apex first) from the proxy with a certificate ordered
   * for them (Cloudflare's advanced certificate pack, a paid add-on).
   */
  orderEdgeCertificate(zone: ZoneRoute, hosts: readonly string[]): void;
  /** Let the proxy order a certificate for each proxied name of the zone (Cloudflare's Total TLS). */
  coverEveryProxiedName(zone: ZoneRoute): void;
}

/** DNS providers of one stack, by config key. */
export class DnsProviders {
  private readonly byKind = new Map<string, DnsProvider>();

  constructor(private readonly create: (kind: string) => DnsProvider) {}

  /** The provider hosting `zone`, created on first use so unused providers add nothing. */
  forZone(zone: ZoneRoute): DnsProvider {
    let p = this.byKind.get(zone.provider);
    if (!p) {
      p = this.create(zone.provider);
      this.byKind.set(zone.provider, p);
    }
    return p;
  }

  addRecord(spec: DnsRecordSpec): DnsRecordRef {
    return this.forZone(spec.zone).addRecord(spec);
  }
}
