// Checks on `attach` and `hostnames`: one endpoint form, well-formed ARNs in the
// right region, and no hostname served without a certificate that covers it.
import { covers, domainNameProblem, isWildcard, normalizeDomain } from "../domains/names";
import type { ZoneRouter } from "../domains/zones";
import {
  cloudFrontPolicyIdProblem,
  eksClusterProblem,
  ingressGroupProblem,
  sslPolicyProblem,
  webAclIdProblem,
} from "./id-shapes";
import { ConfigIssue, KeyPath, formatPath } from "./issues";
import { INGRESS_STACK_SUFFIX, REVIEW_INDEX, ZONES_STACK } from "./stack-names";
import type { CertificateConfig, CertkitConfig } from "./schema";

interface Findings {
  readonly issues: ConfigIssue[];
  readonly warnings: string[];
}

const ELB_ARN =
  /^arn:aws(?:-cn|-us-gov)?:elasticloadbalancing:([a-z0-9-]+):(\d{12}):(listener|loadbalancer|targetgroup)\/(.+)$/;
const ELB_RESOURCE: Record<string, RegExp> = {
  listener: /^app\/[\w-]+\/[0-9a-f]+\/[0-9a-f]+$/,
  loadbalancer: /^app\/[\w-]+\/[0-9a-f]+$/,
  targetgroup: /^[\w-]+\/[0-9a-f]+$/,
};
const ARN_EXAMPLES: Record<string, string> = {
  listener: "arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<alb-name>/<id>/<id>",
  loadbalancer: "arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<alb-name>/<id>",
  targetgroup: "arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>",
};

export function checkEnvironmentName(name: string, out: Findings): void {
  if (name === ZONES_STACK || name.endsWith(INGRESS_STACK_SUFFIX)) {
    out.issues.push({
      path: ["environments", name],
      message: `"${name}" is reserved: certkit names its zone-settings stack "${ZONES_STACK}" and ingress stacks "<environment>${INGRESS_STACK_SUFFIX}". Fix: rename the environment.`,
    });
  } else if (name === REVIEW_INDEX) {
    out.issues.push({
      path: ["environments", name],
      message: `"${name}" is reserved: \`npm run review\` writes the summary of all environments to ${REVIEW_INDEX}.md. Fix: rename the environment.`,
    });
  }
}

export interface EndpointContext {
  readonly router: ZoneRouter;
  readonly region?: string;
  readonly accountId?: string;
  /** Hostnames already claimed in any environment, with where. */
  readonly claimed: Map<string, KeyPath>;
  /** Load balancers whose listeners certkit owns in this environment: ARN -> first claim. */
  readonly ownedAlbs: Map<string, { path: KeyPath; targetGroupArn?: string; sslPolicy: string }>;
  readonly zones: NonNullable<CertkitConfig["cloudflare"]>["zones"];
}

export function checkEndpoints(
  cert: CertificateConfig,
  at: KeyPath,
  ctx: EndpointContext,
  out: Findings,
): void {
  const forms = (["alb", "cloudfront"] as const).filter((k) => cert.attach?.[k] !== undefined);
  if (cert.attach && forms.length !== 1) {
    out.issues.push({
      path: [...at, "attach"],
      message: `needs exactly one of alb, cloudfront, got ${forms.length ? forms.join(" and ") : "none"}. Fix: one certificate per endpoint kind (CloudFront's must live in us-east-1).`,
    });
  }
  if (cert.attach?.alb && forms.length === 1)
    checkAlb(cert.attach.alb, [...at, "attach", "alb"], ctx, out);
  const origin = cert.attach?.cloudfront?.origin;
  if (origin !== undefined && forms.length === 1) {
    const problem = domainNameProblem(normalizeDomain(origin));
    if (problem)
      out.issues.push({ path: [...at, "attach", "cloudfront", "origin"], message: problem });
  }
  if (cert.attach?.cloudfront) {
    checkShapes(
      cert.attach.cloudfront,
      {
        cachePolicyId: cloudFrontPolicyIdProblem,
        originRequestPolicyId: cloudFrontPolicyIdProblem,
        webAclId: webAclIdProblem,
      },
      [...at, "attach", "cloudfront"],
      out,
    );
  }
  if (
    cert.attach?.alb &&
    !cert.attach.alb.ingressGroup &&
    !cert.attach.alb.listenerArn &&
    !cert.attach.alb.loadBalancerArn
  ) {
    out.warnings.push(
      `${formatPath([...at, "attach", "alb"])}: dnsName alone only points the hostnames at the ALB; certkit does not put the certificate on a listener, and ACM renews only certificates in use. Use listenerArn (SNI) or loadBalancerArn unless a listener outside certkit serves it.`,
    );
  }
  if (cert.attach?.cloudfront && !cert.hostnames?.length) {
    out.warnings.push(
      `${formatPath([...at, "attach", "cloudfront"])}: the distribution gets no aliases, so it serves the certificate for no name. Add hostnames (they become its aliases).`,
    );
  }
  if (!cert.attach) {
    out.warnings.push(
      `${formatPath(at)}: not attached to any endpoint; ACM renews only certificates in use by an AWS service. Add \`attach\` unless something outside certkit uses it.`,
    );
    if (cert.hostnames?.length && !cert.target) {
      out.issues.push({
        path: [...at, "hostnames"],
        message:
          "have nowhere to point: the certificate has no `attach`. Fix: add `attach`, or `target: <dns name>` for the CNAMEs.",
      });
    }
  } else if (cert.target !== undefined) {
    out.issues.push({
      path: [...at, "target"],
      message:
        "is only for certificates without `attach`: the endpoint is the target. Fix: remove it.",
    });
  }
  if (cert.target !== undefined) {
    const problem = domainNameProblem(normalizeDomain(cert.target));
    if (problem) out.issues.push({ path: [...at, "target"], message: problem });
  }
  checkHostnames(cert, at, ctx, origin ? normalizeDomain(origin) : undefined, out);
}

