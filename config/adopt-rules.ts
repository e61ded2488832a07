// Checks of `environments.<env>.adopt`: each entry names something certkit writes in
// that environment, in the right region and account, and no address or remote
// object is imported twice (Terraform binds one object to one address).
import { baseName, isWildcard, normalizeDomain } from "../domains/names";
import { planValidationRecords } from "../domains/validation-records";
import type { DnsHost } from "../domains/dns-hosts";
import { type ZoneRoute, ZoneRouter } from "../domains/zones";
import { CLOUDFLARE_RECORD_ID, ROUTE53_RECORD_ID } from "./adopt-schema";
import { hasAliasTarget } from "./endpoint-rules";
import { ConfigIssue, KeyPath, formatPath } from "./issues";
import {
  CLOUDFRONT_CERTIFICATE_REGION,
  certificatesOf,
  configuredZones,
  effectiveRegion,
  zoneRoutes,
} from "./derive";
import type { CertkitConfig, EnvironmentConfig } from "./schema";

/** `arn:<partition>:acm:<region>:<account>:certificate/<id>`. */
const ACM_ARN =
  /^arn:aws(?:-cn|-us-gov)?:acm:([a-z0-9-]+):([0-9]{12}):certificate\/[0-9a-f-]{1,64}$/;

export interface AcmArn {
  readonly region: string;
  readonly accountId: string;
}

/** Region and account of an ACM certificate ARN, or undefined when `arn` is not one. */
export function parseAcmArn(arn: string): AcmArn | undefined {
  const m = ACM_ARN.exec(arn);
  return m ? { region: m[1], accountId: m[2] } : undefined;
}

export function checkAdopt(cfg: CertkitConfig, out: { issues: ConfigIssue[] }): void {
  const router = new ZoneRouter(zoneRoutes(cfg));
  for (const [envName, env] of Object.entries(cfg.environments)) {
    if (!env.adopt) continue;
    const at: KeyPath = ["environments", envName, "adopt"];
    checkCertificates(cfg, env, at, out.issues);
    // Record ids across both maps: one DNS record, one address.
    const recordIds = new Map<string, KeyPath>();
    const zones = new Map(configuredZones(cfg).map((z) => [z.route.name, z]));
    const owners = new Set(Object.keys(env.validationRecordOwners ?? {}).map(normalizeDomain));
    const validationNames = planValidationRecords(certificatesOf(env), router)
      .map((r) => r.baseName)
      .filter((n) => !owners.has(n));
    checkRecords(env.adopt.validationRecords, [...at, "validationRecords"], {
      written: validationNames,
      what: "validation record",
      wildcardFix: (k) =>
        `"${k}" and "${baseName(k)}" share one validation record. Fix: write the entry as ${baseName(k)}.`,
      idProblem: (name, id) => {
        const zone = router.route(name)!;
        return RECORD_IDS[zone.provider as DnsHost]({ name, id, zone, validation: true });
      },
      recordIds,
      issues: out.issues,
    });
    const aliases = new Map(
      Object.values(env.certificates).flatMap((c) =>
        (c.hostnames ?? []).map(
          (h) => [normalizeDomain(typeof h === "string" ? h : h.name), hasAliasTarget(c)] as const,
        ),
      ),
    );
    checkRecords(env.adopt.hostnames, [...at, "hostnames"], {
      written: [...aliases.keys()],
      what: "app record",
      idProblem: (name, id) => {
        const zone = router.route(name)!;
        return RECORD_IDS[zone.provider as DnsHost]({
          name,
          id,
          zone,
          validation: false,
          alias: aliases.get(name) === true,
          zoneId: zones.get(zone.name)?.route.zoneId,
        });
      },
      recordIds,
      issues: out.issues,
    });
  }
}

function checkCertificates(
  cfg: CertkitConfig,
  env: EnvironmentConfig,
  at: KeyPath,
  issues: ConfigIssue[],
): void {
  const accountId = env.accountId ?? cfg.defaults?.accountId;
  const arns = new Map<string, string>();
  for (const [name, arn] of Object.entries(env.adopt?.certificates ?? {})) {
    const path = [...at, "certificates", name];
    const cert = env.certificates[name];
    if (!cert) {
      const names = Object.keys(env.certificates);
      issues.push({
        path,
        message: `"${name}" is not a certificate of this environment (${names.length ? `its certificates: ${names.join(", ")}` : "it has none"}). Fix: use the name of the certificate the ARN stands for, or remove the entry.`,
      });
      continue;
    }
    const parsed = parseAcmArn(arn);
    if (!parsed) {
      issues.push({
        path,
        message: `is not an ACM certificate ARN, got "${arn}". Fix: copy it from \`aws acm list-certificates\` (arn:aws:acm:<region>:<account>:certificate/<id>).`,
      });
      continue;
    }
    const region = cert.attach?.cloudfront
      ? CLOUDFRONT_CERTIFICATE_REGION
      : effectiveRegion(cfg, env);
    if (region && parsed.region !== region) {
      const why = cert.attach?.cloudfront
        ? " (CloudFront takes certificates from us-east-1 only)"
        : "";
      issues.push({
        path,
        message: `is a certificate in ${parsed.region}, but certificate ${name} lives in ${region}${why}. Fix: adopt a certificate from ${region}, or remove the entry and let certkit request a new one.`,
      });
    }
    if (accountId && parsed.accountId !== accountId) {
      issues.push({
        path,
        message: `is a certificate of account ${parsed.accountId}, but the environment's accountId is ${accountId}. Fix: adopt a certificate of account ${accountId}, or correct accountId.`,
      });
    }
    const first = arns.get(arn);
    if (first) {
      issues.push({
        path,
        message: `adopts the same ARN as certificates.${first}; one certificate can belong to one certificate name only. Fix: keep one of the entries.`,
      });
    }
    arns.set(arn, first ?? name);
  }
}

