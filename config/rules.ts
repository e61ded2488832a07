// Rules that need more than one key or knowledge of DNS and ACM. Each finding
// names its key path and the fix; every finding is collected, not the first.
import { posix } from "node:path";
import {
  MAX_PRIMARY_NAME_LENGTH,
  baseName,
  domainNameProblem,
  isWildcard,
  normalizeDomain,
  validationRecordProblem,
} from "../domains/names";
import { ZONE_SECTIONS, capabilitiesOf } from "../domains/dns-hosts";
import { ZoneRouter } from "../domains/zones";
import { awsNameBase } from "../domains/aws-names";
import { checkAdopt } from "./adopt-rules";
import { checkAlarmConfig, checkAlarmPlacement } from "./alarm-rules";
import { checkEdgeCertificates } from "./edge-rules";
import {
  EndpointContext,
  checkCnameChains,
  checkEndpoints,
  checkEnvironmentName,
} from "./endpoint-rules";
import { checkIngressGroups } from "./ingress-group-rules";
import { checkPrivateCa } from "./private-ca-rules";
import { KeyPath, type RuleFindings, formatPath } from "./issues";
import {
  type ResolvedBackend,
  certificatesOf,
  configuredZones,
  effectiveRegion,
  ingressBackend,
  needsIngressStack,
  hasZoneSettings,
  resolveBackend,
  writesValidationRecords,
  zonesStackRegion,
} from "./derive";
import type { BackendConfig, CertkitConfig, EnvironmentConfig } from "./schema";
import { ZONES_STACK, ingressStackName } from "./stack-names";
import { checkTags } from "./tag-rules";
import { checkS3Backends } from "./backend-rules";
import { checkRoles, checkZoneRoles } from "./role-rules";
import { checkBackendText, checkTokenText } from "./text-rules";

/** ACM's hard ceiling of names per certificate, and its default quota. */
export const MAX_NAMES = 100;
export const DEFAULT_NAMES_QUOTA = 10;

/**
 * Every rule over the raw document. Where alarm topics and keys may live needs
 * each environment's region, so those checks run once the others passed.
 */
export function validateConfig(cfg: CertkitConfig): RuleFindings {
  const found = checkConfig(cfg);
  if (found.issues.length) return found;
  const placement = checkAlarmPlacement(cfg);
  return { issues: placement.issues, warnings: [...found.warnings, ...placement.warnings] };
}

export function checkConfig(cfg: CertkitConfig): RuleFindings {
  const out: RuleFindings = { issues: [], warnings: [] };
  const zones = new Map(configuredZones(cfg).map((z) => [z.route.name, z]));
  const router = new ZoneRouter([...zones.values()].map((z) => z.route));
  out.issues.push(...checkTokenText(cfg), ...checkBackendText(cfg));
  checkZones(cfg, out);
  checkBackend(cfg.defaults?.backend, ["defaults", "backend"], out);
  if (Object.keys(cfg.environments).length === 0) {
    out.issues.push({
      path: ["environments"],
      message: "defines no environment. Fix: add one, such as `prod:` with its certificates.",
    });
  }
  // One DNS record belongs to one stack: a hostname is claimed once across environments.
  const hostnameClaims = new Map<string, KeyPath>();
  const ownedAnywhere = new Map<string, KeyPath>();
  const cnames: EndpointContext["cnames"] = new Map();
  const apiDomains = new Set<string>();
  for (const [name, env] of Object.entries(cfg.environments)) {
    const at: KeyPath = ["environments", name];
    if (!effectiveRegion(cfg, env)) {
      out.issues.push({
        path: [...at, "region"],
        message: "is required. Fix: set it here or in defaults.region.",
      });
    }
    checkBackend(env.backend, [...at, "backend"], out);
    checkEnvironmentName(name, out);
    const endpoints: EndpointContext = {
      router,
      region: effectiveRegion(cfg, env),
      accountId: env.accountId ?? cfg.defaults?.accountId,
      claimed: hostnameClaims,
      cnames,
      ownedLoadBalancers: new Map(),
      ownedAnywhere,
      loadBalancerIds: new Map(),
      zones,
      apiDomains,
    };
    for (const [certName, cert] of Object.entries(env.certificates)) {
      const certAt = [...at, "certificates", certName];
      // Records someone else writes, or none at all (private certificates), may live in any zone.
      const zones = writesValidationRecords(cert) ? router : undefined;
      checkDomains(cert.domains, [...certAt, "domains"], zones, out);
      checkEndpoints(cert, certAt, endpoints, out);
      checkPrivateCa(cert, certAt, effectiveRegion(cfg, env), router, out);
      if (!cert.waitForValidation && !cert.certificateAuthorityArn && cert.attach) {
        out.warnings.push({
          path: [...certAt, "waitForValidation"],
          message: `false hands the certificate's ARN to its endpoint before ACM has issued it; the endpoint refuses it (UnsupportedCertificate) and the apply fails until the validation records exist and ACM has issued it. Write the records from output validation_records_${certName} first, or remove waitForValidation: false.`,
        });
      }
    }
    checkValidationTtls(env, at, out);
    checkAutomaticTtls(env, at, router, out);
  }
  checkEdgeCertificates(cfg, router, out);
  checkIngressGroups(cfg, out);
  checkNamePrefix(cfg, out);
  checkCnameChains(cnames, out);
  checkSharedValidationRecords(cfg, router, out);
  checkAlarmConfig(cfg, out);
  checkTags(cfg, out);
  checkS3Backends(cfg, out);
  checkRoles(cfg, out);
  checkAdopt(cfg, out);
  checkSharedState(cfg, out);
  checkStateBucketRegion(cfg, out);
  return out;
}

