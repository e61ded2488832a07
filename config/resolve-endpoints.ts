// Resolved `attach` and `hostnames` of a certificate: which endpoint form, which
// records. Runs after the endpoint rules passed.
import { normalizeDomain } from "../domains/names";
import type { ZoneRoute, ZoneRouter } from "../domains/zones";
import type { KeyPath } from "./issues";
import type { CertificateConfig, CertkitConfig } from "./schema";
import {
  type AlbAttachConfig,
  type CloudFrontAttachConfig,
  hostnameEntry,
} from "./endpoint-schema";

export type ResolvedAttach =
  /** ALB of the AWS Load Balancer Controller: found by its tags, never modified. */
  | {
      readonly kind: "alb-ingress";
      readonly cluster: string;
      readonly ingressGroup: string;
      readonly sslPolicy: string;
      readonly scheme: AlbAttachConfig["scheme"];
    }
  /** An existing HTTPS listener: the certificate is added for SNI. */
  | { readonly kind: "alb-listener"; readonly listenerArn: string; readonly dnsName?: string }
  /** An ALB whose listeners certkit owns. */
  | {
      readonly kind: "alb-owned";
      readonly loadBalancerArn: string;
      readonly targetGroupArn: string;
      readonly sslPolicy: string;
      readonly dnsName?: string;
    }
  /** Only point hostnames at this ALB. */
  | { readonly kind: "alb-dns"; readonly dnsName: string }
  | ({ readonly kind: "cloudfront" } & CloudFrontAttachConfig);

export interface ResolvedHostname {
  readonly name: string;
  readonly proxied: boolean;
  /** TTL of a DNS-only record; proxied ones use the provider's automatic TTL. */
  readonly ttlSeconds: number;
  readonly zone: ZoneRoute;
  /** Id of the record made by hand at this name, imported by the stack (`adopt.hostnames`). */
  readonly adoptRecordId?: string;
}

export const DEFAULT_HOSTNAME_TTL_SECONDS = 300;
/** CloudFront takes certificates from this region only. */
export const CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";

export function resolveAttach(attach: CertificateConfig["attach"]): ResolvedAttach | undefined {
  if (attach?.cloudfront) return { kind: "cloudfront", ...attach.cloudfront };
  const alb = attach?.alb;
  if (!alb) return undefined;
  const dns = alb.dnsName ? { dnsName: normalizeDomain(alb.dnsName) } : {};
  if (alb.ingressGroup) {
    return {
      kind: "alb-ingress",
      cluster: alb.cluster!,
      ingressGroup: alb.ingressGroup,
      sslPolicy: alb.sslPolicy,
      scheme: alb.scheme,
    };
  }
  if (alb.listenerArn) return { kind: "alb-listener", listenerArn: alb.listenerArn, ...dns };
  if (alb.loadBalancerArn) {
    return {
      kind: "alb-owned",
      loadBalancerArn: alb.loadBalancerArn,
      targetGroupArn: alb.targetGroupArn!,
      sslPolicy: alb.sslPolicy,
      ...dns,
    };
  }
  return { kind: "alb-dns", dnsName: normalizeDomain(alb.dnsName!) };
}

/** Hostnames as records; names no zone holds were refused by the rules. */
export function resolveHostnames(cert: CertificateConfig, router: ZoneRouter): ResolvedHostname[] {
  return (cert.hostnames ?? []).map((h) => {
    const o = hostnameEntry(h, cert.attach);
    const name = normalizeDomain(o.name);
    return {
      name,
      proxied: o.proxied,
      ttlSeconds: o.ttlSeconds ?? DEFAULT_HOSTNAME_TTL_SECONDS,
      zone: router.route(name)!,
    };
  });
}

/** A proxied hostname with its zone and where the config names it. */
export interface ProxiedHostname {
  readonly name: string;
  readonly zone: ZoneRoute;
  readonly path: KeyPath;
}

/**
 * Every proxied hostname of every environment that routes to a zone, in config
 * order: one zone's edge certificate serves them all. Names no zone holds are
 * left to the hostname rules.
 */
export function proxiedHostnames(cfg: CertkitConfig, router: ZoneRouter): ProxiedHostname[] {
  const out: ProxiedHostname[] = [];
  for (const [envName, env] of Object.entries(cfg.environments)) {
    for (const [certName, cert] of Object.entries(env.certificates)) {
      (cert.hostnames ?? []).forEach((h, i) => {
        const { name: raw, proxied } = hostnameEntry(h, cert.attach);
        const name = normalizeDomain(raw);
        const zone = router.route(name);
        if (!proxied || !zone) return;
        const at: KeyPath = ["environments", envName, "certificates", certName, "hostnames", i];
        out.push({ name, zone, path: typeof h === "string" ? at : [...at, "name"] });
      });
    }
  }
  return out;
}
