// Which certificates a change replaces. ACM cannot change a certificate's names
// key algorithm or private CA: Terraform destroys and re-creates it, and only
// `create_before_destroy` keeps a listener from holding on to the old one. A
// move to another region (another AWS provider) is replaced the same way:
// hashicorp/aws 6.x keeps each resource's region in state, reads and deletes
// the old certificate there and forces a new one in the new region. Pure.
import type { ResolvedConfig } from "../config/resolve";
import type { ResolvedAttach } from "../config/resolve-endpoints";
import type { Json, JsonObject } from "./hcl";

/** What decides whether a certificate is replaced. */
export interface CertificateIdentity {
  /** The stack holding it (the environment's name) and its Terraform name (the config key). */
  readonly stack: string;
  readonly name: string;
  /** Primary name first; the rest compare as a set, as the provider does. */
  readonly domains: readonly string[];
  readonly keyAlgorithm: string;
  /** The AWS Private CA of a private certificate (ForceNew in hashicorp/aws). @default - a public certificate */
  readonly certificateAuthorityArn?: string;
  /**
   * The AWS region of the provider that manages it; undefined when the source
   * does not say (then a region change cannot be seen).
   */
  readonly region?: string;
}

export interface Replacement {
  readonly stack: string;
  readonly name: string;
  /** Each change that forces the replacement, as a sentence. */
  readonly reasons: readonly string[];
  /** Whether the new stack creates the new certificate before destroying the old. */
  readonly createBeforeDestroy: boolean;
  /**
   * The AWS Load Balancer Controller's ALB that serves it: the old certificate stays
   * on it until the Helm values change, so no single deploy can delete it.
   */
  readonly controllerAlb?: ControllerAlb;
}

/** An ALB the AWS Load Balancer Controller makes, and where its Helm values are. */
export interface ControllerAlb {
  readonly cluster: string;
  readonly ingressGroup: string;
  /** The environment stack's output holding the Helm values with the certificate ARNs. */
  readonly output: string;
}

/** The `attach` kinds a manifest records by kind alone (manifest.ts assigns each resolved kind to one). */
export const PLAIN_ATTACH_KINDS = [
  "alb-listener",
  "alb-owned",
  "alb-dns",
  "cloudfront",
  "nlb-listener",
  "nlb-owned",
  "nlb-dns",
  "api-gateway",
] as const satisfies readonly ResolvedAttach["kind"][];

/** What serves a certificate: the kind of `attach`, and for a controller-made ALB where its Helm values are. */
export type Attachment =
  | ({ readonly kind: "alb-ingress" } & ControllerAlb)
  | { readonly kind: (typeof PLAIN_ATTACH_KINDS)[number] };

/** A certificate as the manifest records it: what decides a replacement, and how one is deployed. */
export interface ManifestCertificate extends CertificateIdentity {
  /** `lifecycle.create_before_destroy` in the synthesized stack. */
  readonly createBeforeDestroy: boolean;
  /** Absent when certkit attaches it to nothing. */
  readonly attachedTo?: Attachment;
}

export interface CertificateChanges {
  readonly replaced: Replacement[];
  /** Certificates that are gone: destroyed, which fails while something still serves them. */
  readonly removed: CertificateIdentity[];
}

const CERTIFICATE = "aws_acm_certificate";
const DEFAULT_KEY_ALGORITHM = "RSA_2048";

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The certificates of a synthesized stack. */
export function certificatesInStack(stack: string, json: JsonObject): CertificateIdentity[] {
  const resources = isObject(json.resource) ? json.resource[CERTIFICATE] : undefined;
  if (!isObject(resources)) return [];
  const regions = providerRegionsInStack(json);
  return Object.entries(resources).flatMap(([name, body]) => {
    if (!isObject(body) || typeof body.domain_name !== "string") return [];
    const sans = Array.isArray(body.subject_alternative_names)
      ? body.subject_alternative_names
      : [];
    const region = regions.get(providerOf(body.provider));
    return [
      {
        stack,
        name,
        domains: [body.domain_name, ...sans.filter((s): s is string => typeof s === "string")],
        keyAlgorithm:
          typeof body.key_algorithm === "string" ? body.key_algorithm : DEFAULT_KEY_ALGORITHM,
        ...(typeof body.certificate_authority_arn === "string"
          ? { certificateAuthorityArn: body.certificate_authority_arn }
          : {}),
        ...(region ? { region } : {}),
      },
    ];
  });
}

/**
 * The region of each AWS provider configuration of a synthesized stack, by its
 * address: `aws` (the default, without alias) and `aws.<alias>`. A region that
 * is not a plain string (a reference) is left out.
 */
export function providerRegionsInStack(json: JsonObject): Map<string, string> {
  const providers = isObject(json.provider) ? json.provider.aws : undefined;
  const list = Array.isArray(providers) ? providers : providers ? [providers] : [];
  const regions = new Map<string, string>();
  for (const p of list.filter(isObject)) {
    if (typeof p.region !== "string" || p.region.includes("${")) continue;
    regions.set(typeof p.alias === "string" ? `aws.${p.alias}` : "aws", p.region);
  }
  return regions;
}

