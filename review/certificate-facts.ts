// What a reviewer needs to know about one certificate, read from the resolved
// config: names, where it is served, which records point at it, which records
// validate it, and who hears about its expiry. Pure.
import type { ResolvedCertificate, ResolvedEnvironment } from "../config/resolve";
import type { ResolvedAlarm } from "../config/derive";
import type { ResolvedAttach, ResolvedHostname } from "../config/resolve-endpoints";
import { capabilitiesOf } from "../domains/dns-hosts";
import { baseName } from "../domains/names";

/**
 * An app record: alias A and AAAA records, a CNAME, or at an apex where the host
 * takes neither (an external host) its own ALIAS or ANAME record, made by hand.
 */
export type AppRecordKind = "alias" | "CNAME" | "ALIAS or ANAME";

export interface HostnameFact {
  readonly name: string;
  /** Through its DNS host's proxy, or DNS-only. */
  readonly proxied: boolean;
  /** The config key of the DNS host of its zone: `cloudflare`, `route53`, `external`. */
  readonly host: string;
  readonly zone: string;
  /** The role in the zone's account that writes the record. @default - the stack's credentials */
  readonly roleArn?: string;
  readonly record: AppRecordKind;
}

export interface EndpointFact {
  /** The attach form: alb-ingress, alb-listener, alb-owned, alb-dns, cloudfront, nlb-listener, nlb-owned, nlb-dns, api-gateway. */
  readonly kind: string;
  /** One sentence, Markdown. */
  readonly description: string;
  /** Short, for the diagram: lines joined by <br/>. */
  readonly label: string;
  /** Whether the certificate ends up on the endpoint (false: certkit only points records at it). */
  readonly serves: boolean;
  /** The diagram's edge from the endpoint to the certificate, in words. */
  readonly edge: string;
}

export interface ValidationFact {
  /** The name the CNAME validates (a wildcard shares its base name's record). */
  readonly baseName: string;
  /** The certificate's names this record validates. */
  readonly names: readonly string[];
  readonly zone?: string;
  readonly zoneId?: string;
  /** The config key of the zone's DNS host, when this environment creates the record. */
  readonly host?: string;
  /** The role in the zone's account that writes the record. @default - the stack's credentials */
  readonly roleArn?: string;
  /** Other certificates of the environment using the same record. */
  readonly sharedWith: readonly string[];
  /** The environment whose stack owns the record, when not this one. */
  readonly ownedBy?: string;
}

export interface CertificateFacts {
  readonly name: string;
  /** Primary first. */
  readonly domains: readonly string[];
  readonly keyAlgorithm: string;
  readonly region: string;
  readonly endpoint?: EndpointFact;
  /** CNAME target of the hostnames when nothing is attached. */
  readonly target?: string;
  readonly hostnames: readonly HostnameFact[];
  readonly validation: readonly ValidationFact[];
  /** false: someone else writes the validation records, and nothing waits for issuance. */
  readonly waitForValidation: boolean;
  /** The AWS Private CA that issues it: a private certificate, with no validation records. */
  readonly certificateAuthorityArn?: string;
  readonly alarm: ResolvedAlarm;
}

export function certificateFacts(
  env: ResolvedEnvironment,
  c: ResolvedCertificate,
): CertificateFacts {
  return {
    name: c.name,
    domains: c.domains,
    keyAlgorithm: c.keyAlgorithm,
    region: c.region,
    ...(c.attach ? { endpoint: endpointFact(c.attach) } : {}),
    ...(c.target ? { target: c.target } : {}),
    hostnames: c.hostnames.map((h) => ({
      name: h.name,
      proxied: h.proxied,
      host: h.zone.provider,
      zone: h.zone.name,
      ...(h.zone.assumeRole ? { roleArn: h.zone.assumeRole.roleArn } : {}),
      record: appRecordKind(c, h),
    })),
    // ACM validates nothing for a private certificate, even for a name a public one validates.
    validation: c.certificateAuthorityArn ? [] : validationFacts(env, c),
    waitForValidation: c.waitForValidation,
    ...(c.certificateAuthorityArn ? { certificateAuthorityArn: c.certificateAuthorityArn } : {}),
    alarm: c.alarm,
  };
}

/** The records ACM checks for this certificate: created here, or owned by another environment. */
export function validationFacts(
  env: ResolvedEnvironment,
  certificate: Pick<ResolvedCertificate, "name" | "domains">,
): ValidationFact[] {
  const namesFor = (base: string) => certificate.domains.filter((d) => baseName(d) === base);
  const created: ValidationFact[] = env.validationRecords
    .filter((r) => r.certificates.includes(certificate.name))
    .map((r) => ({
      baseName: r.baseName,
      names: namesFor(r.baseName),
      zone: r.zone.name,
      ...(r.zone.zoneId ? { zoneId: r.zone.zoneId } : {}),
      host: r.zone.provider,
      ...(r.zone.assumeRole ? { roleArn: r.zone.assumeRole.roleArn } : {}),
      sharedWith: r.certificates.filter((n) => n !== certificate.name),
    }));
  const elsewhere = [...new Set(certificate.domains.map(baseName))]
    .filter((base) => env.validationRecordsOwnedElsewhere[base] !== undefined)
    .map((base) => ({
      baseName: base,
      names: namesFor(base),
      sharedWith: [],
      ownedBy: env.validationRecordsOwnedElsewhere[base],
    }));
  return [...created, ...elsewhere].sort((a, b) => (a.baseName < b.baseName ? -1 : 1));
}