/** Zone names, across every DNS host: well-formed, and each apex configured once. */
function checkZones(cfg: CertkitConfig, out: RuleFindings): void {
  // DNS names are case-insensitive: `Example.com` and `example.com` are one zone.
  const seen = new Map<string, KeyPath>();
  for (const zone of configuredZones(cfg)) {
    const { path } = zone;
    const key = String(path[2]);
    const problem = isWildcard(key)
      ? `may not be a wildcard, got "${key}". Fix: write the zone's apex, "${baseName(key)}"; records under it go to the zone.`
      : domainNameProblem(normalizeDomain(key));
    if (problem) out.issues.push({ path, message: `zone name ${problem}` });
    const first = seen.get(zone.route.name);
    if (first === undefined) seen.set(zone.route.name, path);
    else if (first[0] === path[0]) {
      out.issues.push({
        path,
        message: `is the zone ${formatPath(first)} again: zone names are case-insensitive. Fix: keep one entry, written in lowercase, with the settings of both.`,
      });
    } else {
      out.issues.push({
        path,
        message: `is also configured as ${formatPath(first)}: one zone has one DNS host, so certkit could not tell where its records go. Fix: keep the entry of the host that serves the zone (its NS records say which), remove the other.`,
      });
    }
  }
  checkZoneRoles(cfg, out);
  checkPrivateZoneCaa(cfg, out);
}

/**
 * CAA in a private zone: CAs (ACM too) read CAA from public DNS (RFC 8659), which
 * never sees a private zone's records, so the set would restrict and allow nothing.
 */
function checkPrivateZoneCaa(cfg: CertkitConfig, out: RuleFindings): void {
  for (const zone of configuredZones(cfg)) {
    if (!zone.caa || !zone.route.privateZone) continue;
    out.issues.push({
      path: [...zone.path, "caa"],
      message: `is true in private zone ${zone.route.name}, but CAs (ACM too) read CAA records from public DNS, which never sees this zone's records. Fix: remove caa here; set it on the public zone of ${zone.route.name} instead.`,
    });
  }
}

function checkBackend(backend: EnvironmentConfig["backend"], at: KeyPath, out: RuleFindings): void {
  if (!backend) return;
  const kinds = backendKinds(backend);
  if (kinds.length !== 1) {
    out.issues.push({
      path: at,
      message: `needs exactly one of local, s3, cloud, got ${kinds.length ? kinds.join(" and ") : "none"}. Fix: keep one.`,
    });
  }
  const path = backend.local?.path;
  if (path !== undefined && !path.trim()) {
    out.issues.push({
      path: [...at, "local", "path"],
      message: `is empty. Fix: write the state file's path, such as "state/terraform.{environment}.tfstate", or leave path out for terraform.{environment}.tfstate.`,
    });
  } else if (path !== undefined && /[/\\]$/.test(path)) {
    out.issues.push({
      path: [...at, "local", "path"],
      message: `names a folder, got "${path}". Fix: name the state file in it, such as "${path}terraform.{environment}.tfstate".`,
    });
  }
}

