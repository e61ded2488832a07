// Pure derivations from the raw (schema-checked) document that both the rules
// and resolve need: regions, backends, zones, merged alarm settings. Imports
// neither: the rules validate the document, resolve builds the model, and each
// reads these facts from here, so they cannot disagree.
import { awsNameBase, roleSessionName } from "../domains/aws-names";
import type { EdgeCertificate } from "../domains/edge-certificates";
import { edgeProxyOf } from "../domains/dns-hosts";
import { normalizeDomain } from "../domains/names";
import type { ZoneRoute, ZoneRouter } from "../domains/zones";
import {
  type AlarmConfig,
  DEFAULT_DAYS_BEFORE_EXPIRY,
  DEFAULT_KMS_KEY,
  type KmsKeySetting,
} from "./alarm-schema";
import { type HostnameConfig, hostnameEntry } from "./endpoint-schema";
import type { KeyPath } from "./issues";
import type { AwsRegion } from "./regions";
import type { BackendConfig, CertificateConfig, CertkitConfig, EnvironmentConfig } from "./schema";
import { INGRESS_STACK_SUFFIX } from "./stack-names";

/**
 * Whether a hostname in `zone` goes through its DNS host's proxy: the host has one,
 * and the entry is proxied (said, or by default). Asking a host without a proxy is
 * the edge rules' to refuse, so it counts as not proxied here.
 */
export function proxiedAtHost(
  h: HostnameConfig,
  attach: CertificateConfig["attach"],
  zone: ZoneRoute,
): boolean {
  const hasProxy = edgeProxyOf(zone.provider) !== undefined;
  return hasProxy && hostnameEntry(h, attach, hasProxy).proxied;
}

/** CloudFront takes certificates from this region only. */
export const CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";

/** A configured zone of any DNS host, with its key as written and the settings certkit manages. */
export interface ConfiguredZone {
  /** Where the config names it: `["route53", "zones", "Example.net"]`. */
  readonly path: KeyPath;
  readonly route: ZoneRoute;
  /** CAA records for Amazon's CAs at the apex. */
  readonly caa: boolean;
  /** The proxy's SSL mode (hosts with a proxy). @default - unmanaged */
  readonly sslMode?: "strict";
  /** The proxy's edge certificate (hosts with a proxy). @default - none */
  readonly edgeCertificate?: EdgeCertificate;
}

/** Every configured zone, whichever DNS host has it, host by host in config order. */
export function configuredZones(cfg: CertkitConfig): ConfiguredZone[] {
  const zone = (provider: string, key: string, extra: Partial<ZoneRoute> = {}) => ({
    path: [provider, "zones", key],
    route: { name: normalizeDomain(key), provider, ...extra },
  });
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return [
    ...Object.entries(cfg.cloudflare?.zones ?? {}).map(([key, z]) => ({
      ...zone("cloudflare", key, defined({ zoneId: z.zoneId })),
      ...defined({ sslMode: z.sslMode, edgeCertificate: z.edgeCertificate }),
      caa: z.caa,
    })),
    ...Object.entries(cfg.route53?.zones ?? {}).map(([key, z]) => ({
      ...zone(
        "route53",
        key,
        defined({
          zoneId: z.zoneId,
          privateZone: z.privateZone || undefined,
          assumeRole: z.roleArn
            ? { roleArn: z.roleArn, ...defined({ externalId: z.externalId }) }
            : undefined,
        }),
      ),
      caa: z.caa,
    })),
    ...Object.keys(cfg.external?.zones ?? {}).map((key) => ({
      ...zone("external", key),
      caa: false,
    })),
  ];
}

/** Every configured zone's route, whichever DNS host has it. */
export function zoneRoutes(cfg: CertkitConfig): ZoneRoute[] {
  return configuredZones(cfg).map((z) => z.route);
}

export function effectiveRegion(cfg: CertkitConfig, env: EnvironmentConfig): AwsRegion | undefined {
  return env.region ?? cfg.defaults?.region;
}