/** The record a hostname gets at its zone's host, pointing at the certificate's endpoint. */
export function appRecordKind(
  c: Pick<ResolvedCertificate, "attach" | "target">,
  h: Pick<ResolvedHostname, "name" | "zone">,
): AppRecordKind {
  const host = capabilitiesOf(h.zone.provider);
  if (host.aliasRecords && configuredDnsName(c) === undefined) return "alias";
  // A host without alias records and without CNAME flattening (config rules warn).
  return h.name === h.zone.name && !host.apexCname ? "ALIAS or ANAME" : "CNAME";
}

/**
 * The endpoint's DNS name when the config gives it (`target`, a load balancer's `dnsName`).
 * Exactly then the endpoint has no hosted zone id for alias records: the others
 * are looked up or created, with their zone id (modules/endpoints/endpoints.ts).
 */
export function configuredDnsName(
  c: Pick<ResolvedCertificate, "attach" | "target">,
): string | undefined {
  if (c.target !== undefined) return c.target;
  return c.attach && "dnsName" in c.attach ? c.attach.dnsName : undefined;
}

function endpointFact(attach: ResolvedAttach): EndpointFact {
  const kind = attach.kind;
  switch (attach.kind) {
    case "alb-ingress":
      return {
        kind,
        description:
          `ALB of the AWS Load Balancer Controller: ingress group \`${attach.ingressGroup}\` on cluster ` +
          `\`${attach.cluster}\` (the ARN goes into the Ingress annotation; certkit never changes its listeners); ` +
          `TLS policy \`${attach.sslPolicy}\`; scheme \`${attach.scheme}\``,
        label: `ALB, Load Balancer Controller<br/>group ${attach.ingressGroup} on ${attach.cluster}`,
        serves: true,
        edge: "serves, once the Helm values are applied",
      };
    case "alb-listener":
      return {
        kind,
        description: `existing HTTPS listener \`${attach.listenerArn}\`: added as an SNI certificate`,
        label: `ALB ${arnName(attach.listenerArn)}<br/>existing listener, SNI`,
        serves: true,
        edge: "serves",
      };
    case "alb-owned":
      return {
        kind,
        description:
          `ALB \`${attach.loadBalancerArn}\`: certkit creates HTTPS:443, forwarding to ` +
          `\`${attach.targetGroupArn}\`, and HTTP:80 redirecting to HTTPS (301); TLS policy \`${attach.sslPolicy}\``,
        label: `ALB ${arnName(attach.loadBalancerArn)}<br/>HTTPS:443 and HTTP:80 redirect`,
        serves: true,
        edge: "serves",
      };
    case "alb-dns":
    case "nlb-dns": {
      const lb = attach.kind === "alb-dns" ? "ALB" : "NLB";
      return {
        kind,
        description: `${lb} \`${attach.dnsName}\`: records point at it; certkit does not attach the certificate`,
        label: `${lb} ${attach.dnsName}<br/>records only`,
        serves: false,
        edge: "certificate not attached by certkit",
      };
    }
    case "nlb-listener":
      return {
        kind,
        description: `existing TLS listener \`${attach.listenerArn}\` of an NLB: added as an SNI certificate`,
        label: `NLB ${arnName(attach.listenerArn)}<br/>existing TLS listener, SNI`,
        serves: true,
        edge: "serves",
      };
    case "nlb-owned":
      return {
        kind,
        description:
          `NLB \`${attach.loadBalancerArn}\`: certkit creates TLS:443, forwarding to ` +
          `\`${attach.targetGroupArn}\`; TLS policy \`${attach.sslPolicy}\`; ALPN policy \`${attach.alpnPolicy}\``,
        label: `NLB ${arnName(attach.loadBalancerArn)}<br/>TLS:443`,
        serves: true,
        edge: "serves",
      };
    case "cloudfront":
      return {
        kind,
        description:
          `CloudFront distribution certkit creates, origin \`${attach.origin}\`${attach.originPath ?? ""} over HTTPS; ` +
          `viewers ${attach.minimumProtocolVersion} or later; ${attach.priceClass}`,
        label: `CloudFront<br/>origin ${attach.origin}`,
        serves: true,
        edge: "serves",
      };
    case "api-gateway": {
      const api = attach.type === "http" ? "HTTP API" : "REST API";
      const where = (m: { basePath?: string }) => `/${m.basePath ?? ""}`;
      const mapped = attach.mappings
        .map((m) => `\`${where(m)}\` to ${api} \`${m.apiId}\` stage \`${m.stage}\``)
        .join(", ");
      return {
        kind,
        description:
          `API Gateway ${attach.endpoint === "edge" ? "edge-optimized custom domain (API Gateway's CloudFront distribution; certificate in us-east-1)" : "regional custom domain"} ` +
          `for each hostname, TLS 1.2; ${mapped}`,
        label: `API Gateway ${attach.endpoint} domain<br/>${attach.mappings.map((m) => `${where(m)} to ${m.apiId} ${m.stage}`).join("<br/>")}`,
        serves: true,
        edge: "serves",
      };
    }
  }
}

/** `arn:aws:elasticloadbalancing:...:loadbalancer/app/shop-prod/50dc...` -> `shop-prod` (net/ too). */
export function arnName(arn: string): string {
  const parts = arn.split(":").pop()!.split("/");
  if (parts[0] === "targetgroup") return parts[1] ?? "";
  return parts[2] ?? parts[parts.length - 1];
}