/** `router`: the zones the names must be in; undefined when certkit writes no record for them. */
function checkDomains(
  domains: readonly string[],
  at: KeyPath,
  router: ZoneRouter | undefined,
  out: RuleFindings,
): void {
  const seen = new Map<string, number>();
  domains.forEach((raw, i) => {
    const path = [...at, i];
    const name = normalizeDomain(raw);
    if (name !== raw) {
      out.warnings.push({
        path: path,
        message: `"${raw}" is used as "${name}" (DNS names are case-insensitive; ACM wants lowercase).`,
      });
    }
    const problem = domainNameProblem(name) ?? validationRecordProblem(name);
    if (problem) {
      out.issues.push({ path, message: problem });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      out.issues.push({
        path,
        message: `"${name}" repeats domains[${first}]. Fix: list each name once.`,
      });
    }
    seen.set(name, first ?? i);
    if (router && !router.route(name)) {
      const zones = router.names;
      out.issues.push({
        path,
        message: `"${name}" is under no configured zone (${zones.length ? `configured: ${zones.join(", ")}` : "none configured"}). Fix: add its zone under ${ZONE_SECTIONS}, or correct the name.`,
      });
    }
    const zone = router?.route(name);
    if (zone?.privateZone) {
      out.issues.push({
        path,
        message: `"${name}" would be validated in private zone ${zone.name}, where ACM cannot see the record (it resolves the validation CNAME on the public internet). Fix: configure the public zone of the name for its validation record, or use waitForValidation: false and write the record in public DNS yourself.`,
      });
    }
  });
  const primary = normalizeDomain(domains[0] ?? "");
  if (primary.length > MAX_PRIMARY_NAME_LENGTH) {
    out.issues.push({
      path: [...at, 0],
      message: `the primary name must be ${MAX_PRIMARY_NAME_LENGTH} characters or less (ACM's limit on the first name), got ${primary.length}: "${primary}". Fix: put a shorter name first; longer names may follow as alternative names.`,
    });
  }
  if (domains.length > MAX_NAMES) {
    out.issues.push({
      path: at,
      message: `has ${domains.length} names; ACM allows at most ${MAX_NAMES} per certificate. Fix: split it into several certificates.`,
    });
  } else if (domains.length > DEFAULT_NAMES_QUOTA) {
    out.warnings.push({
      path: at,
      message: `${domains.length} names exceed ACM's default quota of ${DEFAULT_NAMES_QUOTA} per certificate; request a quota increase (up to ${MAX_NAMES}) before deploying, or split the certificate.`,
    });
  }
}

/** Certificates sharing a validation record (one per validated name) must ask for one TTL. */
function checkValidationTtls(env: EnvironmentConfig, at: KeyPath, out: RuleFindings): void {
  const first = new Map<string, { certificate: string; ttl: number }>();
  for (const cert of certificatesOf(env)) {
    const ttl = env.certificates[cert.name].validationTtlSeconds;
    for (const base of new Set(cert.domains.map(baseName))) {
      const seen = first.get(base);
      if (!seen) first.set(base, { certificate: cert.name, ttl });
      else if (seen.ttl !== ttl) {
        out.issues.push({
          path: [...at, "certificates", cert.name, "validationTtlSeconds"],
          message: `is ${ttl}, but certificate ${seen.certificate} sets ${seen.ttl} and shares the validation record for "${base}" with it; one record has one TTL. Fix: set the same validationTtlSeconds on both.`,
        });
        break;
      }
    }
  }
}

/** TTL 1 means "automatic" at hosts that have it; elsewhere it is refused. */
function checkAutomaticTtls(
  env: EnvironmentConfig,
  at: KeyPath,
  router: ZoneRouter,
  out: RuleFindings,
): void {
  for (const cert of certificatesOf(env)) {
    if (env.certificates[cert.name].validationTtlSeconds !== 1) continue;
    const zone = cert.domains
      .map((d) => router.route(d))
      .find((z) => z && !capabilitiesOf(z.provider).automaticTtl);
    if (!zone) continue;
    out.issues.push({
      path: [...at, "certificates", cert.name, "validationTtlSeconds"],
      message: `is 1 (automatic), which ${capabilitiesOf(zone.provider).label} does not have (zone ${zone.name}). Fix: use 60 to 86400 seconds, such as 60 (the default).`,
    });
  }
}

