// From the validated file to what stacks build: defaults merged, names
// normalised, validation records planned. Runs only after rules.ts passed.
import { advancedPackHosts, edgeProxyOf } from "../domains/edge-certificates";
import { normalizeDomain } from "../domains/names";
import { terraformLiterals } from "../domains/terraform-literal";
import { ZoneRoute, ZoneRouter } from "../domains/zones";
import { ValidationRecordPlan, planValidationRecords } from "../domains/validation-records";
import { INGRESS_STACK_SUFFIX, ZONES_STACK } from "./stack-names";
import type { AwsRegion } from "./regions";
import {
  CLOUDFRONT_CERTIFICATE_REGION,
  ResolvedAttach,
  ResolvedHostname,
  proxiedHostnames,
  resolveAttach,
  resolveHostnames,
} from "./resolve-endpoints";
import { ResolvedAlarm, resolveAlarm } from "./resolve-alarm";
import type { BackendConfig, CertificateConfig, CertkitConfig, EnvironmentConfig } from "./schema";

export type ResolvedBackend =
  | { readonly kind: "local"; readonly path: string }
  | ({ readonly kind: "s3" } & NonNullable<BackendConfig["s3"]>)
  | ({ readonly kind: "cloud" } & NonNullable<BackendConfig["cloud"]>);

export interface ResolvedCertificate
  extends Omit<CertificateConfig, "tags" | "attach" | "hostnames" | "target" | "alarm"> {
  /** The config key, part of every resource id. */
  readonly name: string;
  /** Lowercased; the first is the primary name. */
  readonly domains: string[];
  /** Where the certificate lives: the environment's region, or us-east-1 for CloudFront. */
  readonly region: AwsRegion;
  readonly tags: Record<string, string>;
  /** Expiry alarm and events: defaults, environment and certificate merged key by key. */
  readonly alarm: ResolvedAlarm;
  /** What serves it. @default - nothing (a warning: ACM renews only certificates in use) */
  readonly attach?: ResolvedAttach;
  /** App records pointing at the endpoint (or at `target`). */
  readonly hostnames: ResolvedHostname[];
  /** CNAME target of the hostnames when there is no `attach`. */
  readonly target?: string;
  /** ARN of a certificate made by hand that the stack imports (`adopt.certificates`). */
  readonly adoptArn?: string;
}

/** A validation record, with the id of one made by hand to import (`adopt.validationRecords`). */
export interface ResolvedValidationRecord extends ValidationRecordPlan {
  readonly adoptRecordId?: string;
}

/** Zone-wide settings, owned by the `zones` stack so no two environments fight over them. */
export interface ZoneSettings {
  readonly zone: ZoneRoute;
  readonly caa: boolean;
  readonly sslMode?: "strict";
  /** The proxy's edge certificate beyond the free one. @default - the free one only */
  readonly edge?: EdgeCertificateOrder;
}

/** What the `zones` stack orders for a zone's proxied names. */
export type EdgeCertificateOrder =
  /** A certificate pack for these hosts: the apex, then the names the free certificate misses. */
  | { readonly kind: "advanced"; readonly hosts: string[] }
  /** One certificate per proxied name, ordered by the proxy itself. */
  | { readonly kind: "total-tls" };

export interface ResolvedEnvironment {
  readonly name: string;
  readonly region: AwsRegion;
  readonly accountId?: string;
  readonly backend: ResolvedBackend;
  /** Backend of the `<env>-ingress` stack; undefined when the environment needs none. */
  readonly ingressBackend?: ResolvedBackend;
  /** defaults.tags, the environment's tags, then project/environment/managed-by. */
  readonly tags: Record<string, string>;
  readonly certificates: ResolvedCertificate[];
  /** Validation records this environment's stack creates. */
  readonly validationRecords: ResolvedValidationRecord[];
  /** Validation records another environment in the same account owns: name -> owner. */
  readonly validationRecordsOwnedElsewhere: Record<string, string>;
}

export interface ResolvedConfig {
  readonly project?: string;
  readonly zones: ZoneRoute[];
  /** Zones with a setting certkit manages, in the `zones` stack. */
  readonly zoneSettings: ZoneSettings[];
  /** State of the `zones` stack: defaults.backend with {environment} = zones. */
  readonly zonesBackend: ResolvedBackend;
  /** Region of the `zones` stack's s3 state when its bucket names none. */
  readonly zonesRegion: string;
  readonly environments: ResolvedEnvironment[];
}