/**
 * Why a certificate must live in us-east-1, or undefined: CloudFront's, and an edge
 * API Gateway domain's, served by a distribution API Gateway owns (AWS, "Set up an
 * edge-optimized custom domain name in API Gateway").
 */
export function usEast1Reason(cert: Pick<CertificateConfig, "attach">): string | undefined {
  if (cert.attach?.cloudfront) return "CloudFront takes certificates from us-east-1 only";
  if (cert.attach?.apiGateway?.endpoint === "edge")
    return "an edge-optimized API Gateway domain takes certificates from us-east-1 only";
  return undefined;
}

/** Where a certificate lives: us-east-1 for CloudFront and edge API Gateway domains, else its environment's region. */
export function certificateRegion(
  environmentRegion: AwsRegion,
  cert: Pick<CertificateConfig, "attach">,
): AwsRegion {
  return usEast1Reason(cert) ? CLOUDFRONT_CERTIFICATE_REGION : environmentRegion;
}

/**
 * Whether certkit writes a certificate's validation records and waits for them: not
 * with `waitForValidation: false` (someone else writes them), nor for a private
 * certificate (`certificateAuthorityArn`: ACM validates nothing for those).
 */
export const writesValidationRecords = (
  c: Pick<CertificateConfig, "waitForValidation" | "certificateAuthorityArn">,
): boolean => c.waitForValidation !== false && c.certificateAuthorityArn === undefined;

/** The certificates whose validation records certkit writes (see writesValidationRecords). */
export function certificatesOf(env: EnvironmentConfig): { name: string; domains: string[] }[] {
  return Object.entries(env.certificates)
    .filter(([, c]) => writesValidationRecords(c))
    .map(([name, c]) => ({ name, domains: c.domains.map(normalizeDomain) }));
}

/** The tags certkit puts on every resource of an environment, over the user's own. */
export function certkitTags(
  project: string | undefined,
  environment: string,
): Record<string, string> {
  return { ...(project ? { project } : {}), environment, "managed-by": "certkit" };
}

/** A certificate's own tags less certkit's keys, which would win over default_tags on it. */
export function certificateOwnTags(
  cfg: CertkitConfig,
  envName: string,
  tags: Record<string, string> | undefined,
): Record<string, string> {
  const own = certkitTags(cfg.project, envName);
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => !Object.hasOwn(own, k)));
}

/** An environment's tags: defaults.tags, its own, then certkit's. */
export function environmentTags(cfg: CertkitConfig, envName: string): Record<string, string> {
  return {
    ...cfg.defaults?.tags,
    ...cfg.environments[envName]?.tags,
    ...certkitTags(cfg.project, envName),
  };
}

export type ResolvedBackend =
  | { readonly kind: "local"; readonly path: string }
  | ({ readonly kind: "s3" } & NonNullable<BackendConfig["s3"]>)
  | ({ readonly kind: "cloud" } & NonNullable<BackendConfig["cloud"]>);

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
export const hasZoneSetting = (z: ConfiguredZone) =>
  z.caa ||
  z.sslMode !== undefined ||
  z.edgeCertificate === "advanced" ||
  z.edgeCertificate === "total-tls";

/** The role a stack's AWS providers assume (assume_role). */
export interface ResolvedAssumeRole {
  readonly roleArn: string;
  readonly externalId?: string;
  /** `certkit-<project>-<stack>`, shown in the role account's CloudTrail. */
  readonly sessionName: string;
}

/**
 * The role the AWS providers of stack `stack` assume: the environment's keys, else
 * defaults' (the zones stack passes no environment); undefined without a roleArn.
 */
export function assumedRole(
  cfg: CertkitConfig,
  stack: string,
  env?: EnvironmentConfig,
): ResolvedAssumeRole | undefined {
  const roleArn = env?.roleArn ?? cfg.defaults?.roleArn;
  if (roleArn === undefined) return undefined;
  const externalId = env?.externalId ?? cfg.defaults?.externalId;
  return {
    roleArn,
    ...(externalId !== undefined ? { externalId } : {}),
    sessionName: roleSessionName(awsNameBase(stack, cfg.project)),
  };
}

