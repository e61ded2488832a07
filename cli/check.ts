// `certkit check <env>`: reads live state and reports what would break apply or
// renewal, each with what, where and the fix. Reads only. Exit 0 nothing blocks,
// 1 something does, 2 could not read.
import { baseName, isWildcard } from "../domains/names";
import type { ResolvedEnvironment } from "../config/resolve";
import { AcmReader } from "./live/acm";
import { CloudflareReader, LiveRecord, LiveZone } from "./live/cloudflare";
import { environmentFrom, zonesOf } from "./environment";
import { CliError, EXIT } from "./errors";

export const CHECK_USAGE = `usage: certkit check <environment>
  Reads Cloudflare and ACM (never writes) and reports what would make \`cdktf deploy\`
  fail or ACM stop renewing: records in the way of the ones certkit writes, CNAME
  flattening, Universal SSL, CAA records, adopted certificates that differ from the
  config or will not renew.
  Needs CLOUDFLARE_API_TOKEN (Zone:Read, DNS:Read, Zone Settings:Read, SSL and
  Certificates:Read) and AWS credentials that may describe ACM certificates.
  Exit 0 nothing blocks, 1 something does, 2 could not read (or bad arguments).`;

/** CAs whose CAA value lets ACM issue (ACM's CAA documentation). */
export const AMAZON_CAS = ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"];

export async function check(args: string[], file: string): Promise<number> {
  const unknown = args.filter((a) => a.startsWith("-"));
  if (unknown.length) throw new CliError(`unknown option ${unknown[0]}.\n${CHECK_USAGE}`);
  if (args.length > 1) throw new CliError(`one environment at a time.\n${CHECK_USAGE}`);
  const { env } = environmentFrom(file, args[0], CHECK_USAGE);
  const problems = await findProblems(env, new CloudflareReader(), new AcmReader());
  if (!problems.length) {
    console.log(`certkit check ${env.name}: nothing found that blocks apply or renewal.`);
    return EXIT.ok;
  }
  console.log(
    `certkit check ${env.name}: ${problems.length} problem${problems.length === 1 ? "" : "s"} would break apply or renewal:`,
  );
  for (const p of problems) console.log(`  - ${p}`);
  return EXIT.problem;
}

