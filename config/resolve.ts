// From the validated file to what stacks build: defaults merged, names
// lowercased, validation records planned. Runs after the rules, but relies on none.
import { type EdgeCertificate, advancedPackHosts } from "../domains/edge-certificates";
import { DNS_HOSTS, edgeProxyOf } from "../domains/dns-hosts";
import { normalizeDomain } from "../domains/names";
import { terraformLiterals } from "../domains/terraform-literal";
import { ZoneRoute, ZoneRouter } from "../domains/zones";
import { ValidationRecordPlan, planValidationRecords } from "../domains/validation-records";
import {
  type ResolvedAlarm,
  type ResolvedBackend,
  certificateOwnTags,
  certificateRegion,
  configuredZones,
  effectiveRegion,
  environmentTags,
  hasZoneSetting,
  ingressBackend,
  needsIngressStack,
  proxiedHostnames,
  resolveAlarm,
  resolveBackend,
  zoneRoutes,
  zonesStackRegion,
} from "./derive";
import { ResolveInvariantError } from "./issues";
import { ZONES_STACK } from "./stack-names";
import type { AwsRegion } from "./regions";
import {
  type ResolvedAttach,
  type ResolvedHostname,
  resolveAttach,
  resolveHostnames,
} from "./resolve-endpoints";
import type { CertificateConfig, CertkitConfig, EnvironmentConfig } from "./schema";

export type { ResolvedBackend } from "./derive";

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

/**
 * The resolved model, in which every string is a Terraform literal: the one door
 * config text passes on its way to synthesized output (token markers were refused
 * by the rules). Escaped last, after `{environment}` was filled in. Backend text,
 * which Terraform reads without evaluating, holds no `${` or `%{` (refused by the
 * rules), so escaping leaves it as written.
 *
 * Pure and total: it assumes nothing the rules check. A fact it cannot do
 * without (an environment's region) throws a ResolveInvariantError naming it.
 */
export function resolveConfig(cfg: CertkitConfig): ResolvedConfig {
  return terraformLiterals(resolveText(lowercaseDnsNames(cfg)));
}

/** Every DNS name of the file lowercased, here and only here: the model holds them so. */
function lowercaseDnsNames(cfg: CertkitConfig): CertkitConfig {
  const keys = <V>(m: Record<string, V> | undefined) =>
    m && Object.fromEntries(Object.entries(m).map(([k, v]) => [normalizeDomain(k), v]));
  const environments = Object.entries(cfg.environments).map(([name, env]) => {
    const certificates = Object.entries(env.certificates).map(([certName, c]) => {
      const alb = c.attach?.alb;
      const cert: CertificateConfig = {
        ...c,
        domains: c.domains.map(normalizeDomain),
        ...optional(
          "hostnames",
          c.hostnames?.map((h) =>
            typeof h === "string" ? normalizeDomain(h) : { ...h, name: normalizeDomain(h.name) },
          ),
        ),
        ...optional("target", c.target === undefined ? undefined : normalizeDomain(c.target)),
        ...optional(
          "attach",
          alb?.dnsName === undefined
            ? c.attach
            : { ...c.attach, alb: { ...alb, dnsName: normalizeDomain(alb.dnsName) } },
        ),
      };
      return [certName, cert] as const;
    });
    const adopt = env.adopt && {
      ...env.adopt,
      ...optional("validationRecords", keys(env.adopt.validationRecords)),
      ...optional("hostnames", keys(env.adopt.hostnames)),
    };
    const lowered: EnvironmentConfig = {
      ...env,
      certificates: Object.fromEntries(certificates),
      ...optional("validationRecordOwners", keys(env.validationRecordOwners)),
      ...optional("adopt", adopt),
    };
    return [name, lowered] as const;
  });
  return {
    ...cfg,
    environments: Object.fromEntries(environments),
    // Every DNS host's zones by their lowercased apex.
    ...Object.fromEntries(
      DNS_HOSTS.flatMap((host) => {
        const section = cfg[host];
        return section ? [[host, { ...section, zones: keys<unknown>(section.zones) ?? {} }]] : [];
      }),
    ),
  };
}

function resolveText(cfg: CertkitConfig): ResolvedConfig {
  const zones = zoneRoutes(cfg);
  const router = new ZoneRouter(zones);
  const environments = Object.entries(cfg.environments).map(([name, env]) => {
    const owners = { ...env.validationRecordOwners };
    const region = effectiveRegion(cfg, env);
    if (region === undefined) {
      throw new ResolveInvariantError("resolveConfig", `environments.${name} has no region`);
    }
    const adopted = adoptedRecords(env);
    const certificates = Object.entries(env.certificates).map(([certName, c]) => {
      const { attach, hostnames, target, ...rest } = c;
      const at = `environments.${name}.certificates.${certName}`;
      const resolved = resolveAttach(attach, at);
      return {
        ...rest,
        name: certName,
        region: certificateRegion(region, c),
        domains: c.domains,
        tags: certificateOwnTags(cfg, name, c.tags),
        alarm: resolveAlarm(cfg, name, certName),
        ...optional("attach", resolved),
        hostnames: resolveHostnames(c, router, at).map((h) => ({
          ...h,
          ...optional("adoptRecordId", adopted.hostnames.get(h.name)),
        })),
        ...optional("target", target),
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
      tags: environmentTags(cfg, name),
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
  const zoneSettings = configuredZones(cfg).flatMap((z) =>
    hasZoneSetting(z)
      ? [
          {
            zone: z.route,
            caa: z.caa,
            ...optional("sslMode", z.sslMode),
            ...optional("edge", edgeOrder(z.route, z.edgeCertificate, proxied)),
          },
        ]
      : [],
  );
  const zonesRegion = zonesStackRegion(cfg);
  if (zonesRegion === undefined) {
    throw new ResolveInvariantError("resolveConfig", "no environment has a region");
  }
  return {
    ...optional("project", cfg.project),
    zones,
    zoneSettings,
    zonesBackend: resolveBackend(cfg.defaults?.backend, ZONES_STACK),
    zonesRegion,
    environments,
  };
}

/** Adopted record ids by name (the rules refused two keys for one name). */
function adoptedRecords(env: EnvironmentConfig) {
  const byName = (m: Record<string, string> | undefined) => new Map(Object.entries(m ?? {}));
  return {
    validationRecords: byName(env.adopt?.validationRecords),
    hostnames: byName(env.adopt?.hostnames),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The edge certificate to order for `zone`, across every environment's proxied names. */
function edgeOrder(
  zone: ZoneRoute,
  edge: EdgeCertificate | undefined,
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