export function hasZoneSettings(cfg: CertkitConfig): boolean {
  return configuredZones(cfg).some(hasZoneSetting);
}

/**
 * The region of the `zones` stack's s3 state, when the bucket names none: that of
 * defaults, else of the first environment sharing defaults.backend, else of the first.
 */
export function zonesStackRegion(cfg: CertkitConfig): AwsRegion | undefined {
  const envs = Object.values(cfg.environments);
  const sharing = envs.find((e) => !e.backend) ?? envs[0];
  return cfg.defaults?.region ?? (sharing && effectiveRegion(cfg, sharing));
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
        const { name: raw, proxied } = hostnameEntry(h, cert.attach, true);
        const name = normalizeDomain(raw);
        const zone = router.route(name);
        // A name on a host without a proxy counts only when it asks for one: the rules refuse it.
        const asked = typeof h !== "string" && h.proxied === true;
        if (!proxied || !zone || (!edgeProxyOf(zone.provider) && !asked)) return;
        const at: KeyPath = ["environments", envName, "certificates", certName, "hostnames", i];
        out.push({ name, zone, path: typeof h === "string" ? at : [...at, "name"] });
      });
    }
  }
  return out;
}

// A certificate's `alarm` settings: defaults, then the environment, then the
// certificate, merged key by key (a list such as `emails` is replaced, not joined).

export interface ResolvedAlarm {
  /** false: no alarm and no event routing for the certificate. */
  readonly enabled: boolean;
  readonly daysBeforeExpiry: number;
  /** As written; domains/expiry-topics.ts drops repeats when it subscribes them. */
  readonly emails: string[];
  /** An existing topic to notify instead of the environment's own. */
  readonly topicArn?: string;
  /** How a topic certkit creates is encrypted: "create", "none" or a key ARN (unused with topicArn). */
  readonly kmsKey: KmsKeySetting;
}

export interface EffectiveAlarm {
  readonly settings: AlarmConfig;
  /** Where each key that is set was set: `environments.prod.alarm.topicArn`. */
  readonly sources: { readonly [K in keyof AlarmConfig]?: KeyPath };
}

/** The `alarm` blocks that apply to a certificate, least specific first. */
export function alarmLevels(
  cfg: CertkitConfig,
  envName: string,
  certName: string,
): { at: KeyPath; alarm?: AlarmConfig }[] {
  const env = cfg.environments[envName];
  const envAt = ["environments", envName];
  return [
    { at: ["defaults", "alarm"], alarm: cfg.defaults?.alarm },
    { at: [...envAt, "alarm"], alarm: env?.alarm },
    {
      at: [...envAt, "certificates", certName, "alarm"],
      alarm: env?.certificates[certName]?.alarm,
    },
  ];
}

export function effectiveAlarm(
  cfg: CertkitConfig,
  envName: string,
  certName: string,
): EffectiveAlarm {
  const settings: Record<string, unknown> = {};
  const sources: Record<string, KeyPath> = {};
  for (const { at, alarm } of alarmLevels(cfg, envName, certName)) {
    for (const [key, value] of Object.entries(alarm ?? {})) {
      if (value === undefined) continue;
      settings[key] = value;
      sources[key] = [...at, key];
    }
  }
  return { settings, sources };
}

export function resolveAlarm(cfg: CertkitConfig, envName: string, certName: string): ResolvedAlarm {
  const { settings } = effectiveAlarm(cfg, envName, certName);
  return {
    enabled: settings.enabled ?? true,
    daysBeforeExpiry: settings.daysBeforeExpiry ?? DEFAULT_DAYS_BEFORE_EXPIRY,
    emails: settings.emails ?? [],
    kmsKey: settings.kmsKey ?? DEFAULT_KMS_KEY,
    ...(settings.topicArn === undefined ? {} : { topicArn: settings.topicArn }),
  };
}