interface RecordCheck {
  /** Names certkit writes such a record at, in this environment. */
  readonly written: readonly string[];
  readonly what: string;
  readonly wildcardFix?: (key: string) => string;
  /** What is wrong with `id` for the record at `name`, at the host of its zone. */
  readonly idProblem: (name: string, id: string) => string | undefined;
  readonly recordIds: Map<string, KeyPath>;
  readonly issues: ConfigIssue[];
}

function checkRecords(
  entries: Record<string, string> | undefined,
  at: KeyPath,
  check: RecordCheck,
): void {
  const seen = new Map<string, string>();
  for (const [key, id] of Object.entries(entries ?? {})) {
    const path = [...at, key];
    const name = normalizeDomain(key);
    if (isWildcard(name) && check.wildcardFix) {
      check.issues.push({ path, message: check.wildcardFix(key) });
      continue;
    }
    if (!check.written.includes(name)) {
      const written = [...new Set(check.written)].sort();
      check.issues.push({
        path,
        message: `certkit writes no ${check.what} at "${name}" in this environment (${written.length ? `it writes: ${written.join(", ")}` : "it writes none"}). Fix: use one of those names, or remove the entry.`,
      });
      continue;
    }
    const sameName = seen.get(name);
    if (sameName !== undefined) {
      check.issues.push({
        path,
        message: `"${key}" and "${sameName}" name one record (DNS names are case-insensitive). Fix: keep one.`,
      });
      continue;
    }
    seen.set(name, key);
    const problem = check.idProblem(name, id);
    if (problem) {
      check.issues.push({ path, message: problem });
      continue;
    }
    const other = check.recordIds.get(id);
    if (other) {
      check.issues.push({
        path,
        message: `record ${id} is also adopted at ${formatPath(other)}; one DNS record can belong to one address only. Fix: keep the entry whose name the record has.`,
      });
      continue;
    }
    check.recordIds.set(id, path);
  }
}

interface RecordIdUse {
  /** The record's name (a hostname, or the base name a validation record is keyed by). */
  readonly name: string;
  readonly id: string;
  readonly zone: ZoneRoute;
  readonly validation: boolean;
  /** An app record that is an alias where the host has them. */
  readonly alias?: boolean;
  /** The configured zone id. @default - looked up by name */
  readonly zoneId?: string;
}

/** How each DNS host names an existing record to take over: one entry per host. */
const RECORD_IDS: Record<DnsHost, (use: RecordIdUse) => string | undefined> = {
  cloudflare: ({ id, zone }) =>
    CLOUDFLARE_RECORD_ID.test(id)
      ? undefined
      : `is not a Cloudflare record id, got "${id}", and ${zone.name} is a Cloudflare zone. Fix: copy the record's id (32 lowercase hex characters) from Cloudflare's API, or let \`npx certkit adopt <env>\` write it.`,
  route53: ({ name, id, zone, validation, alias, zoneId }) => {
    if (validation) {
      return `names a validation record in Route 53 zone ${zone.name}, which needs no adopting: certkit's record takes the existing one over (allow_overwrite; ACM gives every certificate of a name in one account the same CNAME). Fix: remove the entry.`;
    }
    const type = alias ? "A" : "CNAME";
    const expected = `${zoneId ?? "<zone id>"}_${name}_${type}`;
    const m = ROUTE53_RECORD_ID.exec(id);
    if (!m || m[2] !== name || m[3] !== type || (zoneId !== undefined && m[1] !== zoneId)) {
      return `is not the Route 53 record certkit writes at "${name}" (${alias ? "an alias A record" : "a CNAME"} in zone ${zone.name}), got "${id}". Fix: write "${expected}" (the provider's import id: zone id, name, type).`;
    }
    return undefined;
  },
  external: ({ zone }) =>
    `names a record in zone ${zone.name} at an external DNS host, where certkit writes nothing (it lists the records in output external_dns_records). Fix: remove the entry.`,
};