/**
 * Without a top-level project, a `project` tag prefixes the environment's AWS-side
 * names (topic, key alias, event rule: letters, digits, "-" and "_"; 256 characters
 * with certkit's additions).
 */
function checkNamePrefix(cfg: CertkitConfig, out: RuleFindings): void {
  if (cfg.project !== undefined) return;
  const reported = new Set<string>();
  for (const [name, env] of Object.entries(cfg.environments)) {
    const own = env.tags?.project !== undefined;
    const tag = own ? env.tags?.project : cfg.defaults?.tags?.project;
    if (tag === undefined) continue;
    const path: KeyPath = own
      ? ["environments", name, "tags", "project"]
      : ["defaults", "tags", "project"];
    const base = awsNameBase(name, tag);
    if (AWS_NAME_BASE.test(base) || reported.has(formatPath(path))) continue;
    reported.add(formatPath(path));
    out.issues.push({
      path,
      message: `prefixes environment ${name}'s AWS names ("${base}-certificate-expiry"), which take letters, digits, "-" and "_" only, ${MAX_AWS_NAME_BASE} characters at most with the environment's name, got "${tag}". Fix: set the top-level project: (it replaces this tag), or use only those characters here.`,
    });
  }
}

/** `<project>-<environment>` in `alias/certkit-<it>-expiry` (KMS aliases: 256 characters). */
const MAX_AWS_NAME_BASE = 235;
const AWS_NAME_BASE = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_AWS_NAME_BASE}}$`);

const backendKinds = (backend: NonNullable<EnvironmentConfig["backend"]>) =>
  (["local", "s3", "cloud"] as const).filter((k) => backend[k] !== undefined);

/**
 * Two stacks with one state would each destroy the other's resources on apply:
 * every stack certkit makes (environments, `<env>-ingress`, `zones`) needs its own.
 */
function checkSharedState(cfg: CertkitConfig, out: RuleFindings): void {
  interface Stack {
    name: string;
    /** What `{environment}` stands for in its backend. */
    environment: string;
    backend: BackendConfig | undefined;
    path: KeyPath;
    ingress?: boolean;
  }
  const from = (env: string) => {
    const own = cfg.environments[env]?.backend;
    return own
      ? { backend: own, path: ["environments", env, "backend"] }
      : { backend: cfg.defaults?.backend, path: ["defaults", "backend"] };
  };
  const stacks: Stack[] = [];
  for (const [name, env] of Object.entries(cfg.environments)) {
    stacks.push({ name, environment: name, ...from(name) });
    if (needsIngressStack(Object.values(env.certificates))) {
      stacks.push({
        name: ingressStackName(name),
        environment: name,
        ingress: true,
        ...from(name),
      });
    }
  }
  if (hasZoneSettings(cfg)) {
    stacks.push({ name: ZONES_STACK, environment: ZONES_STACK, ...from(ZONES_STACK) });
  }
  const stateAt = (s: Stack, environment = s.environment) => {
    const resolved = resolveBackend(s.backend, environment);
    return { kind: resolved.kind, ...stateOf(s.ingress ? ingressBackend(resolved) : resolved) };
  };
  // A key without {environment} gives every stack that uses it one state: that key is the culprit.
  const fixed = (s: Stack) => stateAt(s).where === stateAt(s, `${s.environment}-other`).where;
  const seen = new Map<string, Stack>();
  const reported = new Set<string>();
  for (const stack of stacks) {
    if (stack.backend && backendKinds(stack.backend).length !== 1) continue; // reported by checkBackend
    const state = stateAt(stack);
    const other = seen.get(state.where);
    if (other === undefined) {
      seen.set(state.where, stack);
      continue;
    }
    const culprit = fixed(other) && !fixed(stack) ? other : stack;
    const { kind, key, example } = stateAt(culprit);
    const at = [...culprit.path, kind, key];
    if (reported.has(formatPath(at))) continue;
    reported.add(formatPath(at));
    const fix = fixed(culprit)
      ? `put {environment} in it, such as "${example}"`
      : `make it differ from the ${key} of stack ${culprit === stack ? other.name : stack.name}`;
    out.issues.push({
      path: at,
      message: `gives stacks ${other.name} and ${stack.name} the same state (${state.where}); each stack's apply would destroy the other's resources. Fix: ${fix}.`,
    });
  }
}

/** Where a resolved backend keeps state, and which key to change. */
function stateOf(b: ResolvedBackend): { key: string; where: string; example: string } {
  switch (b.kind) {
    case "s3":
      return {
        key: "key",
        where: `s3://${b.bucket}/${b.key}`,
        example: "certkit/{environment}.tfstate",
      };
    case "cloud":
      return {
        key: "workspace",
        where: `workspace ${b.workspace} of ${b.organization}${b.hostname ? ` on ${b.hostname}` : ""}`,
        example: "certkit-{environment}",
      };
    case "local":
      return {
        key: "path",
        // `./a.tfstate` and `a.tfstate` are one file.
        where: `local file ${posix.normalize(b.path)}`,
        example: "terraform.{environment}.tfstate",
      };
  }
}