/** Every configured zone, whichever DNS provider hosts it. */
export function zoneRoutes(cfg: CertkitConfig): ZoneRoute[] {
  return Object.entries(cfg.cloudflare?.zones ?? {}).map(([name, z]) => ({
    name: normalizeDomain(name),
    provider: "cloudflare",
    ...(z.zoneId ? { zoneId: z.zoneId } : {}),
  }));
}

export function effectiveRegion(cfg: CertkitConfig, env: EnvironmentConfig): AwsRegion | undefined {
  return env.region ?? cfg.defaults?.region;
}

/** The certificates whose validation records certkit writes (all but `waitForValidation: false`). */
export function certificatesOf(env: EnvironmentConfig): { name: string; domains: string[] }[] {
  return Object.entries(env.certificates)
    .filter(([, c]) => c.waitForValidation !== false)
    .map(([name, c]) => ({ name, domains: c.domains.map(normalizeDomain) }));
}

/**
 * The resolved model, in which every string is a Terraform literal: the one door
 * config text passes on its way to synthesized output (token markers were refused
 * by the rules). Escaped last, after `{environment}` was filled in. Backend text,
 * which Terraform reads without evaluating, holds no `${` or `%{` (refused by the
 * rules), so escaping leaves it as written.
 */
export function resolveConfig(cfg: CertkitConfig): ResolvedConfig {
  return terraformLiterals(resolveText(cfg));
}

function resolveText(cfg: CertkitConfig): ResolvedConfig {
  const zones = zoneRoutes(cfg);
  const router = new ZoneRouter(zones);
  const environments = Object.entries(cfg.environments).map(([name, env]) => {
    const owners = Object.fromEntries(
      Object.entries(env.validationRecordOwners ?? {}).map(([n, o]) => [normalizeDomain(n), o]),
    );
    const region = effectiveRegion(cfg, env)!;
    const adopted = adoptedRecords(env);
    const certificates = Object.entries(env.certificates).map(([certName, c]) => {
      const { attach, hostnames, target, ...rest } = c;
      const resolved = resolveAttach(attach);
      return {
        ...rest,
        name: certName,
        region: resolved?.kind === "cloudfront" ? CLOUDFRONT_CERTIFICATE_REGION : region,
        domains: c.domains.map(normalizeDomain),
        tags: c.tags ?? {},
        alarm: resolveAlarm(cfg, name, certName),
        ...optional("attach", resolved),
        hostnames: resolveHostnames(c, router).map((h) => ({
          ...h,
          ...optional("adoptRecordId", adopted.hostnames.get(h.name)),
        })),
        ...optional("target", target === undefined ? undefined : normalizeDomain(target)),
        ...optional("adoptArn", env.adopt?.certificates?.[certName]),
      };
    });
    const backend = resolveBackend(env.backend ?? cfg.defaults?.backend, name);
    return {
      name,
      region,
      ...optional("accountId", env.accountId ?? cfg.defaults?.accountId),
      backend,
      ...optional(
        "ingressBackend",
        needsIngressStack(Object.values(env.certificates)) ? ingressBackend(backend) : undefined,
      ),
      tags: {
        ...cfg.defaults?.tags,
        ...env.tags,
        ...certkitTags(cfg.project, name),
      },
      certificates,
      validationRecords: planValidationRecords(
        certificates.filter((c) => c.waitForValidation),
        router,
      )
        .filter((r) => owners[r.baseName] === undefined)
        .map((r) => ({
          ...r,
          ...optional("adoptRecordId", adopted.validationRecords.get(r.baseName)),
        })),
      validationRecordsOwnedElsewhere: owners,
    };
  });
  const proxied = proxiedHostnames(cfg, router);
  const zoneSettings = Object.entries(cfg.cloudflare?.zones ?? {})
    .filter(([, z]) => hasZoneSetting(z))
    .map(([name, z]) => {
      const zone = router.route(normalizeDomain(name))!;
      return {
        zone,
        caa: z.caa,
        ...optional("sslMode", z.sslMode),
        ...optional("edge", edgeOrder(zone, z.edgeCertificate, proxied)),
      };
    });
  return {
    ...optional("project", cfg.project),
    zones,
    zoneSettings,
    zonesBackend: resolveBackend(cfg.defaults?.backend, ZONES_STACK),
    // Rules passed: there is an environment, and each has a region.
    zonesRegion: zonesStackRegion(cfg)!,
    environments,
  };
}

