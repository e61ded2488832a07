// One Ingress group, one ALB: the AWS Load Balancer Controller takes one
// ssl-policy and one scheme annotation per group, and certkit writes one Helm
// values output per group. Grouped as the stacks group them (domains/ingress-groups.ts).
import { IngressGroup, ingressGroups } from "../domains/ingress-groups";
import { normalizeDomain } from "../domains/names";
import { ZoneRouter } from "../domains/zones";
import { proxiedAtHost, zoneRoutes } from "./derive";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertificateConfig, CertkitConfig } from "./schema";

type Entry = readonly [name: string, cert: CertificateConfig];

/** Each environment's Ingress groups: one output name, one sslPolicy and one scheme per group. */
export function checkIngressGroups(cfg: CertkitConfig, out: RuleFindings): void {
  const router = new ZoneRouter(zoneRoutes(cfg));
  for (const [env, config] of Object.entries(cfg.environments ?? {})) {
    const certAt = ([name]: Entry): KeyPath => ["environments", env, "certificates", name];
    const albAt = (e: Entry): KeyPath => [...certAt(e), "attach", "alb"];
    for (const e of Object.entries(config.certificates ?? {})) {
      const alb = e[1].attach?.alb;
      if (alb?.ingressGroup === undefined && alb?.scheme === "internal") {
        out.issues.push({
          path: [...albAt(e), "scheme"],
          message:
            "only applies to an ALB the AWS Load Balancer Controller makes (with ingressGroup); certkit makes no other ALB. Fix: remove it.",
        });
      }
    }
    const groups = ingressGroups(Object.entries(config.certificates ?? {}), ([, cert]) => {
      const alb = cert.attach?.alb;
      // Without cluster, or with a second endpoint form, checkEndpoints reports the certificate.
      if (alb?.ingressGroup === undefined || alb.cluster === undefined) return undefined;
      if (cert.attach?.cloudfront !== undefined || cert.attach?.apiGateway !== undefined)
        return undefined;
      return { ...alb, cluster: alb.cluster, ingressGroup: alb.ingressGroup };
    });
    checkOutputNames(groups, albAt, out);
    for (const g of groups) {
      checkSslPolicy(g, albAt, out);
      checkScheme(g, albAt, certAt, router, out);
    }
  }
}

/** Two groups whose names differ only in characters a Terraform name cannot hold. */
function checkOutputNames(
  groups: readonly IngressGroup<Entry>[],
  albAt: (e: Entry) => KeyPath,
  out: RuleFindings,
): void {
  const byOutput = new Map<string, IngressGroup<Entry>>();
  for (const g of groups) {
    const first = byOutput.get(g.output);
    if (!first) {
      byOutput.set(g.output, g);
      continue;
    }
    for (const c of g.certificates) {
      out.issues.push({
        path: [...albAt(c), "ingressGroup"],
        message: `(cluster "${g.cluster}", group "${g.ingressGroup}") and ${formatPath([...albAt(first.certificates[0]), "ingressGroup"])} (cluster "${first.cluster}", group "${first.ingressGroup}") are different Ingress groups with one output name, ${g.output} (Terraform names keep letters, digits, "-" and "_"; the rest becomes "_"). Fix: rename one group so that the two differ in a letter, digit, "-" or "_".`,
      });
    }
  }
}

/** The group's Helm values carry one ssl-policy: that of its first certificate. */
function checkSslPolicy(
  g: IngressGroup<Entry>,
  albAt: (e: Entry) => KeyPath,
  out: RuleFindings,
): void {
  const [first, ...rest] = g.certificates;
  for (const c of rest) {
    const policy = c[1].attach!.alb!.sslPolicy;
    if (policy === g.sslPolicy) continue;
    out.issues.push({
      path: [...albAt(c), "sslPolicy"],
      message: `is ${policy}, but ${formatPath([...albAt(first), "sslPolicy"])} of the same Ingress group (group ${g.ingressGroup} on cluster ${g.cluster}) is ${g.sslPolicy}; the AWS Load Balancer Controller sets one ssl-policy per group, and its Helm values would carry only ${g.sslPolicy}. Fix: give every certificate of the group the same sslPolicy (leave it out on all of them for the default).`,
    });
  }
}

/**
 * One ALB has one scheme, and an internal one only DNS-only hostnames:
 * Cloudflare's proxy reaches only internet-facing ALBs.
 */
function checkScheme(
  g: IngressGroup<Entry>,
  albAt: (e: Entry) => KeyPath,
  certAt: (e: Entry) => KeyPath,
  router: ZoneRouter,
  out: RuleFindings,
): void {
  const [first, ...rest] = g.certificates;
  const firstAt = formatPath([...albAt(first), "scheme"]);
  for (const c of rest) {
    const scheme = c[1].attach!.alb!.scheme;
    if (scheme === g.scheme) continue;
    out.issues.push({
      path: [...albAt(c), "scheme"],
      message: `is ${scheme}, but ${firstAt} of the same ALB (ingress group ${g.ingressGroup} on cluster ${g.cluster}) is ${g.scheme}; one ALB has one scheme. Fix: give every certificate of the group the same scheme.`,
    });
  }
  if (g.scheme !== "internal") return;
  for (const c of g.certificates) {
    (c[1].hostnames ?? []).forEach((h, i) => {
      const hostname = typeof h === "string" ? h : h.name;
      const zone = router.route(normalizeDomain(hostname));
      if (!zone || !proxiedAtHost(h, c[1].attach, zone)) return;
      const path = [...certAt(c), "hostnames", i];
      out.issues.push({
        path:
          typeof h === "string" ? path : [...path, h.proxied === undefined ? "name" : "proxied"],
        message: `"${hostname}" is proxied, but its ALB is internal (${firstAt}): Cloudflare's proxy cannot reach an internal ALB. Fix: make it DNS-only ({ name: ${hostname}, proxied: false }), or remove scheme: internal.`,
      });
    });
  }
}
