// Which validation CNAMEs an environment needs, de-duplicated, with stable ids.
import { baseName, idPart } from "./names";
import { ZoneRoute, ZoneRouter } from "./zones";

/** One validation CNAME, shared by every certificate of the environment that names it. */
export interface ValidationRecordPlan {
  /** Stable id derived from the validated name: never from list positions. */
  readonly id: string;
  /** The name the record validates, with any `*.` removed. */
  readonly baseName: string;
  readonly zone: ZoneRoute;
  /** Certificates (config keys, sorted) whose validation needs this record. */
  readonly certificates: readonly string[];
  /** The certificate whose validation options give the record's name and value. */
  readonly source: { readonly certificate: string; readonly domain: string };
}

export interface CertificateNames {
  readonly name: string;
  readonly domains: readonly string[];
}

/**
 * `x` and `*.x` get the same CNAME, and so do two certificates naming the same
 * domain in one account: one record each, keyed by the base name. Names no zone
 * holds are skipped here; config rules report them.
 */
export function planValidationRecords(
  certificates: readonly CertificateNames[],
  router: ZoneRouter,
): ValidationRecordPlan[] {
  const byBase = new Map<
    string,
    Omit<ValidationRecordPlan, "id" | "certificates"> & { certs: Set<string> }
  >();
  // Certificates in name order: the first one naming a base is its source, so
  // reordering the config never changes a record.
  const sorted = [...certificates].sort((a, b) => a.name.localeCompare(b.name));
  for (const cert of sorted) {
    for (const domain of cert.domains) {
      const base = baseName(domain);
      const zone = router.route(base);
      if (!zone) continue;
      const entry = byBase.get(base) ?? {
        baseName: base,
        zone,
        // The name itself over its wildcard (same CNAME), so reordering domains changes nothing.
        source: { certificate: cert.name, domain: cert.domains.includes(base) ? base : domain },
        certs: new Set<string>(),
      };
      entry.certs.add(cert.name);
      byBase.set(base, entry);
    }
  }
  return [...byBase.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([base, { certs, ...rest }]) => ({
      ...rest,
      id: validationRecordId(base),
      certificates: [...certs].sort(),
    }));
}

/** `api.example.com` -> `acm_validation_api_example_com`; injective because labels hold no `_`. */
export function validationRecordId(base: string): string {
  return `acm_validation_${idPart(base)}`;
}
