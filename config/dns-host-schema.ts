// The DNS hosts' sections of the config: `cloudflare`, `route53`, `external`, each
// with its zones by apex. What each host can do is in domains/dns-hosts.ts; a new
// host is one entry in DNS_HOST_SCHEMAS (plus its class and registry line).
import { z } from "zod";
import { EDGE_CERTIFICATES } from "../domains/edge-certificates";
import { DNS_HOST_CAPABILITIES, type DnsHost, isDnsHost } from "../domains/dns-hosts";

const caa = (seeDoc: string, otherCas: string) =>
  z
    .boolean()
    .default(false)
    .meta({
      description: `CAA issue and issuewild records for amazon.com at the apex (in the zones stack). They apply to every name without CAA records closer to it (RFC 8659: the closest name with CAA records wins, so a CAA set on a subdomain overrides them) and restrict every other CA in the zone${otherCas}. See ${seeDoc}. @default false`,
    });

export const ZoneSchema = z.strictObject({
  zoneId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, {
      error:
        "zoneId must be 32 lowercase hex characters, quoted Fix: copy the Zone ID from the zone's overview page in Cloudflare, in quotes.",
    })
    .optional()
    .meta({
      description:
        "Cloudflare zone id (32 hex characters, quoted if all digits). Without it, data.cloudflare_zone finds the zone by name at plan time and fails unless exactly one matches. @default - looked up by name",
    }),
  caa: caa("docs/cloudflare.md", " (Cloudflare adds its own CAs)"),
  sslMode: z.enum(["strict"]).optional().meta({
    description:
      "strict sets the zone's SSL mode to Full (strict), in the zones stack. Proxied records in front of an HTTPS endpoint need it (Flexible plus the HTTP->HTTPS redirect loops); a proxied hostname in a zone without it gets a warning. Zone-wide: it applies to every proxied record of the zone, also those certkit does not manage. @default - unmanaged",
  }),
  edgeCertificate: z.enum(EDGE_CERTIFICATES).default("universal").meta({
    description:
      "The certificate Cloudflare's proxy serves for proxied names. universal: the free one, apex and one level only (deeper proxied names are refused); advanced: certkit orders a certificate pack for the deeper proxied names (paid add-on); total-tls: Cloudflare orders one per proxied name (paid add-on). See docs/cloudflare.md. @default universal",
  }),
});

export const CloudflareSchema = z
  .strictObject({
    zones: z.record(z.string(), ZoneSchema).meta({
      description:
        "Zones the kit may write to, by apex name. Each record goes to the zone with the longest matching suffix, whichever host has it.",
    }),
  })
  .meta({
    description: "Cloudflare as DNS host: the zones that get the validation and app records.",
  });

/** Route 53 hosted zone ids: `Z` and up to 31 uppercase letters or digits. */
const ROUTE53_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
/** STS AssumeRole's ExternalId: 2 to 1224 characters of [\w+=,.@:/-]; environments and zones alike. */
export const ExternalIdSchema = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, {
  error:
    'externalId must be 2 to 1224 letters, digits or "_+=,.@:/-" (what STS AssumeRole takes) Fix: use the external id the role\'s trust policy names, such as "certkit-7f3a9c".',
});

export const Route53ZoneSchema = z.strictObject({
  zoneId: z
    .string()
    .regex(ROUTE53_ZONE_ID, {
      error:
        "zoneId must be a Route 53 hosted zone id: Z and up to 31 uppercase letters or digits Fix: copy the Hosted zone ID from the Route 53 console or `aws route53 list-hosted-zones-by-name` (without /hostedzone/).",
    })
    .optional()
    .meta({
      description:
        "Route 53 hosted zone id, such as Z0123456789ABCDEFGHIJ. Without it, data.aws_route53_zone finds the zone by name (and privateZone) at plan time and fails unless exactly one matches. @default - looked up by name",
    }),
  privateZone: z.boolean().default(false).meta({
    description:
      "The zone is private (visible inside its VPCs only): the lookup by name asks for the private zone, and ACM cannot see validation records there, so certificate names validate in a public zone. App records may live here. @default false",
  }),
  roleArn: z.string().optional().meta({
    description:
      "IAM role in the zone's account that certkit's AWS provider for this zone assumes (assume_role), for a zone in another account. Needs route53:ChangeResourceRecordSets, GetChange, ListResourceRecordSets, GetHostedZone (and ListHostedZones without zoneId). @default - the stack's own AWS credentials",
  }),
  externalId: ExternalIdSchema.optional().meta({
    description:
      "External id the role's trust policy requires (sts:ExternalId), with roleArn. @default - none",
  }),
  caa: caa("docs/dns-hosts.md", ""),
});

export const Route53Schema = z
  .strictObject({
    zones: z.record(z.string(), Route53ZoneSchema).meta({
      description:
        "Route 53 hosted zones the kit may write to, by apex name: validation CNAMEs (allow_overwrite), alias A and AAAA app records. Longest matching suffix across every host wins.",
    }),
  })
  .meta({ description: "Amazon Route 53 as DNS host (docs/dns-hosts.md)." });

export const ExternalZoneSchema = z.strictObject({});

export const ExternalSchema = z
  .strictObject({
    zones: z.record(z.string(), ExternalZoneSchema).meta({
      description:
        "Zones at a DNS host Terraform does not manage, by apex name: certkit writes no record there and lists each one to create in the environment's output external_dns_records. Validation waits for them (validationTimeoutMinutes).",
    }),
  })
  .meta({
    description:
      "DNS hosts certkit cannot write to: it reports the records instead (docs/dns-hosts.md).",
  });

/** Each host's config section, by its key: the same keys as the capability table and the registry. */
export const DNS_HOST_SCHEMAS = {
  cloudflare: CloudflareSchema,
  route53: Route53Schema,
  external: ExternalSchema,
} as const satisfies Record<DnsHost, z.ZodType>;

/** Zone keys that configure a DNS host's proxy. */
const PROXY_ZONE_KEYS = ["sslMode", "edgeCertificate"];

/**
 * Why `key` is unknown in a zone of a host, when it is a setting another host
 * has and this one lacks the capability for (`sslMode` under route53.zones).
 */
export function hostZoneKeyProblem(path: readonly (string | number)[], key: string) {
  const [host, zones] = path;
  if (path.length !== 3 || zones !== "zones" || typeof host !== "string" || !isDnsHost(host))
    return undefined;
  const caps = DNS_HOST_CAPABILITIES[host];
  if (PROXY_ZONE_KEYS.includes(key) && !caps.proxy) {
    return `${key} configures a DNS proxy, and ${caps.label} has none (records there are DNS-only). Fix: remove it; only the zones of a host with a proxy (cloudflare.zones) take it.`;
  }
  if (key === "caa" && !caps.writesRecords) {
    return `caa writes CAA records, and certkit writes no record at ${caps.label}. Fix: remove it, and if the zone has CAA records, add \`0 issue "amazon.com"\` (and issuewild for wildcards) there by hand.`;
  }
  return undefined;
}