/** The tags certkit puts on every resource of an environment, over the user's own. */
export function certkitTags(
  project: string | undefined,
  environment: string,
): Record<string, string> {
  return { ...(project ? { project } : {}), environment, "managed-by": "certkit" };
}

/** Adopted record ids by normalised name (the rules refused two keys for one name). */
function adoptedRecords(env: EnvironmentConfig) {
  const byName = (m: Record<string, string> | undefined) =>
    new Map(Object.entries(m ?? {}).map(([k, id]) => [normalizeDomain(k), id]));
  return {
    validationRecords: byName(env.adopt?.validationRecords),
    hostnames: byName(env.adopt?.hostnames),
  };
}

/** A stack's backend: `{environment}` in its strings becomes the stack's environment. */
export function resolveBackend(backend: BackendConfig | undefined, env: string): ResolvedBackend {
  const fill = <T extends object>(o: T): T =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [
        k,
        typeof v === "string" ? v.replace(/\{environment\}/g, env) : v,
      ]),
    ) as T;
  if (backend?.s3) return { kind: "s3", ...fill(backend.s3) };
  if (backend?.cloud) return { kind: "cloud", ...fill(backend.cloud) };
  return {
    kind: "local",
    path: fill({ path: backend?.local?.path ?? "terraform.{environment}.tfstate" }).path,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * The `<env>-ingress` stack's backend: next to the environment's, with its own
 * state (the suffix goes before `.tfstate`, or after the workspace name).
 */
export function ingressBackend(backend: ResolvedBackend): ResolvedBackend {
  const suffix = INGRESS_STACK_SUFFIX;
  const withSuffix = (s: string) =>
    s.endsWith(".tfstate") ? `${s.slice(0, -".tfstate".length)}${suffix}.tfstate` : `${s}${suffix}`;
  switch (backend.kind) {
    case "local":
      return { ...backend, path: withSuffix(backend.path) };
    case "s3":
      return { ...backend, key: withSuffix(backend.key) };
    case "cloud":
      return { ...backend, workspace: `${backend.workspace}${suffix}` };
  }
}

/** Whether an environment gets an `<env>-ingress` stack: a controller ALB with hostnames. */
export function needsIngressStack(
  certificates: readonly Pick<CertificateConfig, "attach" | "hostnames">[],
): boolean {
  return certificates.some(
    (c) => c.attach?.alb?.ingressGroup !== undefined && (c.hostnames?.length ?? 0) > 0,
  );
}

/** A zone setting certkit manages (CAA, SSL mode, edge certificate) means a `zones` stack. */
export function hasZoneSettings(cfg: CertkitConfig): boolean {
  return Object.values(cfg.cloudflare?.zones ?? {}).some(hasZoneSetting);
}

type ZoneConfig = NonNullable<CertkitConfig["cloudflare"]>["zones"][string];

const hasZoneSetting = (z: ZoneConfig) =>
  z.caa ||
  z.sslMode !== undefined ||
  z.edgeCertificate === "advanced" ||
  z.edgeCertificate === "total-tls";

/** The edge certificate to order for `zone`, across every environment's proxied names. */
function edgeOrder(
  zone: ZoneRoute,
  edge: ZoneConfig["edgeCertificate"],
  proxied: readonly { name: string; zone: ZoneRoute }[],
): EdgeCertificateOrder | undefined {
  const proxy = edgeProxyOf(zone.provider);
  if (!proxy) return undefined;
  if (edge === "total-tls") return { kind: "total-tls" };
  if (edge !== "advanced") return undefined;
  const names = proxied.filter((h) => h.zone.name === zone.name).map((h) => h.name);
  const hosts = advancedPackHosts(zone.name, names, proxy);
  return hosts.length ? { kind: "advanced", hosts } : undefined;
}

/**
 * The region of the `zones` stack's s3 state, when the bucket names none: that of
 * defaults, else of the first environment sharing defaults.backend, else of the first.
 */
export function zonesStackRegion(cfg: CertkitConfig): string | undefined {
  const envs = Object.values(cfg.environments);
  const sharing = envs.find((e) => !e.backend) ?? envs[0];
  return cfg.defaults?.region ?? (sharing && effectiveRegion(cfg, sharing));
}
