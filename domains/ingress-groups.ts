// The Ingress groups of an environment: certificates handed to the AWS Load
// Balancer Controller, one group per (cluster, group name), one ALB and one set
// of Helm values each. The config rules, the stacks and the review all group
// with this one function, so they cannot disagree. Pure.
import { safeIdPart } from "./names";

/** What a certificate on a controller-made ALB says about its Ingress group. */
export interface IngressAttachment<S extends string = string> {
  /** EKS cluster the controller runs in. */
  readonly cluster: string;
  /** Ingress group name, or `<namespace>/<ingress>`. */
  readonly ingressGroup: string;
  /** The ALB's TLS policy (annotation `ssl-policy`). */
  readonly sslPolicy: string;
  /** The ALB's scheme (annotation `scheme`). */
  readonly scheme: S;
}

/** One Ingress group and its certificates. */
export interface IngressGroup<C, S extends string = string> extends IngressAttachment<S> {
  /**
   * The environment stack's output with the group's Helm values. Distinct groups
   * may share one (safeIdPart is not injective): the config rules refuse that.
   */
  readonly output: string;
  /** Terraform name of the lookup of the group's ALB in the ingress stack; shared like `output`. */
  readonly lookupId: string;
  /** In config order: the first is the listener's default certificate and gives sslPolicy and scheme. */
  readonly certificates: readonly C[];
}

/**
 * The Ingress groups of `certificates`, in config order (the order of each
 * group's first certificate); `ingressOf` says which group a certificate is in,
 * undefined for one not on a controller-made ALB.
 */
export function ingressGroups<C, S extends string>(
  certificates: Iterable<C>,
  ingressOf: (certificate: C) => IngressAttachment<S> | undefined,
): IngressGroup<C, S>[] {
  const groups = new Map<string, IngressGroup<C, S> & { certificates: C[] }>();
  for (const c of certificates) {
    const a = ingressOf(c);
    if (!a) continue;
    const { cluster, ingressGroup, sslPolicy, scheme } = a;
    // NUL cannot occur in either name, so the key is injective.
    const key = `${cluster}\u0000${ingressGroup}`;
    const id = safeIdPart(`${cluster}_${ingressGroup}`);
    const group = groups.get(key) ?? {
      cluster,
      ingressGroup,
      sslPolicy,
      scheme,
      output: `helm_values_${id}`,
      lookupId: `alb_${id}`,
      certificates: [],
    };
    group.certificates.push(c);
    groups.set(key, group);
  }
  return [...groups.values()];
}
