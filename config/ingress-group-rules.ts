// One Ingress group, one ALB: the AWS Load Balancer Controller takes one
// ssl-policy annotation per group, and certkit writes one Helm values output
// per group. Grouped as the stacks group them (domains/ingress-groups.ts).
import { IngressGroup, ingressGroups } from "../domains/ingress-groups";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import type { CertificateConfig, CertkitConfig } from "./schema";

type Entry = readonly [name: string, cert: CertificateConfig];

/** Each environment's Ingress groups: one output name and one sslPolicy per group. */
export function checkIngressGroups(cfg: CertkitConfig, out: RuleFindings): void {
  for (const [env, config] of Object.entries(cfg.environments ?? {})) {
    const albAt = ([name]: Entry): KeyPath => [
      "environments",
      env,
      "certificates",
      name,
      "attach",
      "alb",
    ];
    const groups = ingressGroups(Object.entries(config.certificates ?? {}), ([, cert]) => {
      const alb = cert.attach?.alb;
      // Without cluster, or with a second endpoint form, checkEndpoints reports the certificate.
      if (alb?.ingressGroup === undefined || alb.cluster === undefined) return undefined;
      if (cert.attach?.cloudfront !== undefined) return undefined;
      return { ...alb, cluster: alb.cluster, ingressGroup: alb.ingressGroup };
    });
    checkOutputNames(groups, albAt, out);
    for (const g of groups) checkSslPolicy(g, albAt, out);
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
