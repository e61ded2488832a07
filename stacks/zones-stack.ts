// `zones`: zone-wide settings (CAA for Amazon's CAs, SSL mode, edge certificates). One stack for all
// environments, since two stacks managing one zone setting would fight over it.
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import type { ResolvedConfig } from "../config/resolve";
import { ZONES_STACK } from "../config/stack-names";
import { idPart } from "../domains/names";
import { dnsProvidersFor } from "../modules/dns";
import { AwsProvider } from "../modules/provider-imports";
import { configureBackend } from "./backend";

/** CAs ACM issues from; any one of them in a CAA record lets ACM issue. */
export const AMAZON_CAA_DOMAIN = "amazon.com";

export interface ZonesStackProps {
  /** The zones with settings and where the stack's state lives. */
  readonly config: Pick<ResolvedConfig, "zoneSettings" | "zonesBackend">;
  /** AWS region of the stack's AWS provider (Route 53 zones) and of an s3 backend without its own. */
  readonly region: string;
  /** The project root as seen from the stack's folder, where relative local state paths start. @default "../../.." */
  readonly projectRoot?: string;
}

export class ZonesStack extends TerraformStack {
  constructor(scope: Construct, props: ZonesStackProps) {
    super(scope, ZONES_STACK);
    configureBackend(this, props.config.zonesBackend, props.region, props.projectRoot);
    let aws: AwsProvider | undefined;
    // The default AWS provider, made only when a zone's host is in AWS.
    const dns = dnsProvidersFor(this, {
      region: props.region,
      awsProvider: () => {
        aws ??= new AwsProvider(this, "aws", { region: props.region });
        return undefined;
      },
    });
    for (const s of props.config.zoneSettings) {
      if (s.caa) {
        for (const tag of ["issue", "issuewild"] as const) {
          dns.addRecord({
            id: `caa_${tag}_${idPart(s.zone.name)}`,
            zone: s.zone,
            name: s.zone.name,
            type: "CAA",
            tag,
            value: AMAZON_CAA_DOMAIN,
            ttlSeconds: 3600,
            comment: "certkit: lets ACM issue certificates for this zone",
            purpose: "caa",
          });
        }
      }
      if (s.sslMode === "strict") dns.forZone(s.zone).requireStrictTls(s.zone);
      if (s.edge?.kind === "advanced")
        dns.forZone(s.zone).orderEdgeCertificate(s.zone, s.edge.hosts);
      if (s.edge?.kind === "total-tls") dns.forZone(s.zone).coverEveryProxiedName(s.zone);
    }
  }
}