/** The provider address of a resource's `provider` argument: `aws.us_east_1`; `aws` when unset. */
function providerOf(provider: Json | undefined): string {
  if (typeof provider !== "string") return "aws";
  return provider.replace(/^\$\{(.*)\}$/, "$1").trim();
}

/** The certificates of a config: in the stack named after their environment. */
export function certificatesInConfig(config: ResolvedConfig): CertificateIdentity[] {
  return config.environments.flatMap((env) =>
    env.certificates.map((c) => ({
      stack: env.name,
      name: c.name,
      domains: c.domains,
      keyAlgorithm: c.keyAlgorithm ?? DEFAULT_KEY_ALGORITHM,
      ...(c.certificateAuthorityArn ? { certificateAuthorityArn: c.certificateAuthorityArn } : {}),
      region: c.region,
    })),
  );
}

/**
 * Compares a baseline with the certificates now (from the manifest of the new
 * stacks: create_before_destroy and the controller-made ALB come from there).
 */
export function certificateChanges(
  before: readonly CertificateIdentity[],
  after: readonly ManifestCertificate[],
): CertificateChanges {
  const key = (c: CertificateIdentity) => `${c.stack}\u0000${c.name}`;
  const now = new Map(after.map((c) => [key(c), c]));
  const replaced: Replacement[] = [];
  const removed: CertificateIdentity[] = [];
  for (const old of [...before].sort(byAddress)) {
    const current = now.get(key(old));
    if (!current) {
      const { stack, name, domains, keyAlgorithm, certificateAuthorityArn: ca, region } = old;
      removed.push({
        stack,
        name,
        domains,
        keyAlgorithm,
        ...(ca ? { certificateAuthorityArn: ca } : {}),
        ...(region ? { region } : {}),
      });
      continue;
    }
    const reasons = replacementReasons(old, current);
    if (reasons.length === 0) continue;
    const alb = current.attachedTo?.kind === "alb-ingress" ? current.attachedTo : undefined;
    replaced.push({
      stack: old.stack,
      name: old.name,
      reasons,
      createBeforeDestroy: current.createBeforeDestroy,
      ...(alb
        ? {
            controllerAlb: {
              cluster: alb.cluster,
              ingressGroup: alb.ingressGroup,
              output: alb.output,
            },
          }
        : {}),
    });
  }
  return { replaced, removed };
}

/** Why `after` cannot be the same certificate as `before`; empty when it can. */
export function replacementReasons(
  before: CertificateIdentity,
  after: CertificateIdentity,
): string[] {
  const reasons: string[] = [];
  const [oldPrimary, ...oldRest] = before.domains.map((d) => d.toLowerCase());
  const [newPrimary, ...newRest] = after.domains.map((d) => d.toLowerCase());
  if (oldPrimary !== newPrimary) reasons.push(`primary name ${oldPrimary} -> ${newPrimary}`);
  const added = newRest.filter((d) => !oldRest.includes(d) && d !== oldPrimary);
  const dropped = oldRest.filter((d) => !newRest.includes(d) && d !== newPrimary);
  if (added.length) reasons.push(`names added: ${added.join(", ")}`);
  if (dropped.length) reasons.push(`names removed: ${dropped.join(", ")}`);
  if (before.keyAlgorithm !== after.keyAlgorithm) {
    reasons.push(`key algorithm ${before.keyAlgorithm} -> ${after.keyAlgorithm}`);
  }
  if (before.certificateAuthorityArn !== after.certificateAuthorityArn) {
    const issuer = (ca?: string) => (ca ? `private CA ${ca}` : "public (DNS validation)");
    reasons.push(
      `issuer ${issuer(before.certificateAuthorityArn)} -> ${issuer(after.certificateAuthorityArn)}`,
    );
  }
  // Only when both sides say: a source without provider regions cannot tell.
  if (before.region && after.region && before.region !== after.region) {
    reasons.push(`region ${before.region} -> ${after.region}`);
  }
  return reasons;
}

/** Whether the replacement cannot be deployed as it stands: no create_before_destroy. */
export function isUnsafe(r: Replacement): boolean {
  return !r.createBeforeDestroy;
}

/** `lifecycle.create_before_destroy` of the certificate in the synthesized stack. */
export function createsBeforeDestroying(stack: JsonObject | undefined, name: string): boolean {
  const resources = isObject(stack?.resource) ? stack.resource[CERTIFICATE] : undefined;
  const body = isObject(resources) ? resources[name] : undefined;
  const lifecycle = isObject(body) ? body.lifecycle : undefined;
  return isObject(lifecycle) && lifecycle.create_before_destroy === true;
}

function byAddress(a: CertificateIdentity, b: CertificateIdentity): number {
  const x = `${a.stack}/${a.name}`;
  const y = `${b.stack}/${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}