/** Every problem once, in a stable order: records, zones, CAA, certificates. */
export async function findProblems(
  env: ResolvedEnvironment,
  cloudflare: CloudflareReader,
  acm: AcmReader,
): Promise<string[]> {
  const problems: string[] = [];
  const zones = new Map<string, LiveZone>();
  for (const z of zonesOf(env)) zones.set(z.name, await cloudflare.zone(z));
  const adopt = `npx certkit adopt ${env.name}`;

  // Adopted certificates as ACM has them (their validation names, for the records below).
  const certificates = new Map(
    await Promise.all(
      env.certificates
        .filter((c) => c.adoptArn)
        .map(async (c) => [c.name, await acm.describeIfExists(c.adoptArn!, c.region)] as const),
    ),
  );

  // Records certkit writes: app CNAMEs, then validation CNAMEs.
  for (const c of env.certificates) {
    for (const h of c.hostnames) {
      const zone = zones.get(h.zone.name);
      if (!zone) continue;
      problems.push(
        ...inTheWay(
          zone,
          h.name,
          h.adoptRecordId,
          `app record of ${c.name}`,
          adopt,
          (r) => r.type === "CNAME",
        ),
      );
    }
  }
  for (const r of env.validationRecords) {
    const zone = zones.get(r.zone.name);
    if (!zone) continue;
    const asked = r.certificates
      .map((c) => certificates.get(c)?.validation.get(r.baseName))
      .find((v) => v !== undefined);
    if (asked) {
      problems.push(
        ...inTheWay(
          zone,
          asked.name,
          r.adoptRecordId,
          `validation record of ${r.baseName}`,
          adopt,
          (x) => x.type === "CNAME",
        ),
      );
      continue;
    }
    // A new certificate gets the validation name ACM already gave this account for the name.
    const earlier = zone.records.filter(
      (x) =>
        x.type === "CNAME" &&
        x.name.endsWith(`.${r.baseName}`) &&
        /^_[0-9a-z]+$/.test(x.name.slice(0, -r.baseName.length - 1)) &&
        /(^|\.)acm-validations\.aws$/.test(x.content) &&
        x.id !== r.adoptRecordId,
    );
    for (const x of earlier) {
      problems.push(
        `${x.name} (zone ${zone.name}): a validation CNAME for ${r.baseName} exists (record ${x.id}) and is not adopted; ACM gives every certificate of an account the same name, so creating certkit's fails (Cloudflare error 81053). Fix: ${adopt}, or delete the record if no certificate uses it.`,
      );
    }
  }
  if (env.validationRecords.some((r) => r.adoptRecordId)) {
    for (const r of env.validationRecords) {
      const zone = zones.get(r.zone.name);
      if (zone && r.adoptRecordId && !zone.records.some((x) => x.id === r.adoptRecordId)) {
        problems.push(
          `adopt.validationRecords["${r.baseName}"]: record ${r.adoptRecordId} is not in zone ${zone.name}; the import fails. Fix: ${adopt} again, or remove the entry.`,
        );
      }
    }
  }

  // Zone settings: flattening hides validation CNAMEs; the proxy needs an edge certificate.
  const validationZones = new Set(env.validationRecords.map((r) => r.zone.name));
  const proxied = env.certificates.flatMap((c) => c.hostnames.filter((h) => h.proxied));
  for (const zone of zones.values()) {
    if (
      validationZones.has(zone.name) &&
      (await cloudflare.cnameFlattening(zone)) === "flatten_all"
    ) {
      problems.push(
        `zone ${zone.name}: CNAME flattening is on for all CNAMEs, so the validation CNAMEs are answered as addresses and ACM cannot validate or renew. Fix: set CNAME flattening to "Flatten CNAME at apex" (DNS settings of the zone).`,
      );
    }
    const here = proxied.filter((h) => h.zone.name === zone.name).map((h) => h.name);
    if (here.length && !(await cloudflare.universalSsl(zone))) {
      problems.push(
        `zone ${zone.name}: Universal SSL is disabled, and ${here.join(", ")} ${here.length === 1 ? "is" : "are"} proxied: Cloudflare's edge has no certificate to serve. Fix: enable Universal SSL (SSL/TLS > Edge Certificates), or make ${here.length === 1 ? "it" : "them"} DNS-only (proxied: false).`,
      );
    }
  }

  problems.push(...caaProblems(env, zones));

  for (const c of env.certificates) {
    if (!c.adoptArn) continue;
    const live = certificates.get(c.name);
    const at = `adopt.certificates.${c.name}`;
    if (!live) {
      problems.push(
        `${at}: ${c.adoptArn} does not exist in ${c.region}; the import fails. Fix: ${adopt} again, or remove the entry.`,
      );
      continue;
    }
    const names = [...live.names].sort().join(", ");
    if (names !== [...c.domains].sort().join(", ")) {
      problems.push(
        `${at}: the certificate has ${names}, the config ${c.domains.join(", ")}: deploy would replace it (a new certificate, then the Ingress must move to it). Fix: list exactly its names in certificates.${c.name}.domains, or accept the replacement.`,
      );
    }
    if (live.keyAlgorithm !== c.keyAlgorithm) {
      problems.push(
        `${at}: the certificate's key algorithm is ${live.keyAlgorithm}, the config's ${c.keyAlgorithm}: deploy would replace it. Fix: set certificates.${c.name}.keyAlgorithm: ${live.keyAlgorithm}, or accept the replacement.`,
      );
    }
    if (live.status === "PENDING_VALIDATION" || live.status === "FAILED") {
      problems.push(
        `${at}: the certificate is ${live.status}; it cannot be served. Fix: ${live.status === "FAILED" ? "remove the entry so that certkit requests a new one" : "let its validation CNAME resolve (or remove the entry)"}.`,
      );
    }
    if (live.renewalEligibility === "INELIGIBLE") {
      problems.push(
        `${at}: ACM will not renew the certificate (RenewalEligibility INELIGIBLE: not in use by any AWS service). Fix: attach it (deploy, and for an Ingress the helm upgrade) well before it expires.`,
      );
    }
  }
  return [...new Set(problems)];
}

