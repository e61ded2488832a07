// What stacks and modules need from a DNS host. Each host is one implementation
// (cloudflare-dns.ts, route53-dns.ts, external-dns.ts); what each can do is in
// domains/dns-hosts.ts, which the config rules read before anything is built.
import type { Construct } from "constructs";
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
  /** What the record is for: a certificate's validation, an app hostname, CAA. */
  readonly purpose: RecordPurpose;
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
  /**
   * The target as an alias: a host with alias records writes alias A and AAAA
   * records to it instead of the CNAME. @default - a CNAME
   */
  readonly alias?: AliasTarget;
}

export interface CaaRecordSpec extends RecordCommon {
  /** A CAA record: which CAs may issue for the zone. */
  readonly type: "CAA";
  /** `issue` for names, `issuewild` for wildcards. */
  readonly tag: "issue" | "issuewild";
  /** The CA's domain, such as amazon.com. */
  readonly value: string;
}

/** A CAA record's value as written in a zone file: `0 issue "amazon.com"` (flags 0, RFC 8659). */
export function caaText(spec: Pick<CaaRecordSpec, "tag" | "value">): string {
  return `0 ${spec.tag} "${spec.value}"`;
}

/** What an alias record points at. */
export interface AliasTarget {
  /** The endpoint's DNS name for alias records (an ALB's `dualstack.` name). */
  readonly name: string;
  /** The endpoint's canonical hosted zone id. */
  readonly zoneId: string;
}

/** A record to create. */
export type DnsRecordSpec = CnameRecordSpec | CaaRecordSpec;

export type RecordPurpose = "validation" | "app" | "caa";

/** A record certkit cannot write (an external host): someone creates it from this. */
export interface ReportedRecord {
  /** Full name, no trailing dot (may be a Terraform expression). */
  readonly name: string;
  readonly type: string;
  /** The record's value (may be a Terraform expression known after the certificate is requested). */
  readonly value: string;
  readonly why: RecordPurpose;
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
  /** Records the host leaves to someone else, to list in an output. @default - none */
  reportedRecords?(): readonly ReportedRecord[];
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

  /** Every record a host of this stack left to someone else, in the order they were added. */
  reportedRecords(): ReportedRecord[] {
    return [...this.byKind.values()].flatMap((p) => p.reportedRecords?.() ?? []);
  }
}

/** The error a host without a proxy throws when asked for one (the config rules refuse that). */
export function noProxy(scope: Construct, label: string, zone: ZoneRoute): Error {
  return new Error(`${scope.node.path}: ${label} has no proxy to configure for zone ${zone.name}.`);
}