function checkAlb(
  alb: NonNullable<NonNullable<CertificateConfig["attach"]>["alb"]>,
  at: KeyPath,
  ctx: EndpointContext,
  out: Findings,
): void {
  const forms = (["ingressGroup", "listenerArn", "loadBalancerArn"] as const).filter(
    (k) => alb[k] !== undefined,
  );
  if (forms.length > 1 || (forms.length === 0 && alb.dnsName === undefined)) {
    out.issues.push({
      path: at,
      message: `needs exactly one of ingressGroup (+ cluster), listenerArn, loadBalancerArn (+ targetGroupArn), or dnsName alone, got ${forms.length ? forms.join(" and ") : "none"}. Fix: keep one.`,
    });
    return;
  }
  const pair = (a: "ingressGroup" | "loadBalancerArn", b: "cluster" | "targetGroupArn") => {
    if (alb[a] !== undefined && alb[b] === undefined) {
      out.issues.push({ path: [...at, b], message: `is required with ${a}.` });
    } else if (alb[a] === undefined && alb[b] !== undefined) {
      out.issues.push({
        path: [...at, b],
        message: `only goes with ${a}. Fix: remove it, or add ${a}.`,
      });
    }
  };
  pair("ingressGroup", "cluster");
  pair("loadBalancerArn", "targetGroupArn");
  if (alb.ingressGroup !== undefined && alb.dnsName !== undefined) {
    out.issues.push({
      path: [...at, "dnsName"],
      message:
        "is looked up from the controller's tags when ingressGroup is set. Fix: remove it (or use dnsName alone to only point records).",
    });
  }
  for (const key of ["listenerArn", "loadBalancerArn", "targetGroupArn"] as const) {
    const arn = alb[key];
    if (arn !== undefined)
      checkElbArn(arn, key.replace(/Arn$/, "").toLowerCase(), [...at, key], ctx, out);
  }
  if (alb.dnsName !== undefined) {
    const problem = domainNameProblem(normalizeDomain(alb.dnsName));
    if (problem) out.issues.push({ path: [...at, "dnsName"], message: problem });
  }
  checkShapes(
    alb,
    { sslPolicy: sslPolicyProblem, cluster: eksClusterProblem, ingressGroup: ingressGroupProblem },
    at,
    out,
  );
  if (alb.loadBalancerArn !== undefined) {
    const first = ctx.ownedAlbs.get(alb.loadBalancerArn);
    if (!first) {
      ctx.ownedAlbs.set(alb.loadBalancerArn, {
        path: at,
        targetGroupArn: alb.targetGroupArn,
        sslPolicy: alb.sslPolicy,
      });
    } else if (first.targetGroupArn !== alb.targetGroupArn || first.sslPolicy !== alb.sslPolicy) {
      out.issues.push({
        path: at,
        message: `shares its load balancer with ${formatPath(first.path)} but not its targetGroupArn and sslPolicy; certkit makes one HTTPS listener per load balancer. Fix: use the same values (route further with listener rules outside certkit).`,
      });
    }
  }
}

