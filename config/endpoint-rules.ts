// Checks on `attach` and `hostnames`: one endpoint form, well-formed ARNs in the
// right region, and no hostname served without a certificate that covers it.
import { loadBalancerId, loadBalancerOfListener, partitionProblem } from "../domains/aws-names";
import { covers, domainNameProblem, isWildcard, normalizeDomain } from "../domains/names";
import type { ZoneRouter } from "../domains/zones";
import {
  cloudFrontPolicyIdProblem,
  eksClusterProblem,
  ingressGroupProblem,
  sslPolicyProblem,
  webAclIdProblem,
} from "./id-shapes";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import { INGRESS_STACK_SUFFIX, REVIEW_INDEX, ZONES_STACK } from "./stack-names";
import type { AlbAttachConfig, NlbAttachConfig } from "./endpoint-schema";
import { apiGatewayDomainClaimProblem, checkApiGateway } from "./api-gateway-rules";
import { type ConfiguredZone, proxiedAtHost } from "./derive";
import { ZONE_SECTIONS, capabilitiesOf } from "../domains/dns-hosts";
import type { CertificateConfig } from "./schema";

const ELB_ARN =
  /^arn:aws(?:-cn|-us-gov)?:elasticloadbalancing:([a-z0-9-]+):(\d{12}):(listener|loadbalancer|targetgroup)\/(.+)$/;

/** The two load balancer types certkit attaches to, by their `attach` key. */
type LbKey = "alb" | "nlb";
interface LbType {
  /** The type's part of listener and load balancer ARNs. */
  readonly arnType: "app" | "net";
  readonly short: string;
  readonly long: string;
  /** The article before `long`. */
  readonly article: string;
  /** The listeners certkit creates on one it owns. */
  readonly owned: string;
  /** The protocol of the listener that serves certificates (and takes SNI ones). */
  readonly secure: string;
}
const LB_TYPES: Record<LbKey, LbType> = {
  alb: {
    arnType: "app",
    short: "ALB",
    long: "Application Load Balancer",
    article: "an",
    owned: "HTTPS:443 and HTTP:80 listeners",
    secure: "HTTPS",
  },
  nlb: {
    arnType: "net",
    short: "NLB",
    long: "Network Load Balancer",
    article: "a",
    owned: "TLS:443 listener",
    secure: "TLS",
  },
};
const other = (key: LbKey): LbKey => (key === "alb" ? "nlb" : "alb");

const resourceShape = (kind: string, arnType: string): RegExp =>
  kind === "targetgroup"
    ? /^[\w-]+\/[0-9a-f]+$/
    : new RegExp(`^${arnType}/[\\w-]+/[0-9a-f]+${kind === "listener" ? "/[0-9a-f]+" : ""}$`);
const arnExample = (kind: string, lb: LbType): string =>
  kind === "targetgroup"
    ? "arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>"
    : `arn:aws:elasticloadbalancing:<region>:<account>:${kind}/${lb.arnType}/<${lb.short.toLowerCase()}-name>/<id>${kind === "listener" ? "/<id>" : ""}`;