/**
 * Records at `name` that creating certkit's record there would collide with: another
 * type (a CNAME must stand alone), or a record of the right kind that is not adopted.
 */
function inTheWay(
  zone: LiveZone,
  name: string,
  adoptedId: string | undefined,
  what: string,
  adopt: string,
  isSameKind: (r: LiveRecord) => boolean,
): string[] {
  const out: string[] = [];
  const there = zone.records.filter((r) => r.name === name);
  for (const r of there) {
    if (!isSameKind(r)) {
      out.push(
        `${name} (zone ${zone.name}): a${/^[AEIOU]/.test(r.type) ? "n" : ""} ${r.type} record (record ${r.id}) is where certkit writes the ${what}, a CNAME; Cloudflare refuses a CNAME beside any other record. Fix: delete it once traffic no longer needs it, or remove the name from the config.`,
      );
    } else if (r.id !== adoptedId) {
      out.push(
        `${name} (zone ${zone.name}): a CNAME exists (record ${r.id}) and is not adopted; deploy fails creating the ${what} (Cloudflare error 81053). Fix: ${adopt}, or delete the record.`,
      );
    }
  }
  if (adoptedId && !there.some((r) => r.id === adoptedId)) {
    out.push(
      `${name} (zone ${zone.name}): the adopted record ${adoptedId} is not there; the import fails. Fix: ${adopt} again, or remove the entry.`,
    );
  }
  return out;
}

/**
 * CAA (RFC 8659): for each name, the closest name at or above it that has CAA records
 * decides; ACM needs `issue` (`issuewild` for wildcards, else `issue`) naming one of
 * Amazon's CAs. One problem per deciding name and tag, listing the names it blocks.
 */
function caaProblems(env: ResolvedEnvironment, zones: ReadonlyMap<string, LiveZone>): string[] {
  const zoneOf = new Map(env.validationRecords.map((r) => [r.baseName, zones.get(r.zone.name)]));
  const blocked = new Map<
    string,
    { zone: string; tag: string; values: string[]; names: string[] }
  >();
  for (const c of env.certificates) {
    for (const domain of c.domains) {
      const zone = zoneOf.get(baseName(domain));
      if (!zone) continue;
      for (let n = baseName(domain); ; n = n.slice(n.indexOf(".") + 1)) {
        const caa = zone.records.filter((r) => r.type === "CAA" && r.name === n && r.caa);
        if (caa.length) {
          const wild = isWildcard(domain) && caa.some((r) => r.caa!.tag === "issuewild");
          const tag = wild ? "issuewild" : "issue";
          const rules = caa.filter((r) => r.caa!.tag === tag);
          const allowed = rules.some((r) => AMAZON_CAS.includes(r.caa!.value.split(";")[0].trim()));
          if (rules.length && !allowed) {
            const key = `${n} ${tag}`;
            const entry = blocked.get(key) ?? {
              zone: zone.name,
              tag,
              values: [...new Set(rules.map((r) => r.caa!.value))],
              names: [],
            };
            if (!entry.names.includes(domain)) entry.names.push(domain);
            blocked.set(key, entry);
          }
          break;
        }
        if (n === zone.name || !n.includes(".")) break;
      }
    }
  }
  return [...blocked.entries()].map(
    ([key, b]) =>
      `${key.split(" ")[0]} (zone ${b.zone}): its CAA ${b.tag} records allow only ${b.values.join(", ")}, so ACM cannot issue or renew ${b.names.join(", ")}. Fix: add a CAA record \`0 ${b.tag} "amazon.com"\` at ${key.split(" ")[0]} (or set cloudflare.zones["${b.zone}"].caa: true when that is the apex).`,
  );
}
