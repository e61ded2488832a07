// The app's own records: hostnames pointing at the endpoint (CNAMEs, or aliases
// where the host has them and the endpoint a hosted zone id).
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

/** Where app records point: an endpoint's DNS name and, for alias records, its hosted zone. */
export interface EndpointTarget {
  /** The endpoint's DNS name, no trailing dot (may be a Terraform reference). */
  readonly dnsName: string;
  /**
   * The endpoint's canonical hosted zone id (an ALB's `zone_id`, CloudFront's
   * `hosted_zone_id`), which a DNS host with alias records needs. @default - unknown: no alias record
   */
  readonly hostedZoneId?: string;
  /**
   * The name alias records point at, where it differs from `dnsName`: an ALB's
   * `dualstack.<dnsName>`, which answers AAAA queries too. @default - dnsName
   */
  readonly aliasDnsName?: string;
}

/**
 * A load balancer as a target. Alias records to an ALB use its `dualstack.` name,
 * which answers A and, for a dualstack ALB, AAAA queries
 * (https://repost.aws/knowledge-center/elb-configure-with-ipv6). An NLB has no
 * `dualstack.` name unless it is dualstack (aws/aws-cdk#16987), and its own name
 * answers AAAA when it is: the Route 53 console prepends `dualstack.` for
 * application and Classic Load Balancers only ("Routing traffic to an ELB load
 * balancer", Route 53 Developer Guide).
 */
export function loadBalancerTarget(
  lb: { dnsName: string; zoneId: string },
  type: "app" | "net",
): EndpointTarget {
  return {
    dnsName: lb.dnsName,
    hostedZoneId: lb.zoneId,
    aliasDnsName: type === "app" ? `dualstack.${lb.dnsName}` : undefined,
  };
}

export interface AppRecordsProps {
  /** The hostnames, each routed to its zone. */
  readonly hostnames: readonly AppHostname[];
  /** What they point at. */
  readonly target: EndpointTarget;
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
        content: props.target.dnsName,
        proxied: h.proxied,
        ttlSeconds: h.ttlSeconds,
        comment: `certkit: ${props.description}`,
        purpose: "app",
        // Hosts with alias records point at the endpoint's hosted zone; the others ignore it.
        alias:
          props.target.hostedZoneId === undefined
            ? undefined
            : {
                name: props.target.aliasDnsName ?? props.target.dnsName,
                zoneId: props.target.hostedZoneId,
              },
        importRecordId: h.adoptRecordId,
      });
    }
  }
}
