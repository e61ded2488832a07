// What stacks and modules need from a DNS host. Cloudflare is one implementation;
// Route 53 or an "external" (report-only) host is another file, not an edit everywhere.
import type { ZoneRoute } from "../../domains/zones";

/** A record to create. Values may be Terraform expressions known only at apply. */
export interface DnsRecordSpec {
  /** Terraform id of the record: stable, derived from names, never from positions. */
  readonly id: string;
  readonly zone: ZoneRoute;
  /** Full name, no trailing dot. */
  readonly name: string;
  readonly type: "CNAME" | "CAA";
  /** CNAME target, no trailing dot. */
  readonly content: string;
  /** Serve through the provider's proxy/CDN. @default false */
  readonly proxied?: boolean;
  /** TTL in seconds; proxied records always use the provider's automatic TTL. @default 60 */
  readonly ttlSeconds?: number;
  /** Why the record exists, shown in the provider's UI. */
  readonly comment: string;
}

/** A created record, as consumers reference it. */
export interface DnsRecordRef {
  /** The record's name as the provider stores it; referencing it orders consumers after creation. */
  readonly fqdn: string;
}

export interface DnsProvider {
  /** The config key this provider serves (`cloudflare`). */
  readonly kind: string;
  addRecord(spec: DnsRecordSpec): DnsRecordRef;
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
