// Resolved `attach` and `hostnames` of a certificate: which endpoint form, which
// records. Names arrive lowercased (resolve.ts).
import { edgeProxyOf } from "../domains/dns-hosts";
import type { ZoneRoute, ZoneRouter } from "../domains/zones";
import { ResolveInvariantError } from "./issues";
import type { CertificateConfig } from "./schema";
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

export function resolveAttach(
  attach: CertificateConfig["attach"],
  at: string,
): ResolvedAttach | undefined {
  if (attach?.cloudfront) return { kind: "cloudfront", ...attach.cloudfront };
  const alb = attach?.alb;
  if (!alb) return undefined;
  const dns = alb.dnsName ? { dnsName: alb.dnsName } : {};
  const missing = (key: string) =>
    new ResolveInvariantError("resolveAttach", `${at}.attach.alb has no ${key}`);
  if (alb.ingressGroup) {
    if (alb.cluster === undefined) throw missing("cluster");
    return {
      kind: "alb-ingress",
      cluster: alb.cluster,
      ingressGroup: alb.ingressGroup,
      sslPolicy: alb.sslPolicy,
      scheme: alb.scheme,
    };
  }
  if (alb.listenerArn) return { kind: "alb-listener", listenerArn: alb.listenerArn, ...dns };
  if (alb.loadBalancerArn) {
    if (alb.targetGroupArn === undefined) throw missing("targetGroupArn");
    return {
      kind: "alb-owned",
      loadBalancerArn: alb.loadBalancerArn,
      targetGroupArn: alb.targetGroupArn,
      sslPolicy: alb.sslPolicy,
      ...dns,
    };
  }
  if (alb.dnsName === undefined)
    throw missing("ingressGroup, listenerArn, loadBalancerArn or dnsName");
  return { kind: "alb-dns", dnsName: alb.dnsName };
}

/** Hostnames as records, in the zone that holds each. */
export function resolveHostnames(
  cert: CertificateConfig,
  router: ZoneRouter,
  at: string,
): ResolvedHostname[] {
  return (cert.hostnames ?? []).map((h, i) => {
    const name = typeof h === "string" ? h : h.name;
    const zone = router.route(name);
    if (!zone) {
      throw new ResolveInvariantError(
        "resolveHostnames",
        `${at}.hostnames[${i}]: no zone holds ${name}`,
      );
    }
    const o = hostnameEntry(h, cert.attach, edgeProxyOf(zone.provider) !== undefined);
    return {
      name: o.name,
      proxied: o.proxied,
      ttlSeconds: o.ttlSeconds ?? DEFAULT_HOSTNAME_TTL_SECONDS,
      zone,
    };
  });
}
