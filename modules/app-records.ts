// The app's own CNAMEs: hostnames pointing at the endpoint, proxied by default.
import { Construct } from "constructs";
import type { ResolvedHostname } from "../config/resolve-endpoints";
import type { DnsProviders } from "./dns";
import { idPart } from "../domains/names";

export interface AppRecordsProps {
  /** The hostnames, each routed to its zone. */
  readonly hostnames: readonly ResolvedHostname[];
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