/**
 * One bucket lives in one region: an s3 backend without `region` takes each
 * stack's region, which is wrong for all but one when they differ.
 */
function checkStateBucketRegion(cfg: CertkitConfig, out: RuleFindings): void {
  const s3 = cfg.defaults?.backend?.s3;
  if (!s3 || s3.region) return;
  const regionsByBucket = new Map<string, Set<string>>();
  const use = (environment: string, region: string | undefined) => {
    const bucket = s3.bucket.replace(/\{environment\}/g, environment);
    if (region) regionsByBucket.set(bucket, (regionsByBucket.get(bucket) ?? new Set()).add(region));
  };
  for (const [name, env] of Object.entries(cfg.environments)) {
    if (!env.backend) use(name, effectiveRegion(cfg, env));
  }
  if (hasZoneSettings(cfg)) {
    use(ZONES_STACK, zonesStackRegion(cfg));
    if (s3.bucket.includes("{environment}")) {
      out.warnings.push({
        path: ["defaults", "backend", "s3", "bucket"],
        message: `the zones stack keeps its state in bucket "${s3.bucket.replace(/\{environment\}/g, ZONES_STACK)}" ({environment} = ${ZONES_STACK}); create that bucket before \`cdktf deploy ${ZONES_STACK}\`.`,
      });
    }
  }
  for (const [bucket, regions] of regionsByBucket) {
    if (regions.size < 2) continue;
    out.issues.push({
      path: ["defaults", "backend", "s3"],
      message: `has no region, but bucket ${bucket} would be reached in ${[...regions].sort().join(" and ")}; a bucket is in one region. Fix: set region: to the bucket's region.`,
    });
  }
}

/**
 * Two environments in one AWS account get the same validation CNAME for a name;
 * two stacks managing one DNS record would fight over it. Records certkit only
 * reports (external zones) belong to no stack.
 */
function checkSharedValidationRecords(
  cfg: CertkitConfig,
  router: ZoneRouter,
  out: RuleFindings,
): void {
  const envs: EnvUse[] = Object.entries(cfg.environments).map(([name, env]) => ({
    name,
    env,
    accountId: env.accountId ?? cfg.defaults?.accountId,
    owners: Object.fromEntries(
      Object.entries(env.validationRecordOwners ?? {}).map(([n, o]) => [normalizeDomain(n), o]),
    ),
    uses: validatedNames(name, env, router),
    router,
  }));
  for (const e of envs) {
    // The key as written: the path must lead to it.
    for (const [key, owner] of Object.entries(
      cfg.environments[e.name].validationRecordOwners ?? {},
    )) {
      const problem = ownerProblem(
        e,
        normalizeDomain(key),
        envs.find((x) => x.name === owner),
        envs,
      );
      if (problem)
        out.issues.push({
          path: ["environments", e.name, "validationRecordOwners", key],
          message: problem,
        });
    }
  }
  for (const [a, b] of pairsSharingAName(envs)) {
    const shared = [...a.uses.keys()].filter(
      (n) => b.uses.has(n) && a.owners[n] === undefined && b.owners[n] === undefined,
    );
    if (!shared.length) continue;
    if (a.accountId && a.accountId === b.accountId) {
      for (const n of shared) {
        out.issues.push({
          path: b.uses.get(n)!,
          message: `the validation record for "${n}" is also needed by environment ${a.name} in the same account ${a.accountId}; both stacks would manage one ${capabilitiesOf(router.route(n)!.provider).label} record. Fix: choose its owner: add \`validationRecordOwners: { "${n}": ${a.name} }\` to environments.${b.name} (or the reverse in ${a.name}).`,
        });
      }
    } else if (!a.accountId || !b.accountId) {
      out.warnings.push({
        path: b.uses.get(shared[0]) ?? ["environments", b.name],
        message: `environments ${a.name} and ${b.name} both validate ${shared.join(", ")}; if they share an AWS account their validation records collide. Set accountId on both so certkit can check.`,
      });
    }
  }
}

