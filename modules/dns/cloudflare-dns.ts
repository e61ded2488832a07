// Cloudflare as a DNS provider: records in zones given by id or looked up by name.
import { Construct } from "constructs";
import {
  CertificatePack,
  CloudflareProvider,
  DataCloudflareZone,
  DnsRecord,
  TotalTls,
  ZoneSetting,
} from "../provider-imports";
import { MAX_PACK_HOSTS } from "../../domains/edge-certificates";
import type { DnsProvider, DnsRecordRef, DnsRecordSpec } from "./dns-provider";
import { idPart } from "../../domains/names";
import type { ZoneRoute } from "../../domains/zones";

/** Cloudflare's "automatic" TTL; the only one a proxied record may have. */
export const CLOUDFLARE_AUTO_TTL = 1;
/** Cloudflare's limit on a comment on the free plan. */
const MAX_COMMENT = 100;
/**
 * Edge certificates certkit orders: Google Trust Services (Cloudflare's most
 * compatible CA) for 90 days, which it and Let's Encrypt both offer, validated by
 * TXT records Cloudflare adds itself on a full-setup zone.
 * https://developers.cloudflare.com/ssl/reference/certificate-authorities/
 */
export const EDGE_CERTIFICATE_ORDER = {
  certificateAuthority: "google",
  validityDays: 90,
  validationMethod: "txt",
} as const;

export class CloudflareDns extends Construct implements DnsProvider {
  readonly kind = "cloudflare";
  private readonly zoneIds = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // No token argument: the provider reads CLOUDFLARE_API_TOKEN, so it never lands in state or output.
    new CloudflareProvider(this, "provider", {});
  }

  addRecord(spec: DnsRecordSpec): DnsRecordRef {
    const proxied = spec.type === "CNAME" && spec.proxied;
    const zoneId = this.zoneId(spec.zone);
    const record = new DnsRecord(this, spec.id, {
      zoneId,
      name: spec.name,
      type: spec.type,
      ...(spec.type === "CNAME"
        ? { content: spec.content, proxied }
        : { data: { tag: spec.tag, value: spec.value } }),
      // Cloudflare only accepts the automatic TTL on a proxied record.
      ttl: proxied ? CLOUDFLARE_AUTO_TTL : spec.ttlSeconds,
      comment: truncate(spec.comment, MAX_COMMENT),
    });
    record.overrideLogicalId(spec.id);
    // The provider's import id is `<zone_id>/<record_id>`; a zone looked up by name gives
    // an expression, which import blocks accept when it is known at plan (data sources are).
    if (spec.importRecordId) record.importFrom(`${zoneId}/${spec.importRecordId}`);
    // The bindings turn a number in this dynamic attribute into {}: set it raw.
    if (spec.type === "CAA") record.addOverride("data.flags", 0);
    return { fqdn: record.name };
  }

  requireStrictTls(zone: ZoneRoute): void {
    const id = `ssl_${idPart(zone.name)}`;
    new ZoneSetting(this, id, {
      zoneId: this.zoneId(zone),
      settingId: "ssl",
      value: loose("strict"),
    }).overrideLogicalId(id);
  }

  orderEdgeCertificate(zone: ZoneRoute, hosts: readonly string[]): void {
    if (hosts[0] !== zone.name || hosts.length > MAX_PACK_HOSTS) {
      throw new Error(
        `${this.node.path}: a certificate pack for ${zone.name} lists the zone apex first and at most ${MAX_PACK_HOSTS} hosts, got ${hosts.length}: ${hosts.join(", ")}`,
      );
    }
    const id = `edge_certificate_${idPart(zone.name)}`;
    new CertificatePack(this, id, {
      zoneId: this.zoneId(zone),
      type: "advanced",
      hosts: [...hosts],
      ...EDGE_CERTIFICATE_ORDER,
      // Hosts cannot change in place: order the new pack before the old one goes.
      lifecycle: { createBeforeDestroy: true },
    }).overrideLogicalId(id);
  }

  coverEveryProxiedName(zone: ZoneRoute): void {
    const id = `total_tls_${idPart(zone.name)}`;
    new TotalTls(this, id, {
      zoneId: this.zoneId(zone),
      enabled: true,
      certificateAuthority: EDGE_CERTIFICATE_ORDER.certificateAuthority,
    }).overrideLogicalId(id);
  }

  private zoneId(zone: ZoneRoute): string {
    if (zone.zoneId) return zone.zoneId;
    let id = this.zoneIds.get(zone.name);
    if (!id) {
      const lookupId = `zone_${idPart(zone.name)}`;
      // Fails at plan unless exactly one zone of that name is visible to the token.
      const data = new DataCloudflareZone(this, lookupId, { filter: { name: zone.name } });
      data.overrideLogicalId(lookupId);
      id = data.id;
      this.zoneIds.set(zone.name, id);
    }
    return id;
  }
}

/** The bindings type a setting's dynamic value as an object; the API takes a string. */
const loose = (v: string) => v as unknown as { [key: string]: unknown };

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 3)}...`;
}