/** Refuses each value that is set but has not the shape its key needs (id-shapes.ts). */
function checkShapes<T extends object>(
  values: T,
  shapes: { readonly [K in keyof T]?: (value: string) => string | undefined },
  at: KeyPath,
  out: Findings,
): void {
  for (const [key, problemOf] of Object.entries(shapes) as [
    keyof T & string,
    (v: string) => string | undefined,
  ][]) {
    const value = values[key];
    const problem = typeof value === "string" ? problemOf(value) : undefined;
    if (problem) out.issues.push({ path: [...at, key], message: problem });
  }
}

function checkElbArn(
  arn: string,
  kind: string,
  path: KeyPath,
  ctx: EndpointContext,
  out: Findings,
): void {
  const m = ELB_ARN.exec(arn);
  if (!m || m[3] !== kind || !ELB_RESOURCE[kind].test(m[4])) {
    out.issues.push({
      path,
      message: `is not a ${kind} ARN, got "${arn}". Fix: use the form ${ARN_EXAMPLES[kind]}.`,
    });
    return;
  }
  if (ctx.region && m[1] !== ctx.region) {
    out.issues.push({
      path,
      message: `is in ${m[1]}, but the environment's certificates live in ${ctx.region}; an ALB only takes certificates from its own region. Fix: use an ALB in ${ctx.region}, or set the environment's region to ${m[1]}.`,
    });
  }
  if (ctx.accountId && m[2] !== ctx.accountId) {
    out.issues.push({
      path,
      message: `belongs to account ${m[2]}, but the environment is pinned to ${ctx.accountId}. Fix: use a resource of account ${ctx.accountId}.`,
    });
  }
}

function checkHostnames(
  cert: CertificateConfig,
  at: KeyPath,
  ctx: EndpointContext,
  origin: string | undefined,
  out: Findings,
): void {
  const domains = cert.domains.map(normalizeDomain);
  (cert.hostnames ?? []).forEach((h, i) => {
    const isString = typeof h === "string";
    const path: KeyPath = isString ? [...at, "hostnames", i] : [...at, "hostnames", i, "name"];
    const name = normalizeDomain(isString ? h : h.name);
    const problem = hostnameProblem(name, domains, ctx.router, origin);
    if (problem) {
      out.issues.push({ path, message: problem });
      return;
    }
    const first = ctx.claimed.get(name);
    if (first) {
      out.issues.push({
        path,
        message: `"${name}" is already claimed by ${formatPath(first)}; one name has one record. Fix: keep one.`,
      });
    } else {
      ctx.claimed.set(name, path);
    }
    const proxied = isString || h.proxied;
    if (!isString && h.proxied && h.ttlSeconds !== undefined) {
      out.issues.push({
        path: [...at, "hostnames", i, "ttlSeconds"],
        message:
          "a proxied record always has TTL 1 (automatic). Fix: remove ttlSeconds, or set proxied: false.",
      });
    }
    const zone = ctx.router.route(name)!;
    if (proxied && ctx.zones[zone.name]?.sslMode !== "strict") {
      out.warnings.push(
        `${formatPath(path)}: "${name}" is proxied, but zone ${zone.name} does not set sslMode: strict. Anything weaker than Full (strict) fails or loops (Flexible + HTTPS redirect) in front of an HTTPS endpoint: set cloudflare.zones["${zone.name}"].sslMode: strict, or make sure the zone already uses it.`,
      );
    }
  });
}

function hostnameProblem(
  name: string,
  domains: string[],
  router: ZoneRouter,
  origin?: string,
): string | undefined {
  if (name.startsWith("_")) {
    return `"${name}" looks like a validation record name (those start with "_" and certkit manages them). Fix: list the app's own hostname.`;
  }
  if (isWildcard(name))
    return `"${name}" is a wildcard; app records are for concrete names. Fix: list each hostname.`;
  const problem = domainNameProblem(name);
  if (problem) return problem;
  if (!covers(domains, name)) {
    return `"${name}" is not covered by the certificate's names (${domains.join(", ")}); a wildcard covers exactly one level and not the apex. Fix: add "${name}" to domains, or serve it from a certificate that covers it.`;
  }
  if (!router.route(name))
    return `"${name}" is under no configured zone (configured: ${router.names.join(", ")}). Fix: add its zone under cloudflare.zones.`;
  if (name === origin)
    return `"${name}" is also the CloudFront origin: requests would loop. Fix: use a separate origin name.`;
  return undefined;
}