/**
 * Pairs of environments (in config order) that validate at least one common name.
 * Found through an index by name: comparing every pair grew with the square of
 * the number of environments.
 */
function pairsSharingAName(envs: readonly EnvUse[]): [EnvUse, EnvUse][] {
  const users = new Map<string, number[]>();
  envs.forEach((e, i) => {
    for (const n of e.uses.keys()) {
      const u = users.get(n);
      if (u) u.push(i);
      else users.set(n, [i]);
    }
  });
  const pairs = new Map<string, [number, number]>();
  for (const u of users.values()) {
    for (let x = 0; x < u.length; x++) {
      for (let y = x + 1; y < u.length; y++) pairs.set(`${u[x]} ${u[y]}`, [u[x], u[y]]);
    }
  }
  return [...pairs.values()]
    .sort(([a, b], [c, d]) => a - c || b - d)
    .map(([i, j]) => [envs[i], envs[j]]);
}

interface EnvUse {
  readonly name: string;
  readonly accountId?: string;
  readonly owners: Record<string, string>;
  readonly uses: Map<string, KeyPath>;
  readonly router: ZoneRouter;
}

/** What is wrong with `e` leaving the record for `n` to `owner`, if anything. */
function ownerProblem(
  e: EnvUse,
  n: string,
  owner: EnvUse | undefined,
  all: readonly EnvUse[],
): string | undefined {
  if (isWildcard(n)) {
    return `names a wildcard; x and *.x share one validation record, keyed by x. Fix: write "${baseName(n)}".`;
  }
  const zone = e.router.route(n);
  if (zone && !capabilitiesOf(zone.provider).writesRecords) {
    return `"${n}" is in zone ${zone.name} at ${capabilitiesOf(zone.provider).label}: certkit writes no record there, so no stack owns it. Fix: remove the entry.`;
  }
  if (!e.uses.has(n))
    return `this environment validates no certificate name "${n}". Fix: remove the entry.`;
  if (!owner || owner === e) {
    const others = all.filter((x) => x !== e).map((x) => x.name);
    return `"${e.owners[n]}" is not another environment. Fix: name the environment whose stack creates the record (${others.join(", ") || "none"}).`;
  }
  if (!e.accountId || owner.accountId !== e.accountId) {
    return `environment ${owner.name} is not declared in the same AWS account, so its record would not be this one. Fix: set the same accountId on both, or remove the entry.`;
  }
  if (!owner.uses.has(n)) {
    return `environment ${owner.name} does not validate "${n}", so it creates no such record. Fix: choose an environment that does.`;
  }
  if (owner.owners[n] !== undefined) {
    return `environment ${owner.name} also leaves "${n}" to another environment. Fix: exactly one environment owns the record; remove one of the two entries.`;
  }
  return undefined;
}

/**
 * Base names whose validation record an environment's stack writes, with the key
 * path of the first place each appears.
 */
function validatedNames(
  envName: string,
  env: EnvironmentConfig,
  router: ZoneRouter,
): Map<string, KeyPath> {
  const names = new Map<string, KeyPath>();
  for (const cert of certificatesOf(env)) {
    cert.domains.forEach((d, i) => {
      const base = baseName(d);
      const zone = router.route(base);
      if (zone && !capabilitiesOf(zone.provider).writesRecords) return;
      if (!names.has(base))
        names.set(base, ["environments", envName, "certificates", cert.name, "domains", i]);
    });
  }
  return names;
}