export function checkEnvironmentName(name: string, out: RuleFindings): void {
  if (name === ZONES_STACK || name.endsWith(INGRESS_STACK_SUFFIX)) {
    out.issues.push({
      path: ["environments", name],
      message: `"${name}" is reserved: certkit names its zone-settings stack "${ZONES_STACK}" and ingress stacks "<environment>${INGRESS_STACK_SUFFIX}". Fix: rename the environment.`,
    });
  } else if (name === "constructor") {
    // cdktf names a stack by its construct id, and constructs keeps a scope's
    // children in a plain object, where Object.prototype.constructor already is.
    out.issues.push({
      path: ["environments", name],
      message: `"${name}" cannot name a stack: the constructs library cdktf builds on reserves it. Fix: rename the environment.`,
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
  /** Hostnames whose CNAME points at a name the config gives (target, alb/nlb.dnsName), in any environment. */
  readonly cnames: Map<string, { path: KeyPath; to: string; key: string }>;
  /** Load balancers (ALB or NLB) whose listeners certkit owns in this environment: ARN -> first claim. */
  readonly ownedLoadBalancers: Map<
    string,
    { path: KeyPath; targetGroupArn?: string; sslPolicy?: string; alpnPolicy?: string }
  >;
  /** Load balancers whose listeners certkit owns in any environment: ARN -> first claim. */
  readonly ownedAnywhere: Map<string, KeyPath>;
  /** This environment's load balancer Terraform names (alb_/nlb_<name>_<id>) -> the ARN and key that gave each. */
  readonly loadBalancerIds: Map<string, { arn: string; path: KeyPath }>;
  /** Every configured zone, by apex. */
  readonly zones: ReadonlyMap<string, ConfiguredZone>;
  /** Hostnames that are API Gateway custom domain names, in any environment. */
  readonly apiDomains: Set<string>;
}

export function checkEndpoints(
  cert: CertificateConfig,
  at: KeyPath,
  ctx: EndpointContext,
  out: RuleFindings,
): void {
  const forms = (["alb", "cloudfront", "nlb", "apiGateway"] as const).filter(
    (k) => cert.attach?.[k] !== undefined,
  );
  if (cert.attach && forms.length !== 1) {
    out.issues.push({
      path: [...at, "attach"],
      message: `needs exactly one of alb, nlb, cloudfront, apiGateway, got ${forms.length ? forms.join(" and ") : "none"}. Fix: one certificate per endpoint kind (CloudFront's must live in us-east-1).`,
    });
  }
  if (forms.length === 1) checkApiGateway(cert, at, out);
  for (const key of ["alb", "nlb"] as const) {
    const lb = cert.attach?.[key];
    if (lb && forms.length === 1) checkLoadBalancer(lb, key, [...at, "attach", key], ctx, out);
  }
  if (cert.attach?.cloudfront && cert.keyAlgorithm === "EC_secp384r1") {
    out.issues.push({
      path: [...at, "keyAlgorithm"],
      message:
        "EC_secp384r1 cannot be served by CloudFront: of the key algorithms ACM issues, it takes RSA_2048 and EC_prime256v1 only, so creating the distribution would fail. Fix: use EC_prime256v1, or RSA_2048 (the default).",
    });
  }
  const origin = cert.attach?.cloudfront?.origin;
  if (origin !== undefined && forms.length === 1) {
    const problem = domainNameProblem(normalizeDomain(origin));
    if (problem)
      out.issues.push({ path: [...at, "attach", "cloudfront", "origin"], message: problem });
  }
  const originPath = cert.attach?.cloudfront?.originPath;
  if (originPath !== undefined && forms.length === 1) {
    const problem = originPathProblem(originPath);
    if (problem)
      out.issues.push({ path: [...at, "attach", "cloudfront", "originPath"], message: problem });
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
  for (const key of ["alb", "nlb"] as const) {
    const lb: LbConfig | undefined = cert.attach?.[key];
    if (lb && !lb.ingressGroup && !lb.listenerArn && !lb.loadBalancerArn) {
      out.warnings.push({
        path: [...at, "attach", key],
        message: `dnsName alone only points the hostnames at the ${LB_TYPES[key].short}; certkit does not put the certificate on a listener, and ACM renews only certificates in use. Use listenerArn (SNI) or loadBalancerArn unless a listener outside certkit serves it.`,
      });
    }
  }
  if (cert.attach?.cloudfront && !cert.hostnames?.length) {
    out.warnings.push({
      path: [...at, "attach", "cloudfront"],
      message: `the distribution gets no aliases, so it serves the certificate for no name. Add hostnames (they become its aliases).`,
    });
  }
  if (!cert.attach) {
    out.warnings.push({
      path: at,
      message: `not attached to any endpoint; ACM renews only certificates in use by an AWS service. Add \`attach\` unless something outside certkit uses it.`,
    });
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
  checkHostnames(cert, at, ctx, endpointNames(cert), out);
}

/** CloudFront's OriginPath begins with "/" and does not end with one (API reference, Origin). */
function originPathProblem(path: string): string | undefined {
  if (path.startsWith("/") && !path.endsWith("/")) return undefined;
  const wrong = path.startsWith("/") ? 'must not end with "/"' : 'must begin with "/"';
  const bare = path.replace(/^\/+|\/+$/g, "");
  return `${wrong} (CloudFront refuses it otherwise), got "${path}". Fix: ${bare ? `write "/${bare}"` : "leave originPath out"}.`;
}

/**
 * CNAMEs that point at each other (a -> b -> a) across certificates and
 * environments: no resolver follows the loop. A name pointing at itself is
 * reported with the hostname.
 */
export function checkCnameChains(cnames: EndpointContext["cnames"], out: RuleFindings): void {
  const reported = new Set<string>();
  for (const [start, first] of cnames) {
    const chain = [start];
    for (let at = first.to; cnames.has(at) && !chain.includes(at); at = cnames.get(at)!.to) {
      chain.push(at);
    }
    const last = cnames.get(chain[chain.length - 1])!;
    if (chain.length < 2 || last.to !== start || chain.some((n) => reported.has(n))) continue;
    chain.forEach((n) => reported.add(n));
    out.issues.push({
      path: first.path,
      message: `"${start}" is in a CNAME loop: ${[...chain, start].map((n) => `"${n}"`).join(" -> ")} (through ${chain.map((n) => formatPath(cnames.get(n)!.path)).join(", ")}); no resolver follows it. Fix: set ${[...new Set(chain.map((n) => cnames.get(n)!.key))].join(" or ")} of one of them to the endpoint's own DNS name.`,
    });
  }
}

/** The settings of attach.alb or attach.nlb (the NLB has no ingressGroup, cluster, scheme; the ALB no alpnPolicy). */
type LbConfig = Partial<AlbAttachConfig> & Partial<NlbAttachConfig>;

function checkLoadBalancer(
  lb: LbConfig,
  key: LbKey,
  at: KeyPath,
  ctx: EndpointContext,
  out: RuleFindings,
): void {
  const type = LB_TYPES[key];
  const forms = (["ingressGroup", "listenerArn", "loadBalancerArn"] as const).filter(
    (k) => lb[k] !== undefined,
  );
  if (forms.length > 1 || (forms.length === 0 && lb.dnsName === undefined)) {
    const ingress = key === "alb" ? "ingressGroup (+ cluster), " : "";
    out.issues.push({
      path: at,
      message: `needs exactly one of ${ingress}listenerArn, loadBalancerArn (+ targetGroupArn), or dnsName alone, got ${forms.length ? forms.join(" and ") : "none"}. Fix: keep one.`,
    });
    return;
  }
  const pair = (a: "ingressGroup" | "loadBalancerArn", b: "cluster" | "targetGroupArn") => {
    if (lb[a] !== undefined && lb[b] === undefined) {
      out.issues.push({
        path: [...at, b],
        message: `is required with ${a}. Fix: add ${b}, or remove ${a}.`,
      });
    } else if (lb[a] === undefined && lb[b] !== undefined) {
      out.issues.push({
        path: [...at, b],
        message: `only goes with ${a}. Fix: remove it, or add ${a}.`,
      });
    }
  };
  pair("ingressGroup", "cluster");
  pair("loadBalancerArn", "targetGroupArn");
  if (lb.ingressGroup !== undefined && lb.dnsName !== undefined) {
    out.issues.push({
      path: [...at, "dnsName"],
      message:
        "is looked up from the controller's tags when ingressGroup is set. Fix: remove it (or use dnsName alone to only point records).",
    });
  }
  for (const arnKey of ["listenerArn", "loadBalancerArn", "targetGroupArn"] as const) {
    const arn = lb[arnKey];
    const kind = arnKey.replace(/Arn$/, "").toLowerCase();
    if (
      arn !== undefined &&
      checkElbArn(arn, kind, key, [...at, arnKey], ctx, out) &&
      kind !== "targetgroup"
    ) {
      const lbArn = kind === "listener" ? loadBalancerOfListener(arn) : arn;
      checkLoadBalancerId(lbArn, [...at, arnKey], ctx, out);
    }
  }
  if (lb.dnsName !== undefined) {
    const problem = domainNameProblem(normalizeDomain(lb.dnsName));
    if (problem) out.issues.push({ path: [...at, "dnsName"], message: problem });
  }
  checkShapes(
    lb,
    {
      sslPolicy: (v) => sslPolicyProblem(v, `${type.long}s`),
      cluster: eksClusterProblem,
      ingressGroup: ingressGroupProblem,
    },
    at,
    out,
  );
  if (lb.loadBalancerArn === undefined && lb.alpnPolicy !== undefined && lb.alpnPolicy !== "None") {
    out.issues.push({
      path: [...at, "alpnPolicy"],
      message: `only applies to the TLS listener certkit creates (with loadBalancerArn); ${lb.listenerArn ? "the existing listener keeps its own" : "certkit attaches nothing here"}. Fix: remove it${lb.listenerArn ? ", and set it on that listener where it is managed" : ""}.`,
    });
  }
  if (lb.loadBalancerArn !== undefined) {
    const elsewhere = ctx.ownedAnywhere.get(lb.loadBalancerArn);
    if (elsewhere && elsewhere[1] !== at[1]) {
      out.issues.push({
        path: [...at, "loadBalancerArn"],
        message: `is also owned by ${formatPath(elsewhere)}: both environments' stacks would create its ${type.owned}, and a load balancer has one listener per port. Fix: serve both certificates from one environment, or add this one to the existing ${type.secure} listener with listenerArn (SNI).`,
      });
    } else if (!elsewhere) ctx.ownedAnywhere.set(lb.loadBalancerArn, [...at, "loadBalancerArn"]);
    const first = ctx.ownedLoadBalancers.get(lb.loadBalancerArn);
    const listener = {
      targetGroupArn: lb.targetGroupArn,
      sslPolicy: lb.sslPolicy,
      alpnPolicy: lb.alpnPolicy,
    };
    if (!first) {
      ctx.ownedLoadBalancers.set(lb.loadBalancerArn, { path: at, ...listener });
    } else if (
      first.targetGroupArn !== listener.targetGroupArn ||
      first.sslPolicy !== listener.sslPolicy ||
      first.alpnPolicy !== listener.alpnPolicy
    ) {
      const keys =
        key === "nlb" ? "targetGroupArn, sslPolicy and alpnPolicy" : "targetGroupArn and sslPolicy";
      out.issues.push({
        path: at,
        message: `shares its load balancer with ${formatPath(first.path)} but not its ${keys}; certkit makes one ${type.secure} listener per load balancer. Fix: use the same values (route further with listener rules outside certkit).`,
      });
    }
  }
}

/** Refuses each value that is set but has not the shape its key needs (id-shapes.ts). */
function checkShapes<T extends object>(
  values: T,
  shapes: { readonly [K in keyof T]?: (value: string) => string | undefined },
  at: KeyPath,
  out: RuleFindings,
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

/** Whether the ARN is well-formed, of the load balancer type and of the environment's region and account; reports why not. */
function checkElbArn(
  arn: string,
  kind: string,
  key: LbKey,
  path: KeyPath,
  ctx: EndpointContext,
  out: RuleFindings,
): boolean {
  const lb = LB_TYPES[key];
  const m = ELB_ARN.exec(arn);
  const wrongType = LB_TYPES[other(key)];
  if (
    m &&
    m[3] === kind &&
    kind !== "targetgroup" &&
    resourceShape(kind, wrongType.arnType).test(m[4])
  ) {
    out.issues.push({
      path,
      message: `is ${wrongType.article} ${wrongType.long}'s ${kind} ARN (${kind}/${wrongType.arnType}/...), but attach.${key} takes ${lb.long}s, got "${arn}". Fix: move the settings under attach.${other(key)}, or use the ${kind} ARN of an ${lb.short} (${kind}/${lb.arnType}/...).`,
    });
    return false;
  }
  if (!m || m[3] !== kind || !resourceShape(kind, lb.arnType).test(m[4])) {
    out.issues.push({
      path,
      message: `is not a ${kind} ARN, got "${arn}". Fix: use the form ${arnExample(kind, lb)}.`,
    });
    return false;
  }
  const before = out.issues.length;
  const partition = partitionProblem(
    arn,
    ctx.region ?? m[1],
    ctx.region ? `the environment's region ${ctx.region}` : undefined,
  );
  if (partition) out.issues.push({ path, message: partition });
  if (ctx.region && m[1] !== ctx.region) {
    out.issues.push({
      path,
      message: `is in ${m[1]}, but the environment's certificates live in ${ctx.region}; an ${lb.short} only takes certificates from its own region. Fix: use an ${lb.short} in ${ctx.region}, or set the environment's region to ${m[1]}.`,
    });
  }
  if (ctx.accountId && m[2] !== ctx.accountId) {
    out.issues.push({
      path,
      message: `belongs to account ${m[2]}, but the environment is pinned to ${ctx.accountId}. Fix: use a resource of account ${ctx.accountId}.`,
    });
  }
  return out.issues.length === before;
}

/**
 * A load balancer's listeners and lookup are named alb_<name>_<id> or nlb_<name>_<id>
 * after its ARN: unique within one account and region, so two of one stack from
 * different accounts or regions (with no accountId to pin them) could share it.
 */
function checkLoadBalancerId(
  lbArn: string,
  path: KeyPath,
  ctx: EndpointContext,
  out: RuleFindings,
): void {
  const id = loadBalancerId(lbArn);
  const first = ctx.loadBalancerIds.get(id);
  if (!first) ctx.loadBalancerIds.set(id, { arn: lbArn, path });
  else if (first.arn !== lbArn) {
    out.issues.push({
      path,
      message: `names load balancer ${lbArn}, and ${formatPath(first.path)} names ${first.arn}: both would be ${id} in Terraform (load balancer type, name and id, without account and region). Fix: serve certificates of one account and region per environment (set accountId to have certkit check it).`,
    });
  }
}

/** The DNS names the hostnames' records point at or through, by key: a hostname equal to one loops. */
function endpointNames(cert: CertificateConfig): Map<string, string> {
  const names = new Map<string, string>();
  const add = (key: string, name: string | undefined) => {
    if (name !== undefined) names.set(normalizeDomain(name), key);
  };
  add("attach.cloudfront.origin", cert.attach?.cloudfront?.origin);
  add("attach.alb.dnsName", cert.attach?.alb?.dnsName);
  add("attach.nlb.dnsName", cert.attach?.nlb?.dnsName);
  add("target", cert.target);
  return names;
}

function checkHostnames(
  cert: CertificateConfig,
  at: KeyPath,
  ctx: EndpointContext,
  endpoints: Map<string, string>,
  out: RuleFindings,
): void {
  const domains = cert.domains.map(normalizeDomain);
  (cert.hostnames ?? []).forEach((h, i) => {
    const isString = typeof h === "string";
    const path: KeyPath = isString ? [...at, "hostnames", i] : [...at, "hostnames", i, "name"];
    const name = normalizeDomain(isString ? h : h.name);
    const problem = hostnameProblem(name, domains, ctx.router, endpoints);
    if (problem) {
      out.issues.push({ path, message: problem });
      return;
    }
    const first = ctx.claimed.get(name);
    if (first) {
      out.issues.push({
        path,
        message:
          apiGatewayDomainClaimProblem(name, first, path, cert, ctx.apiDomains.has(name)) ??
          `"${name}" is already claimed by ${formatPath(first)}; one name has one record. Fix: keep one.`,
      });
    } else {
      if (cert.attach?.apiGateway !== undefined) ctx.apiDomains.add(name);
      ctx.claimed.set(name, path);
      const [to, key] = [...endpoints].find(([, k]) => k !== "attach.cloudfront.origin") ?? [];
      if (to !== undefined && key !== undefined) ctx.cnames.set(name, { path, to, key });
    }
    const zone = ctx.router.route(name)!;
    const settings = ctx.zones.get(zone.name);
    const proxied = proxiedAtHost(h, cert.attach, zone);
    if (!isString && proxied && h.ttlSeconds !== undefined) {
      out.issues.push({
        path: [...at, "hostnames", i, "ttlSeconds"],
        message:
          "a proxied record always has TTL 1 (automatic). Fix: remove ttlSeconds, or set proxied: false.",
      });
    }
    const edgeApi = cert.attach?.apiGateway?.endpoint === "edge";
    if (proxied && (cert.attach?.cloudfront || edgeApi)) {
      const what = edgeApi
        ? "an edge-optimized API Gateway domain (a CloudFront distribution)"
        : "CloudFront";
      out.warnings.push({
        path: path,
        message: `"${name}" is proxied in front of ${what}: two CDNs in series (responses cached twice, CloudFront sees Cloudflare's addresses instead of the viewers'). Leave out proxied: true unless Cloudflare's features are wanted in front; see docs/endpoints.md.`,
      });
    }
    if (proxied && cert.attach?.nlb) {
      out.warnings.push({
        path,
        message: `"${name}" is proxied in front of an NLB: Cloudflare proxies only records that serve HTTP or HTTPS, so this works only if the NLB's TLS listener serves HTTPS. Leave out proxied: true for any other protocol; see docs/endpoints.md.`,
      });
    }
    if (name === zone.name) checkApexRecord(cert, name, zone.provider, path, out);
    if (zone.privateZone && cert.attach?.cloudfront) {
      // Route 53 API reference, AliasTarget: no alias to CloudFront in a private hosted zone.
      out.issues.push({
        path,
        message: `"${name}" is in private zone ${zone.name}, where Route 53 takes no record pointing at a CloudFront distribution. Fix: put the hostname in a public zone.`,
      });
    }
    if (
      !isString &&
      h.ttlSeconds !== undefined &&
      capabilitiesOf(zone.provider).aliasRecords &&
      hasAliasTarget(cert)
    ) {
      out.warnings.push({
        path: [...at, "hostnames", i, "ttlSeconds"],
        message: `is not used: "${name}" becomes an alias record in ${capabilitiesOf(zone.provider).label}, which takes the endpoint's own TTL. Remove ttlSeconds.`,
      });
    }
    if (proxied && settings?.sslMode !== "strict") {
      out.warnings.push({
        path: path,
        message: `"${name}" is proxied, but zone ${zone.name} does not set sslMode: strict. Anything weaker than Full (strict) fails or loops (Flexible + HTTPS redirect) in front of an HTTPS endpoint: set ${formatPath([...(settings?.path ?? []), "sslMode"])}: strict, or make sure the zone already uses it.`,
      });
    }
  });
}

/**
 * Whether the endpoint certkit points hostnames at has a canonical hosted zone id
 * (CloudFront's, an API Gateway domain's, or a load balancer's looked up by ARN or
 * by the controller's tags): then hosts with alias records write aliases, else CNAMEs.
 */
export function hasAliasTarget(cert: Pick<CertificateConfig, "attach">): boolean {
  if (cert.attach?.cloudfront || cert.attach?.apiGateway) return true;
  const alb = cert.attach?.alb;
  const lb = alb ?? cert.attach?.nlb;
  if (!lb || lb.dnsName !== undefined) return false;
  return (
    alb?.ingressGroup !== undefined ||
    lb.listenerArn !== undefined ||
    lb.loadBalancerArn !== undefined
  );
}

/** DNS allows no CNAME at a zone apex: there, a host needs alias records or flattening. */
function checkApexRecord(
  cert: CertificateConfig,
  name: string,
  provider: string,
  path: KeyPath,
  out: RuleFindings,
): void {
  const host = capabilitiesOf(provider);
  if (host.apexCname || (host.aliasRecords && hasAliasTarget(cert))) return;
  const why = `"${name}" is the zone apex, where DNS allows no CNAME (RFC 1034: the apex has SOA and NS records), and ${host.label}`;
  if (!host.writesRecords) {
    out.warnings.push({
      path,
      message: `${why} gets a CNAME to the endpoint in output external_dns_records. Create it as the host's ALIAS/ANAME record (or flattened CNAME) if it has one, or use a name under the apex.`,
    });
    return;
  }
  const fix = host.aliasRecords
    ? "point it at an endpoint with a hosted zone id (attach.alb or attach.nlb by listenerArn or loadBalancerArn without dnsName, alb.ingressGroup, attach.cloudfront or attach.apiGateway) so that it becomes an alias record, or use a name under the apex"
    : "use a name under the apex";
  out.issues.push({
    path,
    message: `${why} would get a CNAME: ${host.aliasRecords ? "an alias record needs the endpoint's hosted zone id, which a DNS name alone (target, alb.dnsName, nlb.dnsName) does not give" : "it has no alias records"}. Fix: ${fix}.`,
  });
}

function hostnameProblem(
  name: string,
  domains: string[],
  router: ZoneRouter,
  endpoints: Map<string, string>,
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
    return `"${name}" is under no configured zone (configured: ${router.names.join(", ")}). Fix: add its zone under ${ZONE_SECTIONS}.`;
  const key = endpoints.get(name);
  if (key === "attach.cloudfront.origin")
    return `"${name}" is also the CloudFront origin: requests would loop. Fix: use a separate origin name.`;
  if (key !== undefined)
    return `"${name}" is also ${key}: its CNAME would point at itself, a loop no resolver follows. Fix: set ${key} to the endpoint's own DNS name (such as the load balancer's *.elb.amazonaws.com name).`;
  return undefined;
}
