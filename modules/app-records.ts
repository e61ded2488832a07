// The app's own CNAMEs: hostnames pointing at the endpoint, proxied by default.
import { Construct } from "constructs";
import { DNS_TTLS, type DnsProviders, isDnsTtl } from "./dns";
import { idPart } from "../domains/names";
import type { ZoneRoute } from "../domains/zones";

/** One app record: a hostname and the zone it goes to. */
export interface AppHostname {
  /** Full name, no trailing dot. */
  readonly name: string;
  /** The zone that holds it. */
  readonly zone: ZoneRoute;
  /** Serve through the DNS host's proxy/CDN. */
  readonly proxied: boolean;
  /** TTL of a DNS-only record (see DNS_TTLS); a proxied one takes the provider's automatic TTL. */
  readonly ttlSeconds: number;
  /** Id of an existing record at this name to take over with an import block. @default - the record is created */
  readonly adoptRecordId?: string;
}

export interface AppRecordsProps {
  /** The hostnames, each routed to its zone. */
  readonly hostnames: readonly AppHostname[];
  /** CNAME target: the ALB's or distribution's DNS name (may be a Terraform reference). */
  readonly target: string;
  /** Where records go. */
  readonly dns: DnsProviders;
  /** Shown in each record's comment. */
  readonly description: string;
}

export class AppRecords extends Construct {
  constructor(scope: Construct, id: string, props: AppRecordsProps) {
    super(scope, id);
    for (const h of props.hostnames) {
      if (!h.proxied && !isDnsTtl(h.ttlSeconds)) {
        throw new Error(
          `${this.node.path}: TTL of ${h.name} must be ${DNS_TTLS}, got ${h.ttlSeconds}.`,
        );
      }
      props.dns.addRecord({
        id: `app_${idPart(h.name)}`,
        zone: h.zone,
        name: h.name,
        type: "CNAME",
        content: props.target,
        proxied: h.proxied,
        ttlSeconds: h.ttlSeconds,
        comment: `certkit: ${props.description}`,
        importRecordId: h.adoptRecordId,
      });
    }
  }
}
